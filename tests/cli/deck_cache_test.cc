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
  deck::Deck load(store::DeckCache& cache) const {
    const std::array<std::string, 1> paths{deck};
    LoadedDecks loaded = load_decks(paths, &cache);
    REQUIRE(loaded.decks.size() == 1);
    return loaded.decks.front();
  }
  store::DeckFileKey key() const {
    struct stat info {};
    REQUIRE(::stat(deck.c_str(), &info) == 0);
    const std::string text = test::read_text_file(deck);
    return {deck, static_cast<std::int64_t>(text.size()),
            static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec,
            core::content_hash(text)};
  }
};

TEST_CASE("deck cache: an unchanged deck is served from the cache, without its YAML") {
  const CacheDir t;
  store::DeckCache cache(t.cache_path);
  CHECK(t.load(cache).cards.front().answers.front() == "Canberra");
  const auto blob = cache.find(t.key());
  REQUIRE(blob);
  // Plant a different model under the same key: the next load returns it, so a hit does
  // not read the YAML at all.
  auto planted = deck::decode_deck(*blob);
  REQUIRE(planted);
  planted->deck.title = "Served from the cache";
  REQUIRE(cache.put(t.key(), deck::encode_deck(planted->deck, planted->warnings),
                    deck::encode_deck(planted->deck, planted->warnings, deck::Detail::kOutline)));
  store::DeckCache again(t.cache_path);
  CHECK(t.load(again).title == "Served from the cache");
}

TEST_CASE("deck cache: an outline is served on its own, from its own entry") {
  const CacheDir t;
  store::DeckCache cache(t.cache_path);
  t.load(cache);
  const auto outline = cache.find(t.key(), store::DeckCache::Part::kOutline);
  REQUIRE(outline);
  CHECK(outline->size() < cache.find(t.key())->size());
  const std::array<std::string, 1> paths{t.deck};
  LoadedDecks loaded = load_decks(paths, &cache, deck::Detail::kOutline);
  REQUIRE(loaded.decks.size() == 1);
  CHECK(loaded.decks[0].cards.front().id == "short-" + loaded.decks[0].cards.front().id.substr(6));
  CHECK(loaded.decks[0].cards.front().prompt.empty());  // not kept in an outline
  CHECK(loaded.decks[0].cards.front().answers.empty());
  // A damaged outline is a miss like a damaged model: the deck is parsed (in full).
  {
    store::Database db(t.cache_path, SQLITE_OPEN_READWRITE);
    db.exec("UPDATE decks SET outline = CAST('QZDECK' AS BLOB)");
  }
  store::DeckCache again(t.cache_path);
  CHECK_FALSE(again.find(t.key(), store::DeckCache::Part::kOutline));
  loaded = load_decks(paths, &again, deck::Detail::kOutline);
  REQUIRE(loaded.decks.size() == 1);
  CHECK(loaded.decks[0].cards.front().prompt == "Capital of Australia?");
  CHECK(again.find(t.key(), store::DeckCache::Part::kOutline));  // repaired
}

TEST_CASE("deck cache: an edited deck is parsed again, even at the same size and time") {
  const CacheDir t;
  store::DeckCache cache(t.cache_path);
  CHECK(t.load(cache).cards.front().answers.front() == "Canberra");
  struct stat before {};
  REQUIRE(::stat(t.deck.c_str(), &before) == 0);
  t.write_deck("Canbarra");  // same length
  const struct timespec times[2] = {before.st_atim, before.st_mtim};
  REQUIRE(::utimensat(AT_FDCWD, t.deck.c_str(), times, 0) == 0);
  CHECK(t.load(cache).cards.front().answers.front() == "Canbarra");
  t.write_deck("Canberra, ACT");
  CHECK(t.load(cache).cards.front().answers.front() == "Canberra, ACT");
}

TEST_CASE("deck cache: a damaged entry or file is never served; the deck is parsed again") {
  const CacheDir t;
  {
    store::DeckCache cache(t.cache_path);
    t.load(cache);
  }
  SUBCASE("a changed byte in the model") {
    {
      store::Database db(t.cache_path, SQLITE_OPEN_READWRITE);
      db.exec(
          "UPDATE decks SET model = CAST(replace(CAST(model AS TEXT), 'Canberra', "
          "'Melbourne') AS BLOB)");
      CHECK(db.changes() == 1);
    }
    store::DeckCache cache(t.cache_path);
    CHECK_FALSE(cache.find(t.key()));  // its own hash no longer matches
    CHECK(t.load(cache).cards.front().answers.front() == "Canberra");
    CHECK(cache.find(t.key()));  // repaired by the parse
  }
  SUBCASE("the whole file overwritten") {
    test::write_text_file(t.cache_path, std::string(4096, 'x'));
    store::DeckCache cache(t.cache_path);
    CHECK(t.load(cache).cards.front().answers.front() == "Canberra");
    store::DeckCache reopened(t.cache_path);
    CHECK(reopened.find(t.key()));  // a new cache replaced the garbage
  }
  SUBCASE("a model that does not decode, with a matching hash") {
    {
      store::Database db(t.cache_path, SQLITE_OPEN_READWRITE);
      store::Statement update = db.prepare("UPDATE decks SET model = ?1, model_hash = ?2");
      update.bind_blob(1, "QZDECK junk").bind(2, core::content_hash("QZDECK junk")).run();
    }
    store::DeckCache cache(t.cache_path);
    CHECK(t.load(cache).cards.front().answers.front() == "Canberra");
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
  test::write_text_file(t.cache_path, "not a cache at all");
  const auto after_damage = exam();
  CHECK(after_damage.exit_code == 0);
  CHECK(after_damage.out == edited.out);
  CHECK(after_damage.err.empty());
}

}  // namespace
}  // namespace quizdeck::cli
