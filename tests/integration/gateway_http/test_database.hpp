#pragma once

#include <string>

namespace ventros::test {

/// A uniquely named PostgreSQL database for one test, created on construction and
/// dropped (connections forced out) on destruction. Server from VENTROS_TEST_PG_HOST /
/// VENTROS_TEST_PG_PORT (127.0.0.1 / 15432), user postgres.
class test_database {
public:
    test_database();
    ~test_database();
    test_database(const test_database&) = delete;
    test_database& operator=(const test_database&) = delete;

    /// Connection string for the test database; `extra` is appended ("application_name=x").
    std::string conninfo(const std::string& extra = "") const;
    /// Runs SQL statements (no result) in the test database.
    void exec(const std::string& sql) const;
    const std::string& name() const { return name_; }

private:
    std::string server_;
    std::string name_;
};

/// Conninfo for a server address where nothing listens.
std::string unreachable_conninfo();

} // namespace ventros::test
