#include "command_routes.hpp"
#include "lead_routes_internal.hpp"
#include "password_work.hpp"
#include "query_support.hpp"
#include "request_support.hpp"
#include "ventros/commands/billing_account_command_decoder.hpp"
#include "ventros/commands/tenancy_command_decoder.hpp"
#include "ventros/commands/uuid.hpp"
#include "ventros/domain/plan_codec.hpp"
#include "ventros/gateway/auth.hpp"
#include "ventros/gateway/query_pool.hpp"
#include "ventros/gateway/write_problems.hpp"
#include "ventros/projections/tenancy_queries.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <pqxx/pqxx>

namespace ventros::gateway {
namespace {

namespace asio = boost::asio;

/// How long a token from POST /v1/sessions is valid.
constexpr std::chrono::hours session_ttl{1};

problem invalid_credentials() {
    return problem{401, "invalid-credentials", "Invalid credentials",
                   "The email or the password is wrong."};
}

problem unknown_plan(const std::string& code) {
    return problems::validation_failed(
        "No plan has the code \"" + code + "\".",
        nlohmann::json::array({{{"field", "/plan"}, {"reason", "is not a plan"}}}));
}

/// The plan with `code` from the `plans` table (plans are data); a 422 naming `/plan` when
/// no plan has the code.
asio::awaitable<std::expected<domain::plan, problem>> find_plan(lead_routes_context& routes,
                                                                std::string code) {
    std::function<std::optional<nlohmann::json>(pqxx::read_transaction&)> work =
        [code](pqxx::read_transaction& tx) { return projections::find_plan(tx, code); };
    std::optional<nlohmann::json> found;
    try {
        found = co_await routes.queries.run_global<std::optional<nlohmann::json>>(std::move(work));
    } catch (const database_unavailable&) {
        co_return std::unexpected(read_models_unavailable());
    }
    if (!found) {
        co_return std::unexpected(unknown_plan(code));
    }
    auto parsed = domain::plan_from_json(*found);
    if (!parsed) {
        co_return std::unexpected(problems::unavailable("plan " + code + " is malformed"));
    }
    co_return std::move(*parsed);
}

/// Whether the caller may open a project paid by `account`: it must exist, be theirs and
/// not be suspended.
std::optional<problem> check_paying_account(const commands::directory& directory,
                                            const domain::billing_account_id& account,
                                            const std::string& caller) {
    const auto found = directory.billing_account(account);
    if (!found) {
        return problems::validation_failed(
            "No billing account has this id.",
            nlohmann::json::array(
                {{{"field", "/billing_account_id"}, {"reason", "is not a billing account"}}}));
    }
    if (found->owner.str() != caller) {
        return domain_error_problem(domain::billing_account_error::not_owner);
    }
    if (found->suspended) {
        return domain_error_problem(domain::write_block::account_suspended);
    }
    return std::nullopt;
}

asio::awaitable<response> register_user(request_context& ctx, lead_routes_context& routes) {
    auto headers = parse_command_headers(ctx.req);
    if (!headers) {
        co_return problem_response(ctx, headers.error());
    }
    auto input = commands::decode_registration(ctx.req.body());
    if (!input) {
        co_return problem_response(ctx, invalid_input_problem(input.error()));
    }
    if (routes.writer.directory().user_by_email(input->email)) {
        // Saves hashing a password for nothing; the user's writer is still the judge.
        co_return problem_response(ctx, domain_error_problem(domain::user_error::email_taken));
    }
    auto hash = co_await hash_password_off_thread(std::move(input->password));
    const domain::user_id id(commands::new_uuid_v7());
    // The fingerprint leaves the password out: it is stored in the log (ce_requesthash).
    const auto fingerprinted =
        nlohmann::json{{"name", input->name}, {"email", input->email}}.dump();
    auto request = make_write_request(
        ctx, routes, command_context_now("", id.str(), domain::role::viewer),
        domain::user_command(domain::register_user{id, input->name, input->email, std::move(hash)}),
        std::move(*headers), fingerprinted);
    request.routing_key = domain::user_key(input->email);
    co_return co_await submit_command(ctx, routes, std::move(request), "/v1/users/");
}

asio::awaitable<response> open_session(request_context& ctx, lead_routes_context& routes) {
    auto input = commands::decode_credentials(ctx.req.body());
    if (!input) {
        co_return problem_response(ctx, invalid_input_problem(input.error()));
    }
    if (!routes.writer.ready()) {
        co_return problem_response(ctx, problems::not_ready());
    }
    const auto user = routes.writer.directory().user_by_email(input->email);
    auto hash = user ? std::optional(user->password_hash) : std::nullopt;
    const bool valid = co_await verify_password_off_thread(std::move(hash), input->password);
    if (!valid) {
        co_return problem_response(ctx, invalid_credentials());
    }
    const principal who{user->id.str(), routes.writer.directory().roles_of(user->id)};
    auto tenants = nlohmann::json::object();
    for (const auto& [tenant, role] : who.tenants) {
        tenants[tenant] = domain::to_string(role);
    }
    const auto token = sign_jwt(who, routes.jwt, std::chrono::system_clock::now(), session_ttl);
    co_return json_response(
        ctx, 201,
        {{"access_token", token},
         {"token_type", "Bearer"},
         {"expires_in", std::chrono::duration_cast<std::chrono::seconds>(session_ttl).count()},
         {"user_id", user->id.str()},
         {"tenants", std::move(tenants)}});
}

asio::awaitable<response> open_project(request_context& ctx, lead_routes_context& routes) {
    auto who = authenticate(ctx.req, routes.jwt, std::chrono::system_clock::now());
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    auto headers = parse_command_headers(ctx.req);
    if (!headers) {
        co_return problem_response(ctx, headers.error());
    }
    auto input = commands::decode_create_project(ctx.req.body());
    if (!input) {
        co_return problem_response(ctx, invalid_input_problem(input.error()));
    }
    if (auto refused = check_paying_account(routes.writer.directory(),
                                            input->command.billing_account, who->user_id)) {
        co_return problem_response(ctx, *refused);
    }
    auto plan = co_await find_plan(routes, input->plan);
    if (!plan) {
        co_return problem_response(ctx, plan.error());
    }
    const auto tenant = input->command.id.str();
    domain::project_opening opening{
        std::move(input->command),
        domain::start_subscription{domain::subscription_id(commands::new_uuid_v7()),
                                   std::move(*plan), domain::default_trial_days}};
    auto request = make_write_request(
        ctx, routes, command_context_now(tenant, who->user_id, domain::role::admin),
        std::move(opening), std::move(*headers), ctx.req.body());
    co_return co_await submit_command(ctx, routes, std::move(request), "/v1/tenants/");
}

asio::awaitable<response> create_billing_account(request_context& ctx,
                                                 lead_routes_context& routes) {
    auto who = authenticate(ctx.req, routes.jwt, std::chrono::system_clock::now());
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    auto headers = parse_command_headers(ctx.req);
    if (!headers) {
        co_return problem_response(ctx, headers.error());
    }
    auto command = commands::decode_create_billing_account(
        ctx.req.body(), domain::billing_account_id(commands::new_uuid_v7()));
    if (!command) {
        co_return problem_response(ctx, invalid_input_problem(command.error()));
    }
    const auto key = "billing-account:" + command->id.str();
    auto request = make_write_request(
        ctx, routes, command_context_now("", who->user_id, domain::role::viewer),
        domain::billing_account_command(std::move(*command)), std::move(*headers), ctx.req.body());
    request.routing_key = key;
    co_return co_await submit_command(ctx, routes, std::move(request), "/v1/billing-accounts/");
}

asio::awaitable<response> update_billing_account(request_context& ctx,
                                                 lead_routes_context& routes) {
    auto who = authenticate(ctx.req, routes.jwt, std::chrono::system_clock::now());
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    const auto& id = ctx.params.at("billing_account_id");
    if (!domain::is_uuid(id)) {
        co_return problem_response(ctx,
                                   domain_error_problem(domain::billing_account_error::not_found));
    }
    auto headers = parse_command_headers(ctx.req);
    if (!headers) {
        co_return problem_response(ctx, headers.error());
    }
    auto command =
        commands::decode_update_billing_account(ctx.req.body(), domain::billing_account_id(id));
    if (!command) {
        co_return problem_response(ctx, invalid_input_problem(command.error()));
    }
    auto request = make_write_request(
        ctx, routes, command_context_now("", who->user_id, domain::role::viewer),
        domain::billing_account_command(std::move(*command)), std::move(*headers), ctx.req.body());
    request.routing_key = "billing-account:" + id;
    co_return co_await submit_command(ctx, routes, std::move(request), "/v1/billing-accounts/");
}

asio::awaitable<response> change_plan(request_context& ctx, lead_routes_context& routes) {
    auto who = authorize(ctx, routes.jwt);
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    auto headers = parse_command_headers(ctx.req);
    if (!headers) {
        co_return problem_response(ctx, headers.error());
    }
    auto code = commands::decode_plan_change(ctx.req.body());
    if (!code) {
        co_return problem_response(ctx, invalid_input_problem(code.error()));
    }
    auto plan = co_await find_plan(routes, *code);
    if (!plan) {
        co_return problem_response(ctx, plan.error());
    }
    auto request = make_write_request(
        ctx, routes, command_context_now(who->tenant, who->who.user_id, who->role),
        domain::subscription_command(domain::change_plan{std::move(*plan)}), std::move(*headers),
        ctx.req.body());
    co_return co_await submit_command(ctx, routes, std::move(request), "/v1/tenants/" + who->tenant,
                                      false);
}

/// POST /members resolves the invited email to a registered user.
command_decoder member_invitation_decoder(const commands::directory& directory) {
    return [&directory](const request_context& ctx) -> commands::decoded<domain::crm_command> {
        auto invitation = commands::decode_member_invitation(ctx.req.body());
        if (!invitation) {
            return std::unexpected(std::move(invitation.error()));
        }
        const auto user = directory.user_by_email(invitation->email);
        if (!user) {
            return std::unexpected(
                commands::invalid_input{commands::invalid_input::kind::invalid,
                                        "No registered user has this email.",
                                        {{"/email", "no registered user has this email"}}});
        }
        return domain::crm_command(domain::project_command(domain::set_project_member{
            domain::tenant_id(ctx.params.at("tenant_id")), user->id, invitation->member_role}));
    };
}

template <class Command>
commands::decoded<domain::crm_command> as_project_command(commands::decoded<Command> d) {
    if (!d) {
        return std::unexpected(std::move(d.error()));
    }
    return domain::crm_command(domain::project_command(std::move(*d)));
}

template <class Command>
commands::decoded<domain::crm_command> as_subscription_command(commands::decoded<Command> d) {
    if (!d) {
        return std::unexpected(std::move(d.error()));
    }
    return domain::crm_command(domain::subscription_command(std::move(*d)));
}

void add_product_routes(router& r, lead_routes_context& routes, const std::string& tenant) {
    for (const auto which :
         {domain::product::crm, domain::product::bi, domain::product::automation}) {
        add_command_route(
            r, routes, http::verb::put,
            tenant + "/products/" + std::string(domain::to_string(which)), "",
            [which](const request_context& ctx) {
                return as_project_command(commands::decode_set_product(
                    ctx.req.body(), domain::tenant_id(ctx.params.at("tenant_id")), which));
            });
    }
}

} // namespace

void add_tenancy_command_routes(router& r, lead_routes_context& routes) {
    r.add(http::verb::post, "/v1/users",
          [&routes](request_context& ctx) { return register_user(ctx, routes); });
    r.add(http::verb::post, "/v1/sessions",
          [&routes](request_context& ctx) { return open_session(ctx, routes); });
    r.add(http::verb::post, "/v1/tenants",
          [&routes](request_context& ctx) { return open_project(ctx, routes); });
    r.add(http::verb::post, "/v1/billing-accounts",
          [&routes](request_context& ctx) { return create_billing_account(ctx, routes); });
    r.add(http::verb::patch, "/v1/billing-accounts/{billing_account_id}",
          [&routes](request_context& ctx) { return update_billing_account(ctx, routes); });

    const std::string tenant = "/v1/tenants/{tenant_id}";
    add_command_route(r, routes, http::verb::patch, tenant, "", [](const request_context& ctx) {
        return as_project_command(commands::decode_update_project_settings(
            ctx.req.body(), domain::tenant_id(ctx.params.at("tenant_id"))));
    });
    add_command_route(r, routes, http::verb::post, tenant + "/members", "",
                      member_invitation_decoder(routes.writer.directory()));
    add_command_route(
        r, routes, http::verb::delete_, tenant + "/members/{user_id}", "",
        [](const request_context& ctx) -> commands::decoded<domain::crm_command> {
            return domain::crm_command(domain::project_command(
                domain::remove_project_member{domain::tenant_id(ctx.params.at("tenant_id")),
                                              domain::user_id(ctx.params.at("user_id"))}));
        });
    add_product_routes(r, routes, tenant);

    r.add(http::verb::post, tenant + "/subscription/plan-change",
          [&routes](request_context& ctx) { return change_plan(ctx, routes); });
    add_command_route(r, routes, http::verb::post, tenant + "/subscription/cancellation", "",
                      [](const request_context& ctx) {
                          return as_subscription_command(
                              commands::decode_cancellation(ctx.req.body()));
                      });
    add_command_route(r, routes, http::verb::post, tenant + "/subscription/resumption", "",
                      [](const request_context&) -> commands::decoded<domain::crm_command> {
                          return domain::crm_command(
                              domain::subscription_command(domain::resume_subscription{}));
                      });
}

} // namespace ventros::gateway
