// SPDX-License-Identifier: MIT
// Every bundled deck (and one with every card type) exported as a QTI 2.1 content package
// validates against the IMS schemas, with ../shared/qti/validate (offline xmllint).
#include "interchange/qti.h"

#include <doctest/doctest.h>
#include <zip.h>

#include <filesystem>

#include "deck/parse_deck.h"
#include "support/needs.h"
#include "support/process.h"
#include "support/tmux.h"

namespace quizdeck::interchange {
namespace {

namespace fs = std::filesystem;

}  // namespace

TEST_CASE("QTI: every bundled deck exports to a package that validates against the schemas") {
  if (!test::needs_tool("xmllint") || !test::needs_shared("qti")) return;
  std::vector<fs::path> decks;
  for (const auto& entry : fs::directory_iterator(fs::path(test::source_dir()) / "decks")) {
    if (entry.path().extension() == ".yaml") decks.push_back(entry.path());
  }
  decks.push_back(fs::path(test::golden_dir()) / "study" / "_fixtures" / "study.yaml");
  // As ../shared/qti/validate does, but one xmllint run per schema rather than per file:
  // the schema is compiled once (a file at a time took minutes for the bundled banks).
  const fs::path schemas = fs::path(test::corpus_dir()).parent_path() / "qti" / "schemas";
  for (const auto& path : decks) {
    INFO(path.string());
    auto parse = deck::parse_deck(path.string(), test::read_text_file(path.string()));
    REQUIRE(parse.deck.has_value());
    const deck::Deck& deck = *parse.deck;
    std::vector<deck::Card> cards(deck.cards.begin(), deck.cards.end());
    const Exported exported =
        export_qti(entries_of(cards, deck.tags), deck.path, deck.id, deck.title);
    test::TestDir dir;
    std::vector<std::string> manifest = {"/usr/bin/env", "xmllint",
                                         "--noout",      "--nonet",
                                         "--schema",     (schemas / "imscp_v1p1.xsd").string()};
    std::vector<std::string> items = {
        "/usr/bin/env", "xmllint",  "--noout",
        "--nonet",      "--schema", (schemas / "qtiv2p1" / "imsqti_v2p1.xsd").string()};
    for (const auto& [name, content] : exported.files) {
      const fs::path file = dir.path / name;
      fs::create_directories(file.parent_path());
      test::write_text_file(file.string(), content);
      (content.find("imscp_v1p1") != std::string::npos ? manifest : items).push_back(file.string());
    }
    CHECK(exported.files.front().first == "imsmanifest.xml");
    REQUIRE(manifest.size() == 7);
    for (const auto& argv : {manifest, items}) {
      const auto result = test::run_process(argv);
      INFO(result.out << result.err);
      CHECK(result.exit_code == 0);
    }
  }
}

TEST_CASE("QTI: export -o FILE.zip writes the package as a zip that validates") {
  if (!test::needs_tool("xmllint") || !test::needs_shared("qti")) return;
  test::TestDir dir;
  const std::string archive = (dir.path / "crss.zip").string();
  const auto run =
      test::run_process({test::quizdeck_binary(), "export", test::source_dir() + "/decks/crss.yaml",
                         "--to", "qti", "-o", archive});
  REQUIRE(run.exit_code == 0);
  int code = 0;
  zip_t* zip = zip_open(archive.c_str(), ZIP_RDONLY, &code);
  REQUIRE(zip != nullptr);
  const std::string validate =
      (fs::path(test::corpus_dir()).parent_path() / "qti" / "validate").string();
  std::vector<std::string> argv = {validate};
  const zip_int64_t entries = zip_get_num_entries(zip, 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t stat;
    REQUIRE(zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &stat) == 0);
    std::string content(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
    REQUIRE(file != nullptr);
    CHECK(zip_fread(file, content.data(), stat.size) == static_cast<zip_int64_t>(stat.size));
    zip_fclose(file);
    const fs::path out = dir.path / "unzipped" / stat.name;
    fs::create_directories(out.parent_path());
    test::write_text_file(out.string(), content);
    argv.push_back(out.string());
  }
  zip_close(zip);
  CHECK(entries > 10);
  CHECK(fs::path(argv.at(1)).filename() == "imsmanifest.xml");
  const auto result = test::run_process(argv);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
}

}  // namespace quizdeck::interchange
