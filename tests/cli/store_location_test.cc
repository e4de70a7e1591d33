// SPDX-License-Identifier: MIT
// Where the store is: --store, else QUIZDECK_STORE, else $XDG_DATA_HOME/quizdeck, else
// ~/.local/share/quizdeck.
#include <doctest/doctest.h>

#include <cstdlib>
#include <sstream>

#include "cli/context.h"
#include "core/time.h"

namespace quizdeck::cli {
namespace {

struct Env {
  const char* name;
  std::string saved;
  bool had;
  Env(const char* n, const char* value) : name(n), had(std::getenv(n) != nullptr) {
    if (had) saved = std::getenv(n);
    if (value != nullptr) {
      ::setenv(n, value, 1);
    } else {
      ::unsetenv(n);
    }
  }
  ~Env() {
    if (had) {
      ::setenv(name, saved.c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
};

}  // namespace

std::string store_path(const GlobalOptions& global) {
  std::istringstream in;
  std::ostringstream out;
  Streams io{in, out, out};
  return Context(io, global).store_path();
}

TEST_CASE("the store location follows flag, environment, XDG and HOME in that order") {
  Env home("HOME", "/home/learner");
  Env xdg("XDG_DATA_HOME", nullptr);
  Env env("QUIZDECK_STORE", nullptr);
  CHECK(store_path({}) == "/home/learner/.local/share/quizdeck/quizdeck.db");
  {
    Env data("XDG_DATA_HOME", "/data");
    CHECK(store_path({}) == "/data/quizdeck/quizdeck.db");
    {
      Env relative("XDG_DATA_HOME", "relative/path");  // not absolute: ignored, as XDG says
      CHECK(store_path({}) == "/home/learner/.local/share/quizdeck/quizdeck.db");
    }
    Env store("QUIZDECK_STORE", "/tmp/q.db");
    CHECK(store_path({}) == "/tmp/q.db");
    CHECK(store_path({.store = "here.db", .now = std::nullopt}) == "here.db");
  }
  Env no_home("HOME", nullptr);
  CHECK(store_path({}) == "");
}

TEST_CASE("times on the command line: local without a zone, exact with one") {
  Env tz("TZ", "America/New_York");
  ::tzset();
  CHECK(parse_time_argument("2026-01-01T09:00:00Z") == 1767258000000);
  CHECK(parse_time_argument("2026-01-01T09:00:00") == 1767276000000);  // 14:00Z
  CHECK(parse_time_argument("2026-07-01") == 1782878400000);           // EDT: 04:00Z
  CHECK(core::format_local_time(1767258000000) == "2026-01-01 04:00:00");
  CHECK(parse_time_argument("tomorrow") == std::nullopt);
  ::unsetenv("TZ");
  ::tzset();
}

}  // namespace quizdeck::cli
