#include "ventros/commands/directory.hpp"

#include "ventros/domain/overloaded.hpp"

#include <mutex>

namespace ventros::commands {

void directory::observe(const domain::crm_event& event) {
    if (const auto* user = std::get_if<domain::user_event>(&event)) {
        const auto& registered = std::get<domain::user_registered>(*user);
        std::unique_lock lock(mutex_);
        users_by_email_.insert_or_assign(
            registered.email, directory_user{registered.id, registered.name, registered.email,
                                             registered.password_hash});
        emails_by_id_.insert_or_assign(registered.id, registered.email);
    } else if (const auto* project = std::get_if<domain::project_event>(&event)) {
        std::unique_lock lock(mutex_);
        observe_locked(*project);
    } else if (const auto* account = std::get_if<domain::billing_account_event>(&event)) {
        std::unique_lock lock(mutex_);
        observe_locked(*account);
    }
}

void directory::observe_locked(const domain::billing_account_event& event) {
    std::visit(
        domain::overloaded{
            [&](const domain::billing_account_created& e) {
                accounts_.insert_or_assign(e.id, directory_account{e.id, e.owner, false});
            },
            [&](const domain::billing_account_suspended& e) { accounts_[e.id].suspended = true; },
            [&](const domain::billing_account_reinstated& e) { accounts_[e.id].suspended = false; },
            [](const domain::billing_account_updated&) {},
        },
        event);
}

std::optional<directory_account>
directory::billing_account(const domain::billing_account_id& id) const {
    std::shared_lock lock(mutex_);
    const auto found = accounts_.find(id);
    return found == accounts_.end() ? std::nullopt : std::optional(found->second);
}

bool directory::suspended(const domain::billing_account_id& id) const {
    std::shared_lock lock(mutex_);
    const auto found = accounts_.find(id);
    return found != accounts_.end() && found->second.suspended;
}

void directory::observe_locked(const domain::project_event& event) {
    std::visit(
        domain::overloaded{
            [&](const domain::project_created& e) {
                projects_.insert_or_assign(e.id,
                                           directory_project{e.id, e.name, e.billing_account});
            },
            [&](const domain::project_member_set& e) {
                roles_[e.user].insert_or_assign(e.id.str(), e.member_role);
            },
            [&](const domain::project_member_removed& e) { roles_[e.user].erase(e.id.str()); },
            [&](const domain::project_settings_updated& e) {
                if (auto found = projects_.find(e.id); found != projects_.end() && e.name) {
                    found->second.name = *e.name;
                }
            },
            [](const domain::project_product_set&) {},
        },
        event);
}

std::optional<directory_user> directory::user_by_email(const std::string& normalized_email) const {
    std::shared_lock lock(mutex_);
    const auto found = users_by_email_.find(normalized_email);
    return found == users_by_email_.end() ? std::nullopt : std::optional(found->second);
}

std::optional<directory_user> directory::user_by_id(const domain::user_id& id) const {
    std::shared_lock lock(mutex_);
    const auto email = emails_by_id_.find(id);
    if (email == emails_by_id_.end()) {
        return std::nullopt;
    }
    return users_by_email_.at(email->second);
}

std::map<std::string, domain::role> directory::roles_of(const domain::user_id& user) const {
    std::shared_lock lock(mutex_);
    const auto found = roles_.find(user);
    return found == roles_.end() ? std::map<std::string, domain::role>{} : found->second;
}

std::optional<directory_project> directory::project(const domain::tenant_id& tenant) const {
    std::shared_lock lock(mutex_);
    const auto found = projects_.find(tenant);
    return found == projects_.end() ? std::nullopt : std::optional(found->second);
}

} // namespace ventros::commands
