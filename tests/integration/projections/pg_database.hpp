#pragma once

// A throw-away PostgreSQL database per test, on the local test cluster.

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>
#include <random>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace ventros::test {

inline std::string env_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

inline std::filesystem::path migrations_dir() {
    return std::filesystem::path(VENTROS_SOURCE_DIR) / "migrations";
}

/// Creates a uniquely named database on construction and drops it on destruction.
/// Throws (failing the test, never skipping it) when PostgreSQL is unreachable.
class pg_database {
public:
    pg_database() {
        static std::atomic<int> counter{0};
        std::random_device random;
        name_ = "ventros_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) +
                "_" + std::to_string(random() % 100000);
        try {
            pqxx::connection admin(server_conninfo("postgres", "postgres"));
            pqxx::nontransaction tx(admin);
            tx.exec0("CREATE DATABASE " + tx.quote_name(name_));
        } catch (const pqxx::broken_connection& e) {
            throw std::runtime_error("PostgreSQL test cluster unreachable at " + host() + ":" +
                                     port() +
                                     " (set VENTROS_TEST_PG_HOST/VENTROS_TEST_PG_PORT or run "
                                     "scripts/pg start): " +
                                     e.what());
        }
    }
    ~pg_database() {
        try {
            pqxx::connection admin(server_conninfo("postgres", "postgres"));
            pqxx::nontransaction tx(admin);
            tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
        } catch (...) {
            // A leftover database is harmless; its name is unique.
        }
    }
    pg_database(const pg_database&) = delete;
    pg_database& operator=(const pg_database&) = delete;

    const std::string& name() const { return name_; }
    std::string conninfo(const std::string& user = "postgres") const {
        return server_conninfo(user, name_);
    }

    static std::string host() { return env_or("VENTROS_TEST_PG_HOST", "127.0.0.1"); }
    static std::string port() { return env_or("VENTROS_TEST_PG_PORT", "15432"); }

private:
    static std::string server_conninfo(const std::string& user, const std::string& db) {
        return "host=" + host() + " port=" + port() + " user=" + user + " dbname=" + db +
               " connect_timeout=5";
    }
    std::string name_;
};

} // namespace ventros::test
