#pragma once
// Event schema checks shared by the unit tests of each event family: the schemas under
// schemas/events/ (draft-07, closed objects), loaded once, and what they say of a body.

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

namespace ventros::schema_check {

inline const std::filesystem::path events_dir =
    std::filesystem::path(VENTROS_SOURCE_DIR) / "schemas" / "events";

/// The whole file as text; fails the test when it cannot be read.
inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline nlohmann::json read_json(const std::filesystem::path& path) {
    return nlohmann::json::parse(read_text(path));
}

/// The schema at `relative` (under schemas/events/), parsed once; checks it is draft-07
/// and refuses members it does not name.
inline const valijson::Schema& schema_at(const std::string& relative) {
    static std::map<std::string, std::unique_ptr<valijson::Schema>> cache;
    auto& slot = cache[relative];
    if (!slot) {
        const auto document = read_json(events_dir / relative);
        CHECK(document.at("$schema") == "http://json-schema.org/draft-07/schema#");
        CHECK(document.at("additionalProperties") == false);
        slot = std::make_unique<valijson::Schema>();
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(document), *slot);
    }
    return *slot;
}

/// The schema's complaints about `body`; empty when it validates.
inline std::string problems(const std::string& schema_path, const nlohmann::json& body) {
    valijson::Validator validator;
    valijson::ValidationResults results;
    validator.validate(schema_at(schema_path), valijson::adapters::NlohmannJsonAdapter(body),
                       &results);
    std::string report;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        for (const auto& part : error.context) {
            report += part;
        }
        report += ": " + error.description + "\n";
    }
    return report;
}

} // namespace ventros::schema_check
