// SPDX-License-Identifier: MIT
// The store on disk: private files, refusals that leave a file untouched, and migrating a
// store as version 1 of quizdeck wrote it.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "store/schema.h"
#include "store/store.h"
#include "support/process.h"

namespace quizdeck::store {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("quizdeck-store-test-" + std::to_string(::getpid()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 0777;
}

StoreError::Kind refusal(const std::string& path) {
  try {
    Store::open(path);
  } catch (const StoreError& error) {
    return error.kind();
  }
  return StoreError::Kind::kInvalid;
}

}  // namespace

TEST_CASE("a new store is private: 0600 in a 0700 directory") {
  TempDir dir;
  const fs::path file = dir.path / "data" / "quizdeck" / "quizdeck.db";
  Store::open(file.string());
  CHECK(fs::exists(file));
  CHECK(mode_of(file) == 0600);
  CHECK(mode_of(file.parent_path()) == 0700);
  CHECK(mode_of(file.parent_path().parent_path()) == 0700);
}

TEST_CASE("opening without create refuses a missing store") {
  TempDir dir;
  const std::string file = (dir.path / "none.db").string();
  CHECK_THROWS_WITH_AS(Store::open(file, {.create = false, .busy_timeout_ms = 100}),
                       ("there is no store at '" + file + "' yet").c_str(), StoreError);
  CHECK_FALSE(fs::exists(file));
}

TEST_CASE("refusals leave the file byte for byte as it was") {
  TempDir dir;
  const std::string text = (dir.path / "notes.txt").string();
  test::write_text_file(text, "not a database at all\n");
  CHECK(refusal(text) == StoreError::Kind::kNotADatabase);
  CHECK(test::read_text_file(text) == "not a database at all\n");

  const std::string foreign = (dir.path / "other.db").string();
  {
    Database db(foreign, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  }
  const std::string before = test::read_text_file(foreign);
  CHECK(refusal(foreign) == StoreError::Kind::kForeign);
  CHECK(test::read_text_file(foreign) == before);

  const std::string newer = (dir.path / "newer.db").string();
  {
    Store store = Store::open(newer);
    store.database().exec("PRAGMA user_version = 99");
  }
  const std::string newer_bytes = test::read_text_file(newer);
  CHECK(refusal(newer) == StoreError::Kind::kNewerVersion);
  CHECK(test::read_text_file(newer) == newer_bytes);
}

TEST_CASE("an empty file becomes a store only when only its owner may use it") {
  TempDir dir;
  const std::string file = (dir.path / "empty.db").string();
  test::write_text_file(file, "");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                            fs::perms::others_read);
  CHECK(refusal(file) == StoreError::Kind::kIo);
  CHECK(fs::file_size(file) == 0);
  CHECK((fs::status(file).permissions() & fs::perms::others_read) != fs::perms::none);
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  CHECK(Store::open(file).schema_version() == kSchemaVersion);
}

TEST_CASE("a version 1 store is backed up and migrated, keeping its data") {
  TempDir dir;
  const std::string file = (dir.path / "old.db").string();
  {
    Database db(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    create_schema_v1(db);
    db.exec(R"sql(
      INSERT INTO decks VALUES ('crss', 'CRSS', 'crss.yaml', 1);
      INSERT INTO cards VALUES ('crss', 'a', 'Question A?', 1, 2, 2000, 3.5, 5.0, 0, 1, 0, 1, 0, 1000);
      INSERT INTO reviews (time_ms, deck_id, card_id, rating, correct, answer, response_ms,
                           session_id, mode, scheduled)
        VALUES (1000, 'crss', 'a', 3, 1, 'A', 1200, NULL, 'drill', 1),
               (86401000, 'crss', 'a', 1, 0, 'B', 800, NULL, 'drill', 1),
               (86402000, 'crss', 'a', 3, 1, 'A', 500, NULL, 'drill', 1);
    )sql");
  }
  Store store = Store::open(file);
  CHECK(store.schema_version() == kSchemaVersion);
  CHECK(store.review_count() == 3);
  // Version 3's summaries were filled from the log: two days, and one recall (the first
  // review of the second day), missed.
  const auto buckets = store.review_buckets({"crss"}, 0);
  REQUIRE(buckets.size() == 2);
  CHECK(buckets[0].start_ms == 0);
  CHECK(buckets[0].reviews == 1);
  CHECK(buckets[0].recalls == 0);
  CHECK(buckets[1].start_ms == 86400000);
  CHECK(buckets[1].reviews == 2);
  CHECK(buckets[1].correct == 1);
  CHECK(buckets[1].response_ms == 1300);
  CHECK(buckets[1].recalls == 1);
  CHECK(buckets[1].recalls_right == 0);
  const auto totals = store.card_states({"crss"});
  REQUIRE(totals.size() == 1);
  CHECK(totals[0].reviews == 3);
  CHECK(totals[0].correct == 2);
  store.database().exec("UPDATE cards SET reps = 3 WHERE card_id = 'a'");
  CHECK(store.card("crss", "a")->stability == 3.5);
  CHECK(store.reviews({})[0].reset_ms == std::nullopt);
  store.set_setting("", "retention", "0.85");  // the table version 2 added
  CHECK(store.consistency_check().empty());
  CHECK(store.reset("crss", std::nullopt, 5000) == 3);
  CHECK(store.consistency_check().empty());
  CHECK(store.review_buckets({"crss"}, 0).empty());
  // The backup is the version 1 store as it was.
  const std::string backup = file + ".bak-v1";
  REQUIRE(fs::exists(backup));
  CHECK(mode_of(backup) == 0600);
  Database old(backup, SQLITE_OPEN_READONLY);
  Statement version = old.prepare("PRAGMA user_version");
  version.step();
  CHECK(version.integer(0) == 1);
  Statement reviews = old.prepare("SELECT count(*) FROM reviews");
  reviews.step();
  CHECK(reviews.integer(0) == 3);
}

TEST_CASE(
    "a version 4 store is backed up and migrated: cards learn marks and notes, nothing lost") {
  TempDir dir;
  const std::string file = (dir.path / "v4.db").string();
  {
    Database db(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    create_schema_v1(db);
    migrate_schema(db, 1, 4);
    db.exec(R"sql(
      INSERT INTO decks (id, title, path, seen_ms, synced_hash)
        VALUES ('crss', 'CRSS', 'crss.yaml', 1, 'abc');
      INSERT INTO cards (deck_id, card_id, prompt, created_ms, state, due_ms, stability,
                         difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses,
                         last_review_ms, position, tags)
        VALUES ('crss', 'v#1', 'Blank 1', 1, 2, 2000, 3.5, 5.0, 0, 1, 0, 1, 0, 1000, 0, 'x'),
               ('crss', 'v#2', 'Blank 2', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, 1, 'x');
      INSERT INTO reviews (time_ms, deck_id, card_id, rating, correct, answer, response_ms,
                           session_id, mode, scheduled)
        VALUES (1000, 'crss', 'v#1', 3, 1, 'a', 1200, NULL, 'drill', 1);
      INSERT INTO sessions (mode, decks, started_ms, ended_ms, score, points, pass_mark, passed)
        VALUES ('exam', 'crss', 10, 20, 1, 2, 75, 0);
    )sql");
  }
  Store store = Store::open(file);
  CHECK(store.schema_version() == kSchemaVersion);
  CHECK(store.review_count() == 1);
  const auto card = *store.card("crss", "v#1");
  CHECK(card.stability == 3.5);
  CHECK(card.marks == CardMarks{});
  // The deck is synced again on its next use, so its cards learn their notes.
  CHECK_FALSE(store.deck("crss")->synced_hash);
  const auto sessions = store.sessions();
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].complete);  // an old exam stays a finished, scored one
  CHECK(sessions[0].passed == false);
  CHECK(store.consistency_check().empty());
  CHECK(fs::exists(file + ".bak-v4"));
}

TEST_CASE("a version 5 store keeps its answers as they were, marked legacy") {
  TempDir dir;
  const std::string file = (dir.path / "v5.db").string();
  {
    Database db(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    create_schema_v1(db);
    migrate_schema(db, 1, 5);
    db.exec(R"sql(
      INSERT INTO decks (id, title, path, seen_ms) VALUES ('crss', 'CRSS', 'crss.yaml', 1);
      INSERT INTO cards (deck_id, card_id, prompt, created_ms, state, due_ms, stability,
                         difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses,
                         last_review_ms)
        VALUES ('crss', 'q', 'Q?', 1, 2, 2000, 3.5, 5.0, 0, 1, 0, 1, 0, 1000);
      INSERT INTO reviews (time_ms, deck_id, card_id, rating, correct, answer, response_ms,
                           session_id, mode, scheduled)
        VALUES (1000, 'crss', 'q', 3, 1, 'D', 1200, NULL, 'drill', 1);
    )sql");
  }
  Store store = Store::open(file);
  CHECK(store.schema_version() == kSchemaVersion);
  const auto reviews = store.reviews({});
  REQUIRE(reviews.size() == 1);
  CHECK(reviews[0].answer == "D");  // the letter stays as it was
  CHECK(reviews[0].answer_form == "legacy");
  CHECK_FALSE(reviews[0].shown);
  CHECK(fs::exists(file + ".bak-v5"));
  CHECK(store.consistency_check().empty());
}

namespace {

// A store as version `version` wrote it: deck 'geo' with a new card 'q' and one typed
// answer, 'Paris' (counted in the schedule or not).
Database typed_answer_store(const std::string& file, int version, bool scheduled) {
  Database db(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  create_schema_v1(db);
  migrate_schema(db, 1, version);
  db.exec(fmt::format(R"sql(
    INSERT INTO decks (id, title, path, seen_ms) VALUES ('geo', 'Geo', 'geo.yaml', 1);
    INSERT INTO cards (deck_id, card_id, prompt, created_ms, state, due_ms, stability,
                       difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses,
                       last_review_ms)
      VALUES ('geo', 'q', 'Q?', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL);
    INSERT INTO reviews (time_ms, deck_id, card_id, rating, correct, answer, response_ms,
                         session_id, mode, scheduled, answer_form)
      VALUES (1000, 'geo', 'q', 3, 1, 'Paris', 1200, NULL, 'drill', {}, 'typed');
  )sql",
                      scheduled ? 1 : 0));
  return db;
}

}  // namespace

TEST_CASE("a version 6 store takes reviews imported from Anki after its migration") {
  TempDir dir;
  const std::string file = (dir.path / "v6.db").string();
  {
    Database db = typed_answer_store(file, 6, true);
    // Version 6 refuses the new form.
    CHECK_THROWS(
        db.exec("INSERT INTO reviews (time_ms, deck_id, card_id, rating, correct, "
                "answer, response_ms, mode, scheduled, answer_form) VALUES (2000, "
                "'geo', 'q', 3, 1, '', 0, 'drill', 1, 'anki')"));
  }
  Store store = Store::open(file);
  CHECK(store.schema_version() == kSchemaVersion);
  ReviewRecord anki;
  anki.time_ms = 5000;
  anki.deck_id = "geo";
  anki.card_id = "q";
  anki.answer_form = "anki";
  // Each review of the log counted, as a scheduler's replay would.
  const auto replay = [](const CardRecord& card, const std::vector<ReviewRecord>& log) {
    CardRecord out = card;
    out.reps = static_cast<int>(log.size());
    out.state = core::State::kReview;
    out.stability = 2;
    out.difficulty = 5;
    out.due_ms = log.back().time_ms + 86'400'000;
    out.last_review_ms = log.back().time_ms;
    return out;
  };
  CHECK(store.import_reviews({anki}, replay) == 1);
  CHECK(store.import_reviews({anki}, replay) == 0);  // the same review again adds nothing
  CHECK(store.card("geo", "q")->reps == 2);
  const auto reviews = store.reviews({});
  REQUIRE(reviews.size() == 2);
  CHECK(reviews[1].answer_form == "anki");
  CHECK(store.integrity_check() == std::vector<std::string>{"ok"});
  for (const auto& problem : store.consistency_check()) FAIL_CHECK(problem);
  // Another form is still refused.
  CHECK_THROWS(store.database().exec(
      "INSERT INTO reviews (time_ms, deck_id, card_id, rating, correct, answer, response_ms, "
      "mode, scheduled, answer_form) VALUES (9000, 'geo', 'q', 3, 1, '', 0, 'drill', 1, 'other')"));
  CHECK(fs::exists(file + ".bak-v6"));
  // An unknown card is refused whole.
  ReviewRecord stray = anki;
  stray.card_id = "nope";
  CHECK_THROWS_AS(store.import_reviews({stray}, replay), StoreError);
}

TEST_CASE("a version 7 store keeps its answers without a card version, new ones carry it") {
  TempDir dir;
  const std::string file = (dir.path / "v7.db").string();
  typed_answer_store(file, 7, false);
  Store store = Store::open(file);
  CHECK(store.schema_version() == kSchemaVersion);
  CHECK(fs::exists(file + ".bak-v7"));
  ReviewRecord review;
  review.time_ms = 2000;
  review.deck_id = "geo";
  review.card_id = "q";
  review.scheduled = false;
  review.content = "00112233445566778899aabbccddeeff";
  review.credit = 0.5;
  store.record_review(review, [](const CardRecord&) { return std::nullopt; });
  const auto reviews = store.reviews({});
  REQUIRE(reviews.size() == 2);
  CHECK_FALSE(reviews[0].content);  // an older answer has no card version or credit
  CHECK_FALSE(reviews[0].credit);
  CHECK(reviews[1].content == review.content);
  CHECK(reviews[1].credit == 0.5);
  // Credit is a share of the points.
  CHECK_THROWS(store.database().exec("UPDATE reviews SET credit = 1.5"));
  CHECK(store.integrity_check() == std::vector<std::string>{"ok"});
  for (const auto& problem : store.consistency_check()) FAIL_CHECK(problem);
}

TEST_CASE("a version 11 store: its sessions get ids across stores, journals are read again") {
  TempDir dir;
  const std::string file = (dir.path / "v11.db").string();
  std::string self;
  {
    Database db(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    create_schema_v1(db);
    migrate_schema(db, 1, 11);
    db.exec(R"sql(
      INSERT INTO sessions (mode, decks, started_ms, ended_ms, score, points, complete)
        VALUES ('exam', 'geo', 1000, 2000, 1, 2, 1), ('drill', 'geo', 3000, 4000, NULL, NULL, 1);
      INSERT INTO sync_journals (name, device, offset, lines)
        SELECT 'quizdeck-' || device || '.journal', device, 900, 9 FROM sync_self;
      INSERT INTO sync_journals (name, device, offset, lines)
        VALUES ('quizdeck-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.journal',
                'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 500, 5);
    )sql");
    Statement device = db.prepare("SELECT device FROM sync_self");
    REQUIRE(device.step());
    self = device.text(0);
  }
  Store store = Store::open(file);
  CHECK(store.schema_version() == kSchemaVersion);
  CHECK(fs::exists(file + ".bak-v11"));
  const auto sessions = store.sessions();
  REQUIRE(sessions.size() == 2);
  CHECK(sessions[0].origin == self);
  CHECK(sessions[0].origin_id == sessions[0].id);
  CHECK(sessions[1].origin_id == sessions[1].id);
  SessionRecord later;
  later.mode = core::ReviewMode::kExam;
  later.decks = {"geo"};
  later.started_ms = 5000;
  const std::int64_t id = store.begin_session(later);
  CHECK(store.session(id)->origin == self);
  CHECK(store.session(id)->origin_id == id);
  // This store's own journal is where it was; another device's is read from the start (an
  // older quizdeck skipped its sitting lines).
  for (const auto& position : store.journal_positions()) {
    CAPTURE(position.name);
    CHECK(position.offset == (position.device == self ? 900 : 0));
    CHECK(position.lines == (position.device == self ? 9 : 0));
  }
  CHECK(store.integrity_check() == std::vector<std::string>{"ok"});
  for (const auto& problem : store.consistency_check()) FAIL_CHECK(problem);
}

TEST_CASE("the store runs in WAL mode with synchronous NORMAL and foreign keys") {
  TempDir dir;
  Store store = Store::open((dir.path / "s.db").string());
  const auto pragma = [&](const char* sql) {
    Statement query = store.database().prepare(sql);
    query.step();
    return query.text(0);
  };
  CHECK(pragma("PRAGMA journal_mode") == "wal");
  CHECK(pragma("PRAGMA synchronous") == "1");
  CHECK(pragma("PRAGMA foreign_keys") == "1");
  CHECK(pragma("PRAGMA journal_size_limit") == "4194304");
}

}  // namespace quizdeck::store
