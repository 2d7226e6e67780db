#include "ventros/commands/payment_event_decoder.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

namespace ventros::commands {
namespace {

using nlohmann::json;
using kind = domain::provider_event::kind;

constexpr std::size_t max_id = 255;
constexpr std::size_t max_type = 100;
/// 9999-12-31T23:59:59Z: later times are nonsense and would overflow milliseconds.
constexpr std::int64_t max_unix_seconds = 253'402'300'799;

constexpr std::array<std::pair<std::string_view, kind>, 4> known_types{{
    {"invoice.payment_succeeded", kind::payment_succeeded},
    {"invoice.payment_failed", kind::payment_failed},
    {"customer.subscription.updated", kind::subscription_updated},
    {"customer.subscription.deleted", kind::subscription_deleted},
}};

std::optional<kind> kind_of(std::string_view type) {
    for (const auto& [name, what] : known_types) {
        if (name == type) {
            return what;
        }
    }
    return std::nullopt;
}

bool is_int64(const json& v) {
    return v.is_number_integer() &&
           (!v.is_number_unsigned() ||
            v.get<std::uint64_t>() <=
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
}

/// Reads members of one object of the payload leniently (members nobody asks for are
/// fine), adding an error named by JSON pointer for each missing or mistyped one.
class payload_reader {
public:
    payload_reader(const json& object, std::string pointer, invalid_input& errors)
        : object_(object), pointer_(std::move(pointer)), errors_(errors) {}

    bool has(std::string_view key) const { return object_.contains(key); }

    const json* member(std::string_view key) const {
        const auto it = object_.find(key);
        return it == object_.end() ? nullptr : &*it;
    }

    void fail(std::string_view key, std::string reason) {
        errors_.errors.push_back({pointer_ + "/" + std::string(key), std::move(reason)});
    }

    /// A required non-empty string of at most `max_length` bytes.
    std::optional<std::string> text(std::string_view key, std::size_t max_length) {
        const auto* value = required(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (!value->is_string() || value->get_ref<const std::string&>().empty() ||
            value->get_ref<const std::string&>().size() > max_length) {
            fail(key, "must be a string of 1 to " + std::to_string(max_length) + " bytes");
            return std::nullopt;
        }
        return value->get<std::string>();
    }

    /// A required unix time in seconds.
    std::optional<domain::timestamp> unix_time(std::string_view key) {
        const auto* value = required(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        return unix_time_of(key, *value);
    }

    std::optional<domain::timestamp> unix_time_of(std::string_view key, const json& value) {
        if (!is_int64(value) || value.get<std::int64_t>() < 0 ||
            value.get<std::int64_t>() > max_unix_seconds) {
            fail(key, "must be a unix time in seconds");
            return std::nullopt;
        }
        return domain::timestamp{std::chrono::seconds{value.get<std::int64_t>()}};
    }

    /// A required amount in cents (an integer, zero or more).
    std::optional<std::int64_t> amount(std::string_view key) {
        const auto* value = required(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (!is_int64(*value) || value->get<std::int64_t>() < 0) {
            fail(key, "must be an integer amount in cents, zero or more");
            return std::nullopt;
        }
        return value->get<std::int64_t>();
    }

    /// A required ISO 4217 code of three letters, returned upper case.
    std::optional<std::string> currency(std::string_view key) {
        const auto* value = required(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (!value->is_string() || value->get_ref<const std::string&>().size() != 3 ||
            !std::ranges::all_of(value->get_ref<const std::string&>(),
                                 [](unsigned char c) { return std::isalpha(c) != 0; })) {
            fail(key, "must be a three-letter currency code");
            return std::nullopt;
        }
        auto code = value->get<std::string>();
        std::ranges::transform(code, code.begin(),
                               [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        return code;
    }

    std::optional<bool> flag(std::string_view key) {
        const auto* value = required(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (!value->is_boolean()) {
            fail(key, "must be true or false");
            return std::nullopt;
        }
        return value->get<bool>();
    }

    /// A required nested object.
    std::optional<payload_reader> object(std::string_view key) {
        const auto* value = required(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (!value->is_object()) {
            fail(key, "must be an object");
            return std::nullopt;
        }
        return payload_reader(*value, pointer_ + "/" + std::string(key), errors_);
    }

    /// The nested object at `path` when every step exists with the right shape (array
    /// steps take their first item); nullopt otherwise, without an error.
    std::optional<payload_reader> find_object(std::initializer_list<std::string_view> path) {
        const json* at = &object_;
        std::string pointer = pointer_;
        for (const auto step : path) {
            if (at->is_array() && !at->empty()) {
                at = &at->front();
                pointer += "/0";
            }
            if (!at->is_object() || !at->contains(step)) {
                return std::nullopt;
            }
            at = &*at->find(step);
            pointer += "/" + std::string(step);
        }
        if (!at->is_object()) {
            return std::nullopt;
        }
        return payload_reader(*at, std::move(pointer), errors_);
    }

private:
    const json* required(std::string_view key) {
        const auto* value = member(key);
        if (value == nullptr) {
            fail(key, "is required");
        }
        return value;
    }

    const json& object_;
    std::string pointer_;
    invalid_input& errors_;
};

/// The service period of an invoice: its first line's period when it has one, else the
/// invoice's own period_start/period_end.
void read_period(payload_reader& invoice, domain::provider_event& event) {
    auto line_period = invoice.find_object({"lines", "data", "period"});
    auto& from = line_period ? *line_period : invoice;
    const std::string_view start_key = line_period ? "start" : "period_start";
    const std::string_view end_key = line_period ? "end" : "period_end";
    event.period_start = from.unix_time(start_key);
    event.period_end = from.unix_time(end_key);
    if (event.period_start && event.period_end && *event.period_end < *event.period_start) {
        from.fail(end_key, "must not be before the period's start");
    }
}

void read_invoice(payload_reader& invoice, domain::provider_event& event) {
    event.subscription = domain::subscription_id{invoice.text("subscription", max_id).value_or("")};
    const bool paid = event.what == kind::payment_succeeded;
    event.amount_cents = invoice.amount(paid ? "amount_paid" : "amount_due").value_or(0);
    event.currency = invoice.currency("currency").value_or(event.currency);
    read_period(invoice, event);
    if (paid) {
        return;
    }
    const auto* next_attempt = invoice.member("next_payment_attempt");
    if (next_attempt == nullptr) {
        invoice.fail("next_payment_attempt", "is required");
    } else if (next_attempt->is_null()) {
        event.final_attempt = true;
    } else {
        invoice.unix_time_of("next_payment_attempt", *next_attempt);
    }
}

void read_subscription(payload_reader& subscription, domain::provider_event& event) {
    event.subscription = domain::subscription_id{subscription.text("id", max_id).value_or("")};
    if (event.what == kind::subscription_updated) {
        event.cancel_at_period_end = subscription.flag("cancel_at_period_end");
    }
}

invalid_input refusal(invalid_input errors) {
    errors.what = invalid_input::kind::invalid;
    errors.detail = "the payment event has invalid fields";
    return errors;
}

} // namespace

decoded<payment_event_payload> decode_payment_event(std::string_view body) {
    const json document = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
        return std::unexpected(
            invalid_input{invalid_input::kind::malformed_json, "the body is not valid JSON", {}});
    }
    if (!document.is_object()) {
        return std::unexpected(
            invalid_input{invalid_input::kind::invalid, "the body must be a JSON object", {}});
    }
    invalid_input errors;
    payload_reader top(document, "", errors);
    auto id = top.text("id", max_id);
    auto type = top.text("type", max_type);
    if (!id || !type) {
        return std::unexpected(refusal(std::move(errors)));
    }
    const auto what = kind_of(*type);
    if (!what) {
        return ignored_payment_event{.id = std::move(*id), .type = std::move(*type)};
    }
    domain::provider_event event{.id = std::move(*id), .what = *what};
    event.created = top.unix_time("created").value_or(domain::timestamp{});
    auto data = top.object("data");
    auto object = data ? data->object("object") : std::nullopt;
    if (object) {
        if (*what == kind::payment_succeeded || *what == kind::payment_failed) {
            read_invoice(*object, event);
        } else {
            read_subscription(*object, event);
        }
    }
    if (!errors.errors.empty()) {
        return std::unexpected(refusal(std::move(errors)));
    }
    return event;
}

} // namespace ventros::commands
