#pragma once

#include <compare>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace ventros::domain {

/// A string identifier with a distinct type per kind of thing it names.
/// Explicit construction, no implicit conversion back to string: use `str()`.
template <class Tag>
class named_id {
public:
    named_id() = default;
    explicit named_id(std::string value) : value_(std::move(value)) {}

    const std::string& str() const noexcept { return value_; }
    bool empty() const noexcept { return value_.empty(); }

    auto operator<=>(const named_id&) const = default;

private:
    std::string value_;
};

using tenant_id = named_id<struct tenant_id_tag>;
using lead_id = named_id<struct lead_id_tag>;
using deal_id = named_id<struct deal_id_tag>;
using user_id = named_id<struct user_id_tag>;
using pipeline_id = named_id<struct pipeline_id_tag>;
using company_id = named_id<struct company_id_tag>;
using activity_id = named_id<struct activity_id_tag>;
using contact_id = named_id<struct contact_id_tag>;
using billing_account_id = named_id<struct billing_account_id_tag>;
using subscription_id = named_id<struct subscription_id_tag>;
using channel_instance_id = named_id<struct channel_instance_id_tag>;
using conversation_id = named_id<struct conversation_id_tag>;
using message_id = named_id<struct message_id_tag>;

/// True for canonical lower- or upper-case UUID text (any version): what ids of leads,
/// deals and events are. Check ids taken from clients with it.
bool is_uuid(std::string_view text) noexcept;

} // namespace ventros::domain

template <class Tag>
struct std::hash<ventros::domain::named_id<Tag>> {
    std::size_t operator()(const ventros::domain::named_id<Tag>& id) const noexcept {
        return std::hash<std::string>{}(id.str());
    }
};
