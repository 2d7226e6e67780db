#include "copy_writer.hpp"

// libpqxx 6.4 sends raw COPY lines only through tablewriter (deprecated in favour of
// stream_to, which builds each line from a typed tuple and cannot take prepared text).
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <pqxx/tablewriter>

namespace ventros::projections::detail {

struct copy_writer::stream {
    stream(pqxx::transaction_base& tx, const std::string& table,
           const std::vector<std::string>& columns)
        : writer(tx, table, columns.begin(), columns.end()) {}
    pqxx::tablewriter writer;
};

copy_writer::copy_writer(pqxx::transaction_base& tx, const std::string& table,
                         const std::vector<std::string>& columns)
    : stream_(std::make_unique<stream>(tx, table, columns)) {}

copy_writer::~copy_writer() = default;

void copy_writer::separate() {
    if (!first_in_row_) {
        line_ += '\t';
    }
    first_in_row_ = false;
}

void copy_writer::add(std::string_view value) {
    separate();
    for (const char c : value) {
        switch (c) {
        case '\\':
            line_ += "\\\\";
            break;
        case '\t':
            line_ += "\\t";
            break;
        case '\n':
            line_ += "\\n";
            break;
        case '\r':
            line_ += "\\r";
            break;
        default:
            line_ += c;
        }
    }
}

void copy_writer::add(const std::optional<std::string>& value) {
    if (value) {
        add(std::string_view(*value));
    } else {
        separate();
        line_ += "\\N";
    }
}

void copy_writer::add(std::int64_t value) {
    separate();
    line_ += std::to_string(value);
}

void copy_writer::end_row() {
    stream_->writer.write_raw_line(line_);
    line_.clear();
    first_in_row_ = true;
}

void copy_writer::complete() {
    stream_->writer.complete();
}

} // namespace ventros::projections::detail
