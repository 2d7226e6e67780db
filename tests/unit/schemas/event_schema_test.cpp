// Pins that every event the code produces (crm: leads, deals, pipelines, contacts,
// companies, activities, channel instances, conversations; identity: users, projects;
// billing: subscriptions, billing accounts), and every golden example, fits its JSON
// Schema, and that each topic's schema folder holds exactly one schema per event type.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "../schema_check.hpp"
#include "ventros/domain/channel_instance_codec.hpp"
#include "ventros/domain/conversation_codec.hpp"
#include "ventros/domain/crm_codec.hpp"

#include <doctest/doctest.h>
#include <expected>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

using namespace ventros::domain;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using namespace ventros::schema_check;

/// Every crm event as `<aggregate>.<name>`, e.g. "deal.stage_moved".
const std::vector<std::string> crm_event_names{
    "channel_instance.registered",
    "channel_instance.status_changed",
    "channel_instance.removed",
    "conversation.started",
    "conversation.message_received",
    "conversation.message_sent",
    "conversation.handed_off",
    "conversation.marked_pending",
    "conversation.resolved",
    "conversation.reopened",
    "lead.created",
    "lead.updated",
    "lead.stage_changed",
    "lead.scored",
    "lead.qualified",
    "lead.assigned",
    "lead.lost",
    "lead.converted",
    "deal.created",
    "deal.updated",
    "deal.stage_moved",
    "deal.won",
    "deal.lost",
    "deal.reopened",
    "pipeline.created",
    "pipeline.stage_added",
    "pipeline.stage_updated",
    "pipeline.stages_reordered",
    "pipeline.stage_removed",
    "contact.created",
    "contact.updated",
    "contact.linked",
    "contact.unlinked",
    "contact.merged",
    "contact.absorbed",
    "company.created",
    "company.updated",
    "activity.created",
    "activity.updated",
    "activity.completed",
    "activity.reopened",
};

/// Every identity event as `<aggregate>.<name>`.
const std::vector<std::string> identity_event_names{
    "user.registered",        "project.created",     "project.member_set",
    "project.member_removed", "project.product_set", "project.settings_updated",
};

/// Every billing event as `<aggregate>.<name>`.
const std::vector<std::string> billing_event_names{
    "subscription.started",
    "subscription.plan_changed",
    "subscription.cancellation_scheduled",
    "subscription.cancellation_revoked",
    "subscription.payment_recorded",
    "subscription.status_changed",
    "billing_account.created",
    "billing_account.updated",
    "billing_account.suspended",
    "billing_account.reinstated",
};

/// One topic's schema folder (`schemas/events/<topic>/`): the events it must hold a schema
/// for, and where their golden examples live: `examples/<name>.v1.example.json` files, or
/// the first of the schema's own `examples`.
struct topic_folder {
    std::string topic;
    const std::vector<std::string>* event_names;
    bool example_files;
};

const std::vector<topic_folder> topic_folders{
    {.topic = "crm", .event_names = &crm_event_names, .example_files = true},
    {.topic = "identity", .event_names = &identity_event_names, .example_files = true},
    {.topic = "billing", .event_names = &billing_event_names, .example_files = false},
};

/// One event as the checks see it: its CloudEvents type, schema path, encoded body, and
/// whether decoding that body gives the same event back.
struct produced_event {
    std::string type;
    std::string schema;
    std::string body;
    std::string decode_error; ///< empty when the body decodes
    bool decodes_to_itself = false;
};

/// Describes `event` of any family, round-tripping its body through `decode`.
template <class Event, class Decode>
produced_event described(const Event& event, Decode decode) {
    produced_event out{.type = std::string(event_type(event)),
                       .schema = std::string(event_schema(event)),
                       .body = encode_json(event)};
    const auto decoded = decode(out.type, out.body);
    if (decoded) {
        out.decodes_to_itself = *decoded == event;
    } else {
        out.decode_error = decoded.error();
    }
    return out;
}

template <class Event, class Decode>
std::vector<produced_event> described_all(const std::vector<Event>& events, Decode decode) {
    std::vector<produced_event> out;
    for (const auto& event : events) {
        out.push_back(described(event, decode));
    }
    return out;
}

/// Decodes a body of any known type and describes the decoded event (its body re-encoded);
/// the reason when it does not decode.
std::expected<produced_event, std::string> decoded_any(const std::string& type,
                                                       const std::string& body) {
    const auto describe = [](const auto& decoded) -> std::expected<produced_event, std::string> {
        if (!decoded) {
            return std::unexpected(decoded.error());
        }
        return produced_event{.type = std::string(event_type(*decoded)),
                              .schema = std::string(event_schema(*decoded)),
                              .body = encode_json(*decoded),
                              .decodes_to_itself = true};
    };
    if (is_channel_instance_event_type(type)) {
        return describe(decode_channel_instance_event(type, body));
    }
    if (is_conversation_event_type(type)) {
        return describe(decode_conversation_event(type, body));
    }
    return describe(decode_crm_event(type, body));
}

command_context as(role r, const char* user) {
    return {.tenant = tenant_id{"acme"}, .actor = user_id{user}, .actor_role = r, .now = {}};
}

// Runs commands through decide/evolve like the write side does and keeps every event.
class recorder {
public:
    void run(const lead_command& command, const command_context& context) {
        auto& state = states_[subject_of(command)];
        const auto decision = decide(command, state, context);
        REQUIRE_MESSAGE(decision.has_value(), "refused: " << to_string(decision.error()).data());
        for (const auto& event : *decision) {
            state = evolve(state, event);
            events_.push_back(event);
        }
    }
    const std::vector<lead_event>& events() const { return events_; }

private:
    std::map<lead_id, std::optional<lead_state>> states_;
    std::vector<lead_event> events_;
};

// Every event type and every optional-field shape the domain can emit: present, absent,
// and (for patches) cleared.
std::vector<lead_event> produced_events() {
    const auto admin = as(role::admin, "u-admin");
    const auto manager = as(role::manager, "u-manager");
    const auto agent = as(role::agent, "u-ana");
    const lead_id a{"0193a1c2-5d7e-7f80-9a1b-00000000000a"};
    const lead_id b{"0193a1c2-5d7e-7f80-9a1b-00000000000b"};
    const lead_id c{"0193a1c2-5d7e-7f80-9a1b-00000000000c"};
    using text_patch = std::optional<std::string>;
    recorder r;
    r.run(create_lead{.id = a,
                      .name = "Maria Silva",
                      .email = "maria@example.com",
                      .phone = "+5511987654321",
                      .company = "Loja da Maria",
                      .source = lead_source::whatsapp,
                      .source_details = "campanha",
                      .tags = {"vip"},
                      .custom = {{"segmento", "moda"}}},
          admin);
    r.run(create_lead{.id = b, .name = "João"}, agent);
    r.run(create_lead{.id = c, .name = "Empresa X", .source = lead_source::import}, manager);

    r.run(update_lead{.id = a, .name = "Maria S."}, admin);
    r.run(update_lead{.id = a, .email = text_patch{"m@example.com"}, .phone = text_patch{}}, admin);
    r.run(update_lead{.id = a,
                      .email = text_patch{},
                      .phone = text_patch{"+5511900000000"},
                      .company = text_patch{}},
          admin);
    r.run(update_lead{.id = a,
                      .company = text_patch{"Nova"},
                      .tags = std::vector<std::string>{},
                      .custom = custom_fields{}},
          admin);
    r.run(update_lead{.id = a,
                      .tags = std::vector<std::string>{"a", "b"},
                      .custom = custom_fields{{"k", "v"}},
                      .stage = lead_stage::contacted},
          admin);
    r.run(update_lead{.id = b, .stage = lead_stage::contacted}, agent);

    r.run(answer_bant{.id = b, .answers = {}}, agent);
    r.run(update_lead{.id = b, .stage = lead_stage::new_lead}, agent);
    r.run(answer_bant{.id = b, .answers = {.budget = budget_answer::under_1000}}, agent);
    r.run(answer_bant{.id = a,
                      .answers = {.budget = budget_answer::above_10000,
                                  .authority = authority_answer::decision_maker,
                                  .need = "automação de vendas",
                                  .timeline = timeline_answer::immediately}},
          admin);
    r.run(answer_bant{.id = a,
                      .answers = {.authority = authority_answer::influencer,
                                  .need = "",
                                  .timeline = timeline_answer::within_3_months}},
          admin);

    r.run(assign_lead{.id = a, .agent = user_id{"u-ana"}}, admin);
    r.run(assign_lead{.id = a, .agent = user_id{"u-manager"}, .agent_role = role::manager},
          manager);
    r.run(assign_lead{.id = c, .agent = user_id{"u-admin"}, .agent_role = role::admin}, admin);

    r.run(mark_lead_lost{.id = c, .reason = "sem orçamento"}, admin);
    r.run(update_lead{.id = c, .phone = text_patch{}}, admin);

    r.run(convert_lead{.id = b, .deal = deal_id{"deal-b"}, .allow_unqualified = true}, agent);
    r.run(answer_bant{.id = a,
                      .answers = {.budget = budget_answer::from_5000_to_10000,
                                  .authority = authority_answer::decision_maker,
                                  .timeline = timeline_answer::within_30_days}},
          admin);
    r.run(convert_lead{.id = a, .deal = deal_id{"deal-a"}}, admin);
    return r.events();
}

// Runs pipeline and deal commands through decide/evolve like the writer does and keeps
// every event; deals are decided against the pipeline they name or are in.
class crm_recorder {
public:
    void run(const pipeline_command& command, const command_context& context) {
        auto& state = pipelines_[subject_of(command)];
        const auto decision = decide(command, state, context, pipeline_usage{});
        REQUIRE_MESSAGE(decision.has_value(), "refused: " << to_string(decision.error()).data());
        for (const auto& event : *decision) {
            state = evolve(state, event);
            events_.emplace_back(event);
        }
    }

    void run(const deal_command& command, const command_context& context) {
        auto& state = deals_[subject_of(command)];
        const auto* create = std::get_if<create_deal>(&command);
        const pipeline_id& pipeline = create != nullptr ? create->pipeline : state->pipeline;
        const auto& pipeline_state = pipelines_.at(pipeline);
        const auto decision = decide(command, state, &*pipeline_state, context);
        REQUIRE_MESSAGE(decision.has_value(), "refused: " << to_string(decision.error()).data());
        for (const auto& event : *decision) {
            state = evolve(state, event, context.actor);
            events_.emplace_back(event);
        }
    }

    const std::vector<crm_event>& events() const { return events_; }

private:
    std::map<pipeline_id, std::optional<pipeline_state>> pipelines_;
    std::map<deal_id, std::optional<deal_state>> deals_;
    std::vector<crm_event> events_;
};

// Every deal and pipeline event type and every optional-member shape the domain can emit:
// present, absent, and (for patches) cleared.
std::vector<crm_event> produced_deal_and_pipeline_events() {
    const auto admin = as(role::admin, "u-admin");
    const auto manager = as(role::manager, "u-manager");
    const auto agent = as(role::agent, "u-ana");
    const pipeline_id sales{"0193a1c2-5d7e-7f80-9a1b-0000000000a1"};
    const pipeline_id partners{"0193a1c2-5d7e-7f80-9a1b-0000000000a2"};
    const deal_id big{"0193a1c2-5d7e-7f80-9a1b-0000000000d1"};
    const deal_id small{"0193a1c2-5d7e-7f80-9a1b-0000000000d2"};
    using text_patch = std::optional<std::string>;
    using company_patch = std::optional<company_id>;
    const money reais{.cents = 1'250'000, .currency = "BRL"};
    const money nothing_yet{.cents = 0, .currency = "USD"};
    crm_recorder r;
    r.run(create_pipeline{.id = sales,
                          .name = "Vendas",
                          .stages = default_pipeline(sales).stages,
                          .is_default = true},
          admin);
    r.run(create_pipeline{.id = partners,
                          .name = "Parcerias",
                          .stages = {{.id = "intro", .name = "Intro", .probability = 0}}},
          manager);
    r.run(add_pipeline_stage{.id = sales,
                             .stage = {.id = "demo", .name = "Demo", .probability = 40},
                             .position = 2},
          admin);
    r.run(add_pipeline_stage{.id = sales,
                             .stage = {.id = "contract", .name = "Contrato", .probability = 90}},
          manager);
    r.run(update_pipeline_stage{.id = sales, .stage_id = "demo", .name = "Demonstração"}, admin);
    r.run(update_pipeline_stage{.id = sales, .stage_id = "demo", .probability = 45}, admin);
    r.run(
        update_pipeline_stage{
            .id = sales, .stage_id = "proposal", .name = "Proposta", .probability = 100},
        admin);
    r.run(reorder_pipeline_stages{.id = sales,
                                  .order = {"prospecting", "demo", "qualification", "proposal",
                                            "negotiation", "contract"}},
          admin);
    r.run(remove_pipeline_stage{.id = sales, .stage_id = "contract"}, admin);

    r.run(create_deal{.id = big,
                      .title = "Loja da Maria: 20 seats",
                      .value = reais,
                      .pipeline = sales,
                      .stage = "proposal",
                      .probability = 60,
                      .expected_close = "2026-12-15",
                      .owner = user_id{"u-ana"},
                      .lead = lead_id{"0193a1c2-5d7e-7f80-9a1b-00000000000a"},
                      .company = company_id{"0193a1c2-5d7e-7f80-9a1b-0000000000c1"}},
          admin);
    r.run(create_deal{.id = small, .title = "Piloto", .value = nothing_yet, .pipeline = sales},
          agent);
    r.run(update_deal{.id = big, .title = "Loja da Maria: 25 seats"}, admin);
    r.run(update_deal{.id = big,
                      .value = money{.cents = 1'500'000, .currency = "EUR"},
                      .expected_close = text_patch{"2027-01-31"},
                      .owner = user_id{"u-bruno"},
                      .company = company_patch{company_id{"0193a1c2-5d7e-7f80-9a1b-0000000000c2"}}},
          admin);
    r.run(update_deal{.id = big, .expected_close = text_patch{}, .company = company_patch{}},
          manager);
    r.run(move_deal_stage{.id = small, .stage = "negotiation"}, agent);
    r.run(move_deal_stage{.id = small, .stage = "demo", .probability = 30}, agent);
    r.run(win_deal{.id = big}, admin);
    r.run(reopen_deal{.id = big}, admin);
    r.run(lose_deal{.id = big, .reason = "escolheu um concorrente"}, admin);
    r.run(reopen_deal{.id = big}, manager);
    r.run(lose_deal{.id = small, .reason = "sem orçamento"}, agent);
    return r.events();
}

// Every contact and company event type and every optional-member shape decide emits; the
// facts stand in for what the writer looks up (companies, leads and deals exist).
std::vector<crm_event> produced_contact_and_company_events() {
    const auto admin = as(role::admin, "u-admin");
    const auto agent = as(role::agent, "u-ana");
    const contact_id maria{"0193a1c2-5d7e-7f80-9a1b-0000000000c1"};
    const contact_id other{"0193a1c2-5d7e-7f80-9a1b-0000000000c2"};
    const company_id acme{"0193a1c2-5d7e-7f80-9a1b-0000000000e1"};
    const lead_id lead{"0193a1c2-5d7e-7f80-9a1b-00000000000a"};
    const deal_id deal{"0193a1c2-5d7e-7f80-9a1b-0000000000d1"};
    using text_patch = std::optional<std::string>;
    std::map<contact_id, std::optional<contact_state>> contacts;
    std::optional<company_state> company;
    std::vector<crm_event> events;
    const contact_facts exist{.company_exists = true, .link_target_exists = true};
    const auto run_contact = [&](const contact_command& command, const command_context& context) {
        auto facts = exist;
        if (const auto* merge = std::get_if<merge_contacts>(&command)) {
            facts.merged = contacts[merge->merged];
        }
        const auto decision = decide(command, contacts[subject_of(command)], facts, context);
        REQUIRE_MESSAGE(decision.has_value(), "refused: " << to_string(decision.error()).data());
        for (const auto& event : *decision) {
            auto& state = contacts[subject_of(event)];
            state = evolve(state, event);
            events.emplace_back(event);
        }
    };
    const auto run_company = [&](const company_command& command) {
        const auto decision = decide(command, company, std::nullopt, admin);
        REQUIRE_MESSAGE(decision.has_value(), "refused: " << to_string(decision.error()).data());
        for (const auto& event : *decision) {
            company = evolve(company, event);
            events.emplace_back(event);
        }
    };
    run_company(create_company{.id = acme, .name = "Acme"});
    run_company(update_company{.id = acme,
                               .name = "Acme Ltda",
                               .domain = text_patch{"acme.com.br"},
                               .industry = text_patch{"Varejo"},
                               .size = std::optional(company_size::from_51_to_200)});
    run_company(update_company{.id = acme,
                               .domain = text_patch{},
                               .industry = text_patch{},
                               .size = std::optional<company_size>{}});
    run_company(update_company{.id = acme, .size = std::optional(company_size::above_1000)});
    run_contact(create_contact{.id = maria, .name = "Maria"}, agent);
    run_contact(create_contact{.id = other,
                               .name = "M. Silva",
                               .email = "m@example.com",
                               .phone = "+5511911111111",
                               .position = "CFO",
                               .company = acme},
                admin);
    run_contact(update_contact{.id = maria,
                               .name = "Maria Silva",
                               .email = text_patch{"maria@example.com"},
                               .phone = text_patch{"+5511987654321"},
                               .position = text_patch{"CEO"},
                               .company = std::optional(acme)},
                agent);
    run_contact(update_contact{.id = maria,
                               .email = text_patch{},
                               .phone = text_patch{},
                               .position = text_patch{},
                               .company = std::optional<company_id>{}},
                agent);
    run_contact(link_contact{maria, deal}, agent);
    run_contact(link_contact{other, lead}, admin);
    run_contact(link_contact{other, deal}, admin);
    run_contact(unlink_contact{maria, deal}, agent);
    run_contact(merge_contacts{maria, other}, admin);
    const contact_id third{"0193a1c2-5d7e-7f80-9a1b-0000000000c3"};
    run_contact(create_contact{.id = third, .name = "Sem nada"}, admin);
    run_contact(merge_contacts{maria, third}, admin);
    return events;
}

// Every activity event type and every optional-member shape the domain can emit: present,
// absent, and (for patches) cleared.
std::vector<crm_event> produced_activity_events() {
    const auto admin = as(role::admin, "u-admin");
    const auto agent = as(role::agent, "u-ana");
    const activity_id call{"0193a1c2-5d7e-7f80-9a1b-0000000000e1"};
    const activity_id note{"0193a1c2-5d7e-7f80-9a1b-0000000000e2"};
    const activity_id task{"0193a1c2-5d7e-7f80-9a1b-0000000000e3"};
    const lead_id lead{"0193a1c2-5d7e-7f80-9a1b-00000000000a"};
    const deal_id deal{"0193a1c2-5d7e-7f80-9a1b-0000000000d1"};
    const contact_id contact{"0193a1c2-5d7e-7f80-9a1b-0000000000c1"};
    const timestamp due{std::chrono::milliseconds{1'795'256'130'123}};
    std::map<activity_id, std::optional<activity_state>> states;
    std::vector<crm_event> events;
    const auto run = [&](const activity_command& command, const command_context& context) {
        auto& state = states[subject_of(command)];
        const auto decision = decide(command, state, activity_links_found{}, context);
        REQUIRE_MESSAGE(decision.has_value(), "refused: " << to_string(decision.error()).data());
        for (const auto& event : *decision) {
            state = evolve(state, event, context.actor);
            events.emplace_back(event);
        }
    };
    run(create_activity{.id = call,
                        .kind = activity_kind::call,
                        .subject = "Ligar para a Maria",
                        .description = "Confirmar licenças",
                        .due_at = due,
                        .assignee = user_id{"u-ana"},
                        .links = {.lead = lead, .deal = deal, .contact = contact}},
        admin);
    run(
        create_activity{
            .id = note, .kind = activity_kind::note, .subject = "Nota", .links = {.deal = deal}},
        agent);
    run(create_activity{.id = task,
                        .kind = activity_kind::task,
                        .subject = "Enviar proposta",
                        .links = {.lead = lead}},
        admin);
    run(update_activity{.id = call, .subject = "Ligar de novo"}, admin);
    run(update_activity{.id = call,
                        .description = std::optional<std::string>(),
                        .due_at = std::optional<timestamp>(),
                        .lead = std::optional<lead_id>(),
                        .deal = std::optional<deal_id>(),
                        .contact =
                            std::optional(contact_id{"0193a1c2-5d7e-7f80-9a1b-0000000000c2"})},
        admin);
    run(update_activity{.id = note,
                        .description = std::optional<std::string>("mais"),
                        .due_at = std::optional(due),
                        .assignee = user_id{"u-bruno"},
                        .lead = std::optional(lead),
                        .deal = std::optional<deal_id>(),
                        .contact = std::optional(contact)},
        agent);
    run(update_activity{.id = call,
                        .deal = std::optional(deal),
                        .contact = std::optional<contact_id>()},
        admin);
    run(complete_activity{.id = call, .outcome = "Fechou"}, admin);
    run(reopen_activity{.id = call}, admin);
    run(complete_activity{.id = call, .outcome = "Fechou de novo"}, admin);
    return events;
}

/// What a body shows of its event's optional members: `<type>.<member>` when present
/// (`=null` when cleared), `<type>.!<member>` when absent, and the values of booleans and
/// of `from` of a reopened deal.
std::set<std::string> shapes_of(const produced_event& event) {
    const std::string& type = event.type;
    const json body = json::parse(event.body);
    const json schema = json::parse(read_text(events_dir / event.schema));
    std::set<std::string> shapes;
    for (const auto& [key, ignored] : schema.at("properties").items()) {
        if (!body.contains(key)) {
            shapes.insert(type + ".!" + key);
        }
    }
    for (const auto& [key, value] : body.items()) {
        shapes.insert(type + "." + key + (value.is_null() ? "=null" : ""));
        if (value.is_boolean() || key == "from") {
            shapes.insert(type + "." + key + "=" + value.dump());
        }
    }
    return shapes;
}

/// The schema's complaints about the golden example of `name` (e.g. "deal.created") once
/// `change` has broken it.
template <class Change>
std::string broken(const std::string& name, Change change) {
    json body =
        json::parse(read_text(events_dir / "crm" / "examples" / (name + ".v1.example.json")));
    change(body);
    return problems("crm/" + name + ".v1.json", body);
}

/// The shapes of `members` that a creation may leave out and a patch may set, clear
/// (`=null`) or leave out.
std::vector<std::string> created_and_patched(const std::string& created_type,
                                             const std::string& updated_type,
                                             std::initializer_list<const char*> members) {
    std::vector<std::string> shapes;
    for (const std::string member : members) {
        shapes.push_back(created_type + "." + member);
        shapes.push_back(created_type + ".!" + member);
        shapes.push_back(updated_type + "." + member);
        shapes.push_back(updated_type + "." + member + "=null");
        shapes.push_back(updated_type + ".!" + member);
    }
    return shapes;
}

/// One family of crm events the produced-events case checks: what produces them (through
/// decide and evolve), how many event types they must cover, and the optional-member shapes
/// (as `shapes_of` names them) they must show. A new aggregate adds a row.
struct produced_family {
    const char* name;
    std::vector<produced_event> (*produce)();
    std::size_t event_types;
    std::vector<std::string> shapes;
};

std::vector<produced_event> produced_lead_events() {
    const auto events = produced_events();
    return described_all(std::vector<crm_event>(events.begin(), events.end()), decode_crm_event);
}

std::vector<produced_event> produced_deals_and_pipelines() {
    return described_all(produced_deal_and_pipeline_events(), decode_crm_event);
}

std::vector<produced_event> produced_contacts_and_companies() {
    return described_all(produced_contact_and_company_events(), decode_crm_event);
}

std::vector<produced_event> produced_activities() {
    return described_all(produced_activity_events(), decode_crm_event);
}

/// Runs commands of one aggregate through `decide_one` and evolve like its writer does,
/// keeping every event; each command must be accepted.
template <class State, class Event>
class aggregate_run {
public:
    template <class Decide>
    void accept(Decide decide_one) {
        const auto decision = decide_one(state_);
        REQUIRE_MESSAGE(decision.has_value(), "refused: " << to_string(decision.error()));
        for (const auto& event : *decision) {
            state_ = evolve(state_, event);
            events_.push_back(event);
        }
    }
    const std::vector<Event>& events() const { return events_; }

private:
    std::optional<State> state_;
    std::vector<Event> events_;
};

command_context at(role r, const char* user, timestamp now) {
    auto context = as(r, user);
    context.now = now;
    return context;
}

// Users and projects: registration, creation (with and without a description), joining,
// a role change, leaving, a product and every settings member set, cleared and left out.
std::vector<produced_event> produced_identity_events() {
    std::vector<crm_event> events;
    const auto registered =
        decide(register_user{.id = user_id{"0193a1c2-5d7e-7f80-9a1b-0000000000f1"},
                             .name = "Ana Souza",
                             .email = "ana@example.com",
                             .password_hash = "$argon2id$v=19$m=65536,t=2,"
                                              "p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g"},
               std::nullopt);
    REQUIRE(registered.has_value());
    events.insert(events.end(), registered->begin(), registered->end());

    const auto admin = as(role::admin, "u-admin");
    const billing_account_id account{"0193a1c2-5d7e-7f80-9a1b-0000000000b1"};
    const auto run_project = [&](const std::vector<project_command>& commands) {
        aggregate_run<project_state, project_event> r;
        for (const auto& command : commands) {
            r.accept([&](const auto& state) { return decide(command, state, admin); });
        }
        events.insert(events.end(), r.events().begin(), r.events().end());
    };
    const tenant_id acme{"acme"};
    run_project(
        {create_project{
             .id = acme, .name = "Acme", .description = "Vendas", .billing_account = account},
         set_project_member{acme, user_id{"u-ana"}, role::agent},
         set_project_member{acme, user_id{"u-ana"}, role::manager},
         remove_project_member{acme, user_id{"u-ana"}},
         set_project_product{acme, product::bi, {.enabled = true, .limits = {{"dashboards", 10}}}},
         set_project_product{acme, product::automation, {.enabled = false, .limits = {}}},
         update_project_settings{.id = acme, .name = "Acme Comercial"},
         update_project_settings{.id = acme,
                                 .description =
                                     field_patch<std::string>{std::optional<std::string>{}},
                                 .session_timeout_minutes = 60,
                                 .branding = branding{.logo_url = "https://cdn.example.com/a.png",
                                                      .primary_color = "#112233",
                                                      .secondary_color = "#445566",
                                                      .company_name = "Acme"}},
         update_project_settings{.id = acme, .description = field_patch<std::string>{"De novo"}}});
    const tenant_id beta{"beta-co"};
    run_project({create_project{.id = beta, .name = "Beta", .billing_account = account}});
    return described_all(events, decode_crm_event);
}

// Subscriptions through a trial, a plan change, the first payment, and a cancellation and
// its revocation; billing accounts through every event.
std::vector<produced_event> produced_billing_events() {
    const timestamp start = parse_rfc3339("2026-11-01T12:00:00Z").value();
    const timestamp trial_end = parse_rfc3339("2026-11-15T12:00:00Z").value();
    const subscription_id sub{"0193a1c2-5d7e-7f80-9a1b-0000000000f1"};
    const plan starter{.code = "starter",
                       .name = "Starter",
                       .price_cents = 29'900,
                       .limits = {.users = 5, .messages_per_month = 1'000, .channel_instances = 1}};
    const plan growth{.code = "growth",
                      .name = "Growth",
                      .price_cents = 79'900,
                      .limits = {.users = 15, .messages_per_month = 5'000, .channel_instances = 3}};
    const provider_event paid{.id = "evt_p1",
                              .what = provider_event::kind::payment_succeeded,
                              .created = trial_end,
                              .subscription = sub,
                              .period_start = trial_end,
                              .period_end = parse_rfc3339("2026-12-15T12:00:00Z").value(),
                              .amount_cents = 29'900};
    aggregate_run<subscription_state, subscription_event> subscription;
    const auto run = [&](const subscription_command& command, const command_context& context) {
        subscription.accept([&](const auto& state) { return decide(command, state, context); });
    };
    run(start_subscription{.id = sub, .chosen = starter}, at(role::admin, "u-admin", start));
    run(change_plan{growth}, at(role::admin, "u-admin", start + std::chrono::days{1}));
    run(apply_provider_event{paid}, at(role::viewer, "system", trial_end));
    run(request_cancellation{}, at(role::admin, "u-admin", trial_end + std::chrono::days{4}));
    run(resume_subscription{}, at(role::admin, "u-admin", trial_end + std::chrono::days{5}));
    std::vector<crm_event> events(subscription.events().begin(), subscription.events().end());

    aggregate_run<billing_account_state, billing_account_event> account;
    const billing_account_id id{"0193a1c2-5d7e-7f80-9a1b-0000000000b1"};
    const auto owner = as(role::viewer, "u-owner");
    const auto run_account = [&](const billing_account_command& command, billing_caller caller) {
        account.accept([&](const auto& state) { return decide(command, state, owner, caller); });
    };
    run_account(create_billing_account{id, "Acme Ltda", "financeiro@acme.com"},
                billing_caller::user);
    run_account(update_billing_account{id, "Acme SA", std::nullopt}, billing_caller::user);
    run_account(update_billing_account{id, std::nullopt, "contas@acme.com"}, billing_caller::user);
    run_account(suspend_billing_account{id, suspension_reason::payment_failed},
                billing_caller::system);
    run_account(reinstate_billing_account{id}, billing_caller::system);
    events.insert(events.end(), account.events().begin(), account.events().end());
    return described_all(events, decode_crm_event);
}

// A channel instance registered, connecting, connected and removed.
std::vector<produced_event> produced_channel_instance_events() {
    const channel_instance_id whatsapp{"0193a1c2-5d7e-7f80-9a1b-0000000000a9"};
    const auto admin = as(role::admin, "u-admin");
    aggregate_run<channel_instance_state, channel_instance_event> r;
    for (const channel_instance_command& command : std::vector<channel_instance_command>{
             register_channel_instance{.id = whatsapp,
           .kind = channel_kind::whatsapp,
           .name = "Vendas",
           .address = "+5511912345678"},
             change_channel_status{whatsapp, channel_status::connecting},
             change_channel_status{whatsapp, channel_status::connected},
             remove_channel_instance{whatsapp}}) {
        r.accept([&](const auto& state) { return decide(command, state, admin); });
    }
    return described_all(r.events(), decode_channel_instance_event);
}

// A conversation with a lead through the bot, a hand-off, agent replies, pending,
// resolution with and without a summary and a reopening; and one without lead or bot.
std::vector<produced_event> produced_conversation_events() {
    const conversation_id chat{"0193a1c2-5d7e-7f80-9a1b-0000000000b9"};
    const conversation_facts facts{.channel_exists = true,
                                   .channel_connected = true,
                                   .lead_exists = true,
                                   .agents = {{user_id{"u-ana"}, 2}, {user_id{"u-bruno"}, 0}},
                                   .round_robin_cursor = 0};
    const timestamp t0{std::chrono::milliseconds{1'790'000'000'000}};
    const auto ana = [&](int seconds) {
        return at(role::agent, "u-ana", t0 + std::chrono::seconds{seconds});
    };
    const start_conversation started{
        .id = chat,
        .channel_instance = channel_instance_id{"0193a1c2-5d7e-7f80-9a1b-0000000000a9"},
        .lead = lead_id{"0193a1c2-5d7e-7f80-9a1b-00000000000a"},
        .party_name = "Maria Silva",
        .party_address = "+5511987654321",
        .start_with_bot = true,
        .sla_minutes = 15};
    const auto message = [&](const char* id, message_direction direction, sender_type sender) {
        return record_message{.id = chat,
                              .message = message_id{id},
                              .direction = direction,
                              .sender = sender,
                              .content = "Oi"};
    };
    std::vector<conversation_event> events;
    const auto play =
        [&](const std::vector<std::pair<conversation_command, command_context>>& commands) {
            aggregate_run<conversation_state, conversation_event> r;
            for (const auto& [command, context] : commands) {
                r.accept([&](const auto& state) { return decide(command, state, facts, context); });
            }
            events.insert(events.end(), r.events().begin(), r.events().end());
        };
    play({{started, ana(0)},
          {message("m1", message_direction::in, sender_type::lead), ana(1)},
          {message("m2", message_direction::out, sender_type::bot), ana(2)},
          {hand_off_conversation{chat, handoff_strategy::round_robin, std::nullopt}, ana(3)},
          {message("m3", message_direction::out, sender_type::agent), ana(60)},
          {mark_conversation_pending{chat}, ana(62)},
          {resolve_conversation{chat, "Proposta enviada"}, ana(63)},
          {reopen_conversation{chat}, ana(64)},
          {resolve_conversation{chat, std::nullopt}, ana(65)}});
    auto open = started;
    open.id = conversation_id{"0193a1c2-5d7e-7f80-9a1b-0000000000ba"};
    open.lead.reset();
    open.start_with_bot = false;
    play({{open, as(role::manager, "u-manager")}});
    return described_all(events, decode_conversation_event);
}

std::vector<produced_family> produced_families() {
    auto activity_shapes =
        created_and_patched("ventros.crm.activity.created.v1", "ventros.crm.activity.updated.v1",
                            {"description", "due_at", "lead_id", "deal_id", "contact_id"});
    activity_shapes.insert(activity_shapes.end(),
                           {
                               "ventros.crm.activity.updated.v1.subject",
                               "ventros.crm.activity.updated.v1.!subject",
                               "ventros.crm.activity.updated.v1.assignee_id",
                               "ventros.crm.activity.updated.v1.!assignee_id",
                           });
    return {
        // Leads' optional fields: "the produced events cover every optional-field shape".
        {.name = "leads",
         .produce = produced_lead_events,
         .event_types = std::variant_size_v<lead_event>,
         .shapes = {}},
        {.name = "deals and pipelines",
         .produce = produced_deals_and_pipelines,
         .event_types = std::variant_size_v<deal_event> + std::variant_size_v<pipeline_event>,
         .shapes =
             {
                 "ventros.crm.deal.created.v1.expected_close",
                 "ventros.crm.deal.created.v1.!expected_close",
                 "ventros.crm.deal.created.v1.lead_id",
                 "ventros.crm.deal.created.v1.!lead_id",
                 "ventros.crm.deal.created.v1.company_id",
                 "ventros.crm.deal.created.v1.!company_id",
                 "ventros.crm.deal.created.v1.probability_overridden=true",
                 "ventros.crm.deal.created.v1.probability_overridden=false",
                 "ventros.crm.deal.updated.v1.title",
                 "ventros.crm.deal.updated.v1.!title",
                 "ventros.crm.deal.updated.v1.value_cents",
                 "ventros.crm.deal.updated.v1.currency",
                 "ventros.crm.deal.updated.v1.!value_cents",
                 "ventros.crm.deal.updated.v1.!currency",
                 "ventros.crm.deal.updated.v1.expected_close",
                 "ventros.crm.deal.updated.v1.expected_close=null",
                 "ventros.crm.deal.updated.v1.!expected_close",
                 "ventros.crm.deal.updated.v1.owner_id",
                 "ventros.crm.deal.updated.v1.!owner_id",
                 "ventros.crm.deal.updated.v1.company_id",
                 "ventros.crm.deal.updated.v1.company_id=null",
                 "ventros.crm.deal.updated.v1.!company_id",
                 "ventros.crm.deal.stage_moved.v1.probability_overridden=true",
                 "ventros.crm.deal.stage_moved.v1.probability_overridden=false",
                 "ventros.crm.deal.reopened.v1.from=\"won\"",
                 "ventros.crm.deal.reopened.v1.from=\"lost\"",
                 "ventros.crm.pipeline.created.v1.is_default=true",
                 "ventros.crm.pipeline.created.v1.is_default=false",
                 "ventros.crm.pipeline.stage_updated.v1.name",
                 "ventros.crm.pipeline.stage_updated.v1.!name",
                 "ventros.crm.pipeline.stage_updated.v1.probability",
                 "ventros.crm.pipeline.stage_updated.v1.!probability",
             }},
        {.name = "contacts and companies",
         .produce = produced_contacts_and_companies,
         .event_types = std::variant_size_v<contact_event> + std::variant_size_v<company_event>,
         .shapes =
             {
                 "ventros.crm.contact.created.v1.email",
                 "ventros.crm.contact.created.v1.!email",
                 "ventros.crm.contact.created.v1.company_id",
                 "ventros.crm.contact.created.v1.!company_id",
                 "ventros.crm.contact.updated.v1.name",
                 "ventros.crm.contact.updated.v1.!name",
                 "ventros.crm.contact.updated.v1.email",
                 "ventros.crm.contact.updated.v1.email=null",
                 "ventros.crm.contact.updated.v1.phone=null",
                 "ventros.crm.contact.updated.v1.position=null",
                 "ventros.crm.contact.updated.v1.company_id",
                 "ventros.crm.contact.updated.v1.company_id=null",
                 "ventros.crm.contact.linked.v1.lead_id",
                 "ventros.crm.contact.linked.v1.deal_id",
                 "ventros.crm.contact.unlinked.v1.deal_id",
                 "ventros.crm.contact.absorbed.v1.email",
                 "ventros.crm.contact.absorbed.v1.!email",
                 "ventros.crm.contact.absorbed.v1.company_id",
                 "ventros.crm.contact.absorbed.v1.!company_id",
                 "ventros.crm.company.created.v1.!domain",
                 "ventros.crm.company.updated.v1.domain",
                 "ventros.crm.company.updated.v1.domain=null",
                 "ventros.crm.company.updated.v1.size",
                 "ventros.crm.company.updated.v1.size=null",
             }},
        {.name = "activities",
         .produce = produced_activities,
         .event_types = std::variant_size_v<activity_event>,
         .shapes = std::move(activity_shapes)},
        {.name = "users and projects",
         .produce = produced_identity_events,
         .event_types = std::variant_size_v<user_event> + std::variant_size_v<project_event>,
         .shapes =
             {
                 "ventros.identity.project.created.v1.description",
                 "ventros.identity.project.created.v1.!description",
                 "ventros.identity.project.member_set.v1.previous_role",
                 "ventros.identity.project.member_set.v1.!previous_role",
                 "ventros.identity.project.product_set.v1.enabled=true",
                 "ventros.identity.project.product_set.v1.enabled=false",
                 "ventros.identity.project.settings_updated.v1.name",
                 "ventros.identity.project.settings_updated.v1.!name",
                 "ventros.identity.project.settings_updated.v1.description",
                 "ventros.identity.project.settings_updated.v1.description=null",
                 "ventros.identity.project.settings_updated.v1.!description",
                 "ventros.identity.project.settings_updated.v1.session_timeout_minutes",
                 "ventros.identity.project.settings_updated.v1.!session_timeout_minutes",
                 "ventros.identity.project.settings_updated.v1.branding",
                 "ventros.identity.project.settings_updated.v1.!branding",
             }},
        {.name = "subscriptions and billing accounts",
         .produce = produced_billing_events,
         .event_types =
             std::variant_size_v<subscription_event> + std::variant_size_v<billing_account_event>,
         .shapes = {}},
        {.name = "channel instances",
         .produce = produced_channel_instance_events,
         .event_types = std::variant_size_v<channel_instance_event>,
         .shapes = {}},
        {.name = "conversations",
         .produce = produced_conversation_events,
         .event_types = std::variant_size_v<conversation_event>,
         .shapes = {}},
    };
}

} // namespace

/// The golden example of `name` in `folder`: its examples/ file or the schema's first
/// `examples` entry, as text.
std::string golden_example(const topic_folder& folder, const std::string& name) {
    if (folder.example_files) {
        return read_text(events_dir / folder.topic / "examples" / (name + ".v1.example.json"));
    }
    const json schema = json::parse(read_text(events_dir / folder.topic / (name + ".v1.json")));
    REQUIRE_MESSAGE(schema.contains("examples"), folder.topic << "/" << name << " has no example");
    return schema.at("examples").at(0).dump();
}

TEST_CASE("each topic's schema folder holds exactly one schema (and example) per event") {
    for (const auto& folder : topic_folders) {
        CAPTURE(folder.topic);
        std::set<std::string> on_disk;
        for (const auto& entry : fs::directory_iterator(events_dir / folder.topic)) {
            if (entry.is_regular_file()) {
                on_disk.insert(folder.topic + "/" + entry.path().filename().string());
            }
        }
        std::set<std::string> expected;
        std::set<std::string> expected_examples;
        for (const auto& name : *folder.event_names) {
            expected.insert(folder.topic + "/" + name + ".v1.json");
            expected_examples.insert(name + ".v1.example.json");
        }
        CHECK(on_disk == expected);
        if (folder.example_files) {
            std::set<std::string> examples_on_disk;
            for (const auto& entry :
                 fs::directory_iterator(events_dir / folder.topic / "examples")) {
                examples_on_disk.insert(entry.path().filename().string());
            }
            CHECK(examples_on_disk == expected_examples);
        }
    }
}

TEST_CASE("every golden example validates, decodes, and re-encodes to itself") {
    for (const auto& folder : topic_folders) {
        for (const auto& name : *folder.event_names) {
            CAPTURE(name);
            const std::string text = golden_example(folder, name);
            const json example = json::parse(text);
            const std::string schema = folder.topic + "/" + name + ".v1.json";
            CHECK_MESSAGE(problems(schema, example).empty(), problems(schema, example));
            CHECK(json::parse(read_text(events_dir / schema)).at("title") ==
                  "ventros." + folder.topic + "." + name + ".v1");

            const auto decoded = decoded_any("ventros." + folder.topic + "." + name + ".v1", text);
            REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
            CHECK(decoded->schema == schema);
            CHECK(json::parse(decoded->body) == example);
        }
    }
}

TEST_CASE("the produced events cover every optional-field shape") {
    std::set<std::string> shapes;
    for (const auto& event : produced_events()) {
        const json body = json::parse(encode_json(event));
        for (const auto& [key, value] : body.items()) {
            shapes.insert(std::string(event_type(event)) + "." + key +
                          (value.is_null() ? "=null" : ""));
        }
        if (const auto* scored = std::get_if<lead_scored>(&event)) {
            for (const auto& [key, value] : body.at("answers").items()) {
                shapes.insert("answers." + key);
            }
            shapes.insert(scored->answers == bant_answers{} ? "answers:empty" : "answers:some");
        }
        if (const auto* assigned = std::get_if<lead_assigned>(&event)) {
            shapes.insert("agent_role:" + std::string(to_string(assigned->agent_role)));
        }
    }
    for (const char* shape : {
             "ventros.crm.lead.created.v1.email",
             "ventros.crm.lead.created.v1.source_details",
             "ventros.crm.lead.updated.v1.name",
             "ventros.crm.lead.updated.v1.email",
             "ventros.crm.lead.updated.v1.email=null",
             "ventros.crm.lead.updated.v1.phone",
             "ventros.crm.lead.updated.v1.phone=null",
             "ventros.crm.lead.updated.v1.company",
             "ventros.crm.lead.updated.v1.company=null",
             "ventros.crm.lead.updated.v1.tags",
             "ventros.crm.lead.updated.v1.custom_fields",
             "ventros.crm.lead.assigned.v1.previous",
             "answers.budget",
             "answers.authority",
             "answers.need",
             "answers.timeline",
             "answers:empty",
             "answers:some",
             "agent_role:admin",
             "agent_role:manager",
             "agent_role:agent",
         }) {
        CAPTURE(shape);
        CHECK(shapes.contains(shape));
    }
}

TEST_CASE("bodies that break the contract fail their schema") {
    CHECK_FALSE(broken("lead.created", [](json& b) { b["unexpected"] = 1; }).empty());
    CHECK_FALSE(broken("lead.created", [](json& b) { b["source"] = "telegram"; }).empty());
    CHECK_FALSE(broken("lead.created", [](json& b) { b.erase("lead_id"); }).empty());
    CHECK_FALSE(broken("lead.created", [](json& b) { b["name"] = ""; }).empty());
    CHECK_FALSE(broken("lead.created", [](json& b) { b["email"] = nullptr; }).empty());
    CHECK_FALSE(broken("lead.created", [](json& b) { b["tags"] = json{1}; }).empty());

    CHECK_FALSE(broken("lead.scored", [](json& b) { b["stage"] = "new"; }).empty());
    CHECK_FALSE(broken("lead.scored", [](json& b) { b["answers"]["budget"] = "lots"; }).empty());
    CHECK_FALSE(broken("lead.scored", [](json& b) { b["answers"]["mood"] = "ok"; }).empty());
    CHECK_FALSE(broken("lead.scored", [](json& b) { b["score"] = 70.5; }).empty());
    CHECK_FALSE(broken("lead.scored", [](json& b) { b["points"].erase("need"); }).empty());

    CHECK_FALSE(problems("crm/lead.assigned.v1.json",
                         json{{"lead_id", "l"}, {"agent", "u"}, {"agent_role", "viewer"}})
                    .empty());
    CHECK_FALSE(
        problems("crm/lead.updated.v1.json", json{{"lead_id", "l"}, {"name", nullptr}}).empty());
}

TEST_CASE("every event decide produces validates, decodes to itself and shows its shapes") {
    std::set<std::string> all_types;
    for (const auto& family : produced_families()) {
        CAPTURE(family.name);
        std::set<std::string> types;
        std::set<std::string> shapes;
        for (const auto& event : family.produce()) {
            CAPTURE(event.body);
            CHECK_MESSAGE(problems(event.schema, json::parse(event.body)).empty(),
                          problems(event.schema, json::parse(event.body)));
            CHECK_MESSAGE(event.decode_error.empty(), event.decode_error);
            CHECK(event.decodes_to_itself);
            types.insert(event.type);
            shapes.merge(shapes_of(event));
        }
        all_types.insert(types.begin(), types.end());
        CHECK(types.size() == family.event_types);
        for (const auto& shape : family.shapes) {
            CAPTURE(shape);
            CHECK(shapes.contains(shape));
        }
    }
    // Every event type some folder has a schema for is produced by some family.
    std::set<std::string> folder_types;
    for (const auto& folder : topic_folders) {
        for (const auto& name : *folder.event_names) {
            folder_types.insert("ventros." + folder.topic + "." + name + ".v1");
        }
    }
    CHECK(all_types == folder_types);
}

TEST_CASE("activity bodies that break the contract fail their schema") {
    CHECK_FALSE(broken("activity.created", [](json& b) { b["unexpected"] = 1; }).empty());
    CHECK_FALSE(broken("activity.created", [](json& b) { b["kind"] = "lunch"; }).empty());
    CHECK_FALSE(broken("activity.created", [](json& b) { b.erase("assignee_id"); }).empty());
    CHECK_FALSE(broken("activity.created", [](json& b) { b["subject"] = ""; }).empty());
    CHECK_FALSE(broken("activity.created", [](json& b) { b["due_at"] = "2026-11-23"; }).empty());
    CHECK_FALSE(broken("activity.created", [](json& b) {
                    b.erase("lead_id");
                    b.erase("deal_id");
                }).empty());
    CHECK_FALSE(broken("activity.updated", [](json& b) { b["subject"] = nullptr; }).empty());
    CHECK_FALSE(broken("activity.updated", [](json& b) { b["assignee_id"] = nullptr; }).empty());
    CHECK_FALSE(broken("activity.updated", [](json& b) { b["deal_id"] = ""; }).empty());
    CHECK_FALSE(broken("activity.completed", [](json& b) { b.erase("outcome"); }).empty());
    CHECK_FALSE(broken("activity.reopened", [](json& b) { b["outcome"] = "x"; }).empty());
}

TEST_CASE("deal and pipeline bodies that break the contract fail their schema") {
    CHECK_FALSE(broken("deal.created", [](json& b) { b["unexpected"] = 1; }).empty());
    CHECK_FALSE(broken("deal.created", [](json& b) { b.erase("owner_id"); }).empty());
    CHECK_FALSE(broken("deal.created", [](json& b) { b["value_cents"] = -1; }).empty());
    CHECK_FALSE(broken("deal.created", [](json& b) { b["value_cents"] = 10.5; }).empty());
    CHECK_FALSE(broken("deal.created", [](json& b) { b["currency"] = "brl"; }).empty());
    CHECK_FALSE(broken("deal.created", [](json& b) { b["probability"] = 101; }).empty());
    CHECK_FALSE(broken("deal.created", [](json& b) { b["probability_overridden"] = 0; }).empty());
    CHECK_FALSE(
        broken("deal.created", [](json& b) { b["expected_close"] = "15/12/2026"; }).empty());
    CHECK_FALSE(broken("deal.created", [](json& b) { b["lead_id"] = nullptr; }).empty());
    CHECK_FALSE(broken("deal.updated", [](json& b) { b.erase("currency"); }).empty());
    CHECK_FALSE(broken("deal.updated", [](json& b) { b.erase("value_cents"); }).empty());
    CHECK_FALSE(broken("deal.updated", [](json& b) { b["title"] = nullptr; }).empty());
    CHECK_FALSE(
        broken("deal.updated", [](json& b) { b["expected_close"] = "2026-13-01"; }).empty());
    CHECK_FALSE(broken("deal.reopened", [](json& b) { b["from"] = "open"; }).empty());
    CHECK_FALSE(broken("deal.won", [](json& b) { b.erase("currency"); }).empty());
    CHECK_FALSE(broken("pipeline.created", [](json& b) { b["stages"] = json::array(); }).empty());
    CHECK_FALSE(
        broken("pipeline.created", [](json& b) { b["stages"][0]["color"] = "red"; }).empty());
    CHECK_FALSE(broken("pipeline.created", [](json& b) { b["stages"][1].erase("id"); }).empty());
    CHECK_FALSE(broken("pipeline.stage_added", [](json& b) { b["position"] = -1; }).empty());
    CHECK_FALSE(broken("pipeline.stage_updated", [](json& b) { b["probability"] = 150; }).empty());
    CHECK_FALSE(broken("pipeline.stages_reordered", [](json& b) { b["order"] = json{1}; }).empty());
    CHECK_FALSE(broken("pipeline.stage_removed", [](json& b) { b.erase("stage_id"); }).empty());
}

TEST_CASE("contact and company bodies that break the contract fail their schema") {
    CHECK_FALSE(broken("contact.created", [](json& b) { b["unexpected"] = 1; }).empty());
    CHECK_FALSE(broken("contact.created", [](json& b) { b.erase("name"); }).empty());
    CHECK_FALSE(broken("contact.created", [](json& b) { b["email"] = nullptr; }).empty());
    CHECK_FALSE(broken("contact.updated", [](json& b) { b["name"] = nullptr; }).empty());
    CHECK_FALSE(broken("contact.linked", [](json& b) { b.erase("lead_id"); }).empty());
    CHECK_FALSE(broken("contact.linked", [](json& b) { b["deal_id"] = "d"; }).empty());
    CHECK_FALSE(broken("contact.merged", [](json& b) { b.erase("merged_into"); }).empty());
    CHECK_FALSE(
        broken("contact.absorbed", [](json& b) { b["links"][0]["deal_id"] = "d"; }).empty());
    CHECK_FALSE(broken("contact.absorbed", [](json& b) { b.erase("links"); }).empty());
    CHECK_FALSE(broken("company.created", [](json& b) { b["size"] = "huge"; }).empty());
    CHECK_FALSE(broken("company.created", [](json& b) { b["domain"] = "WWW.Acme.com"; }).empty());
    CHECK_FALSE(broken("company.updated", [](json& b) { b["name"] = nullptr; }).empty());
}
