#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <string_view>
#include <vector>

namespace ventros::projections::detail {

/// Streams rows into `COPY <table> (<columns>) FROM STDIN` (text format) inside a
/// transaction: values are given as PostgreSQL text input, one row after another; NULL
/// is `nullopt`. Nothing else may run on the transaction until `complete()`.
class copy_writer {
public:
    /// `table` and `columns` quoted where needed.
    copy_writer(pqxx::transaction_base& tx, const std::string& table,
                const std::vector<std::string>& columns);
    ~copy_writer();
    copy_writer(const copy_writer&) = delete;
    copy_writer& operator=(const copy_writer&) = delete;

    void add(std::string_view value);
    void add(const std::string& value) { add(std::string_view(value)); }
    void add(const std::optional<std::string>& value);
    void add(std::int64_t value);
    /// Sends the row built by the `add` calls since the previous one.
    void end_row();
    /// Ends the COPY; throws pqxx exceptions when PostgreSQL refused the data.
    void complete();

private:
    void separate();

    struct stream;
    std::unique_ptr<stream> stream_;
    std::string line_;
    bool first_in_row_ = true;
};

} // namespace ventros::projections::detail
