#include "contact_store.hpp"

#include "ventros/domain/overloaded.hpp"

namespace ventros::commands {
namespace {

template <class Index>
auto holder_in(const Index& index, const std::string& key)
    -> std::optional<typename Index::mapped_type> {
    const auto found = index.find(key);
    return found == index.end() ? std::nullopt : std::optional(found->second);
}

/// Drops `key` from `index` when it names `id`.
template <class Index, class Id>
void release(Index& index, const std::optional<std::string>& key, const Id& id) {
    if (key) {
        if (const auto found = index.find(*key); found != index.end() && found->second == id) {
            index.erase(found);
        }
    }
}

template <class Index, class Id>
void claim(Index& index, const std::optional<std::string>& key, const Id& id) {
    if (key) {
        index.insert_or_assign(*key, id);
    }
}

} // namespace

const domain::contact_state* contact_store::find_contact(const domain::tenant_id& tenant,
                                                         const domain::contact_id& id) const {
    const auto t = tenants_.find(tenant);
    if (t == tenants_.end()) {
        return nullptr;
    }
    const auto found = t->second.contacts.find(id);
    return found == t->second.contacts.end() ? nullptr : &found->second;
}

const domain::company_state* contact_store::find_company(const domain::tenant_id& tenant,
                                                         const domain::company_id& id) const {
    const auto t = tenants_.find(tenant);
    if (t == tenants_.end()) {
        return nullptr;
    }
    const auto found = t->second.companies.find(id);
    return found == t->second.companies.end() ? nullptr : &found->second;
}

std::optional<domain::contact_id>
contact_store::contact_with_email(const domain::tenant_id& tenant, const std::string& email) const {
    const auto t = tenants_.find(tenant);
    return t == tenants_.end() ? std::nullopt : holder_in(t->second.emails, email);
}

std::optional<domain::contact_id>
contact_store::contact_with_phone(const domain::tenant_id& tenant, const std::string& phone) const {
    const auto t = tenants_.find(tenant);
    return t == tenants_.end() ? std::nullopt : holder_in(t->second.phones, phone);
}

std::optional<domain::company_id>
contact_store::company_with_domain(const domain::tenant_id& tenant,
                                   const std::string& domain) const {
    const auto t = tenants_.find(tenant);
    return t == tenants_.end() ? std::nullopt : holder_in(t->second.domains, domain);
}

void contact_store::put_contact(tenant_state& t, const domain::contact_id& id,
                                std::optional<domain::contact_state> contact) {
    if (const auto found = t.contacts.find(id); found != t.contacts.end()) {
        release(t.emails, found->second.email, id);
        release(t.phones, found->second.phone, id);
        t.contacts.erase(found);
    }
    if (contact) {
        if (!contact->merged_into) {
            claim(t.emails, contact->email, id);
            claim(t.phones, contact->phone, id);
        }
        t.contacts.emplace(id, std::move(*contact));
    }
}

void contact_store::put_company(tenant_state& t, const domain::company_id& id,
                                std::optional<domain::company_state> company) {
    if (const auto found = t.companies.find(id); found != t.companies.end()) {
        release(t.domains, found->second.domain, id);
        t.companies.erase(found);
    }
    if (company) {
        claim(t.domains, company->domain, id);
        t.companies.emplace(id, std::move(*company));
    }
}

void contact_store::apply(const domain::tenant_id& tenant, const domain::contact_event& event,
                          bool undoable) {
    auto& t = tenants_[tenant];
    const auto& id = domain::subject_of(event);
    const auto found = t.contacts.find(id);
    std::optional<domain::contact_state> before;
    if (found != t.contacts.end()) {
        before = found->second;
    }
    auto after = domain::evolve(before, event);
    if (undoable) {
        undo_.push_back(contact_undo{tenant, id, std::move(before)});
    }
    put_contact(t, id, std::move(after));
}

void contact_store::apply(const domain::tenant_id& tenant, const domain::company_event& event,
                          bool undoable) {
    auto& t = tenants_[tenant];
    const auto& id = domain::subject_of(event);
    const auto found = t.companies.find(id);
    std::optional<domain::company_state> before;
    if (found != t.companies.end()) {
        before = found->second;
    }
    auto after = domain::evolve(before, event);
    if (undoable) {
        undo_.push_back(company_undo{tenant, id, std::move(before)});
    }
    put_company(t, id, std::move(after));
}

void contact_store::undo_to(std::size_t mark) {
    while (undo_.size() > mark) {
        std::visit(
            domain::overloaded{[this](contact_undo& u) {
                                   put_contact(tenants_[u.tenant], u.id, std::move(u.before));
                               },
                               [this](company_undo& u) {
                                   put_company(tenants_[u.tenant], u.id, std::move(u.before));
                               }},
            undo_.back());
        undo_.pop_back();
    }
}

} // namespace ventros::commands
