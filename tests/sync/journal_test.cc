// SPDX-License-Identifier: MIT
// The journal's lines: every kind written and read back, every refusal with its message,
// names of journals and of sync tools' copies, whole lines only.
#include "sync/journal.h"

#include <doctest/doctest.h>

namespace quizdeck::sync {
namespace {

const std::string kDevice = "0123456789abcdef0123456789abcdef";

std::string problem(std::string_view line) {
  auto event = parse_event(line);
  REQUIRE_FALSE(event);
  return event.error().message();
}

int column(std::string_view line) {
  auto event = parse_event(line);
  REQUIRE_FALSE(event);
  return event.error().diagnostic.column;
}

}  // namespace

TEST_CASE("journal: every kind of line reads back as written") {
  Review review;
  review.seq = 7;
  review.time_ms = 1767258000000;
  review.deck_id = "crss";
  review.card_id = "q1";
  review.rating = core::Rating::kHard;
  review.correct = false;
  review.answer = "Reputaton \x1b[31m";
  review.answer_form = "choices";
  review.shown = R"(["a","b"])";
  review.response_ms = 2100;
  review.mode = core::ReviewMode::kExam;
  review.scheduled = false;
  review.reset_ms = 1767258000001;
  review.content = "abc";
  review.credit = 0.5;
  Review minimal;
  minimal.seq = 1;
  minimal.deck_id = "d";
  minimal.card_id = "c";
  Sitting sitting;
  sitting.seq = 4;
  sitting.time_ms = 12;
  sitting.deck_ids = {"crss", "geo"};
  sitting.started_ms = 1767258000000;
  sitting.ended_ms = 1767258600000;
  sitting.score = 7.5;
  sitting.points = 10;
  sitting.pass_mark = 70;
  sitting.passed = true;
  sitting.questions = {{"crss", "q1"}, {"geo", "\x1b[31m"}};
  sitting.spent_ms = 590000;
  sitting.answers = {{3, 9}, {12, 12}};
  Sitting unfinished;
  unfinished.seq = 5;
  unfinished.deck_ids = {"d"};
  unfinished.complete = false;
  const std::vector<Event> events{
      review,
      minimal,
      Undo{{kDevice, 3}},
      Marks{5, "crss", "q1", true, 99, 3, true},
      Marks{6, "crss", "q2", false, std::nullopt, 0, false},
      Setting{8, "", "new-per-day", "10"},
      Setting{9, "crss", "retention", std::nullopt},
      sitting,
      unfinished,
      Synced{10},
      Retire{11, kDevice},
  };
  for (const auto& event : events) {
    const std::string line = format_event(event);
    CAPTURE(line);
    CHECK(line.find('\n') == std::string::npos);
    auto back = parse_event(line);
    REQUIRE(back);
    CHECK(*back == event);
  }
  CHECK(format_event(unfinished) ==
        R"({"kind":"sitting","seq":5,"time":0,"decks":["d"],"started":0,"ended":null,)"
        R"("score":null,"points":null,"pass_mark":null,"passed":null,"complete":false,)"
        R"("questions":[],"answers":[]})");
  CHECK(format_event(Undo{{kDevice, 3}}) ==
        R"({"kind":"undo","device":"0123456789abcdef0123456789abcdef","seq":3})");
}

TEST_CASE("journal: the header names the version and the device") {
  const std::string line = format_header({kJournalVersion, kDevice});
  CHECK(line == R"({"quizdeck_journal":1,"device":"0123456789abcdef0123456789abcdef"})");
  auto header = parse_header(line);
  REQUIRE(header);
  CHECK(header->device == kDevice);
  CHECK(parse_header(R"({"quizdeck_journal":2,"device":"0123456789abcdef0123456789abcdef"})")
            .error()
            .message() ==
        "a journal of format version 2 (this quizdeck reads up to 1); upgrade "
        "quizdeck to read it");
  CHECK(parse_header(R"({"quizdeck_journal":1,"device":"ABC"})").error().message() ==
        "'device' is not 32 lowercase hex digits");
  CHECK(parse_header(R"({"kind":"sync","time":1})").error().message() ==
        "not a quizdeck journal header ('quizdeck_journal' is missing)");
}

TEST_CASE("journal: a bad line says what is wrong, and where when it can") {
  CHECK(problem("") == "not JSON: unexpected end of JSON");
  CHECK(problem("[1]") == "not a JSON object");
  CHECK(problem(R"({"kind":"review"})") == "review line: 'seq' is missing");
  CHECK(problem(R"({"kind":"nap","time":1})") ==
        "'kind' is not one of review, undo, marks, setting, sitting, sync, retire");
  CHECK(problem(R"({"kind":"sync","time":-1})") ==
        "sync line: 'time' is not a whole number from 0 to 10000000000000");
  CHECK(problem(R"({"kind":"sync","time":1.5})") ==
        "sync line: 'time' is not a whole number from 0 to 10000000000000");
  CHECK(problem(R"({"kind":"marks","time":1,"deck":"d","card":"c","suspended":1,"flag":0,)"
                R"("leech":false})") == "marks line: 'suspended' is not true or false");
  CHECK(problem(R"({"kind":"marks","time":1,"deck":"d","card":"c","suspended":true,"flag":8,)"
                R"("leech":false})") == "marks line: 'flag' is not a whole number from 0 to 7");
  CHECK(problem(R"({"kind":"undo","device":"x","seq":1})") ==
        "undo line: 'device' is not 32 lowercase hex digits");
  CHECK(problem(R"({"kind":"setting","time":1,"scope":"","key":""})") ==
        "setting line: 'key' is empty");
  CHECK(problem("{\"kind\":\"sync\",\"time\":1,\"x\":\"\xff\"}") == "the line is not UTF-8 text");
  CHECK(column("{\"kind\":\"sync\",\"time\":1,\"x\":\"\xff\"}") == 30);
  CHECK(problem(std::string(kMaxLineBytes + 1, ' ')) == "the line is longer than 262144 bytes");
  const std::string long_answer =
      R"({"kind":"review","seq":1,"time":1,"deck":"d","card":"c","rating":3,"correct":true,)"
      R"("answer":")" +
      std::string(kMaxTextBytes + 1, 'a') +
      R"(","form":"typed","response":1,"mode":"drill","scheduled":true})";
  CHECK(problem(long_answer) == "review line: 'answer' is longer than 65536 bytes");
  CHECK(problem(R"({"kind":"review","seq":1,"time":1,"deck":"d","card":"c","rating":3,)"
                R"("correct":true,"answer":"","form":"typed","response":1,"mode":"nap",)"
                R"("scheduled":true})") == "review line: 'mode' is not one of drill, exam, cram");
}

TEST_CASE("journal: a bad sitting line says what is wrong") {
  const auto sitting = [](std::string_view members) {
    return problem(std::string(R"({"kind":"sitting","seq":1,"time":1,)") + std::string(members) +
                   "}");
  };
  const std::string rest = R"("started":1,"complete":true,"questions":[],"answers":[])";
  CHECK(sitting(rest) == "sitting line: 'decks' is missing");
  CHECK(sitting(R"("decks":"d",)" + rest) == "sitting line: 'decks' is not an array");
  CHECK(sitting(R"("decks":[],)" + rest) == "sitting line: 'decks' is empty");
  CHECK(sitting(R"("decks":["a,b"],)" + rest) ==
        "sitting line: 'decks' holds something that is not a deck id (text without commas or "
        "control characters)");
  CHECK(sitting(R"("decks":["\u001b[31m"],)" + rest) ==
        "sitting line: 'decks' holds something that is not a deck id (text without commas or "
        "control characters)");
  CHECK(sitting(R"("decks":[3],)" + rest) ==
        "sitting line: 'decks' holds something that is not a deck id (text without commas or "
        "control characters)");
  CHECK(sitting(R"("decks":["d"],"started":1,"complete":"yes","questions":[],"answers":[])") ==
        "sitting line: 'complete' is not true or false");
  CHECK(sitting(R"("decks":["d"],"started":1,"complete":true,"passed":1,"questions":[],)"
                R"("answers":[])") == "sitting line: 'passed' is not true or false");
  CHECK(sitting(R"("decks":["d"],"started":1,"complete":true,"pass_mark":101,"questions":[],)"
                R"("answers":[])") == "sitting line: 'pass_mark' is not a number from 0 to 100");
  CHECK(sitting(R"("decks":["d"],"started":1,"complete":true,"questions":[["d"]],)"
                R"("answers":[])") ==
        "sitting line: 'questions' holds something that is not a [deck, card] pair of ids");
  CHECK(sitting(R"("decks":["d"],"started":1,"complete":true,"questions":[],"answers":[[5,4]])") ==
        "sitting line: 'answers' holds something that is not a [first, last] range of review "
        "numbers from 1 to 9007199254740992");
  CHECK(sitting(R"("decks":["d"],"started":1,"complete":true,"questions":[],"answers":[3]])") ==
        "not JSON: expected ',' or '}'");
  CHECK(sitting(R"("device":"0123456789abcdef0123456789abcdef","decks":["d"],)" + rest) ==
        "sitting line: 'device' does not belong in a sitting line (a sitting is its journal's "
        "device's)");
  CHECK(problem(R"({"kind":"sitting","seq":0,"time":1,"decks":["d"],)" + rest + "}") ==
        "sitting line: 'seq' is not a whole number from 1 to 9007199254740992");
}

TEST_CASE("journal: names of journals and of the copies sync tools make") {
  CHECK(journal_name(kDevice) == "quizdeck-0123456789abcdef0123456789abcdef.journal");
  CHECK(is_journal_name("quizdeck-0123456789abcdef0123456789abcdef.journal"));
  CHECK(is_journal_name(
      "quizdeck-0123456789abcdef0123456789abcdef.sync-conflict-20261207-091500-ABCDEFG.journal"));
  CHECK(is_journal_name(
      "quizdeck-0123456789abcdef0123456789abcdef (conflicted copy 2026-12-07).journal"));
  CHECK(is_journal_name(
      "quizdeck-0123456789abcdef0123456789abcdef (Ann's conflicted copy 2026-12-07).journal"));
  CHECK(is_journal_name("quizdeck-0123456789abcdef0123456789abcdef_conflict-20261207.journal"));
  CHECK_FALSE(is_journal_name("quizdeck-0123456789abcdef0123456789abcdef.journal.tmp"));
  CHECK_FALSE(is_journal_name("quizdeck-0123.journal"));
  CHECK_FALSE(is_journal_name("quizdeck-0123456789ABCDEF0123456789abcdef.journal"));
  CHECK_FALSE(is_journal_name("notes.txt"));
  CHECK(is_device_id(kDevice));
  CHECK_FALSE(is_device_id(kDevice + "0"));
}

TEST_CASE("journal: only whole lines are read, and the one still being written waits") {
  const std::string bytes = "a\nbb\r\nccc";
  const auto lines = complete_lines(bytes, 10);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text == "a");
  CHECK(lines[0].end == 2);
  CHECK(lines[1].text == "bb");
  CHECK(lines[1].end == 6);
  CHECK(complete_lines(bytes, 1).size() == 1);
  CHECK(complete_lines("no newline", 10).empty());
}

}  // namespace quizdeck::sync
