#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>

namespace ventros::eventlog {

/// How to reach the cluster and name the topics.
struct kafka_config {
    std::string bootstrap_servers = "127.0.0.1:19092";
    std::string topic_prefix = "ventros.";    ///< topics are <prefix>crm, <prefix>dlq, ...
    int partitions = 12;                      ///< partition count used when creating topics
    std::map<std::string, std::string> extra; ///< more librdkafka properties, applied last
};

/// Topic names under a prefix.
struct topics {
    std::string identity, crm, billing, privacy, dlq;
    static topics with_prefix(const std::string& prefix);
    /// The topic of a kind ("identity", "crm", "billing", "privacy", "dlq"); crm for any
    /// other text.
    const std::string& of(std::string_view kind) const noexcept;
};

} // namespace ventros::eventlog
