#pragma once

#include "ventros/telemetry/log.hpp"

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace ventros::projections {

/// An applied migration file whose content no longer matches what was applied.
class migration_checksum_mismatch : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Applies the pending `NNNN_description.sql` files of `migrations_dir` in name order,
/// each in its own transaction, recording version, name and SHA-256 in `schema_migrations`
/// (created when missing). A session advisory lock serializes concurrent migrators.
/// Returns how many files were applied (0 when up to date).
/// Throws `migration_checksum_mismatch` when an applied file changed (before applying
/// anything), std::runtime_error when the folder is unreadable or a file name does not
/// start with its version, and pqxx exceptions on database failures (the failing file's
/// transaction is rolled back; files before it stay applied).
std::size_t apply_migrations(const std::string& conninfo_admin,
                             const std::filesystem::path& migrations_dir,
                             const telemetry::logger& log);

} // namespace ventros::projections
