#pragma once

#include "ventros/domain/company.hpp"
#include "ventros/domain/contact.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace ventros::commands {

/// The writer's contacts and companies, per tenant, with the indexes the duplicate rules
/// need: normalized email → contact, normalized phone → contact, domain → company. A
/// merged contact leaves the email and phone indexes (the survivor may take them over).
/// Because one writer owns a tenant, two creates with the same email are decided one
/// after the other and the second sees the first. Changes can be undone back to a mark.
/// Single-threaded (its shard's thread).
class contact_store {
public:
    const domain::contact_state* find_contact(const domain::tenant_id& tenant,
                                              const domain::contact_id& id) const;
    const domain::company_state* find_company(const domain::tenant_id& tenant,
                                              const domain::company_id& id) const;

    /// The contact that has this (normalized) email or phone, if any.
    std::optional<domain::contact_id> contact_with_email(const domain::tenant_id& tenant,
                                                         const std::string& email) const;
    std::optional<domain::contact_id> contact_with_phone(const domain::tenant_id& tenant,
                                                         const std::string& phone) const;
    /// The company that has this (normalized) domain, if any.
    std::optional<domain::company_id> company_with_domain(const domain::tenant_id& tenant,
                                                          const std::string& domain) const;

    /// Evolves the contact or company `event` is about; records how to undo it when
    /// `undoable`.
    void apply(const domain::tenant_id& tenant, const domain::contact_event& event, bool undoable);
    void apply(const domain::tenant_id& tenant, const domain::company_event& event, bool undoable);

    /// How many changes can be undone; `undo_to(mark())` later restores the state as of now.
    std::size_t mark() const noexcept { return undo_.size(); }
    void undo_to(std::size_t mark);
    /// Forgets the undo records (their changes are final).
    void forget_undo() noexcept { undo_.clear(); }

private:
    struct tenant_state {
        std::unordered_map<domain::contact_id, domain::contact_state> contacts;
        std::unordered_map<domain::company_id, domain::company_state> companies;
        std::unordered_map<std::string, domain::contact_id> emails;
        std::unordered_map<std::string, domain::contact_id> phones;
        std::unordered_map<std::string, domain::company_id> domains;
    };
    struct contact_undo {
        domain::tenant_id tenant;
        domain::contact_id id;
        std::optional<domain::contact_state> before;
    };
    struct company_undo {
        domain::tenant_id tenant;
        domain::company_id id;
        std::optional<domain::company_state> before;
    };
    using undo_entry = std::variant<contact_undo, company_undo>;

    /// Replaces (or erases, for nullopt) a contact and keeps the email and phone indexes
    /// in step; an index entry is only dropped when it still names this contact.
    static void put_contact(tenant_state& t, const domain::contact_id& id,
                            std::optional<domain::contact_state> contact);
    /// The same for a company and the domain index.
    static void put_company(tenant_state& t, const domain::company_id& id,
                            std::optional<domain::company_state> company);

    std::unordered_map<domain::tenant_id, tenant_state> tenants_;
    std::vector<undo_entry> undo_;
};

} // namespace ventros::commands
