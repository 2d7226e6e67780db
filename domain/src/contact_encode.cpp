#include "json_members.hpp"
#include "ventros/domain/contact_codec.hpp"

namespace ventros::domain {
namespace {

using detail::put;
using detail::put_patch;
using nlohmann::json;

/// A link as the member naming it: {"lead_id": id} or {"deal_id": id}.
json link_of(const contact_link& link) {
    if (const auto* lead = std::get_if<lead_id>(&link)) {
        return {{"lead_id", lead->str()}};
    }
    return {{"deal_id", std::get<deal_id>(link).str()}};
}

json body_of(const contact_created& e) {
    json body{{"contact_id", e.id.str()}, {"name", e.name}};
    put(body, "email", e.email);
    put(body, "phone", e.phone);
    put(body, "position", e.position);
    put(body, "company_id", e.company);
    return body;
}

json body_of(const contact_updated& e) {
    json body{{"contact_id", e.id.str()}};
    put(body, "name", e.name);
    put_patch(body, "email", e.email);
    put_patch(body, "phone", e.phone);
    put_patch(body, "position", e.position);
    put_patch(body, "company_id", e.company);
    return body;
}

json body_of(const contact_linked& e) {
    json body = link_of(e.link);
    body["contact_id"] = e.id.str();
    return body;
}

json body_of(const contact_unlinked& e) {
    json body = link_of(e.link);
    body["contact_id"] = e.id.str();
    return body;
}

json body_of(const contact_merged& e) {
    return {{"contact_id", e.id.str()}, {"merged_into", e.into.str()}};
}

json body_of(const contact_absorbed& e) {
    json body{{"contact_id", e.id.str()}, {"absorbed_id", e.absorbed.str()}};
    put(body, "email", e.email);
    put(body, "phone", e.phone);
    put(body, "position", e.position);
    put(body, "company_id", e.company);
    auto links = json::array();
    for (const auto& link : e.links) {
        links.push_back(link_of(link));
    }
    body["links"] = std::move(links);
    return body;
}

} // namespace

std::string encode_json(const contact_event& e) {
    return std::visit([](const auto& event) { return body_of(event).dump(); }, e);
}

} // namespace ventros::domain
