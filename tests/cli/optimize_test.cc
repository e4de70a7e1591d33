// SPDX-License-Identifier: MIT
// `quizdeck optimize --apply` end to end: the fitted parameters land in the settings the
// scheduler reads (globally or for the named deck), and a second run, whose current
// parameters are the fitted ones, keeps them.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

struct Place {
  fs::path dir = fs::temp_directory_path() / ("quizdeck-optimize-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(std::rand()));
  Place() {
    fs::create_directories(dir);
    const auto fixture = fs::path(golden_dir()) / "optimize" / "_fixtures" / "history.jsonl";
    const auto made =
        run_process({QUIZDECK_STORE_WRITER, (dir / "s.db").string(), "script", fixture.string()});
    REQUIRE(made.exit_code == 0);
  }
  ~Place() { fs::remove_all(dir); }
  ProcessResult run(std::vector<std::string> args) const {
    std::vector<std::string> argv{quizdeck_binary(), "--store", "s.db"};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.cwd = dir.string();
    options.env["TZ"] = "UTC";
    return run_process(argv, options);
  }
};

}  // namespace

TEST_CASE("optimize --apply stores the fitted parameters, a second run keeps them") {
  const Place place;
  const auto fitted = place.run({"optimize", "--json"});
  REQUIRE(fitted.exit_code == 0);
  CHECK(fitted.out.find("\"applied\":false") != std::string::npos);
  CHECK(place.run({"config", "params"}).out == "params is not set (the default applies)\n");

  const auto applied = place.run({"optimize", "--apply"});
  INFO(applied.out, applied.err);
  REQUIRE(applied.exit_code == 0);
  CHECK(applied.out.find("Stored globally") != std::string::npos);
  const auto setting = place.run({"config", "params"});
  CHECK(setting.out.rfind("params = 0.080778,0.492707,0.878841,3.160856,6.413300,", 0) == 0);

  // Now current: the same fit is no better, and nothing changes.
  const auto again = place.run({"optimize", "--apply", "--json"});
  CHECK(again.out.find("\"better\":false") != std::string::npos);
  CHECK(again.out.find("\"applied\":false") != std::string::npos);
  CHECK(place.run({"config", "params"}).out == setting.out);
}

TEST_CASE("optimize DECK --apply stores the parameters for that deck only") {
  const Place place;
  const auto applied = place.run({"optimize", "crss", "--apply"});
  INFO(applied.out, applied.err);
  REQUIRE(applied.exit_code == 0);
  CHECK(applied.out.find("Stored for crss") != std::string::npos);
  CHECK(place.run({"config", "params"}).out == "params is not set (the default applies)\n");
  CHECK(place.run({"config", "--deck", "crss", "params"}).out.rfind("params = 0.0807", 0) == 0);
}

}  // namespace quizdeck::test
