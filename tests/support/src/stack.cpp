#include "ventros/testing/stack.hpp"

#include "topic_cleanup.hpp"
#include "ventros/eventlog/kafka_config.hpp"
#include "ventros/eventlog/topic_admin.hpp"
#include "ventros/gateway/jwt.hpp"
#include "ventros/projections/registry.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <signal.h>
#include <stdexcept>
#include <thread>

namespace ventros::testing {
namespace {

std::string required_env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
        throw std::runtime_error(std::string(name) +
                                 " is not set: run the tests through scripts/test, which starts "
                                 "Kafka and PostgreSQL and sets it");
    }
    return value;
}

std::string env_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

std::string random_hex(std::size_t n) {
    static thread_local std::mt19937_64 engine{std::random_device{}()};
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back("0123456789abcdef"[engine() % 16]);
    }
    return out;
}

eventlog::kafka_config kafka_config_for(const std::string& brokers, const std::string& prefix) {
    eventlog::kafka_config c;
    c.bootstrap_servers = brokers;
    c.topic_prefix = prefix;
    return c;
}

} // namespace

std::string ventros_binary() {
    return VENTROS_BINARY;
}
std::string source_dir() {
    return VENTROS_SOURCE_DIR;
}

unsigned short free_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(
        io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();
}

stack::stack()
    : kafka_(required_env("VENTROS_TEST_KAFKA")),
      pg_host_(env_or("VENTROS_TEST_PG_HOST", "127.0.0.1")),
      pg_port_(env_or("VENTROS_TEST_PG_PORT", "15432")) {
    const auto id = random_hex(10);
    prefix_ = "t" + id + ".";
    database_ = "ventros_t" + id;
    secret_ = "test-secret-" + random_hex(32);
    log_dir_ = std::filesystem::temp_directory_path() / ("ventros-test-" + id);
    std::filesystem::create_directories(log_dir_);
    http_port_ = free_port();
    {
        pqxx::connection admin("host=" + pg_host_ + " port=" + pg_port_ +
                               " user=postgres dbname=postgres");
        pqxx::nontransaction tx(admin);
        tx.exec("CREATE DATABASE " + tx.quote_name(database_));
    }
    const auto migrated = ventros({"migrate", "--migrations-dir", source_dir() + "/migrations"});
    if (migrated.status != 0) {
        throw std::runtime_error("ventros migrate failed:\n" + migrated.output);
    }
}

stack::~stack() {
    gateway_.reset();
    projector_.reset();
    std::vector<std::string> topics;
    for (const char* name : {"identity", "crm", "billing", "privacy", "dlq"}) {
        topics.push_back(topic(name));
    }
    delete_topics(kafka_, topics);
    try {
        pqxx::connection admin("host=" + pg_host_ + " port=" + pg_port_ +
                               " user=postgres dbname=postgres");
        pqxx::nontransaction tx(admin);
        tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(database_) + " WITH (FORCE)");
    } catch (const std::exception&) {
        // Leave it for inspection; the name is unique.
    }
}

std::map<std::string, std::string> stack::environment() const {
    return {{"VENTROS_KAFKA_BROKERS", kafka_},
            {"VENTROS_TOPIC_PREFIX", prefix_},
            {"VENTROS_PARTITIONS", "12"},
            {"VENTROS_PG_HOST", pg_host_},
            {"VENTROS_PG_PORT", pg_port_},
            {"VENTROS_PG_DATABASE", database_},
            {"VENTROS_HTTP_PORT", std::to_string(http_port_)},
            {"VENTROS_JWT_SECRET", secret_},
            {"VENTROS_PROJECTOR_METRICS_ADDRESS", "none"},
            {"VENTROS_LOG_LEVEL", "info"}};
}

run_result stack::ventros(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{ventros_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, environment());
}

void stack::start_gateway(const std::map<std::string, std::string>& extra_env) {
    if (gateway_ && gateway_->running()) {
        gateway_->stop(SIGKILL);
    }
    auto env = environment();
    for (const auto& [k, v] : extra_env) {
        env[k] = v;
    }
    const auto log = log_dir_ + "/gateway-" + std::to_string(++gateway_starts_) + ".log";
    gateway_ = std::make_unique<child_process>(
        std::vector<std::string>{ventros_binary(), "gateway"}, env, log);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        if (!gateway_->running()) {
            throw std::runtime_error("gateway exited during start-up:\n" + gateway_->output());
        }
        try {
            if (client().request("GET", "/readyz").status == 200) {
                return;
            }
        } catch (const std::exception&) {
            // not listening yet
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("gateway not ready within 60 s:\n" + gateway_->output());
}

void stack::start_projector(const std::map<std::string, std::string>& extra_env) {
    if (projector_ && projector_->running()) {
        projector_->stop(SIGKILL);
    }
    auto env = environment();
    for (const auto& [k, v] : extra_env) {
        env[k] = v;
    }
    const auto log = log_dir_ + "/projector-" + std::to_string(++projector_starts_) + ".log";
    projector_ = std::make_unique<child_process>(
        std::vector<std::string>{ventros_binary(), "projector"}, env, log);
}

int stack::stop_gateway(int signal) {
    return gateway_ ? gateway_->stop(signal) : -1;
}
int stack::stop_projector(int signal) {
    return projector_ ? projector_->stop(signal) : -1;
}
bool stack::gateway_running() {
    return gateway_ && gateway_->running();
}

void stack::signal_gateway(int signal) {
    if (!gateway_ || ::kill(gateway_->pid(), signal) != 0) {
        throw std::runtime_error("cannot signal the gateway: not running");
    }
}

void stack::open_project(const std::string& tenant, const std::string& plan) const {
    const std::map<std::string, std::string> headers{
        {"Authorization", "Bearer " + token(owner, {})}, {"Content-Type", "application/json"}};
    const auto http = client();
    if (billing_account_.empty()) {
        auto creating = headers;
        creating["Idempotency-Key"] = "owner-account";
        const auto body =
            nlohmann::json{{"name", "Test owner"}, {"billing_email", "owner@example.com"}}.dump();
        auto account = http.request("POST", "/v1/billing-accounts", creating, body);
        for (int retry = 0; account.status == 503 && retry < 20; ++retry) {
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            account = http.request("POST", "/v1/billing-accounts", creating, body);
        }
        if (account.status != 201) {
            throw std::runtime_error("cannot create the owner's billing account: " + account.body);
        }
        billing_account_ = account.json().at("id").get<std::string>();
    }
    // A 503 (the broker is still warming up) is retried with the same Idempotency-Key,
    // as any client would.
    auto opening = headers;
    opening["Idempotency-Key"] = "open-" + tenant;
    const auto body = nlohmann::json{
        {"tenant_id", tenant},
        {"name", "Project " + tenant},
        {"billing_account_id", billing_account_},
        {"plan", plan}}.dump();
    auto opened = http.request("POST", "/v1/tenants", opening, body);
    for (int retry = 0; opened.status == 503 && retry < 20; ++retry) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        opened = http.request("POST", "/v1/tenants", opening, body);
    }
    if (opened.status != 201 &&
        !(opened.status == 409 && opened.body.find("tenant-id-taken") != std::string::npos)) {
        throw std::runtime_error("cannot open project " + tenant + ": " + opened.body);
    }
    // The opening's transaction markers land on its identity, billing and crm partitions
    // after the 2xx; with a projector running, wait until it has read them, so a test
    // that watches end offsets or reads right away sees the project settled.
    if (!projector_ || !projector_->running()) {
        return;
    }
    const std::map<std::string, std::string> reader{
        {"Authorization", "Bearer " + token(owner, {{tenant, "admin"}})}};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (true) {
        const auto project = http.request("GET", "/v1/tenants/" + tenant, reader);
        const auto pipelines = http.request("GET", "/v1/tenants/" + tenant + "/pipelines", reader);
        if (project.status == 200 &&
            project.json().value("subscription", nlohmann::json()).is_object() &&
            pipelines.status == 200 && !pipelines.json().at("items").empty()) {
            return;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            throw std::runtime_error("project " + tenant + " was not projected within 30 s");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::string stack::token(const std::string& user, const std::map<std::string, std::string>& roles,
                         long ttl_seconds) const {
    gateway::principal who;
    who.user_id = user;
    for (const auto& [tenant, role] : roles) {
        who.tenants.emplace(tenant, *domain::parse_role(role));
    }
    gateway::jwt_config config;
    config.secret = secret_;
    return gateway::sign_jwt(who, config, std::chrono::system_clock::now(),
                             std::chrono::seconds(ttl_seconds));
}

std::vector<std::int64_t> stack::end_offsets(const std::string& topic_name) const {
    return eventlog::high_watermarks(kafka_config_for(kafka_, prefix_), topic(topic_name),
                                     std::chrono::seconds(10));
}

std::int64_t stack::total_end_offset() const {
    std::int64_t total = 0;
    for (const char* name : {"identity", "crm", "billing", "privacy", "dlq"}) {
        for (const auto offset : end_offsets(name)) {
            total += offset;
        }
    }
    return total;
}

std::string stack::conninfo(const std::string& user) const {
    return "host=" + pg_host_ + " port=" + pg_port_ + " user=" + user + " dbname=" + database_;
}

std::unique_ptr<pqxx::connection> stack::admin_connection() const {
    return std::make_unique<pqxx::connection>(conninfo("postgres"));
}

bool stack::wait_projected(const std::string& projection, int timeout_ms) const {
    const auto found = projections::find_projection(projection);
    if (!found) {
        throw std::invalid_argument("no projection is called " + projection);
    }
    for (const auto& kind : found->topics()) {
        if (!wait_projected(projection, kind, timeout_ms)) {
            return false;
        }
    }
    return true;
}

bool stack::wait_projected(const std::string& projection, const std::string& kind,
                           int timeout_ms) const {
    const auto ends = end_offsets(kind);
    auto conn = admin_connection();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        pqxx::read_transaction tx(*conn);
        const auto rows =
            tx.exec_params("SELECT partition, next_offset FROM projection_checkpoints "
                           "WHERE projection = $1 AND topic = $2",
                           projection, topic(kind));
        std::map<int, std::int64_t> reached;
        for (const auto& row : rows) {
            reached[row[0].as<int>()] = row[1].as<std::int64_t>();
        }
        bool all = true;
        for (std::size_t p = 0; p < ends.size(); ++p) {
            // Exact: a caught-up projector moves its checkpoints past transaction
            // markers and aborted records too.
            const auto got =
                reached.contains(static_cast<int>(p)) ? reached[static_cast<int>(p)] : 0;
            all = all && got >= ends[p];
        }
        if (all) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

} // namespace ventros::testing
