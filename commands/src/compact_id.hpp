#pragma once

#include "ventros/commands/uuid.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace ventros::commands {

/// An id held in 16 bytes when it is a canonical lower-case UUID (every id the gateway
/// issues), else as its text, so `str()` always gives back exactly the text it was made
/// from. For the write side's in-memory state, where millions of ids are kept.
class compact_id {
public:
    compact_id() = default;
    explicit compact_id(std::string_view text);
    compact_id(const compact_id& other);
    compact_id& operator=(const compact_id& other);
    compact_id(compact_id&&) noexcept = default;
    compact_id& operator=(compact_id&&) noexcept = default;
    ~compact_id() = default;

    std::string str() const;
    bool operator==(const compact_id& other) const noexcept;
    std::size_t hash() const noexcept;

private:
    uuid_bytes bytes_{};
    std::unique_ptr<const std::string> text_; ///< set only for ids that are not lower-case UUIDs
};

} // namespace ventros::commands

template <>
struct std::hash<ventros::commands::compact_id> {
    std::size_t operator()(const ventros::commands::compact_id& id) const noexcept {
        return id.hash();
    }
};
