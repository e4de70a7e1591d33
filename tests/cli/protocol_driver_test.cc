// SPDX-License-Identifier: MIT
// A driver of the scripted protocol written from quizdeck(1) alone: it reads the deck's
// answers from `quizdeck cards --json`, starts a session with --script --json, checks the
// hello, and answers every question right from the question event's fields. If a field it
// relies on moves or changes meaning, this test says so.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "core/json.h"
#include "support/child.h"
#include "support/process.h"
#include "support/tmux.h"

namespace quizdeck::cli {
namespace {

using core::JsonValue;

JsonValue parse(const std::string& line) {
  core::JsonError error;
  auto value = core::parse_json(line, error);
  INFO(line);
  REQUIRE(value.has_value());
  return *value;
}

std::string text_of(const JsonValue& object, const char* name) {
  const JsonValue* value = object.find(name);
  REQUIRE(value != nullptr);
  return value->text;
}

const std::string kDeck = test::golden_dir() + "/study/_fixtures/study.yaml";

// deck id -> card id -> the card's answer data, as `cards --json` documents it.
std::map<std::string, std::map<std::string, JsonValue>> answer_data() {
  const auto cards = test::run_process({test::quizdeck_binary(), "cards", kDeck, "--json"});
  REQUIRE(cards.exit_code == 0);
  std::map<std::string, std::map<std::string, JsonValue>> data;
  const JsonValue listing = parse(cards.out);
  for (const JsonValue& card : listing.find("cards")->items) {
    data[text_of(listing, "deck")][text_of(card, "id")] = *card.find("answer");
  }
  return data;
}

// The right answer to a question event, from the card's answer data.
std::string right_answer(const JsonValue& question, const JsonValue& answer) {
  const std::string type = text_of(question, "type");
  if (type == "choice" || type == "multi") {
    // Keys by text, answered by their letters as shown.
    std::vector<std::string> keys;
    for (const JsonValue& choice : answer.find("choices")->items) {
      if (choice.find("key")->boolean) keys.push_back(text_of(choice, "text"));
    }
    std::string letters;
    const auto& shown = question.find("choices")->items;
    for (std::size_t i = 0; i < shown.size(); ++i) {
      for (const auto& key : keys) {
        if (shown[i].text != key) continue;
        if (!letters.empty()) letters += ",";
        letters += static_cast<char>('A' + i);
      }
    }
    return letters;
  }
  if (type == "truefalse") return answer.find("truth")->boolean ? "true" : "false";
  if (type == "short" || type == "cloze") return answer.find("answers")->items.at(0).text;
  if (type == "numeric") return answer.find("number")->text;
  if (type == "flash") return "good";
  FAIL("a card type the man page does not list: " << type);
  return "";
}

struct Played {
  int questions = 0;
  int results = 0;
  JsonValue summary;
};

Played play(const std::vector<std::string>& args) {
  const auto data = answer_data();
  test::TestDir dir;
  std::vector<std::string> argv = {test::quizdeck_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--script", "--json", "--store", (dir.path / "s.db").string()});
  test::Child child(argv);
  Played played;
  const auto hello_line = child.read_line();
  REQUIRE(hello_line.has_value());
  const JsonValue hello = parse(*hello_line);
  CHECK(text_of(hello, "event") == "hello");
  CHECK(hello.find("protocol")->number == 2);
  CHECK(text_of(hello, "mode") == args.at(0));
  const bool feedback = hello.find("feedback")->boolean;
  std::string asked_deck;
  std::string asked_card;
  while (const auto line = child.read_line()) {
    const JsonValue event = parse(*line);
    const std::string kind = text_of(event, "event");
    INFO(*line);
    if (kind == "question") {
      ++played.questions;
      asked_deck = text_of(event, "deck");
      asked_card = text_of(event, "card");
      REQUIRE(data.count(asked_deck) == 1);
      REQUIRE(data.at(asked_deck).count(asked_card) == 1);
      child.write_line(right_answer(event, data.at(asked_deck).at(asked_card)));
    } else if (kind == "result" || kind == "answered") {
      ++played.results;
      // Every event about a card names its deck and card: the one just asked.
      CHECK(text_of(event, "deck") == asked_deck);
      CHECK(text_of(event, "card") == asked_card);
      if (kind == "result") {
        CHECK(feedback);
        CHECK(event.find("correct")->boolean);
        CHECK(text_of(event, "verdict") == "right");
        CHECK(event.find("expected")->is_object());
      } else {
        CHECK(!feedback);
        CHECK(event.find("counted")->boolean);
      }
    } else if (kind == "summary") {
      played.summary = event;
      break;
    } else {
      FAIL("an event the driver did not expect: " << kind);
    }
  }
  child.close_input();
  CHECK(child.wait() == 0);
  return played;
}

}  // namespace

TEST_CASE("protocol driver: a drill answered from the documented fields is all right") {
  const Played played =
      play({"drill", kDeck, "--seed", "11", "--now", "2026-01-01T09:00:00Z", "--new", "50"});
  CHECK(played.questions >= 7);
  CHECK(played.results == played.questions);
  REQUIRE(played.summary.find("answered") != nullptr);
  CHECK(played.summary.find("answered")->number == played.questions);
  CHECK(played.summary.find("correct")->number == played.questions);
  CHECK(played.summary.find("score")->number == 100);
}

TEST_CASE("protocol driver: an exam without feedback, answered the same way, scores full marks") {
  const Played played = play({"exam", kDeck, "--seed", "12", "--now", "2026-01-01T09:00:00Z"});
  CHECK(played.questions >= 4);
  CHECK(played.results == played.questions);
  REQUIRE(played.summary.find("possible") != nullptr);
  CHECK(played.summary.find("passed")->boolean);
  CHECK(played.summary.find("points")->number == played.summary.find("possible")->number);
  CHECK(played.summary.find("score")->number == 100);
}

}  // namespace quizdeck::cli
