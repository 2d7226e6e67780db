#include "operations_support.hpp"

#include <algorithm>
#include <atomic>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace ventros::operations_e2e {
namespace {

struct shared_deployment {
    testing::stack stack;
    unsigned short projector_port = testing::free_port();

    shared_deployment() {
        stack.start_projector(projector_metrics_env(projector_port));
        stack.start_gateway();
    }
};

shared_deployment& deployment() {
    static shared_deployment instance;
    return instance;
}

/// Reads `name{label="value",...}` from `line` at `pos`; false on a syntax error.
bool parse_labels(const std::string& line, std::size_t& pos,
                  std::map<std::string, std::string>& labels) {
    ++pos; // '{'
    while (pos < line.size() && line[pos] != '}') {
        const auto eq = line.find('=', pos);
        if (eq == std::string::npos || eq + 1 >= line.size() || line[eq + 1] != '"') {
            return false;
        }
        const auto key = line.substr(pos, eq - pos);
        std::string value;
        pos = eq + 2;
        while (pos < line.size() && line[pos] != '"') {
            if (line[pos] == '\\' && pos + 1 < line.size()) {
                ++pos;
            }
            value.push_back(line[pos++]);
        }
        if (pos >= line.size()) {
            return false;
        }
        labels[key] = value;
        ++pos; // closing quote
        if (pos < line.size() && line[pos] == ',') {
            ++pos;
        }
    }
    if (pos >= line.size()) {
        return false;
    }
    ++pos; // '}'
    return true;
}

} // namespace

testing::stack& shared_stack() {
    return deployment().stack;
}

unsigned short projector_metrics_port() {
    return deployment().projector_port;
}

std::map<std::string, std::string> projector_metrics_env(unsigned short port) {
    return {{"VENTROS_PROJECTOR_METRICS_ADDRESS", "127.0.0.1:" + std::to_string(port)}};
}

std::string unique_tenant(const std::string& hint) {
    static std::atomic<int> next{0};
    return hint + "-" + std::to_string(++next);
}

tenant_admin::tenant_admin(const testing::stack& stack, std::string tenant, std::string user)
    : stack_(&stack), tenant_(std::move(tenant)),
      bearer_("Bearer " + stack.token(user, {{tenant_, "admin"}})) {
    stack.open_project(tenant_);
}

testing::http_reply tenant_admin::send(const std::string& method, const std::string& target,
                                       const nlohmann::json& body,
                                       const std::map<std::string, std::string>& headers) const {
    std::map<std::string, std::string> all{{"Authorization", bearer_}};
    all.insert(headers.begin(), headers.end());
    return stack_->client().request(method, target, all, body.is_null() ? "" : body.dump());
}

namespace {

written written_by(const testing::http_reply& reply, unsigned status, const std::string& what) {
    REQUIRE_MESSAGE(reply.status == status, what << ": " << reply.body);
    const auto json = reply.json();
    return {json.at("id"), json.at("version"), json.at("position")};
}

} // namespace

written tenant_admin::create_lead(const nlohmann::json& body) const {
    return written_by(send("POST", leads_path(), body), 201, "create");
}

written tenant_admin::act(const std::string& lead_id, const std::string& action,
                          const nlohmann::json& body) const {
    const auto reply = action.empty() ? send("PATCH", lead_path(lead_id), body)
                                      : send("POST", lead_path(lead_id) + "/" + action, body);
    return written_by(reply, 200, action);
}

written tenant_admin::convert(const std::string& lead_id, const nlohmann::json& body) const {
    return written_by(send("POST", lead_path(lead_id) + "/conversion", body), 201, "conversion");
}

written tenant_admin::act_on_deal(const std::string& deal_id, const std::string& action,
                                  const nlohmann::json& body) const {
    const auto reply = action.empty() ? send("PATCH", deal_path(deal_id), body)
                                      : send("POST", deal_path(deal_id) + "/" + action, body);
    return written_by(reply, 200, action);
}

std::vector<metric_sample> parse_metrics(const std::string& text) {
    std::vector<metric_sample> samples;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line.starts_with('#')) {
            continue;
        }
        metric_sample s;
        auto pos = line.find_first_of("{ ");
        REQUIRE_MESSAGE(pos != std::string::npos, "not a sample: " << line);
        s.name = line.substr(0, pos);
        if (line[pos] == '{') {
            REQUIRE_MESSAGE(parse_labels(line, pos, s.labels), "bad labels: " << line);
        }
        REQUIRE_MESSAGE((pos < line.size() && line[pos] == ' '), "no value: " << line);
        std::size_t used = 0;
        s.value = std::stod(line.substr(pos + 1), &used);
        REQUIRE_MESSAGE(pos + 1 + used == line.size(), "trailing text: " << line);
        samples.push_back(std::move(s));
    }
    return samples;
}

std::vector<metric_sample> scrape_metrics(unsigned short port) {
    const auto reply = testing::http_client(port).request("GET", "/metrics");
    REQUIRE(reply.status == 200);
    return parse_metrics(reply.body);
}

bool has_labels(const metric_sample& sample, const std::map<std::string, std::string>& labels) {
    return std::ranges::all_of(labels, [&](const auto& wanted) {
        const auto found = sample.labels.find(wanted.first);
        return found != sample.labels.end() && found->second == wanted.second;
    });
}

double metric_sum(const std::vector<metric_sample>& samples, const std::string& name,
                  const std::map<std::string, std::string>& labels) {
    double sum = 0;
    for (const auto& s : samples) {
        if (s.name == name && has_labels(s, labels)) {
            sum += s.value;
        }
    }
    return sum;
}

std::string table_digest(pqxx::connection& conn, const std::string& table,
                         const std::string& order_by) {
    pqxx::read_transaction tx(conn);
    return tx
        .exec1("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY " + order_by +
               "), '')) FROM " + tx.quote_name(table) + " t")[0]
        .as<std::string>();
}

long long query_number(pqxx::connection& conn, const std::string& sql) {
    pqxx::read_transaction tx(conn);
    return tx.exec1(sql)[0].as<long long>();
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(50ms);
    }
    return true;
}

std::string process_logs(const testing::stack& stack, const std::string& prefix) {
    std::string all;
    for (const auto& entry : std::filesystem::directory_iterator(stack.log_dir())) {
        if (entry.path().filename().string().starts_with(prefix)) {
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            all += text.str();
        }
    }
    return all;
}

std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty()) {
            continue;
        }
        auto json = nlohmann::json::parse(line, nullptr, false);
        REQUIRE_MESSAGE(!json.is_discarded(), "not a JSON line: " << line);
        out.push_back(std::move(json));
    }
    return out;
}

} // namespace ventros::operations_e2e
