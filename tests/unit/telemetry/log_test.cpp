// Pins the log line format: one valid JSON object per line with ts/level/component/msg/fields.
#include "ventros/telemetry/log.hpp"

#include <cstdio>
#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using ventros::telemetry::logger;
using ventros::telemetry::set_log_level;

// Redirects fd 2 into a temporary file for the lifetime of the object.
class stderr_capture {
public:
    stderr_capture() {
        std::fflush(stderr);
        file_ = std::tmpfile();
        saved_ = ::dup(2);
        ::dup2(::fileno(file_), 2);
    }
    ~stderr_capture() {
        restore();
        std::fclose(file_);
    }
    std::vector<std::string> lines() {
        restore();
        std::rewind(file_);
        std::string text;
        char buf[4096];
        std::size_t n = 0;
        while ((n = std::fread(buf, 1, sizeof buf, file_)) > 0) {
            text.append(buf, n);
        }
        std::vector<std::string> out;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) {
            out.push_back(line);
        }
        return out;
    }

private:
    void restore() {
        if (saved_ >= 0) {
            std::fflush(stderr);
            ::dup2(saved_, 2);
            ::close(saved_);
            saved_ = -1;
        }
    }
    std::FILE* file_ = nullptr;
    int saved_ = -1;
};

} // namespace

TEST_CASE("a log line is a JSON object with the standard keys and the extra fields") {
    set_log_level("info");
    stderr_capture capture;
    logger("gateway").info("request done", {{"request_id", "abc"}, {"status", 201}});
    const auto lines = capture.lines();
    REQUIRE(lines.size() == 1);
    const auto j = nlohmann::json::parse(lines[0], nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    CHECK(j["level"] == "info");
    CHECK(j["component"] == "gateway");
    CHECK(j["msg"] == "request done");
    CHECK(j["request_id"] == "abc");
    CHECK(j["status"] == 201);
    const std::string ts = j["ts"];
    CHECK(ts.size() == 24);
    CHECK(ts.back() == 'Z');
}

TEST_CASE("quotes, newlines and invalid UTF-8 in values still give one valid JSON line") {
    set_log_level("info");
    stderr_capture capture;
    logger("x").warn("line1\nline2 \"quoted\"", {{"raw", std::string("bad\xff\xfe")}});
    const auto lines = capture.lines();
    REQUIRE(lines.size() == 1);
    const auto j = nlohmann::json::parse(lines[0], nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    CHECK(j["msg"] == "line1\nline2 \"quoted\"");
    CHECK(j["level"] == "warn");
}

TEST_CASE("lines below the minimum level are not written") {
    set_log_level("warn");
    stderr_capture capture;
    logger log("x");
    CHECK_FALSE(log.enabled(ventros::telemetry::log_level::info));
    log.info("hidden");
    log.debug("hidden");
    log.error("shown");
    const auto lines = capture.lines();
    REQUIRE(lines.size() == 1);
    CHECK(nlohmann::json::parse(lines[0])["msg"] == "shown");
    set_log_level("nonsense"); // unknown text keeps warn
    CHECK_FALSE(log.enabled(ventros::telemetry::log_level::info));
    set_log_level("info");
}
