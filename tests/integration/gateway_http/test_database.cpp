#include "test_database.hpp"

#include <cstdlib>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <random>

namespace ventros::test {
namespace {

std::string env_or(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? v : fallback;
}

} // namespace

test_database::test_database()
    : server_("host=" + env_or("VENTROS_TEST_PG_HOST", "127.0.0.1") +
              " port=" + env_or("VENTROS_TEST_PG_PORT", "15432") + " user=postgres") {
    std::random_device rd;
    name_ = "ventros_gw_test_" + std::to_string(rd() % 1'000'000'000);
    pqxx::connection admin(server_ + " dbname=postgres");
    pqxx::nontransaction tx(admin);
    tx.exec("CREATE DATABASE " + tx.quote_name(name_));
}

test_database::~test_database() {
    try {
        pqxx::connection admin(server_ + " dbname=postgres");
        pqxx::nontransaction tx(admin);
        tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
    } catch (...) {
        // Leaving a stray test database behind beats aborting the test run.
    }
}

std::string test_database::conninfo(const std::string& extra) const {
    return server_ + " dbname=" + name_ + (extra.empty() ? "" : " " + extra);
}

void test_database::exec(const std::string& sql) const {
    pqxx::connection c(conninfo());
    pqxx::nontransaction tx(c);
    tx.exec(sql);
}

std::string unreachable_conninfo() {
    return "host=127.0.0.1 port=1 user=postgres dbname=postgres connect_timeout=2";
}

} // namespace ventros::test
