#pragma once

#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ventros::commands {

/// A hash map whose changes can be undone back to a mark (a failed transaction, a refused
/// command): the writer's stores keep their speculative batch state in it.
/// Single-threaded.
template <class Key, class Value, class Hash = std::hash<Key>>
class undoable_map {
public:
    const Value* find(const Key& key) const {
        const auto found = values_.find(key);
        return found == values_.end() ? nullptr : &found->second;
    }

    /// Sets `key` to `value`, recording how to undo it when `undoable`.
    void put(const Key& key, Value value, bool undoable) {
        remember(key, undoable);
        values_.insert_or_assign(key, std::move(value));
    }

    /// Removes `key` (if present), recording how to undo it when `undoable`.
    void erase(const Key& key, bool undoable) {
        remember(key, undoable);
        values_.erase(key);
    }

    /// How many changes can be undone; `undo_to(mark())` later restores the map as of now.
    std::size_t mark() const noexcept { return undo_.size(); }

    void undo_to(std::size_t mark) {
        while (undo_.size() > mark) {
            auto& [key, before] = undo_.back();
            if (before) {
                values_.insert_or_assign(key, std::move(*before));
            } else {
                values_.erase(key);
            }
            undo_.pop_back();
        }
    }

    /// Forgets the undo records (their changes are final).
    void forget_undo() noexcept { undo_.clear(); }

    std::size_t size() const noexcept { return values_.size(); }

private:
    void remember(const Key& key, bool undoable) {
        if (!undoable) {
            return;
        }
        const auto* before = find(key);
        undo_.emplace_back(key, before ? std::optional<Value>(*before) : std::nullopt);
    }

    std::unordered_map<Key, Value, Hash> values_;
    std::vector<std::pair<Key, std::optional<Value>>> undo_;
};

} // namespace ventros::commands
