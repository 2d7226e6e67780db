// Activities over HTTP as a client uses them: create linked to a lead or deal, read, patch,
// complete, the changelog, the list with every filter and its cursor, and every refusal as
// a problem with nothing appended (bad input, unknown links, completed activities, agents
// and viewers, other tenants).
#include "lead_api.hpp"

#include <doctest/doctest.h>

using nlohmann::json;
using ventros::e2e::append_watch;
using ventros::e2e::check_problem;
using ventros::e2e::lead_api;

namespace {

const std::string nobody = "01900000-0000-7000-8000-0000000000ff";

std::string activities_path(const lead_api& api) {
    return api.tenant_path() + "/activities";
}

std::string id_of(const json& reply) {
    return reply.at("id").get<std::string>();
}

/// A lead of the api's tenant.
std::string new_lead(lead_api& api) {
    return api.create_lead({{"name", "Maria Silva"}});
}

json call_about(const std::string& lead, const std::string& due = "2026-11-23T10:00:00-03:00") {
    return {
        {"kind", "call"}, {"subject", "Ligar para a Maria"}, {"due_at", due}, {"lead_id", lead}};
}

/// A client of `tenant` acting as `user` with `role`.
auto as(const std::string& tenant, const std::string& role, const std::string& user) {
    const auto bearer = "Bearer " + ventros::e2e::shared_stack().token(user, {{tenant, role}});
    return [bearer](const std::string& method, const std::string& target, const json& body) {
        return ventros::e2e::shared_stack().client().request(
            method, target, {{"Authorization", bearer}, {"Content-Type", "application/json"}},
            body.is_null() ? "" : body.dump());
    };
}

} // namespace

TEST_CASE("a created activity is readable with its defaults, a Location and an ETag") {
    lead_api api;
    const auto lead = new_lead(api);
    json body = call_about(lead);
    body["description"] = "Confirmar licenças";
    const auto reply = api.send("POST", activities_path(api), body);
    REQUIRE_MESSAGE(reply.status == 201, reply.body);
    const auto id = id_of(reply.json());
    CHECK(reply.header("location") == activities_path(api) + "/" + id);
    CHECK(reply.header("etag") == "\"1\"");
    const auto activity = api.read(activities_path(api) + "/" + id, reply.json().at("position"));
    CHECK(activity.at("kind") == "call");
    CHECK(activity.at("subject") == "Ligar para a Maria");
    CHECK(activity.at("description") == "Confirmar licenças");
    CHECK(activity.at("due_at") == "2026-11-23T13:00:00.000Z");
    CHECK(activity.at("assignee_id") == "u-e2e");
    CHECK(activity.at("lead_id") == lead);
    CHECK(activity.at("deal_id").is_null());
    CHECK(activity.at("status") == "open");
    CHECK(activity.at("version") == 1);
}

TEST_CASE("PATCH changes what it names, completion holds until a reopen, the changelog shows "
          "each step") {
    lead_api api;
    const auto lead = new_lead(api);
    const auto deal =
        id_of(api.command("POST", api.deals_path(),
                          {{"title", "ERP"}, {"value_cents", 100}, {"currency", "BRL"}}, 201));
    const auto id = id_of(api.command("POST", activities_path(api), call_about(lead), 201));
    const auto path = activities_path(api) + "/" + id;
    const auto patched = api.command("PATCH", path,
                                     {{"subject", "Ligar de novo"},
                                      {"due_at", nullptr},
                                      {"assignee_id", "u-bruno"},
                                      {"lead_id", nullptr},
                                      {"deal_id", deal}});
    auto activity = api.read(path, patched.at("position"));
    CHECK(activity.at("subject") == "Ligar de novo");
    CHECK(activity.at("due_at").is_null());
    CHECK(activity.at("assignee_id") == "u-bruno");
    CHECK(activity.at("lead_id").is_null());
    CHECK(activity.at("deal_id") == deal);
    {
        const append_watch appends;
        check_problem(api.send("PATCH", path, {{"subject", "Ligar de novo"}}), 409,
                      "nothing-to-change");
        check_problem(api.send("PATCH", path, {{"deal_id", nullptr}}), 422,
                      "activity-link-required");
        check_problem(api.send("PATCH", path, {{"lead_id", nobody}}), 422, "unknown-lead");
        CHECK(appends.unchanged());
    }
    const auto done =
        api.command("POST", path + "/completion", {{"outcome", "Fechou 25 licenças"}});
    CHECK(done.at("version") == 3);
    activity = api.read(path, done.at("position"));
    CHECK(activity.at("status") == "completed");
    CHECK(activity.at("outcome") == "Fechou 25 licenças");
    CHECK(activity.at("completed_at").is_string());
    {
        const append_watch appends;
        check_problem(api.send("POST", path + "/completion", {{"outcome", "again"}}), 409,
                      "activity-completed");
        check_problem(api.send("PATCH", path, {{"subject", "late"}}), 409, "activity-completed");
        check_problem(api.send("POST", path + "/reopen", {{"outcome", "x"}}), 422,
                      "validation-failed");
        CHECK(appends.unchanged());
    }
    const auto reopened = api.command("POST", path + "/reopen", json::object());
    activity = api.read(path, reopened.at("position"));
    CHECK(activity.at("status") == "open");
    CHECK(activity.at("outcome").is_null());
    CHECK(activity.at("completed_at").is_null());
    check_problem(api.send("POST", path + "/reopen", json::object()), 409,
                  "activity-not-completed");
    const auto again = api.command("POST", path + "/completion", {{"outcome", "Fechou 30"}});
    CHECK(again.at("version") == 5);
    const auto events = api.get(path + "/events?limit=2");
    REQUIRE(events.status == 200);
    const auto first = events.json();
    REQUIRE(first.at("items").size() == 2);
    CHECK(first.at("items").at(0).at("type") == "ventros.crm.activity.created.v1");
    CHECK(first.at("items").at(1).at("data").at("deal_id") == deal);
    const auto rest =
        api.get(path + "/events?cursor=" + first.at("next_cursor").get<std::string>() +
                "&consistency=" + again.at("position").get<std::string>());
    REQUIRE(rest.status == 200);
    const auto last = rest.json();
    REQUIRE(last.at("items").size() == 3);
    CHECK(last.at("items").at(0).at("type") == "ventros.crm.activity.completed.v1");
    CHECK(last.at("items").at(1).at("type") == "ventros.crm.activity.reopened.v1");
    CHECK(last.at("items").at(2).at("data").at("outcome") == "Fechou 30");
    CHECK(last.at("next_cursor").is_null());
}

TEST_CASE("bad activity input is refused with the right problem and appends nothing") {
    lead_api api;
    const auto lead = new_lead(api);
    const auto id = id_of(api.command("POST", activities_path(api), call_about(lead), 201));
    const auto path = activities_path(api) + "/" + id;
    const append_watch appends;
    const auto create = [&](const json& body) {
        return api.send("POST", activities_path(api), body);
    };
    json bad = call_about(lead);
    bad["kind"] = "lunch";
    check_problem(create(bad), 422, "validation-failed");
    check_problem(create(call_about(lead, "2026-11-23")), 422, "validation-failed");
    check_problem(create(call_about(lead, "2026-02-30T10:00:00Z")), 422, "validation-failed");
    bad = call_about(lead);
    bad["subject"] = std::string(201, 's');
    check_problem(create(bad), 422, "validation-failed");
    bad = call_about(lead);
    bad.erase("lead_id");
    check_problem(create(bad), 422, "activity-link-required");
    check_problem(create(call_about(nobody)), 422, "unknown-lead");
    bad = call_about(lead);
    bad.erase("lead_id");
    bad["deal_id"] = nobody;
    check_problem(create(bad), 422, "unknown-deal");
    bad.erase("deal_id");
    bad["contact_id"] = nobody;
    check_problem(create(bad), 422, "unknown-contact");
    bad.erase("contact_id");
    bad["deal_id"] = "deal-7";
    check_problem(create(bad), 422, "validation-failed");
    const auto malformed = ventros::e2e::shared_stack().client().request(
        "POST", activities_path(api),
        {{"Authorization", api.bearer()}, {"Content-Type", "application/json"}}, "{\"kind\":");
    check_problem(malformed, 400, "malformed-json");
    check_problem(api.send("PATCH", path, json::object()), 422, "validation-failed");
    check_problem(api.send("POST", path + "/completion", json::object()), 422, "validation-failed");
    check_problem(
        api.send("POST", activities_path(api) + "/not-a-uuid/completion", {{"outcome", "x"}}), 404,
        "activity-not-found");
    check_problem(api.send("PATCH", activities_path(api) + "/" + nobody, {{"subject", "x"}}), 404,
                  "activity-not-found");
    check_problem(api.send("PATCH", path, {{"subject", "x"}}, {{"If-Match", "\"7\""}}), 412,
                  "precondition-failed");
    CHECK(appends.unchanged());
    check_problem(api.get(activities_path(api) + "/not-a-uuid"), 404, "activity-not-found");
    check_problem(api.get(activities_path(api) + "/" + nobody), 404, "activity-not-found");
    check_problem(api.get(activities_path(api) + "/" + nobody + "/events"), 404,
                  "activity-not-found");
}

TEST_CASE("an agent touches only activities assigned to or created by them; a viewer none") {
    lead_api admin("admin", "boss");
    const auto tenant = admin.tenant();
    const auto lead = new_lead(admin);
    const auto id = id_of(admin.command("POST", activities_path(admin), call_about(lead), 201));
    const auto path = activities_path(admin) + "/" + id;
    const auto agent = as(tenant, "agent", "agent-7");
    const auto viewer = as(tenant, "viewer", "watcher");
    {
        const append_watch appends;
        check_problem(agent("POST", path + "/completion", {{"outcome", "x"}}), 403,
                      "not-permitted");
        check_problem(agent("PATCH", path, {{"subject", "mine now"}}), 403, "not-permitted");
        check_problem(viewer("POST", path + "/completion", {{"outcome", "x"}}), 403, "forbidden");
        check_problem(viewer("POST", activities_path(admin), call_about(lead)), 403, "forbidden");
        CHECK(appends.unchanged());
    }
    const auto own = agent("POST", activities_path(admin), call_about(lead));
    REQUIRE_MESSAGE(own.status == 201, own.body);
    const auto own_path = activities_path(admin) + "/" + own.json().at("id").get<std::string>();
    const auto handed = agent("PATCH", own_path, {{"assignee_id", "boss"}});
    CHECK_MESSAGE(handed.status == 200, handed.body); // still its creator
    admin.command("PATCH", path, {{"assignee_id", "agent-7"}});
    const auto done = agent("POST", path + "/completion", {{"outcome", "ok"}});
    CHECK_MESSAGE(done.status == 200, done.body);
    const auto position = done.json().at("position").get<std::string>();
    const auto read = viewer("GET", path + "?consistency=" + position, nullptr);
    CHECK_MESSAGE(read.status == 200, read.body);
    CHECK(read.json().at("status") == "completed");
}

TEST_CASE("another tenant's activities are forbidden by path and unknown by id") {
    lead_api ours;
    lead_api theirs;
    const auto lead = new_lead(theirs);
    const auto created = theirs.command("POST", activities_path(theirs), call_about(lead), 201);
    const auto their_path = activities_path(theirs) + "/" + id_of(created);
    theirs.read(their_path, created.at("position"));
    const append_watch appends;
    check_problem(ours.send("POST", their_path + "/completion", {{"outcome", "x"}}), 403,
                  "forbidden");
    check_problem(ours.get(their_path), 403, "forbidden");
    check_problem(ours.get(activities_path(theirs)), 403, "forbidden");
    const auto our_path = activities_path(ours) + "/" + id_of(created);
    check_problem(ours.send("POST", our_path + "/completion", {{"outcome", "x"}}), 404,
                  "activity-not-found");
    check_problem(ours.get(our_path), 404, "activity-not-found");
    check_problem(ours.send("POST", activities_path(ours), call_about(lead)), 422, "unknown-lead");
    CHECK(appends.unchanged());
}

TEST_CASE("GET /activities filters, orders by due time and pages") {
    lead_api api;
    const auto lead = new_lead(api);
    const auto other_lead = new_lead(api);
    std::string position;
    const auto add = [&](const std::string& subject, json body) {
        body["subject"] = subject;
        const auto created = api.command("POST", activities_path(api), body, 201);
        position = created.at("position").get<std::string>();
        return id_of(created);
    };
    add("third", call_about(lead, "2026-11-25T09:00:00Z"));
    add("first", call_about(lead, "2026-11-23T09:00:00Z"));
    const auto done = add("second", call_about(lead, "2026-11-24T09:00:00Z"));
    position =
        api.command("POST", activities_path(api) + "/" + done + "/completion", {{"outcome", "ok"}})
            .at("position");
    json bruno = call_about(other_lead, "2026-11-22T09:00:00Z");
    bruno["assignee_id"] = "u-bruno";
    bruno["kind"] = "meeting";
    add("bruno's", bruno);
    json no_due = call_about(lead);
    no_due.erase("due_at");
    no_due["kind"] = "note";
    add("whenever", no_due);

    const auto subjects = [&](const std::string& query) {
        std::vector<std::string> out;
        const auto page = api.read(activities_path(api) + "?" + query, position);
        for (const auto& item : page.at("items")) {
            out.push_back(item.at("subject").get<std::string>());
        }
        return out;
    };
    using list = std::vector<std::string>;
    CHECK(subjects("assignee=u-e2e&open=true&due_before=2026-11-25T00:00:00Z") == list{"first"});
    CHECK(subjects("assignee=u-e2e&open=true") == list{"first", "third", "whenever"});
    CHECK(subjects("open=false") == list{"second"});
    CHECK(subjects("lead_id=" + other_lead) == list{"bruno's"});
    CHECK(subjects("kind=meeting") == list{"bruno's"});
    CHECK(subjects("due_before=2026-11-24T09:00:00.001Z") == list{"bruno's", "first", "second"});
    CHECK(subjects("deal_id=" + nobody + "&contact_id=" + nobody).empty());

    const auto first = api.read(activities_path(api) + "?limit=2", position);
    REQUIRE(first.at("items").size() == 2);
    CHECK(first.at("items").at(0).at("subject") == "bruno's");
    list rest_subjects;
    auto cursor = first.at("next_cursor").get<std::string>();
    while (true) {
        const auto page = api.get(activities_path(api) + "?limit=2&cursor=" + cursor);
        REQUIRE(page.status == 200);
        const auto body = page.json();
        for (const auto& item : body.at("items")) {
            rest_subjects.push_back(item.at("subject").get<std::string>());
        }
        if (body.at("next_cursor").is_null()) {
            break;
        }
        cursor = body.at("next_cursor").get<std::string>();
    }
    CHECK(rest_subjects == list{"second", "third", "whenever"});

    for (const char* bad : {"open=yes", "due_before=tomorrow", "lead_id=L-1", "kind=lunch",
                            "limit=0", "cursor=abc", "colour=red"}) {
        CAPTURE(bad);
        check_problem(api.get(activities_path(api) + "?" + bad), 422, "invalid-query");
    }
}
