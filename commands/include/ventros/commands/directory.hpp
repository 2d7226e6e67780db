#pragma once

#include "ventros/domain/crm.hpp"

#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace ventros::commands {

/// A user as the gateway needs it to log them in.
struct directory_user {
    domain::user_id id;
    std::string name;
    std::string email;
    std::string password_hash; ///< Argon2id, libsodium's encoded form
};

/// What the gateway needs to know of a project before it reaches the project's writer.
struct directory_project {
    domain::tenant_id id;
    std::string name;
    domain::billing_account_id billing_account;
};

/// A billing account as project creation and suspension checks need it.
struct directory_account {
    domain::billing_account_id id;
    domain::user_id owner;
    bool suspended = false;
};

/// The process-wide view of who exists: users, their project roles, projects. Every
/// shard feeds it the events it replays and the events it commits (after the commit,
/// so the directory never shows something a client could not read back), so it is
/// complete once the write service is ready. Lookups that span keys owned by different
/// writers (log in by email, the roles a user holds across projects) read it instead of
/// asking each writer. Decisions about one key are still made by that key's writer.
/// Thread-safe: shards write, gateway threads read.
class directory {
public:
    /// Takes note of an event of the log (replayed or just committed).
    void observe(const domain::crm_event& event);

    std::optional<directory_user> user_by_email(const std::string& normalized_email) const;
    std::optional<directory_user> user_by_id(const domain::user_id& id) const;
    /// tenant id → role, for every project the user is a member of.
    std::map<std::string, domain::role> roles_of(const domain::user_id& user) const;
    std::optional<directory_project> project(const domain::tenant_id& tenant) const;
    std::optional<directory_account> billing_account(const domain::billing_account_id& id) const;
    /// True when the account exists and is suspended.
    bool suspended(const domain::billing_account_id& id) const;

private:
    void observe_locked(const domain::project_event& event);
    void observe_locked(const domain::billing_account_event& event);

    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, directory_user> users_by_email_;
    std::unordered_map<domain::user_id, std::string> emails_by_id_;
    std::unordered_map<domain::user_id, std::map<std::string, domain::role>> roles_;
    std::unordered_map<domain::tenant_id, directory_project> projects_;
    std::unordered_map<domain::billing_account_id, directory_account> accounts_;
};

} // namespace ventros::commands
