// SPDX-License-Identifier: MIT
// Replays what the fuzzers were seeded with and every input they ever crashed on
// (tests/fuzz/regressions/TARGET/), through the same functions, in the normal test run
// (and so under the sanitizers in CI).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "deck/deck_codec.h"
#include "deck/parse_deck.h"
#include "fuzz/targets.h"
#include "support/process.h"

namespace quizdeck::fuzz {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_under(const fs::path& dir, const std::string& extension = "") {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    if (!extension.empty() && entry.path().extension() != extension) continue;
    if (entry.path().filename() == "README") continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

const fs::path kRegressions = fs::path(test::source_dir()) / "tests/fuzz/regressions";

TEST_CASE("fuzz regressions: every saved crash input runs cleanly") {
  const std::pair<const char*, void (*)(std::string_view)> targets[] = {
      {"deck_loader", deck_loader},
      {"answer_grader", answer_grader},
      {"scripted_answers", scripted_answers},
      {"deck_cache_blob", deck_cache_blob},
      {"shown_text", shown_text},
      {"exam_plan", exam_plan},
      {"typed_keys", typed_keys},
      {"gift_import", gift_import},
      {"aiken_import", aiken_import},
      {"anki_text_import", anki_text_import},
      {"table_import", table_import},
      {"moodle_xml_import", moodle_xml_import},
      {"qti_import", qti_import},
      {"anki_collection", anki_collection},
      {"review_log", review_log},
      {"results_analysis", results_analysis},
      {"responses_import", responses_import},
      {"class_address", class_address},
      {"check_expressions", check_expressions},
      {"sync_journal", sync_journal},
  };
  for (const auto& [name, target] : targets) {
    for (const auto& file : files_under(kRegressions / name)) {
      INFO(file.string());
      target(test::read_text_file(file.string()));
    }
  }
}

TEST_CASE("fuzz seeds: bundled and test decks load, grade and round-trip through the cache") {
  std::size_t decks = 0;
  for (const char* dir : {"decks", "tests/golden"}) {
    for (const auto& file : files_under(fs::path(test::source_dir()) / dir, ".yaml")) {
      INFO(file.string());
      const std::string text = test::read_text_file(file.string());
      deck_loader(text);
      shown_text(text);
      answer_grader(text + "\n%%\nA\nB\nCanberra\ntrue\n3.14\nA, C\n\n");
      ++decks;
    }
  }
  CHECK(decks > 80);  // every golden group's decks, shared fixtures counted once
  scripted_answers("@3s A\n?\nB\n\nA, B\n@1h true\nfalse\nAu\nAg\n3.14\ngood\nCanberra\nu\n");
}

TEST_CASE("fuzz seeds: the store's schema and CHECKs in disguise through check_expressions") {
  // What tests/fuzz/run seeds the fuzzer with: the schema's source (every CHECK of every
  // table), and the words CHECK and parentheses inside strings, names and comments.
  check_expressions(
      test::read_text_file((fs::path(test::source_dir()) / "src/store/schema.cc").string()));
  check_expressions(
      "CREATE TABLE t (a INT CHECK (a > 0 AND 'CHECK (' <> \")\"), b /* CHECK (x) */ TEXT -- "
      "check(y)\n, CONSTRAINT c check((b)))");
  check_expressions("CREATE TABLE t (a CHECK (a = ')'), b CHECK (b -- )\n), c CHECK ([)])");
  check_expressions("CHECK (unclosed 'quote) CHECK (1)");
}

TEST_CASE("deck cache blobs: a valid encoding decodes, every cut or flipped byte is refused") {
  const auto parse = deck::parse_deck(
      "d.yaml", "title: D\nid: d\ncards:\n  - question: Q?\n    choices: [a, b]\n    answer: a\n");
  REQUIRE(parse.deck);
  const deck::EncodedDeck encoded = deck::encode_deck(*parse.deck, parse.diagnostics);
  REQUIRE(encoded.chunks.size() == 1);
  const std::string count("\x01\x00\x00\x00", 4);
  for (const char kind : {'H', 'I', 'C'}) {
    const std::string& blob = kind == 'H'   ? encoded.header
                              : kind == 'I' ? encoded.index
                                            : encoded.chunks[0];
    const auto decodes = [&](std::string_view bytes) {
      if (kind == 'H') return deck::decode_header(bytes).has_value();
      if (kind == 'I') return deck::decode_index(std::string(bytes), 1).has_value();
      return deck::decode_chunk(bytes).has_value();
    };
    const std::string prefix = kind == 'I' ? "I" + count : std::string(1, kind);
    INFO("kind ", kind);
    REQUIRE(decodes(blob));
    deck_cache_blob(prefix + blob);
    for (std::size_t cut = 0; cut < blob.size(); ++cut) {
      CHECK_FALSE(decodes(std::string_view(blob).substr(0, cut)));
    }
    CHECK_FALSE(decodes(blob + '\0'));
    for (std::size_t i = 0; i < blob.size(); ++i) {
      std::string changed = blob;
      changed[i] = static_cast<char>(changed[i] ^ 0x80);
      deck_cache_blob(prefix + changed);  // may decode (a changed letter), never crashes or lies
    }
  }
}

}  // namespace
}  // namespace quizdeck::fuzz
