// SPDX-License-Identifier: MIT
// The results format: records written and read back unchanged; errors that name the field.
#include <doctest/doctest.h>

#include "analysis/results.h"

namespace quizdeck::analysis {
namespace {

TEST_CASE("results: each record reads back as written") {
  ResultsHeader header;
  header.learner = "Ana \"A\" Ng";
  header.exported_ms = 1'767'225'600'000;
  header.since_ms = 1'767'000'000'000;
  ExamSitting exam;
  exam.attempt = 12;
  exam.decks = {"bank", "extra"};
  exam.started_ms = 1'767'225'000'000;
  exam.ended_ms = 1'767'225'300'000;
  exam.time_ms = 300'000;
  exam.score = 3.5;
  exam.points = 5;
  exam.pass_mark = 60;
  exam.passed = true;
  exam.questions = {{"bank", "q1"}, {"extra", "x#2"}};
  Answer answer;
  answer.attempt = 12;
  answer.mode = core::ReviewMode::kExam;
  answer.deck = "bank";
  answer.card = "q1";
  answer.content = "00112233445566778899aabbccddeeff";
  answer.time_ms = 1'767'225'100'250;
  answer.shown = std::vector<std::string>{"B", "A\nline", "C"};
  answer.picked = std::vector<std::string>{"A\nline"};
  answer.correct = true;
  answer.credit = 0.5;
  answer.rating = 2;
  answer.response_ms = 4'250;
  answer.scheduled = true;
  answer.reset = true;
  Answer typed;
  typed.deck = "bank";
  typed.card = "q2";
  typed.answer = "Photosynthesis";
  for (const ResultsRecord& record :
       {ResultsRecord(header), ResultsRecord(exam), ResultsRecord(answer), ResultsRecord(typed)}) {
    const std::string line = write_results_line(record);
    CHECK(line.find('\n') == std::string::npos);
    const auto back = read_results_line(line);
    REQUIRE(back);
    CHECK(write_results_line(*back) == line);
  }
  const auto read = read_results_line(write_results_line(answer));
  const auto& a = std::get<Answer>(*read);
  CHECK(a.picked == answer.picked);
  CHECK(a.credit == 0.5);
  CHECK(a.response_ms == 4'250);
  CHECK(a.time_ms == answer.time_ms);
}

TEST_CASE("results: a reader reads each line as it reads alone, whatever came before") {
  // Each line leaves out what the line before has: nothing of it may stay in the record.
  const std::vector<std::string> lines = {
      R"({"type":"answer","attempt":3,"mode":"exam","deck":"bank","card":"q1","content":"c1",)"
      R"("time":"2026-01-10T09:00:00Z","shown":["A","B","C"],"picked":["B"],"answer":"x",)"
      R"("correct":true,"credit":0.5,"rating":4,"seconds":7.5,"scheduled":true,"reset":true})",
      R"({"type":"answer","mode":"drill","deck":"bank","card":"q2","time":"2026-01-10T09:01:00Z",)"
      R"("shown":["Z"],"correct":false})",
      R"({"type":"exam","attempt":1,"decks":["bank"],"started":"2026-01-10T09:00:00Z",)"
      R"("ended":"2026-01-10T09:30:00Z","seconds":60,"score":2,"points":3,"pass_mark":50,)"
      R"("passed":true,"complete":false,"questions":[{"deck":"bank","card":"q1"}]})",
      R"({"type":"exam","attempt":2,"started":"2026-01-11T09:00:00Z"})",
      R"({"type":"results","format":"quizdeck-results","version":1,"learner":"ana",)"
      R"("exported":"2026-02-01T00:00:00Z","since":"2026-01-01T00:00:00Z"})",
      R"({"type":"results","format":"quizdeck-results","version":1,)"
      R"("exported":"2026-02-01T00:00:00Z"})",
      R"({"type":"answer","mode":"drill","deck":"bank","card":"q2","time":"not a time",)"
      R"("correct":false})",
      R"({"type":"answer","mode":"drill","deck":"bank","card":"q3","time":"2026-01-10T09:01:00Z",)"
      R"("correct":true})",
  };
  ResultsReader reader;
  ResultsRecord record;
  for (const std::string& line : lines) {
    CAPTURE(line);
    const auto alone = read_results_line(line);
    const auto read = reader.read(line, record);
    REQUIRE(read.has_value() == alone.has_value());
    if (!alone) {
      CHECK(read.error().message() == alone.error().message());
      continue;
    }
    CHECK(write_results_line(record) == write_results_line(*alone));
  }
}

TEST_CASE("results: a bad line says what is wrong") {
  const auto error = [](std::string_view line) {
    const auto read = read_results_line(line);
    REQUIRE_FALSE(read);
    return read.error().message();
  };
  CHECK(error("{").find("not JSON") == 0);
  CHECK(error("[1]") == "a line should be a JSON object");
  CHECK(error("{\"type\":\"grade\"}") ==
        "\"type\" should be \"results\", \"exam\" or \"answer\", not \"grade\"");
  CHECK(error("{\"type\":\"results\",\"format\":\"quizdeck-results\",\"version\":2,"
              "\"exported\":\"2026-01-01\"}") ==
        "results version 2 is not one this quizdeck reads (1 to 1)");
  CHECK(error("{\"type\":\"answer\",\"mode\":\"drill\",\"deck\":\"d\",\"card\":\"c\","
              "\"time\":\"2026-01-01\",\"correct\":true,\"credit\":1.5}") ==
        "\"credit\" should be a number from 0 to 1");
  CHECK(error("{\"type\":\"answer\",\"mode\":\"quiz\"}") ==
        "\"mode\" should be \"drill\", \"exam\" or \"cram\"");
  CHECK(error("{\"type\":\"answer\",\"mode\":\"drill\",\"deck\":\"d\",\"card\":\"c\","
              "\"time\":\"yesterday\",\"correct\":true}") ==
        "\"time\" should be a time such as 2026-01-31T09:00:00Z");
  CHECK(error("{\"type\":\"exam\",\"started\":\"2026-01-01\"}") == "\"attempt\" is missing");
  CHECK(error("{\"type\":\"answer\",\"mode\":\"drill\",\"deck\":\"d\",\"card\":\"c\","
              "\"time\":\"2026-01-01\",\"correct\":true,\"rating\":7}") ==
        "\"rating\" should be 1, 2, 3 or 4");
  CHECK(error("\"\xff\"").find("invalid UTF-8") == 0);
}

TEST_CASE("results: fields a later version adds are ignored") {
  const auto read = read_results_line(
      "{\"type\":\"answer\",\"mode\":\"drill\",\"deck\":\"d\",\"card\":\"c\",\"time\":"
      "\"2026-01-01T00:00:00Z\",\"correct\":false,\"mood\":\"tired\"}");
  REQUIRE(read);
  CHECK_FALSE(std::get<Answer>(*read).correct);
}

}  // namespace
}  // namespace quizdeck::analysis
