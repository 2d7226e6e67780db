#include "idempotency_window.hpp"

#include <algorithm>
#include <sodium.h>

namespace ventros::commands {
namespace {

void hash_into(std::array<unsigned char, 16>& out, std::initializer_list<std::string_view> parts) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, out.size());
    for (const auto part : parts) {
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                                  part.size());
    }
    crypto_generichash_final(&state, out.data(), out.size());
}

} // namespace

idempotency_window::digest idempotency_window::key_digest(const std::string& tenant,
                                                          const std::string& key) {
    // Tenant ids hold no NUL, so tenant + NUL + key names one pair only.
    digest d;
    hash_into(d, {tenant, std::string_view("\0", 1), key});
    return d;
}

idempotency_window::digest idempotency_window::request_digest(std::string_view request_hash) {
    // Request fingerprints are 32 hex digits: kept as their 16 bytes. Any other text
    // (another writer's) is digested, which keeps equality as exact as the bytes.
    digest d;
    const char* end = nullptr;
    std::size_t length = 0;
    if (request_hash.size() == 2 * d.size() &&
        sodium_hex2bin(d.data(), d.size(), request_hash.data(), request_hash.size(), nullptr,
                       &length, &end) == 0 &&
        length == d.size() && end == request_hash.data() + request_hash.size() &&
        std::ranges::none_of(request_hash, [](char c) { return c >= 'A' && c <= 'F'; })) {
        return d;
    }
    hash_into(d, {std::string_view("text:"), request_hash});
    return d;
}

std::uint16_t idempotency_window::topic_index(const std::string& topic) {
    const auto found = std::ranges::find(topics_, topic);
    if (found != topics_.end()) {
        return static_cast<std::uint16_t>(found - topics_.begin());
    }
    topics_.push_back(topic);
    return static_cast<std::uint16_t>(topics_.size() - 1);
}

std::optional<idempotency_window::match>
idempotency_window::find(const std::string& tenant, const std::string& key,
                         std::string_view request_hash) const {
    const auto found = entries_.find(key_digest(tenant, key));
    if (found == entries_.end()) {
        return std::nullopt;
    }
    const auto& s = found->second;
    return match{s.request_hash == request_digest(request_hash),
                 write_result{s.status,
                              s.aggregate_id.str(),
                              s.version,
                              {topics_[s.topic], s.partition, s.offset},
                              false,
                              key}};
}

void idempotency_window::remember(const std::string& tenant, const std::string& key,
                                  std::string_view request_hash, const write_result& result,
                                  std::chrono::system_clock::time_point at) {
    store(key_digest(tenant, key), request_digest(request_hash), result, at);
}

void idempotency_window::remember_logged(const std::string& tenant, const std::string& key,
                                         std::string_view request_hash, const write_result& result,
                                         std::chrono::system_clock::time_point at) {
    const auto k = key_digest(tenant, key);
    const auto hash = request_digest(request_hash);
    // One probe of the table per event: replay does this for every record.
    const auto [it, inserted] = entries_.try_emplace(k);
    auto& s = it->second;
    if (!inserted && s.request_hash == hash) {
        s.offset = result.position.offset;
        s.partition = result.position.partition;
        s.topic = topic_index(result.position.topic);
        if (s.aggregate_id == compact_id(result.aggregate_id)) {
            s.version = result.version;
        }
        return;
    }
    s = make_stored(hash, result);
    if (inserted) {
        order_.emplace_back(at, k);
    }
}

void idempotency_window::store(const digest& key, const digest& request_hash,
                               const write_result& result,
                               std::chrono::system_clock::time_point at) {
    if (entries_.insert_or_assign(key, make_stored(request_hash, result)).second) {
        order_.emplace_back(at, key);
    }
}

idempotency_window::stored idempotency_window::make_stored(const digest& request_hash,
                                                           const write_result& result) {
    return stored{request_hash,
                  compact_id(result.aggregate_id),
                  result.position.offset,
                  result.version,
                  result.position.partition,
                  topic_index(result.position.topic),
                  static_cast<std::uint16_t>(result.status)};
}

void idempotency_window::expire(std::chrono::system_clock::time_point now) {
    while (!order_.empty() && order_.front().first + window_ < now) {
        entries_.erase(order_.front().second);
        order_.pop_front();
    }
}

} // namespace ventros::commands
