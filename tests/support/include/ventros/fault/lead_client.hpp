#pragma once

#include "ventros/testing/http_client.hpp"
#include "ventros/testing/stack.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace ventros::fault {

/// One lead command as an HTTP request, kept whole so that a retry sends the same bytes.
struct lead_request {
    std::string method;
    std::string target;
    std::string body;
    std::string idempotency_key; ///< empty: sent without one
    std::string if_match;        ///< empty: sent without one
};

/// POST /leads with a name, an email derived from `label`, a phone and source `web`.
lead_request create_lead(const std::string& tenant, const std::string& label);
/// PATCH /leads/{id} changing the name.
lead_request rename_lead(const std::string& tenant, const std::string& lead,
                         const std::string& name);
/// POST /leads/{id}/qualification with answers that score above the threshold.
lead_request qualify_lead(const std::string& tenant, const std::string& lead);
/// POST /leads/{id}/assignment to `agent`.
lead_request assign_lead(const std::string& tenant, const std::string& lead,
                         const std::string& agent);
/// POST /leads/{id}/conversion with a deal title: the lead (qualified) becomes a deal.
lead_request convert_lead(const std::string& tenant, const std::string& lead);

/// The final answer to a command and how many attempts it took.
struct answer {
    testing::http_reply reply;
    int attempts = 0;
};

/// Sends lead commands as an admin of the given tenants. Holds no reference to the stack
/// (so the gateway may be killed and restarted meanwhile) and is safe to share between
/// threads: every request opens its own connection.
class lead_client {
public:
    /// Each request is bounded by `timeout` (then it throws, like a cut connection).
    lead_client(const testing::stack& s, const std::vector<std::string>& tenants,
                std::chrono::milliseconds timeout = std::chrono::seconds(30));

    /// One attempt. Throws when the connection fails or is cut.
    testing::http_reply send(const lead_request& r) const;

    /// Sends `r` (which must carry an Idempotency-Key) until the gateway answers with
    /// anything but a 5xx: connection errors and 5xx are retried with the same key and
    /// body. Throws std::runtime_error if there is still no answer at `deadline`.
    answer send_until_answered(const lead_request& r,
                               std::chrono::steady_clock::time_point deadline) const;

private:
    testing::http_client http_;
    std::string bearer_;
};

} // namespace ventros::fault
