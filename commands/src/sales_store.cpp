#include "sales_store.hpp"

#include "ventros/domain/overloaded.hpp"

#include <variant>

namespace ventros::commands {
namespace {} // namespace

const domain::pipeline_state* sales_store::find_pipeline(const domain::tenant_id& tenant,
                                                         const domain::pipeline_id& id) const {
    const auto t = tenants_.find(tenant);
    if (t == tenants_.end()) {
        return nullptr;
    }
    const auto p = t->second.pipelines.find(id);
    return p == t->second.pipelines.end() ? nullptr : &p->second;
}

const domain::deal_state* sales_store::find_deal(const domain::tenant_id& tenant,
                                                 const domain::deal_id& id) const {
    const auto t = tenants_.find(tenant);
    if (t == tenants_.end()) {
        return nullptr;
    }
    const auto d = t->second.deals.find(id);
    return d == t->second.deals.end() ? nullptr : &d->second;
}

domain::pipeline_id sales_store::default_pipeline(const domain::tenant_id& tenant) const {
    const auto t = tenants_.find(tenant);
    return t == tenants_.end() ? domain::pipeline_id{} : t->second.default_pipeline;
}

domain::pipeline_usage sales_store::usage(const domain::tenant_id& tenant,
                                          const domain::pipeline_id& pipeline) const {
    domain::pipeline_usage usage;
    const auto t = tenants_.find(tenant);
    if (t == tenants_.end()) {
        return usage;
    }
    for (auto it = t->second.open_deals.lower_bound({pipeline, std::string{}});
         it != t->second.open_deals.end() && it->first.first == pipeline; ++it) {
        usage.open_deals_by_stage[it->first.second] = it->second;
    }
    return usage;
}

void sales_store::put_deal(tenant_state& t, const domain::deal_id& id,
                           std::optional<domain::deal_state> deal) {
    const auto count = [&t](const domain::deal_state& d, int delta) {
        if (d.status != domain::deal_status::open) {
            return;
        }
        const std::pair key{d.pipeline, d.stage};
        if ((t.open_deals[key] += delta) == 0) {
            t.open_deals.erase(key);
        }
    };
    if (const auto found = t.deals.find(id); found != t.deals.end()) {
        count(found->second, -1);
        t.deals.erase(found);
    }
    if (deal) {
        count(*deal, +1);
        t.deals.emplace(id, std::move(*deal));
    }
}

void sales_store::put_pipeline(tenant_state& t, const domain::pipeline_id& id,
                               std::optional<domain::pipeline_state> pipeline) {
    if (pipeline) {
        t.pipelines.insert_or_assign(id, std::move(*pipeline));
    } else {
        t.pipelines.erase(id);
    }
}

void sales_store::apply(const domain::tenant_id& tenant, const domain::pipeline_event& event,
                        bool undoable) {
    auto& t = tenants_[tenant];
    const auto& id = domain::subject_of(event);
    const auto found = t.pipelines.find(id);
    std::optional<domain::pipeline_state> before;
    if (found != t.pipelines.end()) {
        before = found->second;
    }
    if (undoable) {
        undo_.push_back(pipeline_undo{tenant, id, before, t.default_pipeline});
    }
    auto after = domain::evolve(before, event);
    // The default is the latest pipeline created with `is_default` (the first one until
    // then); the pipelines read model derives it the same way.
    if (!before && (t.default_pipeline.empty() || after.is_default)) {
        t.default_pipeline = id;
    }
    put_pipeline(t, id, std::move(after));
}

void sales_store::apply(const domain::tenant_id& tenant, const domain::deal_event& event,
                        const domain::user_id& actor, bool undoable) {
    auto& t = tenants_[tenant];
    const auto& id = domain::subject_of(event);
    const auto found = t.deals.find(id);
    std::optional<domain::deal_state> before;
    if (found != t.deals.end()) {
        before = found->second;
    }
    if (undoable) {
        undo_.push_back(deal_undo{tenant, id, before});
    }
    put_deal(t, id, domain::evolve(before, event, actor));
}

void sales_store::undo_to(std::size_t mark) {
    while (undo_.size() > mark) {
        std::visit(domain::overloaded{[this](pipeline_undo& u) {
                                          auto& t = tenants_[u.tenant];
                                          put_pipeline(t, u.id, std::move(u.before));
                                          t.default_pipeline = std::move(u.default_before);
                                      },
                                      [this](deal_undo& u) {
                                          put_deal(tenants_[u.tenant], u.id, std::move(u.before));
                                      }},
                   undo_.back());
        undo_.pop_back();
    }
}

} // namespace ventros::commands
