#pragma once

#include "compact_id.hpp"
#include "ventros/commands/write_request.hpp"

#include <array>
#include <boost/unordered/unordered_flat_map.hpp>
#include <chrono>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ventros::commands {

/// Recently seen Idempotency-Keys per tenant with the result of their command, for the
/// configured window. Rebuilt on replay from the `ce_commandid`/`ce_requesthash` headers.
/// Kept compact (about a hundred bytes a key): the tenant and key as a 16-byte digest, the
/// request hash as 16 bytes, the result without the strings it can be rebuilt from.
/// Single-threaded (its shard's thread).
class idempotency_window {
public:
    explicit idempotency_window(std::chrono::milliseconds window) : window_(window) {}

    /// A remembered command: whether it came from the same request, and its result.
    struct match {
        bool same_request = false;
        write_result result;
    };

    /// The remembered command for this tenant and key, if still inside the window;
    /// `same_request` compares its request hash with `request_hash`. The result's
    /// `command_id` is `key`: a command sent with a key has the key as its id.
    std::optional<match> find(const std::string& tenant, const std::string& key,
                              std::string_view request_hash) const;

    /// Records (or, for a command with several events, replaces) a command's result.
    /// `at` is when it was appended (the record's timestamp on replay); a replaced entry
    /// keeps its first time.
    void remember(const std::string& tenant, const std::string& key, std::string_view request_hash,
                  const write_result& result, std::chrono::system_clock::time_point at);

    /// Replay: remembers the command of an event read from the log, whose `result` is as
    /// if the command ended with this event (its position, its aggregate's version after
    /// it). A later event of a command already remembered with the same request hash only
    /// moves the position, and the version when it is on the command's first aggregate.
    void remember_logged(const std::string& tenant, const std::string& key,
                         std::string_view request_hash, const write_result& result,
                         std::chrono::system_clock::time_point at);

    /// Forgets entries older than the window relative to `now`.
    void expire(std::chrono::system_clock::time_point now);

    std::size_t size() const noexcept { return entries_.size(); }

private:
    using digest = std::array<unsigned char, 16>;
    /// Digests are uniformly distributed: their first bytes are a good hash as they are.
    struct digest_hash {
        using is_avalanching = void;
        std::size_t operator()(const digest& d) const noexcept {
            std::size_t h = 0;
            std::memcpy(&h, d.data(), sizeof h);
            return h;
        }
    };
    struct stored {
        digest request_hash;
        compact_id aggregate_id;
        std::int64_t offset = 0;
        std::uint32_t version = 0;
        std::int32_t partition = 0;
        std::uint16_t topic = 0; ///< index into topics_
        std::uint16_t status = 0;
    };

    void store(const digest& key, const digest& request_hash, const write_result& result,
               std::chrono::system_clock::time_point at);
    stored make_stored(const digest& request_hash, const write_result& result);
    static digest key_digest(const std::string& tenant, const std::string& key);
    static digest request_digest(std::string_view request_hash);
    std::uint16_t topic_index(const std::string& topic);

    std::chrono::milliseconds window_;
    boost::unordered_flat_map<digest, stored, digest_hash> entries_;
    std::deque<std::pair<std::chrono::system_clock::time_point, digest>> order_;
    std::vector<std::string> topics_; ///< the few topics positions are in
};

} // namespace ventros::commands
