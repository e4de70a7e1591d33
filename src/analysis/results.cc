// SPDX-License-Identifier: MIT
#include "analysis/results.h"

#include <array>
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
  json.key("question").value(answer.question);
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

// Reading: each field by name, with what is wrong said in words. Records are read into
// the ones of the line before, so their strings keep their memory.
class Fields {
 public:
  // The members are listed once, so that each lookup compares keys without walking the
  // tape (an object of more members than the list holds is searched on the tape).
  explicit Fields(core::JsonView object) : object_(object) {
    object.each_member([this](const core::JsonNode& key, core::JsonView value) {
      if (count_ == keys_.size()) {
        count_ = kTooMany;
        return false;
      }
      keys_[count_] = &key;
      values_[count_] = value.index();
      ++count_;
      return true;
    });
  }

  core::JsonView find(std::string_view name) const {
    if (count_ == kTooMany) return object_.find(name);
    const std::uint64_t head = core::json_head(name);
    for (std::size_t i = 0; i < count_; ++i) {
      if (core::json_key_is(*keys_[i], name, head)) return object_.at(values_[i]);
    }
    return {};
  }

  core::Expected<void> text(std::string_view name, std::string& out) const {
    const core::JsonView value = find(name);
    if (!value) return missing(name);
    if (!value.is_string()) return wrong(name, "a string");
    out.assign(value.text());
    return {};
  }
  core::Expected<void> optional_text(std::string_view name, std::optional<std::string>& out) const {
    const core::JsonView value = find(name);
    if (!value || value.is_null()) {
      out.reset();
      return {};
    }
    if (!value.is_string()) return wrong(name, "a string or null");
    if (!out) out.emplace();
    out->assign(value.text());
    return {};
  }
  core::Expected<std::optional<double>> optional_number(std::string_view name) const {
    const core::JsonView value = find(name);
    if (!value || value.is_null()) return std::optional<double>();
    if (!value.is_number() || !std::isfinite(value.number())) return wrong(name, "a number");
    return std::optional<double>(value.number());
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
    const core::JsonView value = find(name);
    if (!value || value.is_null()) return std::optional<bool>();
    if (!value.is_bool()) return wrong(name, "true or false");
    return std::optional<bool>(value.boolean());
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
    const core::JsonView value = find(name);
    if (!value || value.is_null()) return std::optional<std::int64_t>();
    if (!value.is_string()) return wrong(name, "a string or null");
    const auto ms = core::parse_iso8601(value.text());
    if (!ms) return wrong(name, "a time such as 2026-01-31T09:00:00Z");
    return std::optional<std::int64_t>(*ms);
  }
  core::Expected<void> optional_texts(std::string_view name,
                                      std::optional<std::vector<std::string>>& out) const {
    const core::JsonView value = find(name);
    if (!value || value.is_null()) {
      out.reset();
      return {};
    }
    if (!value.is_array()) return wrong(name, "an array of strings or null");
    if (!out) out.emplace();
    std::vector<std::string>& texts = *out;
    std::size_t n = 0;
    bool strings = true;
    value.each([&](core::JsonView item) {
      if (!strings) return;
      if (!item.is_string()) {
        strings = false;
        return;
      }
      if (n == texts.size()) texts.emplace_back();
      texts[n++].assign(item.text());
    });
    if (!strings) return wrong(name, "an array of strings or null");
    texts.resize(n);
    return {};
  }
  static core::Failure missing(std::string_view name) {
    return core::fail(ExitCode::kInvalidInput, fmt::format("\"{}\" is missing", name));
  }
  static core::Failure wrong(std::string_view name, std::string_view want) {
    return core::fail(ExitCode::kInvalidInput, fmt::format("\"{}\" should be {}", name, want));
  }

 private:
  static constexpr std::size_t kTooMany = static_cast<std::size_t>(-1);
  core::JsonView object_;
  std::size_t count_ = 0;
  // Only the first count_ are set (left uninitialized: a Fields is made for every line).
  std::array<const core::JsonNode*, 24> keys_;
  std::array<std::uint32_t, 24> values_;
};

#define QD_TAKE(target, expression)   \
  do {                                \
    auto taken = (expression);        \
    if (!taken) return taken.error(); \
    target = std::move(*taken);       \
  } while (false)

#define QD_CHECK(expression)        \
  do {                              \
    auto done = (expression);       \
    if (!done) return done.error(); \
  } while (false)

core::Expected<void> read_header(const Fields& f, ResultsHeader& header) {
  std::string format;
  QD_CHECK(f.text("format", format));
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
  QD_CHECK(f.optional_text("learner", header.learner));
  QD_TAKE(header.exported_ms, f.time("exported"));
  QD_TAKE(header.since_ms, f.optional_time("since"));
  return {};
}

core::Expected<void> read_exam(const Fields& f, ExamSitting& exam) {
  std::optional<std::int64_t> attempt;
  QD_TAKE(attempt, f.optional_integer("attempt"));
  if (!attempt) return Fields::missing("attempt");
  exam.attempt = *attempt;
  std::optional<std::vector<std::string>> decks;
  QD_CHECK(f.optional_texts("decks", decks));
  exam.decks = decks ? std::move(*decks) : std::vector<std::string>();
  QD_TAKE(exam.started_ms, f.time("started"));
  QD_TAKE(exam.ended_ms, f.optional_time("ended"));
  std::optional<double> spent;
  QD_TAKE(spent, f.optional_number("seconds"));
  exam.time_ms.reset();
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
  exam.questions.clear();
  if (const core::JsonView questions = f.find("questions"); questions && !questions.is_null()) {
    if (!questions.is_array()) return Fields::wrong("questions", "an array");
    std::optional<core::Failure> bad;
    questions.each([&](core::JsonView item) {
      if (bad) return;
      if (!item.is_object()) {
        bad = Fields::wrong("questions", "an array of {deck, card}");
        return;
      }
      const Fields q(item);
      ExamQuestion question;
      if (auto done = q.text("deck", question.deck); !done) {
        bad = done.error();
      } else if (auto card = q.text("card", question.card); !card) {
        bad = card.error();
      } else {
        exam.questions.push_back(std::move(question));
      }
    });
    if (bad) return std::move(*bad);
  }
  return {};
}

core::Expected<void> read_answer(const Fields& f, Answer& answer) {
  QD_TAKE(answer.attempt, f.optional_integer("attempt"));
  const core::JsonView mode = f.find("mode");
  if (!mode) return Fields::missing("mode");
  if (!mode.is_string()) return Fields::wrong("mode", "a string");
  const auto parsed_mode = core::parse_mode(mode.text());
  if (!parsed_mode) return Fields::wrong("mode", "\"drill\", \"exam\" or \"cram\"");
  answer.mode = *parsed_mode;
  QD_CHECK(f.text("deck", answer.deck));
  QD_CHECK(f.text("card", answer.card));
  QD_CHECK(f.optional_text("content", answer.content));
  QD_CHECK(f.optional_text("question", answer.question));
  QD_TAKE(answer.time_ms, f.time("time"));
  QD_CHECK(f.optional_texts("shown", answer.shown));
  QD_CHECK(f.optional_texts("picked", answer.picked));
  QD_CHECK(f.optional_text("answer", answer.answer));
  QD_TAKE(answer.correct, f.boolean("correct"));
  QD_TAKE(answer.credit, f.optional_number("credit"));
  if (answer.credit && (*answer.credit < 0 || *answer.credit > 1)) {
    return Fields::wrong("credit", "a number from 0 to 1");
  }
  std::optional<std::int64_t> rating;
  QD_TAKE(rating, f.optional_integer("rating"));
  answer.rating = 3;
  if (rating) {
    if (*rating < 1 || *rating > 4) return Fields::wrong("rating", "1, 2, 3 or 4");
    answer.rating = static_cast<int>(*rating);
  }
  std::optional<double> spent;
  QD_TAKE(spent, f.optional_number("seconds"));
  answer.response_ms = 0;
  if (spent) {
    if (*spent < 0 || *spent > 1e12) return Fields::wrong("seconds", "a number of seconds");
    answer.response_ms = std::llround(*spent * 1000.0);
  }
  std::optional<bool> flag;
  QD_TAKE(flag, f.optional_bool("scheduled"));
  answer.scheduled = flag.value_or(false);
  QD_TAKE(flag, f.optional_bool("reset"));
  answer.reset = flag.value_or(false);
  return {};
}

// Reads into the record's alternative of that type, kept when it already holds one.
template <typename T, typename Read>
core::Expected<void> read_into(ResultsRecord& record, const Fields& fields, Read read) {
  if (!std::holds_alternative<T>(record)) record.emplace<T>();
  return read(fields, std::get<T>(record));
}

#undef QD_CHECK
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

core::Expected<void> ResultsReader::read(std::string_view line, ResultsRecord& record) {
  core::JsonError error;
  // A line the parser takes is valid UTF-8: bytes past ASCII are only allowed in strings,
  // which it checks.
  if (!tape_.parse(line, error)) {
    if (const auto bad = core::find_invalid_utf8(line)) {
      return core::fail(ExitCode::kInvalidInput, fmt::format("invalid UTF-8 at byte {}", *bad + 1));
    }
    return core::fail(ExitCode::kInvalidInput,
                      fmt::format("not JSON ({} at byte {})", error.message, error.offset + 1));
  }
  const core::JsonView root = tape_.root();
  if (!root.is_object()) {
    return core::fail(ExitCode::kInvalidInput, "a line should be a JSON object");
  }
  const Fields fields(root);
  const core::JsonView type = fields.find("type");
  if (!type) return Fields::missing("type");
  if (!type.is_string()) return Fields::wrong("type", "a string");
  if (type.text() == "results") {
    // A header is read afresh: nothing of another learner's may stay in it.
    record.emplace<ResultsHeader>();
    return read_header(fields, std::get<ResultsHeader>(record));
  }
  if (type.text() == "exam") return read_into<ExamSitting>(record, fields, read_exam);
  if (type.text() == "answer") return read_into<Answer>(record, fields, read_answer);
  return core::fail(ExitCode::kInvalidInput,
                    fmt::format("\"type\" should be \"results\", \"exam\" or \"answer\", not {}",
                                core::json_quote(type.text())));
}

core::Expected<ResultsRecord> read_results_line(std::string_view line) {
  ResultsReader reader;
  core::Expected<ResultsRecord> record{ResultsRecord()};
  if (auto read = reader.read(line, *record); !read) return read.error();
  return record;
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
