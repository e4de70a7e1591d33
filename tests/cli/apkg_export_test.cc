// SPDX-License-Identifier: MIT
// `export --to apkg`: the package checked the way Anki's importer reads it (rslib's
// import_export/package: a legacy zip with collection.anki2 and a JSON media map, schema 11,
// every note of a note type the package has with as many fields, cards on notes, schedVer 2,
// FSRS memory in cards.data), then read back by quizdeck's own importer: same card ids,
// same marks, every review.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>

#include <doctest/doctest.h>

#include "cli/files/apkg_package.h"
#include "cli/files/apkg_writer.h"
#include "cli/files/zip_file.h"
#include "core/json.h"
#include "deck/parse_deck.h"
#include "interchange/apkg.h"
#include "interchange/apkg_export.h"
#include "store/sqlite.h"

namespace quizdeck::cli {
namespace {

constexpr std::int64_t kNow = 1'767'517'200'000;  // 2026-01-04 09:00 UTC
constexpr std::int64_t kDay = 86'400'000;

constexpr const char* kDeck = R"(title: "Spanish::Verbs"
id: verbs
tags: [es]
cards:
  - id: ser
    front: to be (permanent)
    back: ser
    image: img/ser.png
  - id: pick
    question: Which is temporary?
    choices:
      - estar
      - text: ser
        why: ser is for what lasts.
    answer: estar
  - id: gaps
    cloze: "{{Yo}} soy, {{tú}} eres."
  - id: pairs
    question: Match them.
    pairs:
      - I: yo
      - you: tú
)";

deck::Deck verbs() {
  auto parse = deck::parse_deck("verbs.yaml", kDeck);
  REQUIRE(parse.deck);
  return *parse.deck;
}

interchange::AnkiScheduling scheduling() {
  interchange::AnkiScheduling s;
  interchange::AnkiSchedule review;
  review.state = core::State::kReview;
  review.due_ms = kNow + 3 * kDay;
  review.stability = 12.34567;
  review.difficulty = 5.4321;
  review.scheduled_days = 5;
  review.reps = 2;
  review.last_review_ms = kNow - 2 * kDay;
  review.flag = 2;
  s.cards["ser"] = review;
  interchange::AnkiSchedule suspended = review;
  suspended.suspended = true;
  suspended.flag = 0;
  s.cards["pick"] = suspended;
  // Two reviews at one millisecond: Anki's revlog ids are unique, so one moves by 1 ms.
  s.reviews = {
      {"ser", kNow - 7 * kDay, 3, 4000, interchange::AnkiReviewKind::kLearn, 1, 0, 540},
      {"ser", kNow - 2 * kDay, 3, 3000, interchange::AnkiReviewKind::kReview, 5, 1, 500},
      {"pick", kNow - 2 * kDay, 1, 2000, interchange::AnkiReviewKind::kLearn, -600, 0, 900}};
  return s;
}

struct TempFile {
  std::string path;
  TempFile() {
    char name[] = "/tmp/apkg_export_test.XXXXXX";
    const int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    close(fd);
    path = name;
  }
  ~TempFile() { std::remove(path.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
};

core::JsonValue json_of(const std::string& text) {
  core::JsonError error;
  auto value = core::parse_json(text, error);
  REQUIRE(value);
  return *value;
}

}  // namespace

TEST_CASE("apkg export: a package Anki's importer accepts, and our importer reads back whole") {
  const deck::Deck deck = verbs();
  const std::vector<deck::Card> cards(deck.cards.begin(), deck.cards.end());
  const interchange::MediaFiles media{{"img/ser.png", "PNG bytes"}};
  const interchange::AnkiScheduling s = scheduling();
  const interchange::ApkgPackage package = interchange::export_apkg(
      cards, {"verbs.yaml", deck.id, deck.title, deck.tags}, media, &s, kNow);
  auto bytes = apkg_bytes(package, media);
  REQUIRE(bytes);
  TempFile file;
  std::ofstream(file.path, std::ios::binary) << *bytes;

  // The legacy layout every Anki reads: no `meta`, so the importer takes collection.anki2.
  ZipReader zip(file.path);
  REQUIRE(zip.open());
  const auto names = zip.names();
  CHECK(std::set<std::string>(names.begin(), names.end()) ==
        std::set<std::string>{"collection.anki2", "media", "0"});
  CHECK(zip.read("media", 1024) == std::optional<std::string>(R"({"0":"ser.png"})"));
  CHECK(zip.read("0", 1024) == std::optional<std::string>("PNG bytes"));

  auto collection = zip.read("collection.anki2", 64 << 20);
  REQUIRE(collection);
  store::Database db = store::Database::from_bytes(*collection);
  store::Statement col = db.prepare("SELECT ver, conf, models, decks, dconf, crt FROM col");
  REQUIRE(col.step());
  CHECK(col.integer(0) == 11);
  // Without schedVer 2 Anki "upgrades" the package and moves learning answers a button up.
  const core::JsonValue conf = json_of(col.text(1));
  REQUIRE(conf.find("schedVer") != nullptr);
  CHECK(conf.find("schedVer")->number == 2);
  const core::JsonValue models = json_of(col.text(2));
  const core::JsonValue decks = json_of(col.text(3));
  CHECK(json_of(col.text(4)).find("1") != nullptr);  // the options group decks name
  std::set<std::string> deck_names;
  for (const auto& [id, d] : decks.members) {
    deck_names.insert(d.find("name")->text);
    for (const char* key : {"id", "name", "usn", "collapsed", "dyn", "conf", "lrnToday"}) {
      CHECK_MESSAGE(d.find(key) != nullptr, key);
    }
  }
  CHECK(deck_names == std::set<std::string>{"Default", "Spanish", "Spanish::Verbs"});
  // Every note of a note type the package has, with exactly its fields (else Anki's
  // import fails whole); the GUID is the card's id.
  std::map<std::string, std::pair<std::int64_t, std::string>> notes;  // guid -> id, type name
  store::Statement note = db.prepare("SELECT id, guid, mid, flds, tags, csum FROM notes");
  while (note.step()) {
    const core::JsonValue* type = models.find(std::to_string(note.integer(2)));
    REQUIRE(type != nullptr);
    for (const char* key :
         {"id", "name", "type", "mod", "usn", "sortf", "did", "tmpls", "flds", "css"}) {
      CHECK_MESSAGE(type->find(key) != nullptr, key);
    }
    const std::string fields = note.text(3);
    CHECK(static_cast<std::size_t>(std::count(fields.begin(), fields.end(), '\x1f')) + 1 ==
          type->find("flds")->items.size());
    CHECK(note.text(4).starts_with(" es "));
    notes[note.text(1)] = {note.integer(0), type->find("name")->text};
  }
  CHECK(notes.size() == 4);
  CHECK(notes.at("gaps").second == "quizdeck Cloze");
  CHECK(notes.at("pick").second == "quizdeck Basic");
  // A card per card quizdeck asks (a cloze's per blank), each on a note, with valid states.
  std::set<std::int64_t> note_ids;
  for (const auto& [guid, n] : notes) note_ids.insert(n.first);
  std::map<std::int64_t, std::string> data_by_queue;
  int cards_seen = 0;
  store::Statement card = db.prepare("SELECT nid, ord, type, queue, due, flags, data FROM cards");
  while (card.step()) {
    ++cards_seen;
    CHECK(note_ids.contains(card.integer(0)));
    CHECK(card.integer(2) >= 0);
    CHECK(card.integer(2) <= 3);
    CHECK(card.integer(3) >= -3);
    CHECK(card.integer(3) <= 4);
    if (card.integer(3) == 2) {
      // A review card: due as a day of the collection, its memory for FSRS.
      CHECK(card.integer(4) ==
            (kNow + 3 * kDay) / 1000 / 86'400 - interchange::kAnkiCreatedS / 86'400);
      CHECK(card.integer(5) == 2);
      const core::JsonValue data = json_of(card.text(6));
      CHECK(data.find("s")->number == doctest::Approx(12.3457));
      CHECK(data.find("d")->number == doctest::Approx(5.432));
      CHECK(data.find("dr")->number == doctest::Approx(0.9));
    }
    data_by_queue[card.integer(3)] = card.text(6);
  }
  CHECK(cards_seen == 5);              // ser, pick, two blanks, pairs
  CHECK(data_by_queue.contains(-1));   // the suspended card
  CHECK(data_by_queue.at(0).empty());  // a new card has no memory
  store::Statement revlog = db.prepare("SELECT id FROM revlog ORDER BY id");
  std::vector<std::int64_t> times;
  while (revlog.step()) times.push_back(revlog.integer(0));
  CHECK(times == std::vector<std::int64_t>{kNow - 7 * kDay, kNow - 2 * kDay, kNow - 2 * kDay + 1});

  // Our importer: the same ids, marks and every review.
  auto read = read_apkg(file.path);
  REQUIRE(read);
  const interchange::ApkgImport imported = interchange::import_anki_collection(*read, file.path);
  std::set<std::string> ids;
  for (const auto& entry : imported.bank.entries) ids.insert(entry.id);
  CHECK(ids == std::set<std::string>{"ser", "pick", "gaps", "pairs"});
  const interchange::History history = interchange::history_of(*read, imported, file.path, kNow);
  CHECK(history.reviews.size() == 3);
  CHECK(history.refused.empty());
  std::map<std::string, std::pair<bool, int>> marks;
  for (const auto& mark : history.marks) marks[mark.card_id] = {mark.suspended, mark.flag};
  CHECK(marks.at("ser") == std::pair<bool, int>{false, 2});
  CHECK(marks.at("pick") == std::pair<bool, int>{true, 0});
}

}  // namespace quizdeck::cli
