// SPDX-License-Identifier: MIT
// Anki collections as banks and history (interchange/apkg.h), and the Protocol Buffers
// reader their newer schema needs: hand-made rows in, entries, card ids and reviews out.
#include "interchange/apkg.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "interchange/protobuf.h"

namespace quizdeck::interchange {
namespace {

AnkiCollection geography() {
  AnkiCollection c;
  c.notetypes[1] = {"Basic", false};
  c.notetypes[2] = {"Cloze", true};
  c.decks[1] = "Geography::Europe";
  c.decks[2] = "Geography::Asia";
  c.notes = {{10, "fr1", 1, " capitals ", "Capital of France?\x1fParis"},
             {11, "de2", 2, "", "{{c2::Berlin}} is in {{c1::Germany}}, as is {{c2::Bonn}}.\x1f"},
             {12, "fr1", 1, "", "Capital of Spain?\x1fMadrid"}};  // a GUID used twice
  c.cards = {{100, 10, 1, 0}, {110, 11, 2, 0}, {111, 11, 2, 1}, {120, 12, 1, 0}, {121, 12, 1, 1}};
  return c;
}

}  // namespace

TEST_CASE("apkg: notes become entries, each Anki card maps to the cards it asks") {
  const ApkgImport imported = import_anki_collection(geography(), "geo.apkg");
  REQUIRE(imported.bank.entries.size() == 3);
  CHECK(imported.bank.entries[0].id == "fr1");
  CHECK(imported.bank.entries[0].tags == std::vector<std::string>{"europe", "capitals"});
  CHECK(imported.bank.entries[1].type == deck::CardType::kCloze);
  CHECK(imported.bank.entries[1].question == "{{Berlin}} is in {{Germany}}, as is {{Bonn}}.");
  CHECK(imported.bank.entries[2].id == "fr1-2");  // still unique
  // c1 (card ord 0) asks blank 2; c2 (ord 1) asks blanks 1 and 3.
  CHECK(imported.card_ids.at(100) == std::vector<std::string>{"fr1"});
  CHECK(imported.card_ids.at(110) == std::vector<std::string>{"de2#2"});
  CHECK(imported.card_ids.at(111) == std::vector<std::string>{"de2#1", "de2#3"});
  CHECK(imported.card_ids.at(120) == std::vector<std::string>{"fr1-2"});
  CHECK_FALSE(imported.card_ids.contains(121));  // a second template: not asked
}

TEST_CASE("apkg: history keeps graded reviews in time order, a Forget sets earlier ones aside") {
  AnkiCollection c = geography();
  c.reviews = {
      {3000, 100, 3, 1, 2500, 5000},                           // out of order on purpose
      {1000, 100, 1, 0, 0, 8000},    {2000, 100, 0, 4, 0, 0},  // Forget: manual, no ease, no factor
      {2500, 100, 0, 4, 2500, 0},  // set due date: manual, keeps its factor
      {4000, 111, 4, 0, 0, -5},    // a negative time from a broken clock
      {5000, 121, 3, 0, 0, 1000},  // the reversed card
      {6000, 999, 3, 0, 0, 1000},  // a card the package does not have
  };
  const ApkgImport imported = import_anki_collection(c, "geo.apkg");
  const History history = history_of(c, imported, "geo.apkg", 10000);
  CHECK(history.manual == 2);
  CHECK(history.unmapped == 2);
  REQUIRE(history.reviews.size() == 4);
  CHECK(history.reviews[0].card_id == "fr1");
  CHECK(history.reviews[0].time_ms == 1000);
  CHECK(history.reviews[0].rating == 1);
  CHECK(history.reviews[0].reset_ms == 2000);
  CHECK(history.reviews[1].time_ms == 3000);
  CHECK_FALSE(history.reviews[1].reset_ms);
  CHECK(history.reviews[2].card_id == "de2#1");
  CHECK(history.reviews[3].card_id == "de2#3");
  CHECK(history.reviews[3].response_ms == 0);
}

TEST_CASE("apkg: a review at an impossible time is refused with its row, the rest kept") {
  AnkiCollection c = geography();
  c.reviews = {{INT64_MAX, 100, 3, 1, 0, 1000},
               {-5, 100, 3, 1, 0, 1000},
               {0, 100, 3, 1, 0, 1000},
               {5000, 100, 3, 1, 0, 1000},
               {10000 + kReviewClockSlackMs, 100, 3, 1, 0, 1000},       // a day ahead: kept
               {10000 + kReviewClockSlackMs + 1, 100, 3, 1, 0, 1000}};  // past it: refused
  const ApkgImport imported = import_anki_collection(c, "geo.apkg");
  const History history = history_of(c, imported, "geo.apkg", 10000);
  REQUIRE(history.reviews.size() == 2);
  CHECK(history.reviews[0].time_ms == 5000);
  REQUIRE(history.refused.size() == 4);
  CHECK(history.refused[0].message ==
        "revlog row -5 (card 100): an impossible review time (a revlog id is the review's time "
        "in ms since 1970, at most a day ahead); the review is left out");
  CHECK(history.refused[3].severity == core::Severity::kError);
}

TEST_CASE("apkg: suspension and flags come with a package that carries scheduling") {
  AnkiCollection c = geography();
  c.cards[0].queue = -1;    // fr1 suspended
  c.cards[1].flags = 0x13;  // de2#1 (Anki's card ord 0 is blank 1) flag 3, other bits aside
  const ApkgImport imported = import_anki_collection(c, "geo.apkg");
  const History history = history_of(c, imported, "geo.apkg", 10000);
  std::map<std::string, std::pair<bool, int>> marks;
  for (const auto& mark : history.marks) marks[mark.card_id] = {mark.suspended, mark.flag};
  CHECK(marks.at("fr1") == std::pair<bool, int>{true, 0});
  CHECK(marks.at("fr1-2") == std::pair<bool, int>{false, 0});
  CHECK(marks.at(imported.card_ids.at(110).front()) == std::pair<bool, int>{false, 3});
  // A shared deck (every card new, unflagged, no log) says nothing of the learner's marks.
  const AnkiCollection shared = geography();
  CHECK(history_of(shared, import_anki_collection(shared, "geo.apkg"), "geo.apkg", 10000)
            .marks.empty());
}

TEST_CASE(
    "apkg: a note whose type is missing is read as Basic, with a warning, and no field is lost") {
  AnkiCollection c;
  c.notes = {{1, "x", 42, "",
              "Front\x1f"
              "Back\x1f"
              "Extra"}};
  const ApkgImport imported = import_anki_collection(c, "p.apkg");
  REQUIRE(imported.bank.entries.size() == 1);
  CHECK(imported.bank.entries[0].back == "Back");
  // Its third field, nameless here, is kept in the explanation.
  CHECK(imported.bank.entries[0].explain == "Field 3: Extra");
  REQUIRE(imported.bank.diagnostics.size() == 1);
  CHECK(imported.bank.diagnostics[0].message ==
        "note 1: its note type is missing from the package: read as Basic");
}

// Issue 28: a 7 MiB deck name was split and slugged again for each of 100000 notes (past
// 60 s); each deck's tag is now made once, so this runs in linear time.
TEST_CASE("apkg: a deck's tag is made once per deck, however long its name and many its notes") {
  AnkiCollection c;
  c.notetypes[1] = {"Basic", false};
  c.decks[1] = "Long::" + std::string(4 << 20, 'x');
  c.decks[2] = "Short";
  for (std::int64_t i = 0; i < 20000; ++i) {
    c.notes.push_back({i, "g" + std::to_string(i), 1, "",
                       "Q" + std::to_string(i) +
                           "\x1f"
                           "A"});
    c.cards.push_back({1000000 + i, i, i == 0 ? 2 : 1, 0});
  }
  const ApkgImport imported = import_anki_collection(c, "p.apkg");
  REQUIRE(imported.bank.entries.size() == 20000);
  CHECK(imported.bank.entries[0].tags == std::vector<std::string>{"short"});
  // A tag is at most 64 characters: the name's last part, cut.
  CHECK(imported.bank.entries[1].tags == std::vector<std::string>{std::string(64, 'x')});
  CHECK(imported.bank.entries[19999].tags == imported.bank.entries[1].tags);
}

TEST_CASE("protobuf: varints, fixed and length-delimited fields, malformed input stops") {
  const std::string message(
      "\x08\x01\x1a\x03"
      "abc\x21\x01\x02\x03\x04\x05\x06\x07\x08"
      "\x2d\x01\x00\x00\x00\x30\xac\x02",
      24);
  ProtoReader reader(message);
  ProtoField f;
  REQUIRE(reader.next(f));
  CHECK((f.number == 1 && f.wire_type == 0 && f.value == 1));
  REQUIRE(reader.next(f));
  CHECK((f.number == 3 && f.bytes == "abc"));
  REQUIRE(reader.next(f));
  CHECK((f.number == 4 && f.value == 0x0807060504030201ULL));
  REQUIRE(reader.next(f));
  CHECK((f.number == 5 && f.value == 1));
  REQUIRE(reader.next(f));
  CHECK((f.number == 6 && f.value == 300));
  CHECK_FALSE(reader.next(f));
  CHECK(reader.ok());
  for (const std::string& bad : {std::string("\x1a\x05"
                                             "ab"),            // past the end
                                 std::string("\x08\xff\xff"),  // varint cut
                                 std::string("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"),
                                 std::string("\x0b"),            // a group
                                 std::string("\x00\x01", 2)}) {  // field 0
    ProtoReader broken(bad);
    while (broken.next(f)) {
    }
    CHECK_FALSE(broken.ok());
  }
}

}  // namespace quizdeck::interchange
