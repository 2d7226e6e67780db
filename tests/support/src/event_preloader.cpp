#include "ventros/fault/event_preloader.hpp"

#include "ventros/commands/project_seed.hpp"
#include "ventros/commands/uuid.hpp"
#include "ventros/domain/lead_codec.hpp"
#include "ventros/domain/time.hpp"
#include "ventros/eventlog/cloud_event.hpp"
#include "ventros/eventlog/partitioner.hpp"

#include <stdexcept>

namespace ventros::fault {
namespace {

eventlog::kafka_config kafka_of(const testing::stack& s) {
    eventlog::kafka_config kafka;
    kafka.bootstrap_servers = s.environment().at("VENTROS_KAFKA_BROKERS");
    kafka.topic_prefix = s.prefix();
    return kafka;
}

} // namespace

event_preloader::event_preloader(const testing::stack& s, std::vector<std::string> tenants)
    : topic_(s.topic("crm")), partitions_(std::stoi(s.environment().at("VENTROS_PARTITIONS"))),
      tenants_(std::move(tenants)), producer_(kafka_of(s), "preloader-" + commands::new_uuid_v7()) {
    producer_.init(std::chrono::seconds(30));
    // Tenants must exist: open their projects first, as POST /v1/tenants would.
    for (const auto& tenant : tenants_) {
        auto opening = commands::project_opening_records(
            tenant, testing::stack::owner, commands::unlimited_plan(),
            eventlog::topics::with_prefix(s.prefix()), partitions_);
        std::ranges::move(opening, std::back_inserter(pending_));
    }
}

void event_preloader::write(std::size_t events, std::size_t per_transaction) {
    const std::size_t target = events_ + events;
    while (events_ < target) {
        const auto& tenant = tenants_[leads_++ % tenants_.size()];
        const domain::lead_id id(commands::new_uuid_v7());
        const auto n = std::to_string(leads_);
        decide(tenant, domain::create_lead{id,
                                           "Lead " + n,
                                           "lead" + n + "@example.com",
                                           "+55 11 98765-4321",
                                           std::nullopt,
                                           domain::lead_source::web,
                                           std::nullopt,
                                           {"preloaded"},
                                           {}});
        domain::bant_answers answers;
        answers.budget = domain::budget_answer::above_10000;
        answers.authority = domain::authority_answer::decision_maker;
        answers.need = "crm";
        answers.timeline = domain::timeline_answer::immediately;
        decide(tenant, domain::answer_bant{id, answers});
        decide(tenant, domain::assign_lead{id, domain::user_id("agent-" + n), domain::role::agent});
        domain::update_lead rename{id};
        rename.name = "Lead " + n + " renamed";
        decide(tenant, rename);
        if (pending_.size() >= per_transaction) {
            flush();
        }
    }
    flush();
}

void event_preloader::decide(const std::string& tenant, const domain::lead_command& command) {
    const lead_ref ref{tenant, domain::subject_of(command).str()};
    std::optional<domain::lead_state> state;
    if (const auto found = states_.find(ref); found != states_.end()) {
        state = found->second;
    }
    const domain::command_context context{
        domain::tenant_id(tenant), domain::user_id("preloader"), domain::role::admin,
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now())};
    const auto decided = domain::decide(command, state, context);
    if (!decided) {
        throw std::logic_error("preloaded command refused: " +
                               std::string(domain::to_string(decided.error())));
    }
    const auto command_id = commands::new_uuid_v7();
    for (const auto& e : *decided) {
        state = domain::evolve(state, e);
        eventlog::cloud_event_attributes a;
        a.id = commands::new_uuid_v7();
        a.type = std::string(domain::event_type(e));
        a.time = domain::format_rfc3339(context.now);
        a.subject = "leads/" + ref.id;
        a.dataschema = std::string(domain::event_schema(e));
        a.tenant_id = tenant;
        a.aggregate_id = ref.id;
        a.aggregate_version = state->version;
        a.command_id = command_id;
        a.correlation_id = command_id;
        a.causation_id = command_id;
        a.actor = "preloader";
        pending_.push_back({topic_, eventlog::partition_for_key(tenant, partitions_), tenant,
                            domain::encode_json(e), eventlog::encode_headers(a)});
        ++events_;
    }
    states_[ref] = *state;
    versions_[ref] = state->version;
}

void event_preloader::flush() {
    if (!pending_.empty()) {
        producer_.append(pending_, std::chrono::seconds(30));
        pending_.clear();
    }
}

} // namespace ventros::fault
