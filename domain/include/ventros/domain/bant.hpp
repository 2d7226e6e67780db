#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ventros::domain {

/// BANT answer codes as sent by clients (DOMAIN.md "Leads and BANT").
enum class budget_answer { under_1000, from_1000_to_5000, from_5000_to_10000, above_10000 };
enum class authority_answer { decision_maker, influencer, researching };
enum class timeline_answer { immediately, within_30_days, within_3_months, researching };

std::string_view to_string(budget_answer a) noexcept;    ///< e.g. "1000_5000"
std::string_view to_string(authority_answer a) noexcept; ///< e.g. "decision_maker"
std::string_view to_string(timeline_answer a) noexcept;  ///< e.g. "30_days"
std::optional<budget_answer> parse_budget(std::string_view code) noexcept;
std::optional<authority_answer> parse_authority(std::string_view code) noexcept;
std::optional<timeline_answer> parse_timeline(std::string_view code) noexcept;

/// A (possibly partial) set of answers; unanswered criteria score 0.
struct bant_answers {
    std::optional<budget_answer> budget;
    std::optional<authority_answer> authority;
    std::optional<std::string> need; ///< free text, scored by keywords
    std::optional<timeline_answer> timeline;
    bool operator==(const bant_answers&) const = default;
};

/// Points per criterion, as stored in the event so scores can be recomputed.
struct bant_points {
    int budget = 0;
    int authority = 0;
    int need = 0;
    int timeline = 0;
    int total() const noexcept { return budget + authority + need + timeline; }
    bool operator==(const bant_points&) const = default;
};

/// The default questionnaire: its version and qualification threshold.
inline constexpr std::string_view default_bant_flow_version = "default-v1";
inline constexpr int default_min_score_to_qualify = 70;

/// Scores the need text: "vendas" 10, "qualificação" 15, "conversão" 15, "automação" 10,
/// summed over the keywords present, case- and accent-insensitive (UTF-8 input).
int score_need(std::string_view text);

/// Scores answers with the default table.
bant_points score_bant(const bant_answers& answers);

} // namespace ventros::domain
