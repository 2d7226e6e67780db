#include "json_members.hpp"
#include "ventros/domain/billing_account_codec.hpp"

namespace ventros::domain {
namespace {

using detail::put;
using nlohmann::json;

json body_of(const billing_account_created& e) {
    return json{{"billing_account_id", e.id.str()},
                {"owner_id", e.owner.str()},
                {"name", e.name},
                {"billing_email", e.billing_email}};
}

json body_of(const billing_account_updated& e) {
    json body{{"billing_account_id", e.id.str()}};
    put(body, "name", e.name);
    put(body, "billing_email", e.billing_email);
    return body;
}

json body_of(const billing_account_suspended& e) {
    return json{{"billing_account_id", e.id.str()}, {"reason", to_string(e.reason)}};
}

json body_of(const billing_account_reinstated& e) {
    return json{{"billing_account_id", e.id.str()}};
}

} // namespace

std::string encode_json(const billing_account_event& e) {
    return std::visit([](const auto& event) { return body_of(event).dump(); }, e);
}

} // namespace ventros::domain
