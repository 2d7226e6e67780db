#include "aggregate_store.hpp"

#include "ventros/commands/uuid.hpp"
#include "ventros/domain/overloaded.hpp"

namespace ventros::commands {
namespace {

using failure = std::unexpected<write_failure>;

failure refused(domain::crm_error error, std::uint32_t version) {
    return failure(write_failure{write_failure::kind::domain, error, version});
}

failure precondition_failed(std::uint32_t version) {
    return failure(write_failure{write_failure::kind::precondition_failed, std::nullopt, version});
}

/// If-Match against an existing aggregate is checked before deciding (412 wins over a
/// domain refusal); against a missing one only after (404 wins: it can never match).
std::optional<failure> check_if_match(const write_request& request, bool exists,
                                      std::uint32_t version) {
    if (request.if_match && exists && *request.if_match != version) {
        return precondition_failed(version);
    }
    return std::nullopt;
}

} // namespace

aggregate_store::aggregate_store(std::function<domain::pipeline_id()> new_pipeline_id,
                                 suspension_check suspended)
    : new_pipeline_id_(new_pipeline_id ? std::move(new_pipeline_id)
                                       : [] { return domain::pipeline_id(new_uuid_v7()); }),
      suspended_(suspended ? std::move(suspended)
                           : [](const domain::billing_account_id&) { return false; }) {}

std::uint32_t aggregate_store::version_of(const domain::tenant_id& tenant,
                                          const domain::crm_event& event) const {
    const auto& id = domain::aggregate_id_of(event);
    switch (domain::kind_of(event)) {
    case domain::aggregate_kind::lead: {
        const auto lead = leads_.find(tenant, domain::lead_id(id));
        return lead ? lead->version : 0;
    }
    case domain::aggregate_kind::deal: {
        const auto* deal = sales_.find_deal(tenant, domain::deal_id(id));
        return deal ? deal->version : 0;
    }
    case domain::aggregate_kind::pipeline: {
        const auto* pipeline = sales_.find_pipeline(tenant, domain::pipeline_id(id));
        return pipeline ? pipeline->version : 0;
    }
    case domain::aggregate_kind::contact: {
        const auto* contact = contacts_.find_contact(tenant, domain::contact_id(id));
        return contact ? contact->version : 0;
    }
    case domain::aggregate_kind::company: {
        const auto* company = contacts_.find_company(tenant, domain::company_id(id));
        return company ? company->version : 0;
    }
    case domain::aggregate_kind::activity: {
        const auto* activity = activities_.find(tenant, domain::activity_id(id));
        return activity ? activity->version : 0;
    }
    case domain::aggregate_kind::user: {
        const auto& email =
            std::get<domain::user_registered>(std::get<domain::user_event>(event)).email;
        const auto* user = identity_.user_with_email(email);
        return user ? user->version : 0;
    }
    case domain::aggregate_kind::project: {
        const auto* project = identity_.find_project(domain::tenant_id(id));
        return project ? project->version : 0;
    }
    case domain::aggregate_kind::subscription: {
        const auto* subscription = subscriptions_.find(tenant);
        return subscription ? subscription->version : 0;
    }
    case domain::aggregate_kind::billing_account: {
        const auto* account = accounts_.find(domain::billing_account_id(id));
        return account ? account->version : 0;
    }
    }
    return 0;
}

domain::contact_facts aggregate_store::facts_for(const domain::tenant_id& tenant,
                                                 const domain::contact_command& command) const {
    domain::contact_facts facts;
    // The value a patch sets (one that clears sets nothing).
    const auto patched = [](const auto& patch) { return patch.value_or(std::nullopt); };
    const auto look_up = [&](const std::optional<std::string>& email,
                             const std::optional<std::string>& phone,
                             const std::optional<domain::company_id>& company) {
        facts.email_holder = email ? contacts_.contact_with_email(tenant, *email) : std::nullopt;
        facts.phone_holder = phone ? contacts_.contact_with_phone(tenant, *phone) : std::nullopt;
        facts.company_exists = company && contacts_.find_company(tenant, *company) != nullptr;
    };
    const auto link_exists = [&](const domain::contact_link& link) {
        return std::visit(domain::overloaded{[&](const domain::lead_id& lead) {
                                                 return leads_.find(tenant, lead).has_value();
                                             },
                                             [&](const domain::deal_id& deal) {
                                                 return sales_.find_deal(tenant, deal) != nullptr;
                                             }},
                          link);
    };
    std::visit(
        domain::overloaded{
            [&](const domain::create_contact& c) { look_up(c.email, c.phone, c.company); },
            [&](const domain::update_contact& c) {
                look_up(patched(c.email), patched(c.phone), patched(c.company));
            },
            [&](const domain::link_contact& c) { facts.link_target_exists = link_exists(c.link); },
            [&](const domain::unlink_contact& c) {
                facts.link_target_exists = link_exists(c.link);
            },
            [&](const domain::merge_contacts& c) {
                const auto* merged = contacts_.find_contact(tenant, c.merged);
                facts.merged = merged ? std::optional(*merged) : std::nullopt;
            }},
        command);
    return facts;
}

domain::activity_links_found
aggregate_store::find_links(const domain::tenant_id& tenant,
                            const domain::activity_links& links) const {
    return {
        .lead = !links.lead || leads_.find(tenant, *links.lead).has_value(),
        .deal = !links.deal || sales_.find_deal(tenant, *links.deal) != nullptr,
        .contact = !links.contact || contacts_.find_contact(tenant, *links.contact) != nullptr,
    };
}

std::optional<domain::quota_exceeded>
aggregate_store::over_quota(const domain::tenant_id& tenant,
                            const domain::crm_command& command) const {
    const auto* subscription = subscriptions_.find(tenant);
    if (subscription == nullptr) {
        return std::nullopt;
    }
    const auto& limits = subscription->current_plan.limits;
    if (const auto* lead = std::get_if<domain::lead_command>(&command);
        lead != nullptr && std::holds_alternative<domain::create_lead>(*lead)) {
        return domain::check_quota(limits, domain::usage_metric::leads, leads_.count(tenant), 1);
    }
    if (const auto* project = std::get_if<domain::project_command>(&command)) {
        const auto* member = std::get_if<domain::set_project_member>(project);
        const auto* state = identity_.find_project(tenant);
        if (member != nullptr && state != nullptr && !state->members.contains(member->user)) {
            return domain::check_quota(limits, domain::usage_metric::users, state->members.size(),
                                       1);
        }
    }
    return std::nullopt;
}

void aggregate_store::apply(const domain::tenant_id& tenant, const domain::crm_event& event,
                            const domain::user_id& actor, bool undoable) {
    std::visit(
        domain::overloaded{
            [&](const domain::lead_event& e) { leads_.apply(tenant, e, undoable); },
            [&](const domain::deal_event& e) { sales_.apply(tenant, e, actor, undoable); },
            [&](const domain::pipeline_event& e) { sales_.apply(tenant, e, undoable); },
            [&](const domain::contact_event& e) { contacts_.apply(tenant, e, undoable); },
            [&](const domain::company_event& e) { contacts_.apply(tenant, e, undoable); },
            [&](const domain::activity_event& e) { activities_.apply(tenant, e, actor, undoable); },
            [&](const domain::user_event& e) { identity_.apply(e, undoable); },
            [&](const domain::project_event& e) { identity_.apply(e, undoable); },
            [&](const domain::subscription_event& e) {
                const auto* before = subscriptions_.find(tenant);
                subscriptions_.put(
                    tenant, domain::evolve(before ? std::optional(*before) : std::nullopt, e),
                    undoable);
            },
            [&](const domain::billing_account_event& e) {
                const auto& id = domain::subject_of(e);
                const auto* before = accounts_.find(id);
                accounts_.put(id, domain::evolve(before ? std::optional(*before) : std::nullopt, e),
                              undoable);
            }},
        event);
}

std::expected<std::vector<decided_event>, write_failure>
aggregate_store::decide_and_apply(const write_request& request) {
    const auto& tenant = request.context.tenant;
    const auto& context = request.context;
    if (domain::needs_project(request.command)) {
        const auto* project = identity_.find_project(tenant);
        if (project == nullptr) {
            return refused(domain::project_error::not_found, 0);
        }
        if (suspended_(project->billing_account)) {
            return refused(domain::write_block::account_suspended, 0);
        }
    }
    if (auto exceeded = over_quota(tenant, request.command)) {
        return refused(*exceeded, 0);
    }
    const auto start = current_mark();
    std::vector<decided_event> decided;
    const auto record = [&](const auto& events, bool on_behalf) {
        for (const auto& event : events) {
            domain::crm_event e(event);
            apply(tenant, e, context.actor, true);
            const auto version = version_of(tenant, e);
            decided.push_back({std::move(e), version, on_behalf});
        }
    };
    const auto give_up = [&](failure why) {
        undo_to(start);
        return why;
    };

    const auto with_default_pipeline = [&](domain::create_deal c) {
        if (c.pipeline.empty()) {
            c.pipeline = sales_.default_pipeline(tenant);
        }
        return c;
    };
    // Every command: If-Match, decide, record. Returns the failure, or nothing.
    const auto run = [&](bool exists, std::uint32_t version,
                         const auto& decide) -> std::optional<failure> {
        if (auto stale = check_if_match(request, exists, version)) {
            return stale;
        }
        auto decision = decide();
        if (!decision) {
            return refused(decision.error(), version);
        }
        if (request.if_match && !exists) {
            return precondition_failed(0);
        }
        record(*decision, false);
        return std::nullopt;
    };
    const auto decide_lead = [&](const domain::lead_command& c) {
        const auto state = leads_.find(tenant, domain::subject_of(c));
        return run(state.has_value(), state ? state->version : 0,
                   [&] { return domain::decide(c, state, context); });
    };
    const auto decide_deal = [&](const domain::deal_command& c) {
        const auto* found = sales_.find_deal(tenant, domain::subject_of(c));
        const auto state = found ? std::optional(*found) : std::nullopt;
        auto command = c;
        const domain::pipeline_state* pipeline = nullptr;
        if (auto* create = std::get_if<domain::create_deal>(&command)) {
            *create = with_default_pipeline(std::move(*create));
            pipeline = sales_.find_pipeline(tenant, create->pipeline);
        } else if (state) {
            pipeline = sales_.find_pipeline(tenant, state->pipeline);
        }
        return run(state.has_value(), state ? state->version : 0,
                   [&] { return domain::decide(command, state, pipeline, context); });
    };
    const auto decide_pipeline = [&](const domain::pipeline_command& c) {
        const auto& id = domain::subject_of(c);
        const auto* found = sales_.find_pipeline(tenant, id);
        const auto state = found ? std::optional(*found) : std::nullopt;
        return run(state.has_value(), state ? state->version : 0,
                   [&] { return domain::decide(c, state, context, sales_.usage(tenant, id)); });
    };
    const auto decide_contact = [&](const domain::contact_command& c) {
        const auto* found = contacts_.find_contact(tenant, domain::subject_of(c));
        const auto state = found ? std::optional(*found) : std::nullopt;
        const auto facts = facts_for(tenant, c);
        return run(state.has_value(), state ? state->version : 0,
                   [&] { return domain::decide(c, state, facts, context); });
    };
    const auto decide_company = [&](const domain::company_command& c) {
        const auto* found = contacts_.find_company(tenant, domain::subject_of(c));
        const auto state = found ? std::optional(*found) : std::nullopt;
        const auto web_domain = std::visit(
            domain::overloaded{[](const domain::create_company& create) { return create.domain; },
                               [](const domain::update_company& update) {
                                   return update.domain.value_or(std::nullopt);
                               }},
            c);
        const auto holder =
            web_domain ? contacts_.company_with_domain(tenant, *web_domain) : std::nullopt;
        return run(state.has_value(), state ? state->version : 0,
                   [&] { return domain::decide(c, state, holder, context); });
    };
    const auto decide_activity = [&](const domain::activity_command& c) {
        const auto* found = activities_.find(tenant, domain::subject_of(c));
        const auto state = found ? std::optional(*found) : std::nullopt;
        const auto links = find_links(tenant, domain::links_set_by(c));
        return run(state.has_value(), state ? state->version : 0,
                   [&] { return domain::decide(c, state, links, context); });
    };
    const auto decide_user = [&](const domain::user_command& c) {
        const auto& email = std::get<domain::register_user>(c).email;
        const auto* holder = identity_.user_with_email(email);
        return run(false, 0, [&] {
            return domain::decide(c, holder ? std::optional(*holder) : std::nullopt);
        });
    };
    const auto decide_project = [&](const domain::project_command& c) {
        const auto* found = identity_.find_project(domain::subject_of(c));
        const auto state = found ? std::optional(*found) : std::nullopt;
        return run(state.has_value(), state ? state->version : 0,
                   [&] { return domain::decide(c, state, context); });
    };
    const auto open_project = [&](const domain::project_opening& c) -> std::optional<failure> {
        if (auto refusal = decide_project(domain::project_command(c.project))) {
            return refusal;
        }
        auto started =
            domain::decide(domain::subscription_command(c.subscription), std::nullopt, context);
        if (!started) {
            return refused(started.error(), 0);
        }
        record(*started, false);
        record(std::vector{domain::pipeline_event(domain::default_pipeline(new_pipeline_id_()))},
               false);
        return std::nullopt;
    };
    const auto decide_subscription = [&](const domain::subscription_command& c) {
        const auto* found = subscriptions_.find(tenant);
        const auto state = found ? std::optional(*found) : std::nullopt;
        return run(state.has_value(), state ? state->version : 0,
                   [&] { return domain::decide(c, state, context); });
    };
    const auto decide_billing_account = [&](const domain::billing_account_command& c) {
        const auto* found = accounts_.find(domain::subject_of(c));
        const auto state = found ? std::optional(*found) : std::nullopt;
        return run(state.has_value(), state ? state->version : 0,
                   [&] { return domain::decide(c, state, context, domain::billing_caller::user); });
    };
    const auto outcome = std::visit(
        domain::overloaded{
            decide_lead, decide_deal, decide_pipeline, decide_contact, decide_company,
            decide_activity, decide_user, decide_project, open_project, decide_subscription,
            decide_billing_account,
            [&](const domain::lead_conversion& c) -> std::optional<failure> {
                const auto lead = leads_.find(tenant, c.lead.id);
                const auto version = lead ? lead->version : 0;
                if (auto stale = check_if_match(request, lead.has_value(), version)) {
                    return stale;
                }
                auto converted = domain::decide(domain::lead_command(c.lead), lead, context);
                if (!converted) {
                    return refused(converted.error(), version);
                }
                const auto deal = with_default_pipeline(c.deal);
                auto created = domain::decide(domain::deal_command(deal), std::nullopt,
                                              sales_.find_pipeline(tenant, deal.pipeline), context);
                if (!created) {
                    return refused(created.error(), 0);
                }
                // The deal first: what a conversion creates, and so its result.
                record(*created, false);
                record(*converted, false);
                return std::nullopt;
            }},
        request.command);
    if (outcome) {
        return give_up(*outcome);
    }
    if (!in_batch_) {
        forget_undo();
    }
    return decided;
}

void aggregate_store::apply_from_log(const domain::tenant_id& tenant,
                                     const domain::crm_event& event, const domain::user_id& actor) {
    apply(tenant, event, actor, false);
}

aggregate_store::mark aggregate_store::current_mark() const {
    return {leads_.mark(),    sales_.mark(),         contacts_.mark(), activities_.mark(),
            identity_.mark(), subscriptions_.mark(), accounts_.mark()};
}

void aggregate_store::undo_to(mark m) {
    leads_.undo_to(m.leads);
    sales_.undo_to(m.sales);
    contacts_.undo_to(m.contacts);
    activities_.undo_to(m.activities);
    identity_.undo_to(m.identity);
    subscriptions_.undo_to(m.subscriptions);
    accounts_.undo_to(m.accounts);
}

void aggregate_store::forget_undo() {
    leads_.forget_undo();
    sales_.forget_undo();
    contacts_.forget_undo();
    activities_.forget_undo();
    identity_.forget_undo();
    subscriptions_.forget_undo();
    accounts_.forget_undo();
}

void aggregate_store::begin_batch() {
    forget_undo();
    in_batch_ = true;
}

void aggregate_store::commit_batch() {
    forget_undo();
    in_batch_ = false;
}

void aggregate_store::rollback_batch() {
    undo_to({});
    in_batch_ = false;
}

} // namespace ventros::commands
