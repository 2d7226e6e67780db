#include "operations_support.hpp"

#include <doctest/doctest.h>
#include <set>

namespace ventros::operations_e2e {
namespace {

const std::string lag = "ventros_projector_lag";
const std::string applied = "ventros_projector_events_applied_total";

/// Partitions of `topic` with a leads lag sample, and the largest lag among them.
struct lag_report {
    std::set<int> partitions;
    double worst = 0;
};

lag_report leads_lag(const std::vector<metric_sample>& samples, const std::string& topic) {
    lag_report report;
    for (const auto& s : samples) {
        if (s.name == lag && has_labels(s, {{"projection", "leads"}, {"topic", topic}})) {
            report.partitions.insert(std::stoi(s.labels.at("partition")));
            report.worst = std::max(report.worst, s.value);
        }
    }
    return report;
}

} // namespace

TEST_CASE("the projector's /metrics shows lag for every partition and counts each applied event "
          "once") {
    auto& stack = shared_stack();
    const auto port = projector_metrics_port();
    const auto crm = stack.topic("crm");
    const auto partitions = stack.end_offsets("crm").size();

    // Lag is sampled every 5 s once the projector owns its partitions.
    lag_report report;
    CHECK(eventually(
        [&] {
            report = leads_lag(scrape_metrics(port), crm);
            return report.partitions.size() == partitions;
        },
        30s));
    CHECK(*report.partitions.begin() == 0);
    CHECK(*report.partitions.rbegin() == static_cast<int>(partitions) - 1);

    REQUIRE(stack.wait_projected("leads"));
    const auto applied_before =
        metric_sum(scrape_metrics(port), applied, {{"projection", "leads"}});
    const tenant_admin admin(stack, unique_tenant("projector-metrics"));
    const auto lead = admin.create_lead({{"name", "Applied Once"}}).id;
    admin.act(lead, "", {{"company", "Counted Ltd"}});
    admin.create_lead({{"name", "Applied Twice? No"}});
    REQUIRE(stack.wait_projected("leads"));
    double applied_after = 0;
    CHECK(eventually([&] {
        applied_after = metric_sum(scrape_metrics(port), applied, {{"projection", "leads"}});
        return applied_after - applied_before >= 3;
    }));
    CHECK(applied_after - applied_before == 3);

    // Caught up, no partition lags by more than its final transaction marker.
    CHECK(eventually([&] { return leads_lag(scrape_metrics(port), crm).worst == 0; }, 15s));
}

} // namespace ventros::operations_e2e
