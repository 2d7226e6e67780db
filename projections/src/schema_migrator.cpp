#include "ventros/projections/schema_migrator.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <sodium.h>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace ventros::projections {
namespace {

struct migration_file {
    std::string version; ///< "0001"
    std::string name;    ///< "roles_checkpoints"
    std::filesystem::path path;
};

std::vector<migration_file> list_migrations(const std::filesystem::path& dir) {
    if (!std::filesystem::is_directory(dir)) {
        throw std::runtime_error("migrations folder not found: " + dir.string());
    }
    std::vector<migration_file> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const auto& path = entry.path();
        if (!entry.is_regular_file() || path.extension() != ".sql") {
            continue;
        }
        const std::string stem = path.stem().string();
        const auto underscore = stem.find('_');
        const std::string version = stem.substr(0, underscore);
        if (version.empty() ||
            !std::ranges::all_of(version, [](char c) { return c >= '0' && c <= '9'; })) {
            throw std::runtime_error("migration file name must be NNNN_description.sql: " +
                                     path.string());
        }
        files.push_back(
            {version, underscore == std::string::npos ? std::string{} : stem.substr(underscore + 1),
             path});
    }
    std::ranges::sort(files, {}, [](const migration_file& f) { return f.path.filename(); });
    return files;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read migration " + path.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string sha256_hex(const std::string& text) {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium failed to initialize");
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

// Roles are cluster-wide while the advisory lock above is per database, so migrations of
// two databases can alter the same role at once; PostgreSQL then fails one of them with
// "tuple concurrently updated". Running the file again is safe (it is one transaction).
constexpr int max_attempts = 5;

bool concurrent_role_update(const pqxx::sql_error& e) {
    return e.sqlstate() == "XX000" &&
           std::string_view(e.what()).find("tuple concurrently updated") != std::string_view::npos;
}

} // namespace

std::size_t apply_migrations(const std::string& conninfo_admin,
                             const std::filesystem::path& migrations_dir,
                             const telemetry::logger& log) {
    const auto files = list_migrations(migrations_dir);

    pqxx::connection conn{conninfo_admin};
    {
        // Session lock: held across the per-file transactions, released with the session.
        pqxx::nontransaction session{conn};
        session.exec("SELECT pg_advisory_lock(hashtext('ventros:schema_migrations'))");
        session.exec0("CREATE TABLE IF NOT EXISTS schema_migrations ("
                      " version text PRIMARY KEY,"
                      " name text NOT NULL,"
                      " checksum text NOT NULL,"
                      " applied_at timestamptz NOT NULL DEFAULT now())");
    }

    std::map<std::string, std::string> applied; // version → checksum
    {
        pqxx::nontransaction session{conn};
        for (const auto& row : session.exec("SELECT version, checksum FROM schema_migrations")) {
            applied.emplace(row[0].as<std::string>(), row[1].as<std::string>());
        }
    }

    // Check every applied file first, so a tampered history applies nothing at all.
    std::vector<std::pair<migration_file, std::string>> pending;
    for (const auto& file : files) {
        std::string sql = read_file(file.path);
        const auto found = applied.find(file.version);
        if (found == applied.end()) {
            pending.emplace_back(file, std::move(sql));
        } else if (found->second != sha256_hex(sql)) {
            throw migration_checksum_mismatch(
                "migration " + file.path.filename().string() +
                " was changed after it was applied (checksum " + found->second +
                " recorded); add a new migration instead of editing an applied one");
        }
    }

    for (const auto& [file, sql] : pending) {
        for (int attempt = 1;; ++attempt) {
            try {
                pqxx::work tx{conn};
                tx.exec(sql);
                tx.exec_params0("INSERT INTO schema_migrations (version, name, checksum) "
                                "VALUES ($1, $2, $3)",
                                file.version, file.name, sha256_hex(sql));
                tx.commit();
                break;
            } catch (const pqxx::sql_error& e) {
                if (attempt == max_attempts || !concurrent_role_update(e)) {
                    throw;
                }
                log.warn("migration raced another database's migration on a role; retrying",
                         {{"version", file.version}, {"attempt", attempt}});
                std::this_thread::sleep_for(std::chrono::milliseconds(50 * attempt));
            }
        }
        log.info("migration applied",
                 {{"version", file.version}, {"file", file.path.filename().string()}});
    }

    pqxx::nontransaction session{conn};
    session.exec("SELECT pg_advisory_unlock(hashtext('ventros:schema_migrations'))");
    return pending.size();
}

} // namespace ventros::projections
