// SPDX-License-Identifier: MIT
// Review-log CSV read a line at a time (cli/files/revlog_csv.h): a quoted cell may hold line
// breaks, errors name the line of the file, a row and the reviews held have limits.
#include "cli/files/revlog_csv.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace quizdeck::cli {
namespace {

constexpr std::string_view kHeader = "card_id,review_time,review_rating,review_state\n";

// A log file's text: the header, then `rows`.
core::SourceText log_file(std::string_view rows) {
  std::string text;
  text.reserve(kHeader.size() + rows.size());
  text.append(kHeader);
  text.append(rows);
  return core::SourceText("log.csv", std::move(text));
}

TEST_CASE("revlog csv: rows as the row reader reads them, a quoted cell over two lines") {
  const core::SourceText source = log_file(
      "a,1700000000000,3,0\n\n\"b\nsecond line\",1700086400000,4,2\r\n"
      "c\"d,1700172800000,1,2\n");
  const auto log = read_revlog_csv(source, 4);
  REQUIRE(log);
  REQUIRE(log->size() == 3);
  CHECK((*log)[0].card == "a");
  CHECK((*log)[1].card == "b\nsecond line");
  CHECK((*log)[1].rating == 4);
  CHECK((*log)[2].card == "c\"d");  // a quote inside a cell opens nothing
}

TEST_CASE("revlog csv: an error names its line in the file, after a row of two lines") {
  const core::SourceText source = log_file(
      "\"a\nb\",1700000000000,3,0\n"
      "c,1700000000000,5,2\n");
  const auto log = read_revlog_csv(source, 4);
  REQUIRE_FALSE(log);
  CHECK(core::render_text(log.error().diagnostic) ==
        "log.csv:4:1: error: review_rating '5' is not 1 (again), 2 (hard), 3 (good) or 4 "
        "(easy)\n    c,1700000000000,5,2\n    ^\n");
}

TEST_CASE("revlog csv: a quote never closed is an error where it opens") {
  const core::SourceText source = log_file("a,1,3,0\n\"b,1,3,0\nc\n");
  const auto log = read_revlog_csv(source, 4);
  REQUIRE_FALSE(log);
  CHECK(log.error().diagnostic.line == 3);
  CHECK(log.error().message() == "this quoted cell is never closed (missing \")");
}

TEST_CASE("revlog csv: a row over 1 MiB is refused with its first line, never held whole") {
  std::string rows = "\"";
  rows.append(600'000, 'x');
  rows += '\n';
  rows.append(600'000, 'y');
  rows += "\",1700000000000,3,0\n";
  const core::SourceText source = log_file(rows);
  const auto log = read_revlog_csv(source, 4);
  REQUIRE_FALSE(log);
  CHECK(core::render_text(log.error().diagnostic) ==
        "log.csv: error: the row from line 2 on is longer than 1024 KiB; review logs have "
        "short rows\n");
}

TEST_CASE("revlog csv: past the reviews it may hold, an error at the row") {
  RevlogReader reader("log.csv", 4, 2);
  REQUIRE(reader.line("card_id,review_time,review_rating,review_state", 1));
  REQUIRE(reader.line("a,1700000000000,3,0", 2));
  REQUIRE(reader.line("a,1700086400000,3,2", 3));
  const auto third = reader.line("a,1700172800000,3,2", 4);
  REQUIRE_FALSE(third);
  CHECK(third.error().diagnostic.line == 4);
  CHECK(third.error().message() ==
        "more than 2 reviews; a longer log is refused (fit on a part of it, such as its latest "
        "years)");
}

}  // namespace
}  // namespace quizdeck::cli
