#include "idempotency_window.hpp"

namespace ventros::commands {

std::string idempotency_window::map_key(const std::string& tenant, const std::string& key) {
    std::string k;
    k.reserve(tenant.size() + 1 + key.size());
    k.append(tenant).push_back('\0');
    k.append(key);
    return k;
}

const idempotency_window::entry* idempotency_window::find(const std::string& tenant,
                                                          const std::string& key) const {
    const auto found = entries_.find(map_key(tenant, key));
    return found == entries_.end() ? nullptr : &found->second;
}

void idempotency_window::remember(const std::string& tenant, const std::string& key, entry e,
                                  std::chrono::system_clock::time_point at) {
    auto k = map_key(tenant, key);
    auto [it, inserted] = entries_.insert_or_assign(k, std::move(e));
    if (inserted) {
        order_.emplace_back(at, std::move(k));
    }
}

void idempotency_window::expire(std::chrono::system_clock::time_point now) {
    while (!order_.empty() && order_.front().first + window_ < now) {
        entries_.erase(order_.front().second);
        order_.pop_front();
    }
}

} // namespace ventros::commands
