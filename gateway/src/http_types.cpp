#include "ventros/gateway/http_types.hpp"

#include <nlohmann/json.hpp>

namespace ventros::gateway {

response json_response(http::status status, const nlohmann::json& body) {
    response res{status, 11};
    res.set(http::field::content_type, "application/json");
    res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return res;
}

} // namespace ventros::gateway
