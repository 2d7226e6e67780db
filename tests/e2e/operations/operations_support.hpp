#pragma once

#include "ventros/testing/problem_check.hpp"
#include "ventros/testing/stack.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace ventros::operations_e2e {

using namespace std::chrono_literals;

/// The stack most operations tests share, started on first use: a gateway, and a
/// projector serving its /metrics on `projector_metrics_port()`.
testing::stack& shared_stack();
unsigned short projector_metrics_port();

/// "VENTROS_PROJECTOR_METRICS_ADDRESS" set to 127.0.0.1:`port`, for `start_projector`.
std::map<std::string, std::string> projector_metrics_env(unsigned short port);

/// A tenant id not handed out before in this process, e.g. "iso-a-3".
std::string unique_tenant(const std::string& hint);

/// What a successful command answered.
struct written {
    std::string id;
    int version = 0;
    std::string position;
};

/// A user holding the admin role in exactly one tenant, talking to a stack's gateway.
class tenant_admin {
public:
    tenant_admin(const testing::stack& stack, std::string tenant, std::string user = "ops-admin");

    const std::string& tenant() const noexcept { return tenant_; }
    std::string leads_path() const { return "/v1/tenants/" + tenant_ + "/leads"; }
    std::string lead_path(const std::string& id) const { return leads_path() + "/" + id; }
    std::string deal_path(const std::string& id) const {
        return "/v1/tenants/" + tenant_ + "/deals/" + id;
    }

    /// A request with the user's token; a non-null `body` is sent as JSON.
    testing::http_reply send(const std::string& method, const std::string& target,
                             const nlohmann::json& body = nullptr,
                             const std::map<std::string, std::string>& headers = {}) const;
    /// Creates a lead; fails the test unless the answer is 201.
    written create_lead(const nlohmann::json& body) const;
    /// A command on an existing lead (`action` "" is PATCH of the lead, else POST to
    /// <lead>/<action>); fails the test unless the answer is 200.
    written act(const std::string& lead_id, const std::string& action,
                const nlohmann::json& body) const;
    /// Converts a lead (POST <lead>/conversion); fails the test unless the answer is 201.
    /// Returns the new deal.
    written convert(const std::string& lead_id, const nlohmann::json& body) const;
    /// POST to a deal's action (`action` "" is PATCH of the deal); fails the test unless
    /// the answer is 200.
    written act_on_deal(const std::string& deal_id, const std::string& action,
                        const nlohmann::json& body) const;

private:
    const testing::stack* stack_;
    std::string tenant_;
    std::string bearer_;
};

using testing::check_problem;

/// One sample of the Prometheus text exposition format.
struct metric_sample {
    std::string name;
    std::map<std::string, std::string> labels;
    double value = 0;
};

/// Parses exposition text; fails the test on a line that is neither a comment nor a sample.
std::vector<metric_sample> parse_metrics(const std::string& text);
/// GET /metrics on 127.0.0.1:`port` (200 required), parsed.
std::vector<metric_sample> scrape_metrics(unsigned short port);
/// Whether the sample carries every one of `labels` (it may have more).
bool has_labels(const metric_sample& sample, const std::map<std::string, std::string>& labels);
/// Sum of the samples named `name` whose labels include all of `labels`.
double metric_sum(const std::vector<metric_sample>& samples, const std::string& name,
                  const std::map<std::string, std::string>& labels = {});

/// md5 of the table's rows as text, in `order_by` order: equal digests, equal contents.
std::string table_digest(pqxx::connection& conn, const std::string& table,
                         const std::string& order_by);
/// The single value of a one-row, one-column query.
long long query_number(pqxx::connection& conn, const std::string& sql);

/// Polls `condition` every 50 ms until it holds or `timeout` passes; its last result.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 20s);

/// The output of the stack's processes whose log file names start with `prefix`
/// ("gateway-", "projector-1"), concatenated.
std::string process_logs(const testing::stack& stack, const std::string& prefix);

/// Each non-empty line parsed as JSON; fails the test on a line that is not JSON.
std::vector<nlohmann::json> json_lines(const std::string& text);

} // namespace ventros::operations_e2e
