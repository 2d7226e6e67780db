#pragma once

#include "aggregate_batch.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace ventros::projections::detail {

/// A nullable text column of a loaded row: nullopt for NULL.
inline std::optional<std::string> optional_text(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<std::string>(f.c_str());
}

/// An optional text as a JSON column value: null when absent.
inline nlohmann::json nullable(const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

/// An optional id as the lower-cased text PostgreSQL prints for a UUID column.
template <class Id>
std::optional<std::string> lower_id(const std::optional<Id>& id) {
    return id ? std::optional(lower(id->str())) : std::nullopt;
}

} // namespace ventros::projections::detail
