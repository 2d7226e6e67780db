#include "ventros/domain/time.hpp"

#include <array>
#include <cstdio>

namespace ventros::domain {
namespace {

using namespace std::chrono;

// A cursor over the text; every read either consumes what it expects or reports failure.
class scanner {
public:
    explicit scanner(std::string_view text) : text_(text) {}

    /// Reads exactly `count` decimal digits.
    std::optional<int> digits(std::size_t count) {
        if (text_.size() - pos_ < count) {
            return std::nullopt;
        }
        int value = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const char c = text_[pos_ + i];
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
            value = value * 10 + (c - '0');
        }
        pos_ += count;
        return value;
    }

    bool literal(char expected) { return one_of(std::string_view(&expected, 1)).has_value(); }

    /// Consumes one character when it is in `choices`.
    std::optional<char> one_of(std::string_view choices) {
        if (pos_ < text_.size() && choices.find(text_[pos_]) != std::string_view::npos) {
            return text_[pos_++];
        }
        return std::nullopt;
    }

    /// Reads up to nine fraction digits after a '.', keeping milliseconds (truncated).
    std::optional<milliseconds> fraction() {
        int millis = 0;
        std::size_t count = 0;
        while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
            if (count < 3) {
                millis = millis * 10 + (text_[pos_] - '0');
            }
            ++count;
            ++pos_;
        }
        if (count == 0 || count > 9) {
            return std::nullopt;
        }
        for (std::size_t i = count; i < 3; ++i) {
            millis *= 10;
        }
        return milliseconds{millis};
    }

    bool at_end() const noexcept { return pos_ == text_.size(); }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

std::optional<minutes> parse_offset(scanner& in) {
    const auto designator = in.one_of("Zz+-");
    if (!designator) {
        return std::nullopt;
    }
    if (*designator == 'Z' || *designator == 'z') {
        return minutes{0};
    }
    const auto hh = in.digits(2);
    const bool colon = in.literal(':');
    const auto mm = in.digits(2);
    if (!hh || !colon || !mm || *hh > 23 || *mm > 59) {
        return std::nullopt;
    }
    const minutes offset = hours{*hh} + minutes{*mm};
    return *designator == '-' ? -offset : offset;
}

} // namespace

std::string format_rfc3339(timestamp t) {
    const auto midnight = floor<days>(t);
    const year_month_day date{midnight};
    const hh_mm_ss clock{t - midnight};
    std::array<char, 32> buffer{};
    const int written = std::snprintf(
        buffer.data(), buffer.size(), "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
        static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
        static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
        static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()),
        static_cast<int>(clock.subseconds().count()));
    return {buffer.data(), static_cast<std::size_t>(written)};
}

// Leap seconds (":60") are refused: sys_time cannot represent them.
std::optional<timestamp> parse_rfc3339(std::string_view text) {
    scanner in{text};
    const auto y = in.digits(4);
    const bool dash1 = in.literal('-');
    const auto mo = in.digits(2);
    const bool dash2 = in.literal('-');
    const auto d = in.digits(2);
    const bool t = in.one_of("Tt").has_value();
    const auto h = in.digits(2);
    const bool colon1 = in.literal(':');
    const auto mi = in.digits(2);
    const bool colon2 = in.literal(':');
    const auto s = in.digits(2);
    if (!y || !dash1 || !mo || !dash2 || !d || !t || !h || !colon1 || !mi || !colon2 || !s) {
        return std::nullopt;
    }
    milliseconds fraction{0};
    if (in.literal('.')) {
        const auto parsed = in.fraction();
        if (!parsed) {
            return std::nullopt;
        }
        fraction = *parsed;
    }
    const auto offset = parse_offset(in);
    if (!offset || !in.at_end()) {
        return std::nullopt;
    }
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                              day{static_cast<unsigned>(*d)}};
    if (!date.ok() || *h > 23 || *mi > 59 || *s > 59) {
        return std::nullopt;
    }
    const auto local = sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s} + fraction;
    return timestamp{local - *offset};
}

sys_days utc_date(timestamp t) {
    return floor<days>(t);
}

std::string format_date(sys_days date) {
    const year_month_day ymd{date};
    std::array<char, 16> buffer{};
    const int written =
        std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return {buffer.data(), static_cast<std::size_t>(written)};
}

std::optional<sys_days> parse_date(std::string_view text) {
    scanner in{text};
    const auto y = in.digits(4);
    const bool dash1 = in.literal('-');
    const auto mo = in.digits(2);
    const bool dash2 = in.literal('-');
    const auto d = in.digits(2);
    if (!y || !dash1 || !mo || !dash2 || !d || !in.at_end()) {
        return std::nullopt;
    }
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                              day{static_cast<unsigned>(*d)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return sys_days{date};
}

} // namespace ventros::domain
