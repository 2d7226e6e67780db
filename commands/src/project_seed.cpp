#include "ventros/commands/project_seed.hpp"

#include "aggregate_store.hpp"
#include "event_records.hpp"
#include "ventros/commands/uuid.hpp"
#include "ventros/eventlog/partitioner.hpp"

#include <stdexcept>

namespace ventros::commands {

domain::plan unlimited_plan() {
    return domain::plan{.code = "enterprise",
                        .name = "Enterprise",
                        .price_cents = 249900,
                        .currency = "BRL",
                        .limits = {.requests_per_minute = 600'000}};
}

std::vector<eventlog::outgoing_record>
project_opening_records(const std::string& tenant, const std::string& owner,
                        const domain::plan& plan, const eventlog::topics& topics, int partitions) {
    write_request request;
    request.context = {
        domain::tenant_id(tenant), domain::user_id(owner), domain::role::admin,
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now())};
    request.command = domain::project_opening{
        domain::create_project{domain::tenant_id(tenant), tenant, std::nullopt,
                               domain::billing_account_id(new_uuid_v7())},
        domain::start_subscription{domain::subscription_id(new_uuid_v7()), plan,
                                   domain::default_trial_days}};
    request.request_id = new_uuid_v7();
    aggregate_store store;
    const auto decided = store.decide_and_apply(request);
    if (!decided) {
        throw std::logic_error("a fresh project cannot be refused");
    }
    return make_event_records(request, *decided, new_uuid_v7(), topics,
                              eventlog::partition_for_key(tenant, partitions));
}

} // namespace ventros::commands
