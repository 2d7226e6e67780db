#pragma once

#include "ventros/commands/write_request.hpp"

#include <chrono>
#include <deque>
#include <string>
#include <unordered_map>

namespace ventros::commands {

/// Recently seen Idempotency-Keys per tenant with the result of their command, for the
/// configured window. Rebuilt on replay from the `ce_commandid`/`ce_requesthash` headers.
/// Single-threaded (its shard's thread).
class idempotency_window {
public:
    explicit idempotency_window(std::chrono::milliseconds window) : window_(window) {}

    struct entry {
        std::string request_hash;
        write_result result;
    };

    /// The remembered command for this tenant and key, if still inside the window.
    const entry* find(const std::string& tenant, const std::string& key) const;

    /// Records (or extends, for a command with several events) a command's result.
    /// `at` is when it was appended (the record's timestamp on replay).
    void remember(const std::string& tenant, const std::string& key, entry e,
                  std::chrono::system_clock::time_point at);

    /// Forgets entries older than the window relative to `now`.
    void expire(std::chrono::system_clock::time_point now);

    std::size_t size() const noexcept { return entries_.size(); }

private:
    static std::string map_key(const std::string& tenant, const std::string& key);
    std::chrono::milliseconds window_;
    std::unordered_map<std::string, entry> entries_;
    std::deque<std::pair<std::chrono::system_clock::time_point, std::string>> order_;
};

} // namespace ventros::commands
