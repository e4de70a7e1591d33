// SPDX-License-Identifier: MIT
// The parsed-deck cache: an unchanged deck comes from the cache, a changed one (even with
// the same size and modification time) is parsed again, and a damaged cache is never
// served: the deck is parsed cleanly and the cache repaired. Through load_decks, as every
// command uses it, and end to end through the binary.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <string>

#include "cli/deck_files.h"
#include "core/hash.h"
#include "deck/card_list.h"
#include "deck/deck_codec.h"
#include "store/deck_cache.h"
#include "store/sqlite.h"
#include "support/process.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;

struct CacheDir {
  fs::path dir = fs::temp_directory_path() / ("quizdeck-cache-" + std::to_string(::getpid()));
  std::string deck = (dir / "capitals.yaml").string();
  std::string cache_path = (dir / "s.db.deck-cache").string();
  CacheDir() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    write_deck("Canberra");
  }
  ~CacheDir() { fs::remove_all(dir); }
  void write_deck(const std::string& answer) const {
    test::write_text_file(deck,
                          "title: Capitals\nid: capitals\ncards:\n"
                          "  - question: Capital of Australia?\n    answer: " +
                              answer + "\n");
  }
  LoadedDecks load(const std::shared_ptr<store::DeckCache>& cache) const {
    const std::array<std::string, 1> paths{deck};
    LoadedDecks loaded = load_decks(paths, cache);
    REQUIRE(loaded.decks.size() == 1);
    return loaded;
  }
  std::string answer(const std::shared_ptr<store::DeckCache>& cache) const {
    const LoadedDecks loaded = load(cache);
    return loaded.decks.front().cards[0].answers.front();
  }
  std::shared_ptr<store::DeckCache> cache() const {
    return std::make_shared<store::DeckCache>(cache_path);
  }
  store::DeckFileKey key() const {
    struct stat info {};
    REQUIRE(::stat(deck.c_str(), &info) == 0);
    const auto ns = [](const timespec& t) {
      return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
    };
    return {deck,
            static_cast<std::int64_t>(info.st_dev),
            static_cast<std::int64_t>(info.st_ino),
            static_cast<std::int64_t>(info.st_size),
            ns(info.st_mtim),
            ns(info.st_ctim)};
  }
  std::string hash() const { return core::content_hash(test::read_text_file(deck)); }
};

TEST_CASE("deck cache: an unchanged deck is served from the cache, without its YAML") {
  const CacheDir t;
  auto cache = t.cache();
  const LoadedDecks first = t.load(cache);
  CHECK_FALSE(first.decks[0].cards.lazy());  // parsed
  CHECK(first.decks[0].content_hash == t.hash());
  // Plant a different deck under the same entry: the next load returns it, so a hit does
  // not read the YAML at all.
  deck::Deck planted = first.decks[0];
  planted.title = "Served from the cache";
  const auto encoded = deck::encode_deck(planted, {});
  REQUIRE(cache->put(t.key(), t.hash(), t.key().ctime_ns + 10'000'000'000, encoded.header,
                     encoded.index, encoded.chunks));
  const LoadedDecks again = t.load(t.cache());
  CHECK(again.decks[0].title == "Served from the cache");
  CHECK(again.decks[0].cards.lazy());
  CHECK(again.decks[0].content_hash == t.hash());
  CHECK(again.decks[0].cards.id(0) == first.decks[0].cards[0].id);
  CHECK(again.decks[0].cards[0].answers.front() == "Canberra");
}

TEST_CASE("deck cache: a settled file is trusted from its identity, a fresh one is hashed") {
  const CacheDir t;
  auto cache = t.cache();
  const auto encoded = deck::encode_deck(t.load(nullptr).decks[0], {});
  int hashed = 0;
  const auto hash_file = [&]() -> std::optional<std::string> {
    ++hashed;
    return t.hash();
  };
  // Checked long after the file's last change: its identity is enough.
  REQUIRE(cache->put(t.key(), t.hash(), t.key().ctime_ns + store::kRacyMarginNs + 1, encoded.header,
                     encoded.index, encoded.chunks));
  CHECK(cache->find(t.key(), 0, hash_file));
  CHECK(hashed == 0);
  // Checked within the margin of a change: the bytes decide, and the entry stays.
  REQUIRE(cache->put(t.key(), t.hash(), t.key().ctime_ns + 1, encoded.header, encoded.index,
                     encoded.chunks));
  CHECK(cache->find(t.key(), 0, hash_file));
  CHECK(hashed == 1);
  // Another identity (here: a later ctime) with the same bytes: still the entry.
  store::DeckFileKey touched = t.key();
  touched.ctime_ns += 1;
  CHECK(cache->find(touched, touched.ctime_ns + store::kRacyMarginNs + 1, hash_file));
  CHECK(hashed == 2);
  // ... and its identity is recorded: the next look needs no hashing.
  CHECK(cache->find(touched, 0, hash_file));
  CHECK(hashed == 2);
  // A settled identity is trusted without reading the bytes at all ...
  CHECK(cache->find(touched, 0, [] { return std::optional<std::string>("never read"); }));
  // ... and any other identity with other bytes is a miss.
  store::DeckFileKey moved = touched;
  moved.inode += 1;
  CHECK_FALSE(cache->find(moved, 0, [] { return std::optional<std::string>("other"); }));
}

TEST_CASE("deck cache: an edited deck is parsed again, even at the same size and time") {
  const CacheDir t;
  auto cache = t.cache();
  CHECK(t.answer(cache) == "Canberra");
  struct stat before {};
  REQUIRE(::stat(t.deck.c_str(), &before) == 0);
  t.write_deck("Canbarra");  // same length
  const struct timespec times[2] = {before.st_atim, before.st_mtim};
  REQUIRE(::utimensat(AT_FDCWD, t.deck.c_str(), times, 0) == 0);  // ctime still moves
  CHECK(t.answer(cache) == "Canbarra");
  t.write_deck("Canberra, ACT");
  CHECK(t.answer(cache) == "Canberra, ACT");
}

TEST_CASE("deck cache: a damaged entry or file is never served, the deck is parsed again") {
  const CacheDir t;
  t.load(t.cache());
  const auto settle = [&] {
    store::Database db(t.cache_path, SQLITE_OPEN_READWRITE);
    db.exec("UPDATE decks SET checked_ns = checked_ns + 10000000000");
  };
  settle();
  SUBCASE("a changed byte in the header") {
    {
      store::Database db(t.cache_path, SQLITE_OPEN_READWRITE);
      db.exec(
          "UPDATE decks SET header = CAST(replace(CAST(header AS TEXT), 'Capitals', "
          "'Kapitals') AS BLOB)");
      CHECK(db.changes() == 1);
    }
    const LoadedDecks loaded = t.load(t.cache());
    CHECK_FALSE(loaded.decks[0].cards.lazy());  // its own hash no longer matched: parsed
    CHECK(loaded.decks[0].title == "Capitals");
    settle();
    CHECK(t.load(t.cache()).decks[0].cards.lazy());  // repaired by the parse
  }
  SUBCASE("a changed byte in a chunk, found only when its card is asked") {
    {
      store::Database db(t.cache_path, SQLITE_OPEN_READWRITE);
      db.exec(
          "UPDATE chunks SET bytes = CAST(replace(CAST(bytes AS TEXT), 'Canberra', "
          "'Melbourne') AS BLOB)");
      CHECK(db.changes() == 1);
    }
    const LoadedDecks loaded = t.load(t.cache());
    REQUIRE(loaded.decks[0].cards.lazy());  // the header is sound
    CHECK_THROWS_AS((void)loaded.decks[0].cards[0], deck::CardsUnavailable);
    // The damaged entry is dropped: the next run parses the file.
    CHECK(t.answer(t.cache()) == "Canberra");
  }
  SUBCASE("the whole file overwritten: no longer says it is ours, so it is left alone") {
    const std::string garbage(4096, 'x');
    test::write_text_file(t.cache_path, garbage);
    CHECK(t.answer(t.cache()) == "Canberra");
    CHECK_FALSE(t.load(t.cache()).decks[0].cards.lazy());  // parsed: the cache is not used
    CHECK(test::read_text_file(t.cache_path) == garbage);
  }
  SUBCASE("a header that does not decode, with a matching hash") {
    {
      store::Database db(t.cache_path, SQLITE_OPEN_READWRITE);
      store::Statement update = db.prepare("UPDATE decks SET header = ?1, header_hash = ?2");
      update.bind_blob(1, "QZDECK junk").bind(2, core::content_hash("QZDECK junk")).run();
    }
    CHECK(t.answer(t.cache()) == "Canberra");
  }
}

TEST_CASE("deck cache, end to end: an exam sees an edit and ignores a damaged cache") {
  const CacheDir t;
  test::ProcessOptions options;
  options.cwd = t.dir.string();
  // An exam shows the answer it expected: the deck as this run saw it.
  const auto exam = [&](std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {test::quizdeck_binary(), "--store", "s.db"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.insert(argv.end(), {"exam", "capitals.yaml", "--json", "--seed", "1", "--no-schedule",
                             "--now", "2026-11-01T09:00:00Z"});
    options.stdin_text = "Canberra\n";
    return test::run_process(argv, options);
  };
  // --no-cache neither reads nor creates the cache.
  const auto uncached = exam({"--no-cache"});
  REQUIRE(uncached.exit_code == 0);
  CHECK_FALSE(fs::exists(t.cache_path));
  CHECK(exam().out == uncached.out);  // fills the cache
  CHECK(fs::exists(t.cache_path));
  CHECK(exam().out == uncached.out);  // from the cache
  t.write_deck("Canberra (ACT)");
  const auto edited = exam();
  CHECK(edited.out.find("Canberra (ACT)") != std::string::npos);
  CHECK(edited.out != uncached.out);
  // A chunk damaged after the deck was loaded from the cache: the command stops with an
  // I/O error that says so, and the next run reads the file.
  {
    const auto settled = exam();
    REQUIRE(settled.exit_code == 0);
    store::Database db(t.cache_path, SQLITE_OPEN_READWRITE);
    db.exec("UPDATE decks SET checked_ns = checked_ns + 10000000000");
    db.exec("UPDATE chunks SET hash = 'damaged'");
  }
  const auto damaged = exam();
  CHECK(damaged.exit_code == 3);
  CHECK(damaged.err ==
        "quizdeck: error: the deck cache no longer holds this deck whole (it was damaged or "
        "changed while in use); run the command again and the deck will be read from its "
        "file\n");
  CHECK(exam().out == edited.out);
  // A file at the cache's path that is not a cache of ours is never replaced: the run
  // says so and does without.
  test::write_text_file(t.cache_path, "not a cache at all");
  const auto foreign = exam();
  CHECK(foreign.exit_code == 0);
  CHECK(foreign.out == edited.out);
  CHECK(foreign.err ==
        "quizdeck: warning: 's.db.deck-cache' is not quizdeck's deck cache (a file that is not a "
        "SQLite database); it is left alone and decks are read without the cache\n");
  CHECK(test::read_text_file(t.cache_path) == "not a cache at all");
}

TEST_CASE("deck cache, end to end: a symlink or another user's file at its path is left alone") {
  const CacheDir t;
  test::ProcessOptions options;
  options.cwd = t.dir.string();
  const auto drill = [&] {
    options.stdin_text = "";
    return test::run_process({test::quizdeck_binary(), "--store", "s.db", "drill", "capitals.yaml",
                              "--json", "--max", "1", "--now", "2026-11-01T09:00:00Z"},
                             options);
  };
  const fs::path precious = t.dir / "precious.txt";
  test::write_text_file(precious.string(), "my notes\n");
  fs::create_symlink(precious, t.cache_path);
  const auto linked = drill();
  CHECK(linked.exit_code == 0);
  CHECK(linked.err.find("is not quizdeck's deck cache (a symbolic link)") != std::string::npos);
  CHECK(test::read_text_file(precious.string()) == "my notes\n");
  CHECK(fs::is_symlink(t.cache_path));
  fs::remove(t.cache_path);

  // An empty file others may read is not taken over either.
  test::write_text_file(t.cache_path, "");
  fs::permissions(t.cache_path, fs::perms::owner_read | fs::perms::owner_write |
                                    fs::perms::group_read | fs::perms::others_read);
  const auto shared = drill();
  CHECK(shared.exit_code == 0);
  CHECK(shared.err.find("(an empty file others may use)") != std::string::npos);
  CHECK(fs::file_size(t.cache_path) == 0);
}

}  // namespace
}  // namespace quizdeck::cli
