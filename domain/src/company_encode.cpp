#include "json_members.hpp"
#include "ventros/domain/company_codec.hpp"

namespace ventros::domain {
namespace {

using detail::put;
using detail::put_patch;
using nlohmann::json;

json body_of(const company_created& e) {
    json body{{"company_id", e.id.str()}, {"name", e.name}};
    put(body, "domain", e.domain);
    put(body, "industry", e.industry);
    put(body, "size", e.size);
    return body;
}

json body_of(const company_updated& e) {
    json body{{"company_id", e.id.str()}};
    put(body, "name", e.name);
    put_patch(body, "domain", e.domain);
    put_patch(body, "industry", e.industry);
    put_patch(body, "size", e.size);
    return body;
}

} // namespace

std::string encode_json(const company_event& e) {
    return std::visit([](const auto& event) { return body_of(event).dump(); }, e);
}

} // namespace ventros::domain
