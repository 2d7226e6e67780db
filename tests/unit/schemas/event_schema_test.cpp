// Pins that every crm event the code produces (leads, deals, pipelines, contacts,
// companies, activities), and every golden
// example, fits its JSON Schema.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "ventros/domain/crm_codec.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

using namespace ventros::domain;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path events_dir = fs::path(VENTROS_SOURCE_DIR) / "schemas" / "events";

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const valijson::Schema& schema_at(const std::string& relative) {
    static std::map<std::string, std::unique_ptr<valijson::Schema>> cache;
    auto& slot = cache[relative];
    if (!slot) {
        const json document = json::parse(read_text(events_dir / relative));
        CHECK(document.at("$schema") == "http://json-schema.org/draft-07/schema#");
        CHECK(document.at("additionalProperties") == false);
        slot = std::make_unique<valijson::Schema>();
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(document), *slot);
    }
    return *slot;
}

/// The schema's complaints about `body`; empty when it validates.
std::string problems(const std::string& schema_path, const json& body) {
    valijson::Validator validator;
    valijson::ValidationResults results;
    validator.validate(schema_at(schema_path), valijson::adapters::NlohmannJsonAdapter(body),
                       &results);
    std::string report;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        for (const auto& part : error.context) {
            report += part;
        }
        report += ": " + error.description + "\n";
    }
    return report;
}

/// Every crm event as `<aggregate>.<name>`, e.g. "deal.stage_moved".
const std::vector<std::string> crm_event_names{
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
std::set<std::string> shapes_of(const crm_event& event) {
    const std::string type{event_type(event)};
    const json body = json::parse(encode_json(event));
    const json schema = json::parse(read_text(events_dir / event_schema(event)));
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
    std::vector<crm_event> (*produce)();
    std::size_t event_types;
    std::vector<std::string> shapes;
};

std::vector<crm_event> produced_lead_events() {
    const auto events = produced_events();
    return {events.begin(), events.end()};
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
         .produce = produced_deal_and_pipeline_events,
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
         .produce = produced_contact_and_company_events,
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
         .produce = produced_activity_events,
         .event_types = std::variant_size_v<activity_event>,
         .shapes = std::move(activity_shapes)},
    };
}

} // namespace

TEST_CASE("the schema folder holds exactly one schema and one example per crm event") {
    std::set<std::string> on_disk;
    for (const auto& entry : fs::directory_iterator(events_dir / "crm")) {
        if (entry.is_regular_file()) {
            on_disk.insert("crm/" + entry.path().filename().string());
        }
    }
    std::set<std::string> examples_on_disk;
    for (const auto& entry : fs::directory_iterator(events_dir / "crm" / "examples")) {
        examples_on_disk.insert(entry.path().filename().string());
    }
    std::set<std::string> expected;
    std::set<std::string> expected_examples;
    for (const auto& name : crm_event_names) {
        expected.insert("crm/" + name + ".v1.json");
        expected_examples.insert(name + ".v1.example.json");
    }
    CHECK(on_disk == expected);
    CHECK(examples_on_disk == expected_examples);
}

TEST_CASE("every golden example validates, decodes, and re-encodes to itself") {
    for (const auto& name : crm_event_names) {
        CAPTURE(name);
        const std::string text =
            read_text(events_dir / "crm" / "examples" / (name + ".v1.example.json"));
        const json example = json::parse(text);
        const std::string schema = "crm/" + name + ".v1.json";
        CHECK_MESSAGE(problems(schema, example).empty(), problems(schema, example));

        const auto decoded = decode_crm_event("ventros.crm." + name + ".v1", text);
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(event_schema(*decoded) == schema);
        CHECK(json::parse(encode_json(*decoded)) == example);
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

TEST_CASE("every crm event decide produces validates, decodes to itself and shows its shapes") {
    for (const auto& family : produced_families()) {
        CAPTURE(family.name);
        std::set<std::string> types;
        std::set<std::string> shapes;
        for (const auto& event : family.produce()) {
            const std::string body = encode_json(event);
            CAPTURE(body);
            const std::string schema{event_schema(event)};
            CHECK_MESSAGE(problems(schema, json::parse(body)).empty(),
                          problems(schema, json::parse(body)));
            const auto decoded = decode_crm_event(event_type(event), body);
            REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
            CHECK(*decoded == event);
            types.insert(std::string(event_type(event)));
            shapes.merge(shapes_of(event));
        }
        CHECK(types.size() == family.event_types);
        for (const auto& shape : family.shapes) {
            CAPTURE(shape);
            CHECK(shapes.contains(shape));
        }
    }
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
