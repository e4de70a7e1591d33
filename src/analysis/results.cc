// SPDX-License-Identifier: MIT
#include "analysis/results.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/json.h"
#include "core/json_writer.h"
#include "core/time.h"
#include "core/utf8.h"

namespace quizdeck::analysis {
namespace {

using core::JsonValue;
using core::JsonWriter;

void optional_time(JsonWriter& json, std::string_view key, const std::optional<std::int64_t>& ms) {
  json.key(key);
  if (ms) {
    json.value(core::format_iso8601(*ms));
  } else {
    json.null();
  }
}

void seconds(JsonWriter& json, std::string_view key, std::int64_t ms) {
  json.key(key).value(static_cast<double>(ms) / 1000.0);
}

void write_header(JsonWriter& json, const ResultsHeader& header) {
  json.key("type").value("results");
  json.key("format").value(kResultsFormat);
  json.key("version").value(header.version);
  json.key("learner").value(header.learner);
  json.key("exported").value(core::format_iso8601(header.exported_ms));
  optional_time(json, "since", header.since_ms);
}

void write_exam(JsonWriter& json, const ExamSitting& exam) {
  json.key("type").value("exam");
  json.key("attempt").value(exam.attempt);
  json.key("decks").value(exam.decks);
  json.key("started").value(core::format_iso8601(exam.started_ms));
  optional_time(json, "ended", exam.ended_ms);
  json.key("seconds");
  if (exam.time_ms) {
    json.value(static_cast<double>(*exam.time_ms) / 1000.0);
  } else {
    json.null();
  }
  json.key("score").value(exam.score);
  json.key("points").value(exam.points);
  json.key("percent");
  if (exam.score && exam.points && *exam.points > 0) {
    json.value(100.0 * *exam.score / *exam.points);
  } else {
    json.null();
  }
  json.key("pass_mark").value(exam.pass_mark);
  json.key("passed").value(exam.passed);
  json.key("complete").value(exam.complete);
  json.key("questions").begin_array();
  for (const ExamQuestion& question : exam.questions) {
    json.begin_object().key("deck").value(question.deck).key("card").value(question.card);
    json.end_object();
  }
  json.end_array();
}

void write_answer(JsonWriter& json, const Answer& answer) {
  json.key("type").value("answer");
  json.key("attempt").value(answer.attempt);
  json.key("mode").value(core::mode_name(answer.mode));
  json.key("deck").value(answer.deck);
  json.key("card").value(answer.card);
  json.key("content").value(answer.content);
  json.key("time").value(core::format_iso8601(answer.time_ms));
  json.key("shown").value(answer.shown);
  json.key("picked").value(answer.picked);
  json.key("answer").value(answer.answer);
  json.key("correct").value(answer.correct);
  json.key("credit").value(answer.credit);
  json.key("rating").value(answer.rating);
  seconds(json, "seconds", answer.response_ms);
  json.key("scheduled").value(answer.scheduled);
  json.key("reset").value(answer.reset);
}

// Reading: each field by name, with what is wrong said in words.
class Fields {
 public:
  explicit Fields(const JsonValue& object) : object_(object) {}

  core::Expected<std::string> text(std::string_view name) const {
    const JsonValue* value = object_.find(name);
    if (value == nullptr) return missing(name);
    if (!value->is_string()) return wrong(name, "a string");
    return value->text;
  }
  core::Expected<std::optional<std::string>> optional_text(std::string_view name) const {
    const JsonValue* value = object_.find(name);
    if (value == nullptr || value->is_null()) return std::optional<std::string>();
    if (!value->is_string()) return wrong(name, "a string or null");
    return std::optional<std::string>(value->text);
  }
  core::Expected<std::optional<double>> optional_number(std::string_view name) const {
    const JsonValue* value = object_.find(name);
    if (value == nullptr || value->is_null()) return std::optional<double>();
    if (!value->is_number() || !std::isfinite(value->number)) return wrong(name, "a number");
    return std::optional<double>(value->number);
  }
  core::Expected<double> number(std::string_view name) const {
    auto value = optional_number(name);
    if (!value) return value.error();
    if (!*value) return missing(name);
    return **value;
  }
  core::Expected<std::optional<std::int64_t>> optional_integer(std::string_view name) const {
    auto value = optional_number(name);
    if (!value) return value.error();
    if (!*value) return std::optional<std::int64_t>();
    const double n = **value;
    if (n != std::floor(n) || std::fabs(n) > 9.0e15) return wrong(name, "a whole number");
    return std::optional<std::int64_t>(static_cast<std::int64_t>(n));
  }
  core::Expected<std::optional<bool>> optional_bool(std::string_view name) const {
    const JsonValue* value = object_.find(name);
    if (value == nullptr || value->is_null()) return std::optional<bool>();
    if (value->kind != JsonValue::Kind::kBool) return wrong(name, "true or false");
    return std::optional<bool>(value->boolean);
  }
  core::Expected<bool> boolean(std::string_view name) const {
    auto value = optional_bool(name);
    if (!value) return value.error();
    if (!*value) return missing(name);
    return **value;
  }
  core::Expected<std::int64_t> time(std::string_view name) const {
    auto value = optional_time(name);
    if (!value) return value.error();
    if (!*value) return missing(name);
    return **value;
  }
  core::Expected<std::optional<std::int64_t>> optional_time(std::string_view name) const {
    auto value = optional_text(name);
    if (!value) return value.error();
    if (!*value) return std::optional<std::int64_t>();
    const auto ms = core::parse_iso8601(**value);
    if (!ms) return wrong(name, "a time such as 2026-01-31T09:00:00Z");
    return std::optional<std::int64_t>(*ms);
  }
  core::Expected<std::optional<std::vector<std::string>>> optional_texts(
      std::string_view name) const {
    const JsonValue* value = object_.find(name);
    if (value == nullptr || value->is_null()) return std::optional<std::vector<std::string>>();
    if (!value->is_array()) return wrong(name, "an array of strings or null");
    std::vector<std::string> texts;
    for (const JsonValue& item : value->items) {
      if (!item.is_string()) return wrong(name, "an array of strings or null");
      texts.push_back(item.text);
    }
    return std::optional<std::vector<std::string>>(std::move(texts));
  }
  const JsonValue* find(std::string_view name) const { return object_.find(name); }

  static core::Failure missing(std::string_view name) {
    return core::fail(ExitCode::kInvalidInput, fmt::format("\"{}\" is missing", name));
  }
  static core::Failure wrong(std::string_view name, std::string_view want) {
    return core::fail(ExitCode::kInvalidInput, fmt::format("\"{}\" should be {}", name, want));
  }

 private:
  const JsonValue& object_;
};

#define QD_TAKE(target, expression)   \
  do {                                \
    auto taken = (expression);        \
    if (!taken) return taken.error(); \
    target = std::move(*taken);       \
  } while (false)

core::Expected<ResultsRecord> read_header(const Fields& f) {
  ResultsHeader header;
  std::string format;
  QD_TAKE(format, f.text("format"));
  if (format != kResultsFormat) {
    return core::fail(ExitCode::kInvalidInput,
                      fmt::format("\"format\" is not \"{}\"", kResultsFormat));
  }
  std::optional<std::int64_t> version;
  QD_TAKE(version, f.optional_integer("version"));
  if (!version) return Fields::missing("version");
  if (*version < 1 || *version > kResultsVersion) {
    return core::fail(ExitCode::kInvalidInput,
                      fmt::format("results version {} is not one this quizdeck reads (1 to {})",
                                  *version, kResultsVersion));
  }
  header.version = static_cast<int>(*version);
  QD_TAKE(header.learner, f.optional_text("learner"));
  QD_TAKE(header.exported_ms, f.time("exported"));
  QD_TAKE(header.since_ms, f.optional_time("since"));
  return ResultsRecord(std::move(header));
}

core::Expected<ResultsRecord> read_exam(const Fields& f) {
  ExamSitting exam;
  std::optional<std::int64_t> attempt;
  QD_TAKE(attempt, f.optional_integer("attempt"));
  if (!attempt) return Fields::missing("attempt");
  exam.attempt = *attempt;
  std::optional<std::vector<std::string>> decks;
  QD_TAKE(decks, f.optional_texts("decks"));
  if (decks) exam.decks = std::move(*decks);
  QD_TAKE(exam.started_ms, f.time("started"));
  QD_TAKE(exam.ended_ms, f.optional_time("ended"));
  std::optional<double> spent;
  QD_TAKE(spent, f.optional_number("seconds"));
  if (spent) {
    if (*spent < 0 || *spent > 1e12) return Fields::wrong("seconds", "a number of seconds");
    exam.time_ms = std::llround(*spent * 1000.0);
  }
  QD_TAKE(exam.score, f.optional_number("score"));
  QD_TAKE(exam.points, f.optional_number("points"));
  QD_TAKE(exam.pass_mark, f.optional_number("pass_mark"));
  QD_TAKE(exam.passed, f.optional_bool("passed"));
  std::optional<bool> complete;
  QD_TAKE(complete, f.optional_bool("complete"));
  exam.complete = complete.value_or(true);
  if (const JsonValue* questions = f.find("questions"); questions && !questions->is_null()) {
    if (!questions->is_array()) return Fields::wrong("questions", "an array");
    for (const JsonValue& item : questions->items) {
      if (!item.is_object()) return Fields::wrong("questions", "an array of {deck, card}");
      const Fields q(item);
      ExamQuestion question;
      QD_TAKE(question.deck, q.text("deck"));
      QD_TAKE(question.card, q.text("card"));
      exam.questions.push_back(std::move(question));
    }
  }
  return ResultsRecord(std::move(exam));
}

core::Expected<ResultsRecord> read_answer(const Fields& f) {
  Answer answer;
  QD_TAKE(answer.attempt, f.optional_integer("attempt"));
  std::string mode;
  QD_TAKE(mode, f.text("mode"));
  const auto parsed_mode = core::parse_mode(mode);
  if (!parsed_mode) return Fields::wrong("mode", "\"drill\", \"exam\" or \"cram\"");
  answer.mode = *parsed_mode;
  QD_TAKE(answer.deck, f.text("deck"));
  QD_TAKE(answer.card, f.text("card"));
  QD_TAKE(answer.content, f.optional_text("content"));
  QD_TAKE(answer.time_ms, f.time("time"));
  QD_TAKE(answer.shown, f.optional_texts("shown"));
  QD_TAKE(answer.picked, f.optional_texts("picked"));
  QD_TAKE(answer.answer, f.optional_text("answer"));
  QD_TAKE(answer.correct, f.boolean("correct"));
  QD_TAKE(answer.credit, f.optional_number("credit"));
  if (answer.credit && (*answer.credit < 0 || *answer.credit > 1)) {
    return Fields::wrong("credit", "a number from 0 to 1");
  }
  std::optional<std::int64_t> rating;
  QD_TAKE(rating, f.optional_integer("rating"));
  if (rating) {
    if (*rating < 1 || *rating > 4) return Fields::wrong("rating", "1, 2, 3 or 4");
    answer.rating = static_cast<int>(*rating);
  }
  std::optional<double> spent;
  QD_TAKE(spent, f.optional_number("seconds"));
  if (spent) {
    if (*spent < 0 || *spent > 1e12) return Fields::wrong("seconds", "a number of seconds");
    answer.response_ms = std::llround(*spent * 1000.0);
  }
  std::optional<bool> flag;
  QD_TAKE(flag, f.optional_bool("scheduled"));
  answer.scheduled = flag.value_or(false);
  QD_TAKE(flag, f.optional_bool("reset"));
  answer.reset = flag.value_or(false);
  return ResultsRecord(std::move(answer));
}

#undef QD_TAKE

}  // namespace

std::string write_results_line(const ResultsRecord& record) {
  JsonWriter json;
  json.begin_object();
  if (const auto* header = std::get_if<ResultsHeader>(&record)) write_header(json, *header);
  if (const auto* exam = std::get_if<ExamSitting>(&record)) write_exam(json, *exam);
  if (const auto* answer = std::get_if<Answer>(&record)) write_answer(json, *answer);
  json.end_object();
  return json.take();
}

core::Expected<ResultsRecord> read_results_line(std::string_view line) {
  if (const auto bad = core::find_invalid_utf8(line)) {
    return core::fail(ExitCode::kInvalidInput, fmt::format("invalid UTF-8 at byte {}", *bad + 1));
  }
  core::JsonError error;
  const auto value = core::parse_json(line, error);
  if (!value) {
    return core::fail(ExitCode::kInvalidInput,
                      fmt::format("not JSON ({} at byte {})", error.message, error.offset + 1));
  }
  if (!value->is_object()) {
    return core::fail(ExitCode::kInvalidInput, "a line should be a JSON object");
  }
  const Fields fields(*value);
  auto type = fields.text("type");
  if (!type) return type.error();
  if (*type == "results") return read_header(fields);
  if (*type == "exam") return read_exam(fields);
  if (*type == "answer") return read_answer(fields);
  return core::fail(ExitCode::kInvalidInput,
                    fmt::format("\"type\" should be \"results\", \"exam\" or \"answer\", not {}",
                                core::json_quote(*type)));
}

std::optional<AttemptChoice> parse_attempt_choice(std::string_view name) {
  if (name == "first") return AttemptChoice::kFirst;
  if (name == "last") return AttemptChoice::kLast;
  if (name == "best") return AttemptChoice::kBest;
  if (name == "all") return AttemptChoice::kAll;
  return std::nullopt;
}

std::string_view attempt_choice_name(AttemptChoice choice) {
  switch (choice) {
    case AttemptChoice::kFirst:
      return "first";
    case AttemptChoice::kLast:
      return "last";
    case AttemptChoice::kBest:
      return "best";
    case AttemptChoice::kAll:
      return "all";
  }
  return "all";
}

}  // namespace quizdeck::analysis
