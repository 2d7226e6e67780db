#include "kafka_conf.hpp"
#include "kafka_errors.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdlib>
#include <random>
#include <string_view>

namespace ventros::eventlog {

const std::string& topics::of(std::string_view kind) const noexcept {
    if (kind == "identity") {
        return identity;
    }
    if (kind == "billing") {
        return billing;
    }
    if (kind == "privacy") {
        return privacy;
    }
    return kind == "dlq" ? dlq : crm;
}

topics topics::with_prefix(const std::string& prefix) {
    return topics{.identity = prefix + "identity",
                  .crm = prefix + "crm",
                  .billing = prefix + "billing",
                  .privacy = prefix + "privacy",
                  .dlq = prefix + "dlq"};
}

namespace detail {

namespace {

void discard_log(const rd_kafka_t*, int, const char*, const char*) {}

} // namespace

void set_property(rd_kafka_conf_t* conf, const char* name, const std::string& value) {
    std::array<char, 512> reason{};
    if (rd_kafka_conf_set(conf, name, value.c_str(), reason.data(), reason.size()) !=
        RD_KAFKA_CONF_OK) {
        throw kafka_error{std::string{"kafka configuration: property '"} + name + "' = '" + value +
                              "' rejected: " + reason.data(),
                          false, false};
    }
}

conf_handle make_conf(const kafka_config& config, const std::vector<setting>& role_settings) {
    conf_handle conf{rd_kafka_conf_new()};
    set_property(conf.get(), "bootstrap.servers", config.bootstrap_servers);
    set_property(conf.get(), "client.id", "ventros");
    // Fail fast on an unreachable broker so callers' timeouts, not TCP's, decide.
    set_property(conf.get(), "socket.connection.setup.timeout.ms", "5000");
    set_property(conf.get(), "reconnect.backoff.max.ms", "1000");
    set_property(conf.get(), "retry.backoff.ms", "50");
    const char* debug = std::getenv("VENTROS_KAFKA_DEBUG");
    if (debug == nullptr || *debug == '\0') {
        rd_kafka_conf_set_log_cb(conf.get(), discard_log);
    } else if (std::string_view{debug} != "1") {
        set_property(conf.get(), "debug", debug);
    }
    for (const auto& [name, value] : role_settings) {
        set_property(conf.get(), name, value);
    }
    for (const auto& [name, value] : config.extra) {
        set_property(conf.get(), name.c_str(), value);
    }
    return conf;
}

client_handle make_client(rd_kafka_type_t type, conf_handle conf) {
    std::array<char, 512> reason{};
    client_handle client{rd_kafka_new(type, conf.get(), reason.data(), reason.size())};
    if (!client) {
        throw kafka_error{std::string{"kafka client creation failed: "} + reason.data(), false,
                          false};
    }
    static_cast<void>(conf.release()); // now owned by the client
    return client;
}

int to_timeout_ms(std::chrono::milliseconds timeout) noexcept {
    return static_cast<int>(
        std::clamp<std::chrono::milliseconds::rep>(timeout.count(), 0, INT_MAX));
}

std::chrono::milliseconds remaining(std::chrono::steady_clock::time_point deadline) noexcept {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return std::max(left, std::chrono::milliseconds{0});
}

std::string random_hex(std::size_t digits) {
    static constexpr std::string_view alphabet = "0123456789abcdef";
    std::random_device device;
    std::uniform_int_distribution<std::size_t> pick{0, alphabet.size() - 1};
    std::string out;
    out.reserve(digits);
    for (std::size_t i = 0; i < digits; ++i) {
        out.push_back(alphabet[pick(device)]);
    }
    return out;
}

} // namespace detail
} // namespace ventros::eventlog
