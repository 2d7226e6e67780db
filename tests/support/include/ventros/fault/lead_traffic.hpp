#pragma once

#include "ventros/fault/lead_client.hpp"
#include "ventros/fault/lead_ref.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace ventros::fault {

/// What the clients of a lead_traffic run were told.
struct traffic_outcome {
    std::map<lead_ref, std::uint32_t> versions; ///< last acknowledged version of every lead
    std::set<std::string> acknowledged_keys;    ///< Idempotency-Keys answered with a 2xx
    std::set<std::string> create_keys;          ///< the acknowledged keys of creates
    std::size_t commands = 0;                   ///< commands answered, refused ones included
    std::size_t retried = 0;                    ///< commands that needed more than one attempt
    std::size_t replayed = 0;                   ///< answers with `Idempotent-Replayed: true`
    std::vector<std::string> refused;           ///< final answers that were not 2xx
    std::vector<std::string> failures;          ///< commands never answered (each ends its thread)
};

/// The first of `problems`, or "none": a message for a failed check on an outcome list.
std::string first_or_none(const std::vector<std::string>& problems);

/// Client threads driving lead commands over many leads of many tenants until stopped:
/// each thread creates leads in random tenants and moves its own leads on (renames, one
/// qualification, one assignment), one command at a time, so per lead the last answer
/// carries the highest version. Every command has its own Idempotency-Key and is
/// retried until answered (see lead_client::send_until_answered), so the outcome of
/// each is known even when the gateway is killed under it.
class lead_traffic {
public:
    /// A command still unanswered `answer_deadline` after it was first sent fails its
    /// thread (see traffic_outcome::failures).
    lead_traffic(lead_client client, std::vector<std::string> tenants, int threads, unsigned seed,
                 std::chrono::seconds answer_deadline = std::chrono::seconds(60));
    ~lead_traffic();
    lead_traffic(const lead_traffic&) = delete;
    lead_traffic& operator=(const lead_traffic&) = delete;

    void start();
    /// Commands answered so far (any final answer), across threads.
    std::size_t answered() const noexcept { return answered_.load(); }
    /// Lets every thread finish its current command, joins them and merges their outcomes.
    traffic_outcome stop();

private:
    void drive(int thread_index, std::stop_token stop);

    lead_client client_;
    std::vector<std::string> tenants_;
    int thread_count_;
    unsigned seed_;
    std::chrono::seconds answer_deadline_;
    std::atomic<std::size_t> answered_{0};
    std::vector<traffic_outcome> outcomes_; ///< one per thread, written only by it
    std::vector<std::jthread> threads_;
};

} // namespace ventros::fault
