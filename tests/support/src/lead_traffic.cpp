#include "ventros/fault/lead_traffic.hpp"

#include <chrono>
#include <random>

namespace ventros::fault {
namespace {

/// One of this thread's leads and how many commands it has had.
struct driven_lead {
    lead_ref ref;
    int commands = 0;
};

constexpr std::size_t leads_before_updates = 10; ///< per thread
constexpr unsigned create_one_in = 8;            ///< afterwards, about one command in 8

/// The next command for a lead: a qualification second, an assignment fourth, renames
/// otherwise (each to a new name, so none is refused as nothing-to-change).
lead_request next_command(const driven_lead& lead) {
    switch (lead.commands) {
    case 1:
        return qualify_lead(lead.ref.tenant, lead.ref.id);
    case 3:
        return assign_lead(lead.ref.tenant, lead.ref.id, "u2");
    default:
        return rename_lead(lead.ref.tenant, lead.ref.id,
                           "Renamed " + std::to_string(lead.commands));
    }
}

} // namespace

std::string first_or_none(const std::vector<std::string>& problems) {
    return problems.empty() ? "none" : problems.front();
}

lead_traffic::lead_traffic(lead_client client, std::vector<std::string> tenants, int threads,
                           unsigned seed, std::chrono::seconds answer_deadline)
    : client_(std::move(client)), tenants_(std::move(tenants)), thread_count_(threads), seed_(seed),
      answer_deadline_(answer_deadline), outcomes_(static_cast<std::size_t>(threads)) {}

lead_traffic::~lead_traffic() {
    stop();
}

void lead_traffic::start() {
    for (int i = 0; i < thread_count_; ++i) {
        threads_.emplace_back([this, i](std::stop_token stop) { drive(i, stop); });
    }
}

traffic_outcome lead_traffic::stop() {
    for (auto& t : threads_) {
        t.request_stop();
    }
    threads_.clear(); // joins
    traffic_outcome all;
    for (auto& o : outcomes_) {
        all.versions.merge(o.versions);
        all.acknowledged_keys.merge(o.acknowledged_keys);
        all.create_keys.merge(o.create_keys);
        all.commands += o.commands;
        all.retried += o.retried;
        all.replayed += o.replayed;
        all.refused.insert(all.refused.end(), o.refused.begin(), o.refused.end());
        all.failures.insert(all.failures.end(), o.failures.begin(), o.failures.end());
        o = {};
    }
    return all;
}

void lead_traffic::drive(int thread_index, std::stop_token stop) {
    auto& out = outcomes_[static_cast<std::size_t>(thread_index)];
    std::mt19937 random(seed_ + static_cast<unsigned>(thread_index));
    std::vector<driven_lead> leads;
    try {
        for (std::size_t n = 0; !stop.stop_requested(); ++n) {
            const bool create =
                leads.size() < leads_before_updates || random() % create_one_in == 0;
            driven_lead* lead = nullptr;
            std::string tenant;
            lead_request request;
            if (create) {
                tenant = tenants_[random() % tenants_.size()];
                request = create_lead(tenant, "t" + std::to_string(thread_index) + "-" +
                                                  std::to_string(leads.size()));
            } else {
                lead = &leads[random() % leads.size()];
                request = next_command(*lead);
            }
            request.idempotency_key = "t" + std::to_string(thread_index) + "-" + std::to_string(n);
            const auto a = client_.send_until_answered(request, std::chrono::steady_clock::now() +
                                                                    answer_deadline_);
            ++out.commands;
            ++answered_;
            out.retried += a.attempts > 1 ? 1 : 0;
            out.replayed += a.reply.header("Idempotent-Replayed") == "true" ? 1 : 0;
            if (a.reply.status / 100 != 2) {
                out.refused.push_back(std::to_string(a.reply.status) + " " + request.method + " " +
                                      request.target + " " + request.body + " -> " + a.reply.body);
                continue;
            }
            const auto body = a.reply.json();
            const auto version = body.at("version").get<std::uint32_t>();
            if (create) {
                leads.push_back({{tenant, body.at("id").get<std::string>()}, 0});
                lead = &leads.back();
                out.create_keys.insert(request.idempotency_key);
            }
            ++lead->commands;
            out.versions[lead->ref] = version;
            out.acknowledged_keys.insert(request.idempotency_key);
        }
    } catch (const std::exception& e) {
        out.failures.push_back(e.what()); // no answer in time, or a 2xx without its fields
    }
}

} // namespace ventros::fault
