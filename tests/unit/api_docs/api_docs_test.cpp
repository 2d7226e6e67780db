// Pins that schemas/openapi.yaml and schemas/asyncapi.yaml document exactly the routes the
// gateway registers, every event schema of every topic (crm, identity, billing), every domain error
// slug, and every CloudEvents and DLQ header.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <cctype>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path source_dir{VENTROS_SOURCE_DIR};

/// "GET /healthz": the form routes are compared in.
using route = std::string;

/// What the gateway serves today; the scans below must find exactly this, both in the
/// route sources and in openapi.yaml, so a scanner that silently finds nothing fails.
const std::set<route> expected_routes{
    "GET /healthz",
    "GET /readyz",
    "GET /metrics",
    "POST /v1/tenants/{tenant_id}/leads",
    "GET /v1/tenants/{tenant_id}/leads",
    "GET /v1/tenants/{tenant_id}/leads/{lead_id}",
    "PATCH /v1/tenants/{tenant_id}/leads/{lead_id}",
    "POST /v1/tenants/{tenant_id}/leads/{lead_id}/qualification",
    "POST /v1/tenants/{tenant_id}/leads/{lead_id}/assignment",
    "POST /v1/tenants/{tenant_id}/leads/{lead_id}/lost",
    "POST /v1/tenants/{tenant_id}/leads/{lead_id}/conversion",
    "GET /v1/tenants/{tenant_id}/leads/{lead_id}/events",
    "POST /v1/tenants/{tenant_id}/deals",
    "GET /v1/tenants/{tenant_id}/deals",
    "GET /v1/tenants/{tenant_id}/deals/{deal_id}",
    "PATCH /v1/tenants/{tenant_id}/deals/{deal_id}",
    "POST /v1/tenants/{tenant_id}/deals/{deal_id}/stage",
    "POST /v1/tenants/{tenant_id}/deals/{deal_id}/won",
    "POST /v1/tenants/{tenant_id}/deals/{deal_id}/lost",
    "POST /v1/tenants/{tenant_id}/deals/{deal_id}/reopen",
    "GET /v1/tenants/{tenant_id}/deals/{deal_id}/events",
    "POST /v1/tenants/{tenant_id}/pipelines",
    "GET /v1/tenants/{tenant_id}/pipelines",
    "GET /v1/tenants/{tenant_id}/pipelines/{pipeline_id}",
    "GET /v1/tenants/{tenant_id}/pipelines/{pipeline_id}/board",
    "POST /v1/tenants/{tenant_id}/pipelines/{pipeline_id}/stages",
    "PATCH /v1/tenants/{tenant_id}/pipelines/{pipeline_id}/stages/{stage_id}",
    "DELETE /v1/tenants/{tenant_id}/pipelines/{pipeline_id}/stages/{stage_id}",
    "PUT /v1/tenants/{tenant_id}/pipelines/{pipeline_id}/stage-order",
    "GET /v1/tenants/{tenant_id}/metrics/overview",
    "GET /v1/tenants/{tenant_id}/metrics/funnel",
    "GET /v1/tenants/{tenant_id}/metrics/daily",
    "GET /v1/tenants/{tenant_id}/metrics/sources",
    "GET /v1/tenants/{tenant_id}/metrics/agents",
    "POST /v1/tenants/{tenant_id}/contacts",
    "GET /v1/tenants/{tenant_id}/contacts",
    "GET /v1/tenants/{tenant_id}/contacts/{contact_id}",
    "PATCH /v1/tenants/{tenant_id}/contacts/{contact_id}",
    "POST /v1/tenants/{tenant_id}/contacts/{contact_id}/links",
    "DELETE /v1/tenants/{tenant_id}/contacts/{contact_id}/links/leads/{lead_id}",
    "DELETE /v1/tenants/{tenant_id}/contacts/{contact_id}/links/deals/{deal_id}",
    "POST /v1/tenants/{tenant_id}/contacts/{contact_id}/merge",
    "GET /v1/tenants/{tenant_id}/contacts/{contact_id}/events",
    "POST /v1/tenants/{tenant_id}/companies",
    "GET /v1/tenants/{tenant_id}/companies",
    "GET /v1/tenants/{tenant_id}/companies/{company_id}",
    "PATCH /v1/tenants/{tenant_id}/companies/{company_id}",
    "GET /v1/tenants/{tenant_id}/companies/{company_id}/events",
    "POST /v1/tenants/{tenant_id}/activities",
    "GET /v1/tenants/{tenant_id}/activities",
    "GET /v1/tenants/{tenant_id}/activities/{activity_id}",
    "PATCH /v1/tenants/{tenant_id}/activities/{activity_id}",
    "POST /v1/tenants/{tenant_id}/activities/{activity_id}/completion",
    "POST /v1/tenants/{tenant_id}/activities/{activity_id}/reopen",
    "GET /v1/tenants/{tenant_id}/activities/{activity_id}/events",
    "POST /v1/users",
    "POST /v1/sessions",
    "POST /v1/billing-accounts",
    "PATCH /v1/billing-accounts/{billing_account_id}",
    "POST /v1/tenants",
    "GET /v1/plans",
    "GET /v1/tenants/{tenant_id}",
    "PATCH /v1/tenants/{tenant_id}",
    "POST /v1/tenants/{tenant_id}/members",
    "DELETE /v1/tenants/{tenant_id}/members/{user_id}",
    "PUT /v1/tenants/{tenant_id}/products/crm",
    "PUT /v1/tenants/{tenant_id}/products/bi",
    "PUT /v1/tenants/{tenant_id}/products/automation",
    "POST /v1/tenants/{tenant_id}/subscription/plan-change",
    "POST /v1/tenants/{tenant_id}/subscription/cancellation",
    "POST /v1/tenants/{tenant_id}/subscription/resumption",
};

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

/// The HTTP method as routes are compared: upper case, without the `_` of Beast's
/// `delete_`.
std::string method_name(std::string text) {
    if (text.ends_with('_')) {
        text.pop_back();
    }
    for (auto& c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

std::size_t indent_of(const std::string& line) {
    return line.find_first_not_of(' ');
}

/// Loop variables over enumerators in `text`, e.g. `for (const auto which : {domain::product::crm,
/// domain::product::bi})` gives which → {crm, bi}: the enumerators' own names, which their
/// `to_string` spells the same.
std::map<std::string, std::vector<std::string>> enumerator_loops(const std::string& text) {
    static const std::regex loop(R"re(for \(const auto (\w+) :\s*\{([^}]*)\}\))re");
    static const std::regex enumerator(R"re(::(\w+)\s*(?:,|$))re");
    std::map<std::string, std::vector<std::string>> loops;
    for (std::sregex_iterator it(text.begin(), text.end(), loop), end; it != end; ++it) {
        const std::string values = (*it)[2];
        for (std::sregex_iterator v(values.begin(), values.end(), enumerator); v != end; ++v) {
            loops[(*it)[1]].push_back((*v)[1]);
        }
    }
    return loops;
}

/// Evaluates a pattern expression such as `lead + "/qualification"` from string
/// literals, the file's `const std::string` definitions (name → expression, evaluated
/// only when used: other constants need not be patterns) and `std::string(domain::to_string(v))`
/// of an enumerator loop variable (one pattern per enumerator); unknown names fail the test.
std::vector<std::string> evaluate(const std::string& expression,
                                  const std::map<std::string, std::string>& names,
                                  const std::map<std::string, std::vector<std::string>>& loops) {
    static const std::regex spelled(R"re(std::string\((?:domain::)?to_string\((\w+)\)\))re");
    std::vector<std::string> values{""};
    std::istringstream terms(expression);
    for (std::string term; std::getline(terms, term, '+');) {
        term = trim(term);
        std::vector<std::string> alternatives;
        std::smatch loop_variable;
        if (term.size() >= 2 && term.front() == '"' && term.back() == '"') {
            alternatives.push_back(term.substr(1, term.size() - 2));
        } else if (std::regex_match(term, loop_variable, spelled)) {
            const auto found = loops.find(loop_variable[1]);
            REQUIRE_MESSAGE(found != loops.end(), "route pattern uses unknown loop " << term);
            alternatives = found->second;
        } else {
            const auto found = names.find(term);
            REQUIRE_MESSAGE(found != names.end(), "route pattern uses unknown name " << term);
            alternatives = evaluate(found->second, names, loops);
        }
        std::vector<std::string> next;
        for (const auto& prefix : values) {
            for (const auto& alternative : alternatives) {
                next.push_back(prefix + alternative);
            }
        }
        values = std::move(next);
    }
    return values;
}

/// Routes registered in gateway/src by `add(http::verb::<m>, <pattern>, ...)` calls and by
/// `add_command_route(r, routes, http::verb::<m>, <pattern>, ...)`.
std::set<route> registered_routes() {
    static const std::regex constant(R"re(const std::string (\w+) = ([^;]+);)re");
    static const std::regex registration(
        R"re(\badd(?:_command_route)?\(\s*(?:\w+\s*,\s*)*http::verb::(\w+)\s*,\s*([^,]+),)re");
    std::set<route> routes;
    for (const auto& entry : fs::directory_iterator(source_dir / "gateway" / "src")) {
        if (entry.path().extension() != ".cpp") {
            continue;
        }
        const auto text = read_text(entry.path());
        std::map<std::string, std::string> names;
        for (std::sregex_iterator it(text.begin(), text.end(), constant), end; it != end; ++it) {
            names[(*it)[1]] = (*it)[2];
        }
        const auto loops = enumerator_loops(text);
        std::size_t found = 0;
        for (std::sregex_iterator it(text.begin(), text.end(), registration), end; it != end;
             ++it) {
            for (const auto& pattern : evaluate((*it)[2], names, loops)) {
                routes.insert(method_name((*it)[1]) + " " + pattern);
            }
            ++found;
        }
        // A registration the pattern missed (say, a verb kept in a variable) would go
        // unchecked: in a file that registers routes, every verb literal must be one.
        if (found > 0) {
            std::size_t verbs = 0;
            for (auto at = text.find("http::verb::"); at != std::string::npos;
                 at = text.find("http::verb::", at + 1)) {
                ++verbs;
            }
            CHECK_MESSAGE(verbs == found, entry.path().filename().string()
                                              << " names a verb outside an add(...) call");
        }
    }
    return routes;
}

/// Path + method pairs under `paths:` in openapi.yaml (two-space indentation).
std::set<route> documented_routes() {
    static const std::set<std::string> methods{"get", "put", "post", "patch", "delete"};
    std::set<route> routes;
    bool in_paths = false;
    std::string path;
    for (const auto& line : lines_of(read_text(source_dir / "schemas" / "openapi.yaml"))) {
        if (trim(line).empty() || trim(line).starts_with('#')) {
            continue;
        }
        const auto indent = indent_of(line);
        if (indent == 0) {
            in_paths = line == "paths:";
            continue;
        }
        if (!in_paths) {
            continue;
        }
        const auto key = trim(line).substr(0, trim(line).find(':'));
        if (indent == 2) {
            path = key;
        } else if (indent == 4 && methods.contains(key)) {
            routes.insert(method_name(key) + " " + path);
        }
    }
    return routes;
}

/// True when some line of the YAML text is the mapping key `key` (any indentation).
bool has_key(const std::string& yaml, const std::string& key) {
    for (const auto& line : lines_of(yaml)) {
        const auto text = trim(line);
        if (text.starts_with(key + ":")) {
            return true;
        }
    }
    return false;
}

/// Every distinct string literal in `text` that starts with `prefix`.
std::set<std::string> literals_with_prefix(const std::string& text, const std::string& prefix) {
    const std::regex literal("\"(" + prefix + "[a-z_]+)\"");
    std::set<std::string> out;
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
        out.insert((*it)[1]);
    }
    return out;
}

/// "" when `actual` equals `expected`, else what is missing and what is extra.
std::string difference(const std::set<route>& actual, const std::set<route>& expected) {
    std::string out;
    for (const auto& r : expected) {
        if (!actual.contains(r)) {
            out += "missing " + r + "; ";
        }
    }
    for (const auto& r : actual) {
        if (!expected.contains(r)) {
            out += "unexpected " + r + "; ";
        }
    }
    return out;
}

/// How often `needle` occurs in `text`.
std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

} // namespace

TEST_CASE("the gateway registers exactly the routes this test expects") {
    CHECK(difference(registered_routes(), expected_routes) == "");
}

TEST_CASE("openapi.yaml documents exactly the registered routes, with their methods") {
    CHECK(difference(documented_routes(), expected_routes) == "");
}

TEST_CASE("every event schema has a message in asyncapi.yaml, published and consumed") {
    const auto asyncapi = read_text(source_dir / "schemas" / "asyncapi.yaml");
    // Each topic's folder under schemas/events and the aggregates whose schemas it holds.
    const std::map<std::string, std::set<std::string>> topics{
        {"crm",
         {"activity", "channel_instance", "company", "contact", "conversation", "deal", "lead",
          "pipeline"}},
        {"identity", {"project", "user"}},
        {"billing", {"billing_account", "subscription"}},
    };
    for (const auto& [topic, expected_aggregates] : topics) {
        CAPTURE(topic);
        CHECK(asyncapi.find("\n  ventros." + topic + ":\n") != std::string::npos);
        std::set<std::string> aggregates;
        for (const auto& entry :
             fs::directory_iterator(source_dir / "schemas" / "events" / topic)) {
            const auto file = entry.path().filename().string();
            if (!entry.is_regular_file() || !file.ends_with(".v1.json")) {
                continue;
            }
            const auto name = entry.path().stem().stem().string(); // "deal.stage_moved"
            aggregates.insert(name.substr(0, name.find('.')));
            const auto type = "ventros." + topic + "." + entry.path().stem().string();
            auto message = name;
            message[message.find('.')] = '_'; // "deal_stage_moved"
            CAPTURE(type);
            CHECK(asyncapi.find("\n    " + message + ":\n      name: " + type + "\n") !=
                  std::string::npos);
            CHECK(asyncapi.find("ce_type:\n                const: " + type + "\n") !=
                  std::string::npos);
            CHECK(asyncapi.find("ce_dataschema:\n                const: schemas/events/" + topic +
                                "/" + file + "\n") != std::string::npos);
            CHECK(asyncapi.find("$ref: './events/" + topic + "/" + file + "'") !=
                  std::string::npos);
            // Once in its topic channel's publish list and once in its subscribe list.
            CHECK(count_of(asyncapi, "$ref: '#/components/messages/" + message + "'\n") == 2);
        }
        CHECK(aggregates == expected_aggregates);
    }
}

TEST_CASE("every schema file openapi.yaml and asyncapi.yaml refer to exists") {
    static const std::regex reference(R"re(\$ref: '\./([^'#]+)(#[^']*)?')re");
    for (const auto* document : {"openapi.yaml", "asyncapi.yaml"}) {
        const auto text = read_text(source_dir / "schemas" / document);
        std::size_t references = 0;
        for (std::sregex_iterator it(text.begin(), text.end(), reference), end; it != end; ++it) {
            ++references;
            CAPTURE(document);
            CAPTURE((*it)[1].str());
            CHECK(fs::is_regular_file(source_dir / "schemas" / (*it)[1].str()));
        }
        CHECK_MESSAGE(references >= 14, document << " refers to fewer event schemas than expected");
    }
}

TEST_CASE("openapi.yaml lists every domain error slug as a problem type") {
    const auto openapi = read_text(source_dir / "schemas" / "openapi.yaml");
    static const std::regex slug(R"re("([a-z]+(?:-[a-z]+)+)")re");
    std::set<std::string> slugs;
    for (const auto* source : {"lead_names.cpp", "deal_decide.cpp", "pipeline_decide.cpp",
                               "contact_decide.cpp", "company_decide.cpp", "activity_decide.cpp"}) {
        const auto text = read_text(source_dir / "domain" / "src" / source);
        for (std::sregex_iterator it(text.begin(), text.end(), slug), end; it != end; ++it) {
            slugs.insert((*it)[1]);
        }
    }
    CHECK(slugs.size() >= 20); // so a scan that silently finds nothing fails
    for (const auto& s : slugs) {
        CAPTURE(s);
        CHECK(openapi.find("- https://ventros.dev/problems/" + s + "\n") != std::string::npos);
    }
}

TEST_CASE("asyncapi.yaml names every CloudEvents header the event log writes") {
    const auto asyncapi = read_text(source_dir / "schemas" / "asyncapi.yaml");
    const auto headers =
        literals_with_prefix(read_text(source_dir / "eventlog" / "src" / "cloud_event.cpp"), "ce_");
    CHECK(headers.size() >= 15);
    for (const auto& header : headers) {
        CAPTURE(header);
        CHECK(has_key(asyncapi, header));
    }
    CHECK(has_key(asyncapi, "content-type"));
}

TEST_CASE("asyncapi.yaml names every header the dead-letter queue adds") {
    const auto asyncapi = read_text(source_dir / "schemas" / "asyncapi.yaml");
    const auto headers = literals_with_prefix(
        read_text(source_dir / "projections" / "src" / "dead_letter_queue.cpp"), "dlq_");
    CHECK(headers.size() == 6);
    for (const auto& header : headers) {
        CAPTURE(header);
        CHECK(has_key(asyncapi, header));
    }
}
