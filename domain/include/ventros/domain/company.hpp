#pragma once

#include "ventros/domain/ids.hpp"
#include "ventros/domain/lead.hpp"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ventros::domain {

/// Head-count band of a company.
enum class company_size {
    from_1_to_10,
    from_11_to_50,
    from_51_to_200,
    from_201_to_1000,
    above_1000
};
std::string_view to_string(company_size s) noexcept; ///< "1-10", "11-50", ..., "1001+"
std::optional<company_size> parse_company_size(std::string_view text) noexcept;

// ---- events -------------------------------------------------------------------------

struct company_created {
    company_id id;
    std::string name;
    std::optional<std::string> domain; ///< normalized: lower case host, no scheme, no "www."
    std::optional<std::string> industry;
    std::optional<company_size> size;
    bool operator==(const company_created&) const = default;
};

/// Fields changed by an update (absent = unchanged, null = cleared).
struct company_updated {
    company_id id;
    std::optional<std::string> name;
    field_patch<std::string> domain;
    field_patch<std::string> industry;
    field_patch<company_size> size;
    bool operator==(const company_updated&) const = default;
};

using company_event = std::variant<company_created, company_updated>;

const company_id& subject_of(const company_event& e) noexcept;

// ---- state --------------------------------------------------------------------------

/// What the write side keeps per company: its editable fields (an update that changes
/// nothing is refused) and its version.
struct company_state {
    company_id id;
    std::string name;
    std::optional<std::string> domain;
    std::optional<std::string> industry;
    std::optional<company_size> size;
    std::uint32_t version = 0;
    bool operator==(const company_state&) const = default;
};

/// Applies one event. `state` is nullopt only before `company_created`.
company_state evolve(const std::optional<company_state>& state, const company_event& event);

// ---- commands -----------------------------------------------------------------------

struct create_company {
    company_id id; ///< server-assigned UUIDv7
    std::string name;
    std::optional<std::string> domain; ///< normalized by the decoder
    std::optional<std::string> industry;
    std::optional<company_size> size;
};

struct update_company {
    company_id id;
    std::optional<std::string> name;
    field_patch<std::string> domain;
    field_patch<std::string> industry;
    field_patch<company_size> size;
};

using company_command = std::variant<create_company, update_company>;

const company_id& subject_of(const company_command& c) noexcept;

// ---- decisions ----------------------------------------------------------------------

enum class company_error {
    not_found,         ///< update of a company that does not exist → 404
    already_exists,    ///< create with an id already used → 409
    not_permitted,     ///< a viewer → 403
    duplicate,         ///< another company of the tenant has the domain → 409
    nothing_to_change, ///< → 409
};

std::string_view to_string(company_error e) noexcept; ///< stable slug, e.g. "company-duplicate"

/// A refusal; a duplicate names the company that already has the domain.
struct company_refusal {
    company_refusal(company_error e, std::optional<company_id> holder = std::nullopt)
        : error(e), existing(std::move(holder)) {}
    company_error error;
    std::optional<company_id> existing;
    bool operator==(const company_refusal&) const = default;
};

std::string_view to_string(const company_refusal& r) noexcept; ///< the error's slug

using company_decision = std::expected<std::vector<company_event>, company_refusal>;

/// Decides a command against the company's state (nullopt: it does not exist).
/// `domain_holder` is the company of the tenant that has the domain the command sets, if
/// any (the writer looks it up in its index). Any role but viewer may create and update
/// companies: they are shared records of the tenant. Pure.
company_decision decide(const company_command& command, const std::optional<company_state>& state,
                        const std::optional<company_id>& domain_holder,
                        const command_context& context);

} // namespace ventros::domain
