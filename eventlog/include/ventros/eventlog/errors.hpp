#pragma once

#include <stdexcept>
#include <string>

namespace ventros::eventlog {

/// An infrastructure failure talking to Kafka. `retriable` means trying the same
/// operation again later may succeed; `fatal` means the client must be recreated.
class kafka_error : public std::runtime_error {
public:
    kafka_error(const std::string& what, bool retriable, bool fatal)
        : std::runtime_error(what), retriable_(retriable), fatal_(fatal) {}
    bool retriable() const noexcept { return retriable_; }
    bool fatal() const noexcept { return fatal_; }

private:
    bool retriable_;
    bool fatal_;
};

} // namespace ventros::eventlog
