#include "deal_event_types.hpp"
#include "decode_versioned.hpp"
#include "ventros/domain/deal_codec.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>

namespace ventros::domain {
namespace {

using detail::json_reader;
using detail::read_optional_id;

// Every deal event is still at v1: there is nothing to upcast yet. A v2 maps older bodies
// to the current shape before they are read, like lead_decode.cpp.

bool is_currency_code(std::string_view text) {
    return text.size() == 3 &&
           std::ranges::all_of(text, [](char c) { return c >= 'A' && c <= 'Z'; });
}

// A calendar date written YYYY-MM-DD (no 2026-02-30).
bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    const auto number = [&](std::size_t from, std::size_t length) -> std::optional<unsigned> {
        unsigned value = 0;
        const char* first = text.data() + from;
        const auto [end, error] = std::from_chars(first, first + length, value);
        if (error != std::errc{} || end != first + length) {
            return std::nullopt;
        }
        return value;
    };
    const auto year = number(0, 4);
    const auto month = number(5, 2);
    const auto day = number(8, 2);
    return year && month && day &&
           std::chrono::year_month_day{std::chrono::year{static_cast<int>(*year)},
                                       std::chrono::month{*month}, std::chrono::day{*day}}
               .ok();
}

// Only a closed deal can be reopened, so "open" is not a valid `from`.
std::optional<deal_status> parse_closed_status(std::string_view text) noexcept {
    if (text == "won") {
        return deal_status::won;
    }
    if (text == "lost") {
        return deal_status::lost;
    }
    return std::nullopt;
}

int read_probability(json_reader& in) {
    const int probability = in.count("probability");
    if (probability > 100) {
        in.fail("probability", "must be from 0 to 100");
    }
    return probability;
}

void check_currency(json_reader& in, const std::string& currency) {
    if (!is_currency_code(currency)) {
        in.fail("currency", "must be three upper-case letters");
    }
}

money read_money(json_reader& in) {
    money value{.cents = in.large_count("value_cents"), .currency = in.text("currency")};
    check_currency(in, value.currency);
    return value;
}

// `value_cents` and `currency` travel together: both or neither.
std::optional<money> read_optional_money(json_reader& in) {
    const auto cents = in.optional_large_count("value_cents");
    auto currency = in.optional_text("currency");
    if (cents.has_value() != currency.has_value()) {
        in.fail(cents ? "currency" : "value_cents", "is required with the other money member");
        return std::nullopt;
    }
    if (!cents) {
        return std::nullopt;
    }
    check_currency(in, *currency);
    return money{.cents = *cents, .currency = std::move(*currency)};
}

std::optional<std::string> read_optional_date(json_reader& in, std::string_view key) {
    auto date = in.optional_text(key);
    if (date && !is_iso_date(*date)) {
        in.fail(key, "must be a date written YYYY-MM-DD");
    }
    return date;
}

deal_event read_created(json_reader& in) {
    return deal_created{
        .id = deal_id{in.text("deal_id")},
        .title = in.text("title"),
        .value = read_money(in),
        .pipeline = pipeline_id{in.text("pipeline_id")},
        .stage = in.text("stage"),
        .probability = read_probability(in),
        .probability_overridden = in.flag("probability_overridden"),
        .expected_close = read_optional_date(in, "expected_close"),
        .owner = user_id{in.text("owner_id")},
        .lead = read_optional_id<lead_id>(in, "lead_id"),
        .company = read_optional_id<company_id>(in, "company_id"),
    };
}

deal_event read_updated(json_reader& in) {
    deal_updated e{
        .id = deal_id{in.text("deal_id")},
        .title = in.optional_text("title"),
        .value = read_optional_money(in),
        .expected_close = in.patch_text("expected_close"),
        .owner = read_optional_id<user_id>(in, "owner_id"),
        .company = in.patch_text("company_id").transform([](std::optional<std::string> id) {
            return id.transform([](std::string text) { return company_id{std::move(text)}; });
        }),
    };
    if (e.title && e.title->empty()) {
        in.fail("title", "must not be empty");
    }
    if (e.expected_close && *e.expected_close && !is_iso_date(**e.expected_close)) {
        in.fail("expected_close", "must be a date written YYYY-MM-DD or null");
    }
    if (e.company && *e.company && (*e.company)->empty()) {
        in.fail("company_id", "must not be empty");
    }
    return e;
}

deal_event read_stage_moved(json_reader& in) {
    return deal_stage_moved{
        .id = deal_id{in.text("deal_id")},
        .from = in.text("from"),
        .to = in.text("to"),
        .probability = read_probability(in),
        .probability_overridden = in.flag("probability_overridden"),
    };
}

deal_event read_won(json_reader& in) {
    return deal_won{.id = deal_id{in.text("deal_id")}, .value = read_money(in)};
}

deal_event read_lost(json_reader& in) {
    return deal_lost{.id = deal_id{in.text("deal_id")}, .reason = in.text("reason")};
}

deal_event read_reopened(json_reader& in) {
    return deal_reopened{.id = deal_id{in.text("deal_id")},
                         .from = in.code("from", parse_closed_status)};
}

// In `deal_event` order, like the type table.
constexpr std::array<deal_event (*)(json_reader&), 6> readers{
    read_created, read_updated, read_stage_moved, read_won, read_lost, read_reopened,
};

} // namespace

std::expected<deal_event, std::string> decode_deal_event(std::string_view type,
                                                         std::string_view json_text) {
    return detail::decode_versioned(type, json_text, detail::parse_deal_event_type, readers);
}

} // namespace ventros::domain
