// Pins how activity request bodies are checked and normalized before they reach the
// domain: kinds, lengths, RFC 3339 due times kept in UTC, UUID links, patches that clear.
#include "decoder_errors.hpp"
#include "ventros/commands/activity_command_decoder.hpp"

#include <doctest/doctest.h>

using namespace ventros;
using testing::error_fields;
using testing::malformed;
using fields = std::vector<std::string>;

namespace {

const domain::activity_id id{"0190a8e0-0000-7000-8000-0000000000e1"};
const std::string lead = "0190a8e0-0000-7000-8000-000000000001";
const std::string deal = "0190a8e0-0000-7000-8000-0000000000d1";
const std::string contact = "0190a8e0-0000-7000-8000-0000000000c1";

auto create(const std::string& body) {
    return commands::decode_create_activity(body, id);
}

auto update(const std::string& body) {
    return commands::decode_update_activity(body, id);
}

domain::timestamp at(const char* text) {
    return *domain::parse_rfc3339(text);
}

} // namespace

TEST_CASE("a full create body decodes, trimming text, lower-casing UUIDs, due time in UTC") {
    const auto d = create(R"({"kind":"meeting","subject":"  Demo ","description":"Levar proposta",
        "due_at":"2026-11-21T07:15:00-03:00","assignee_id":"u-ana",
        "lead_id":"0190A8E0-0000-7000-8000-000000000001","deal_id":")" +
                          deal + R"(","contact_id":")" + contact + R"("})");
    REQUIRE(d);
    CHECK(d->id == id);
    CHECK(d->kind == domain::activity_kind::meeting);
    CHECK(d->subject == "Demo");
    CHECK(d->description == "Levar proposta");
    CHECK(d->due_at == at("2026-11-21T10:15:00Z"));
    CHECK(d->assignee == domain::user_id("u-ana"));
    CHECK(d->links.lead == domain::lead_id(lead));
    CHECK(d->links.deal == domain::deal_id(deal));
    CHECK(d->links.contact == domain::contact_id(contact));
}

TEST_CASE("a minimal create leaves the rest to the domain, links included") {
    const auto d = create(R"({"kind":"note","subject":"x"})");
    REQUIRE(d);
    CHECK_FALSE(d->description);
    CHECK_FALSE(d->due_at);
    CHECK_FALSE(d->assignee);
    CHECK(d->links.empty());
}

TEST_CASE("create refuses bad kinds, subjects, due times and links, naming each field") {
    CHECK(error_fields(create("{}")) == fields{"/kind", "/subject"});
    CHECK(error_fields(create(R"({"kind":"lunch","subject":"x"})")) == fields{"/kind"});
    CHECK(error_fields(create(R"({"kind":"CALL","subject":"x"})")) == fields{"/kind"});
    CHECK(error_fields(create(R"({"kind":"call","subject":"   "})")) == fields{"/subject"});
    CHECK(error_fields(create(R"({"kind":"call","subject":")" + std::string(201, 's') + R"("})")) ==
          fields{"/subject"});
    CHECK(create(R"({"kind":"call","subject":")" + std::string(200, 's') + R"("})"));
    for (const char* due : {R"("2026-11-21")", R"("2026-11-21 10:00:00Z")", R"("tomorrow")",
                            R"("2026-02-30T10:00:00Z")", "1795256130", "null"}) {
        CAPTURE(due);
        CHECK(error_fields(create(R"({"kind":"call","subject":"x","due_at":)" + std::string(due) +
                                  "}")) == fields{"/due_at"});
    }
    CHECK(error_fields(create(R"({"kind":"call","subject":"x","lead_id":"L-1","deal_id":7,
        "contact_id":null})")) == fields{"/lead_id", "/deal_id", "/contact_id"});
    CHECK(error_fields(create(R"({"kind":"call","subject":"x","assignee_id":""})")) ==
          fields{"/assignee_id"});
    CHECK(error_fields(create(R"({"kind":"call","subject":"x","done":true})")) == fields{"/done"});
    CHECK(malformed(create(R"({"kind":"call",)")));
    CHECK_FALSE(malformed(create("[]")));
}

TEST_CASE("every prefix of a valid create body is refused") {
    const std::string body = R"({"kind":"call","subject":"x","lead_id":")" + lead + R"("})";
    REQUIRE(create(body));
    for (std::size_t n = 0; n < body.size(); ++n) {
        CHECK_FALSE(create(body.substr(0, n)));
    }
}

TEST_CASE("update patches: null clears the description, the due time and links") {
    const auto d = update(R"({"description":null,"due_at":null,"lead_id":null,"deal_id":")" + deal +
                          R"(","contact_id":null})");
    REQUIRE(d);
    CHECK_FALSE(d->subject);
    REQUIRE(d->description);
    CHECK_FALSE(d->description->has_value());
    REQUIRE(d->due_at);
    CHECK_FALSE(d->due_at->has_value());
    REQUIRE(d->lead);
    CHECK_FALSE(d->lead->has_value());
    CHECK(d->deal == std::optional(domain::deal_id(deal)));
    REQUIRE(d->contact);
    CHECK_FALSE(d->contact->has_value());

    const auto moved = update(R"({"due_at":"2026-11-22T09:00:00Z","assignee_id":"u-bruno"})");
    REQUIRE(moved);
    CHECK(moved->due_at == std::optional(at("2026-11-22T09:00:00Z")));
    CHECK(moved->assignee == domain::user_id("u-bruno"));
}

TEST_CASE("update refuses an empty patch, nulls where nothing clears, and bad values") {
    CHECK(error_fields(update("{}")) == fields{"/"});
    CHECK(error_fields(update(R"({"subject":null})")) == fields{"/subject"});
    CHECK(error_fields(update(R"({"assignee_id":null})")) == fields{"/assignee_id"});
    CHECK(error_fields(update(R"({"due_at":"soon"})")) == fields{"/due_at"});
    CHECK(error_fields(update(R"({"lead_id":"nope"})")) == fields{"/lead_id"});
    CHECK(error_fields(update(R"({"kind":"call"})")) == fields{"/kind"});
}

TEST_CASE("completion needs an outcome") {
    const auto done = commands::decode_complete_activity(R"({"outcome":" Fechou "})", id);
    REQUIRE(done);
    CHECK(done->outcome == "Fechou");
    CHECK(error_fields(commands::decode_complete_activity("{}", id)) == fields{"/outcome"});
    CHECK(error_fields(commands::decode_complete_activity(R"({"outcome":""})", id)) ==
          fields{"/outcome"});
    CHECK(error_fields(commands::decode_complete_activity(
              R"({"outcome":")" + std::string(2001, 'o') + R"("})", id)) == fields{"/outcome"});
    CHECK(malformed(commands::decode_complete_activity("", id)));
}

TEST_CASE("reopening takes an empty body or {}") {
    CHECK(commands::decode_reopen_activity("", id));
    CHECK(commands::decode_reopen_activity("{}", id));
    CHECK(error_fields(commands::decode_reopen_activity(R"({"outcome":"x"})", id)) ==
          fields{"/outcome"});
    CHECK(malformed(commands::decode_reopen_activity("{", id)));
}
