// SPDX-License-Identifier: MIT
// Several banks into one deck: ids unique across them, media renamed into one folder
// (each name once), counts and diagnostics added up.
#include "interchange/merge.h"

#include <doctest/doctest.h>

namespace quizdeck::interchange {
namespace {

Entry entry(std::string id, std::string image = "") {
  Entry e;
  e.id = std::move(id);
  e.question = "Q " + e.id;
  e.answers = {"a"};
  e.image.path = std::move(image);
  return e;
}

}  // namespace

TEST_CASE("merge: ids stay unique across banks, a later duplicate numbered") {
  std::vector<Bank> banks(2);
  banks[0].title = "First";
  banks[0].entries = {entry("intro"), entry("q1"), entry("")};
  banks[0].questions = 4;
  banks[0].skipped = 1;
  banks[0].diagnostics.push_back({});
  banks[1].entries = {entry("intro"), entry("q2")};
  banks[1].questions = 2;
  const Merged merged = merge_banks(banks, "deck-media");
  CHECK(merged.bank.title == "First");
  REQUIRE(merged.bank.entries.size() == 5);
  CHECK(merged.bank.entries[0].id == "intro");
  CHECK(merged.bank.entries[2].id.empty());  // the deck derives one
  CHECK(merged.bank.entries[3].id == "intro-2");
  CHECK(merged.bank.questions == 6);
  CHECK(merged.bank.skipped == 1);
  CHECK(merged.bank.diagnostics.size() == 1);
}

TEST_CASE("merge: media renamed into the deck's folder, each name once, references follow") {
  std::vector<Bank> banks(2);
  banks[0].entries = {entry("a", "Heart Diagram.PNG"), entry("b", "missing.png")};
  banks[0].media = {{"Heart Diagram.PNG", "png1"}};
  banks[1].entries = {entry("c", "dir/heart diagram.png")};
  deck::Choice choice;
  choice.text = "x";
  choice.image.path = "dir/heart diagram.png";
  banks[1].entries[0].choices = {choice};
  banks[1].media = {{"dir/heart diagram.png", "png2"}};
  const Merged merged = merge_banks(banks, "deck-media");
  REQUIRE(merged.bank.media.size() == 2);
  CHECK(merged.bank.media[0] ==
        std::pair<std::string, std::string>("deck-media/heart-diagram.png", "png1"));
  CHECK(merged.bank.media[1] ==
        std::pair<std::string, std::string>("deck-media/heart-diagram-2.png", "png2"));
  CHECK(merged.bank.entries[0].image.path == "deck-media/heart-diagram.png");
  CHECK(merged.bank.entries[1].image.path.empty());  // named a file the bank did not hold
  CHECK(merged.bank.entries[2].image.path == "deck-media/heart-diagram-2.png");
  CHECK(merged.bank.entries[2].choices[0].image.path == "deck-media/heart-diagram-2.png");
  CHECK(merged.media_dropped == 0);
}

TEST_CASE("merge: without a media folder the files are dropped and counted") {
  std::vector<Bank> banks(1);
  banks[0].entries = {entry("a", "pic.png")};
  banks[0].media = {{"pic.png", "bytes"}, {"other.gif", "bytes"}};
  const Merged merged = merge_banks(banks, "");
  CHECK(merged.bank.media.empty());
  CHECK(merged.media_dropped == 2);
  CHECK(merged.bank.entries[0].image.path.empty());
}

}  // namespace quizdeck::interchange
