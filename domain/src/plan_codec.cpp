#include "ventros/domain/plan_codec.hpp"

#include "plan_reader.hpp"
#include "ventros/domain/deal.hpp"

#include <limits>

namespace ventros::domain {
namespace {

using nlohmann::json;

json limit_json(const std::optional<std::uint32_t>& limit) {
    return limit ? json(*limit) : json(nullptr);
}

plan_limits read_limits(detail::json_reader& in) {
    plan_limits limits{
        .users = in.nullable_limit("users"),
        .messages_per_month = in.nullable_limit("messages_per_month"),
        .channel_instances = in.nullable_limit("channel_instances"),
        .leads = in.nullable_limit("leads"),
    };
    const auto per_minute = in.large_count("requests_per_minute");
    if (per_minute > std::numeric_limits<std::uint32_t>::max()) {
        in.fail("requests_per_minute", "must be at most 4294967295");
    }
    limits.requests_per_minute = static_cast<std::uint32_t>(per_minute);
    return limits;
}

plan read_plan_members(detail::json_reader& in) {
    plan p{.code = in.text("code"),
           .name = in.text("name"),
           .price_cents = in.large_count("price_cents"),
           .currency = in.text("currency")};
    if (!p.currency.empty() && !is_iso4217(p.currency)) {
        in.fail("currency", "must be an ISO 4217 code");
    }
    auto limits = in.object("limits");
    p.limits = read_limits(limits);
    in.absorb(limits);
    return p;
}

} // namespace

json plan_to_json(const plan& p) {
    return json{{"code", p.code},
                {"name", p.name},
                {"price_cents", p.price_cents},
                {"currency", p.currency},
                {"limits",
                 {{"users", limit_json(p.limits.users)},
                  {"messages_per_month", limit_json(p.limits.messages_per_month)},
                  {"channel_instances", limit_json(p.limits.channel_instances)},
                  {"leads", limit_json(p.limits.leads)},
                  {"requests_per_minute", p.limits.requests_per_minute}}}};
}

std::expected<plan, std::string> plan_from_json(const json& object) {
    if (!object.is_object()) {
        return std::unexpected(std::string("plan must be a JSON object"));
    }
    detail::json_reader in{object, ""};
    plan p = read_plan_members(in);
    if (auto problem = in.finish()) {
        return std::unexpected(std::move(*problem));
    }
    return p;
}

plan detail::read_plan(json_reader& in, std::string_view key) {
    auto nested = in.object(key);
    plan p = read_plan_members(nested);
    in.absorb(nested);
    return p;
}

} // namespace ventros::domain
