#include "ventros/domain/bant.hpp"

#include <array>
#include <string>
#include <utility>

namespace ventros::domain {
namespace {

// ASCII letters for U+00C0..U+00FF (Latin-1 supplement), '.' where the character has no
// plain-letter form; both cases fold to lower case so "AUTOMAÇÃO" matches "automação".
constexpr std::string_view latin1_folds = "aaaaaa.ceeeeiiii.nooooo..uuuuy.."
                                          "aaaaaa.ceeeeiiii.nooooo..uuuuy.y";
static_assert(latin1_folds.size() == 64);

// Keywords in folded form: "qualificação" is matched as "qualificacao", and so on.
constexpr std::array<std::pair<std::string_view, int>, 4> need_keywords{{
    {"vendas", 10},
    {"qualificacao", 15},
    {"conversao", 15},
    {"automacao", 10},
}};

// Lower-cases ASCII and replaces accented Latin-1 letters (two-byte UTF-8 sequences
// starting with 0xC3) by their base letter. Other bytes pass through untouched: they are
// all >= 0x80, so they can never form part of an ASCII keyword.
std::string fold_for_matching(std::string_view text) {
    std::string folded;
    folded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            folded.push_back(byte >= 'A' && byte <= 'Z' ? static_cast<char>(byte - 'A' + 'a')
                                                        : text[i]);
            continue;
        }
        if (byte == 0xC3 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0xBF) {
                const char base = latin1_folds[next - 0x80];
                if (base != '.') {
                    folded.push_back(base);
                    ++i;
                    continue;
                }
            }
        }
        folded.push_back(text[i]);
    }
    return folded;
}

int budget_points(budget_answer a) noexcept {
    switch (a) {
    case budget_answer::under_1000:
        return 10;
    case budget_answer::from_1000_to_5000:
        return 30;
    case budget_answer::from_5000_to_10000:
        return 40;
    case budget_answer::above_10000:
        return 50;
    }
    return 0;
}

int authority_points(authority_answer a) noexcept {
    switch (a) {
    case authority_answer::decision_maker:
        return 30;
    case authority_answer::influencer:
        return 20;
    case authority_answer::researching:
        return 5;
    }
    return 0;
}

int timeline_points(timeline_answer a) noexcept {
    switch (a) {
    case timeline_answer::immediately:
        return 20;
    case timeline_answer::within_30_days:
        return 15;
    case timeline_answer::within_3_months:
        return 10;
    case timeline_answer::researching:
        return 0;
    }
    return 0;
}

} // namespace

int score_need(std::string_view text) {
    const std::string folded = fold_for_matching(text);
    int points = 0;
    for (const auto& [keyword, keyword_points] : need_keywords) {
        if (folded.find(keyword) != std::string::npos) {
            points += keyword_points;
        }
    }
    return points;
}

bant_points score_bant(const bant_answers& answers) {
    bant_points points;
    if (answers.budget) {
        points.budget = budget_points(*answers.budget);
    }
    if (answers.authority) {
        points.authority = authority_points(*answers.authority);
    }
    if (answers.need) {
        points.need = score_need(*answers.need);
    }
    if (answers.timeline) {
        points.timeline = timeline_points(*answers.timeline);
    }
    return points;
}

} // namespace ventros::domain
