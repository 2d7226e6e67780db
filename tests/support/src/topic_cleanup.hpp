#pragma once

#include <string>
#include <vector>

namespace ventros::testing {

/// Deletes the topics from the broker, best effort (waits at most a few seconds, ignores
/// failures): a stack's topics are of no use after it, and every partition left behind
/// slows the shared broker's restarts.
void delete_topics(const std::string& brokers, const std::vector<std::string>& names);

} // namespace ventros::testing
