// SPDX-License-Identifier: MIT
// `check --format sarif`: every deck of the check golden cases gives one SARIF result per
// error and warning that `--format json` lists, each under a named rule (never QD000,
// "other"), with the same position; the rules table is complete and stable.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "core/json.h"
#include "deck/diagnostic_rules.h"
#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

core::JsonValue parse(const std::string& text) {
  core::JsonError error;
  auto value = core::parse_json(text, error);
  REQUIRE_MESSAGE(value, "not JSON: ", error.message, " in ", text.substr(0, 200));
  return *value;
}

TEST_CASE("check --format sarif: every golden deck's diagnostics under a named rule") {
  std::size_t decks = 0;
  std::size_t results = 0;
  std::set<std::string> rules_seen;
  for (const auto& entry : fs::directory_iterator(fs::path(golden_dir()) / "check")) {
    if (!entry.is_directory() || entry.path().filename().string().starts_with("_")) continue;
    std::vector<std::string> yaml;
    for (const auto& file : fs::directory_iterator(entry.path())) {
      if (file.path().extension() == ".yaml") yaml.push_back(file.path().filename().string());
    }
    if (yaml.empty()) continue;
    ++decks;
    INFO("case ", entry.path().filename().string());
    std::vector<std::string> argv{quizdeck_binary(), "check", "--format", "sarif"};
    argv.insert(argv.end(), yaml.begin(), yaml.end());
    ProcessOptions options;
    options.cwd = entry.path().string();
    options.env["QUIZDECK_STORE"] = "/nonexistent/quizdeck.db";
    const ProcessResult sarif = run_process(argv, options);
    argv[3] = "json";
    const ProcessResult json = run_process(argv, options);
    CHECK(sarif.exit_code == json.exit_code);
    const core::JsonValue log = parse(sarif.out);
    CHECK(log.find("version")->text == "2.1.0");
    const core::JsonValue& run = log.find("runs")->items.at(0);
    CHECK(run.find("tool")->find("driver")->find("name")->text == "quizdeck");
    CHECK(run.find("columnKind")->text == "unicodeCodePoints");
    const auto& rules = run.find("tool")->find("driver")->find("rules")->items;
    const core::JsonValue listed = parse(json.out);
    std::vector<const core::JsonValue*> expected;
    for (const auto& d : listed.find("diagnostics")->items) {
      if (d.find("severity")->text != "note") expected.push_back(&d);
    }
    const auto& got = run.find("results")->items;
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      const std::string rule = got[i].find("ruleId")->text;
      INFO("message: ", expected[i]->find("message")->text);
      CHECK(rule != "QD000");
      CHECK(expected[i]->find("rule")->text == rule);
      const auto index = static_cast<std::size_t>(got[i].find("ruleIndex")->number);
      REQUIRE(index < rules.size());
      CHECK(rules[index].find("id")->text == rule);
      CHECK(got[i].find("level")->text == expected[i]->find("severity")->text);
      const core::JsonValue* locations = got[i].find("locations");
      if (locations != nullptr && expected[i]->find("line")->number > 0) {
        const auto* region = locations->items.at(0).find("physicalLocation")->find("region");
        REQUIRE(region != nullptr);
        CHECK(region->find("startLine")->number == expected[i]->find("line")->number);
      }
      rules_seen.insert(rule);
      ++results;
    }
  }
  CHECK(decks > 50);
  CHECK(results > 60);
  CHECK(rules_seen.size() > 15);
}

TEST_CASE("check --format sarif: the rule ids are stable") {
  const auto rules = deck::diagnostic_rules();
  REQUIRE(rules.size() >= 27);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    CHECK(rules[i].id == fmt::format("QD{:03}", i));
  }
  CHECK(deck::rule_for_message("answer 'Reputaton' is not one of the choices").id == "QD012");
  CHECK(deck::rule_for_message("answer 'Reputaton' is not one of the choices").name ==
        "answer-not-in-choices");
  CHECK(deck::rule_for_message("unknown key 'titel' in the deck").id == "QD004");
  CHECK(deck::rule_for_message("'Photosyntesis' is accepted as almost; reject expects wrong").id ==
        "QD023");
  CHECK(deck::rule_for_message("something new").id == "QD000");
  // quizdeck-deck(5) lists every rule by id and name.
  const std::string man = read_text_file(source_dir() + "/man/quizdeck-deck.5");
  for (const auto& rule : rules) {
    std::string name;
    for (const char c : rule.name) name += c == '-' ? std::string("\\-") : std::string(1, c);
    INFO(rule.id);
    CHECK(man.find(fmt::format(".B \"{} {}\"", rule.id, name)) != std::string::npos);
  }
}

}  // namespace
}  // namespace quizdeck::test
