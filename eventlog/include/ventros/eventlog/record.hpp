#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ventros::eventlog {

struct header {
    std::string key;
    std::string value;
    bool operator==(const header&) const = default;
};
using headers = std::vector<header>;

/// First value of a header, if present.
std::optional<std::string_view> find_header(const headers& hs, std::string_view key) noexcept;

/// A record to append. `partition` is explicit: writers route by key themselves
/// (see `partition_for_key`), so placement never depends on the client library.
struct outgoing_record {
    std::string topic;
    std::int32_t partition = 0;
    std::string key;
    std::string value;
    headers hdrs;
};

/// A record read back from Kafka.
struct record {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = 0;
    std::string key;
    std::string value;
    headers hdrs;
    std::int64_t timestamp_ms = 0;
};

/// Where an appended record landed.
struct position {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = 0;
    bool operator==(const position&) const = default;
};

} // namespace ventros::eventlog
