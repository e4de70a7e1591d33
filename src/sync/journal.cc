// SPDX-License-Identifier: MIT
#include "sync/journal.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/json.h"
#include "core/json_writer.h"
#include "core/utf8.h"

namespace quizdeck::sync {
namespace {

// Times a journal may carry: 1970 to about 2286 (what an int64 of ms and every date
// routine handle with room to spare).
constexpr std::int64_t kMaxTimeMs = 10'000'000'000'000;
constexpr std::int64_t kMaxSeq = std::int64_t{1} << 53;  // exact in a JSON number

core::Failure wrong(std::string message, std::size_t offset = 0) {
  core::Failure failure = core::fail(ExitCode::kInvalidInput, std::move(message));
  failure.diagnostic.column = static_cast<int>(offset) + 1;
  return failure;
}

// Reads members of one object, remembering the first problem.
class Fields {
 public:
  explicit Fields(const core::JsonValue& object) : object_(object) {}

  const core::JsonValue* get(std::string_view name, bool required) {
    const core::JsonValue* value = object_.find(name);
    if ((value == nullptr || value->is_null()) && required && problem_.empty()) {
      problem_ = fmt::format("'{}' is missing", name);
    }
    return value == nullptr || value->is_null() ? nullptr : value;
  }
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t low, std::int64_t high,
                                      bool required = true) {
    const core::JsonValue* value = get(name, required);
    if (value == nullptr) return std::nullopt;
    const double n = value->number;
    if (!value->is_number() || !std::isfinite(n) || n != std::floor(n) ||
        n < static_cast<double>(low) || n > static_cast<double>(high)) {
      fail(fmt::format("'{}' is not a whole number from {} to {}", name, low, high));
      return std::nullopt;
    }
    return static_cast<std::int64_t>(n);
  }
  std::optional<std::string> text(std::string_view name, bool required = true) {
    const core::JsonValue* value = get(name, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) {
      fail(fmt::format("'{}' is not a string", name));
      return std::nullopt;
    }
    if (value->text.size() > kMaxTextBytes) {
      fail(fmt::format("'{}' is longer than {} bytes", name, kMaxTextBytes));
      return std::nullopt;
    }
    return value->text;
  }
  // A text that must be there and not be empty (an id).
  std::string id(std::string_view name) {
    auto value = text(name);
    if (value && value->empty()) fail(fmt::format("'{}' is empty", name));
    return value.value_or("");
  }
  bool boolean(std::string_view name) {
    const core::JsonValue* value = get(name, true);
    if (value == nullptr) return false;
    if (value->kind != core::JsonValue::Kind::kBool) {
      fail(fmt::format("'{}' is not true or false", name));
      return false;
    }
    return value->boolean;
  }
  std::optional<bool> optional_boolean(std::string_view name) {
    const core::JsonValue* value = get(name, false);
    if (value == nullptr) return std::nullopt;
    if (value->kind != core::JsonValue::Kind::kBool) {
      fail(fmt::format("'{}' is not true or false", name));
      return std::nullopt;
    }
    return value->boolean;
  }
  // An array that must be there (empty or not).
  const std::vector<core::JsonValue>* array(std::string_view name) {
    const core::JsonValue* value = get(name, true);
    if (value == nullptr) return nullptr;
    if (!value->is_array()) {
      fail(fmt::format("'{}' is not an array", name));
      return nullptr;
    }
    return &value->items;
  }
  std::optional<double> real(std::string_view name, double low, double high) {
    const core::JsonValue* value = get(name, false);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number() || !std::isfinite(value->number) || value->number < low ||
        value->number > high) {
      fail(fmt::format("'{}' is not a number from {} to {}", name, low, high));
      return std::nullopt;
    }
    return value->number;
  }
  void fail(std::string message) {
    if (problem_.empty()) problem_ = std::move(message);
  }
  const std::string& problem() const { return problem_; }

 private:
  const core::JsonValue& object_;
  std::string problem_;
};

core::Expected<core::JsonValue> parse_object(std::string_view line) {
  if (line.size() > kMaxLineBytes) {
    return wrong(fmt::format("the line is longer than {} bytes", kMaxLineBytes));
  }
  if (const auto bad = core::find_invalid_utf8(line)) {
    return wrong("the line is not UTF-8 text", *bad);
  }
  core::JsonError error;
  auto value = core::parse_json(line, error);
  if (!value) return wrong(fmt::format("not JSON: {}", error.message), error.offset);
  if (!value->is_object()) return wrong("not a JSON object");
  return std::move(*value);
}

Event parse_review(Fields& f) {
  Review r;
  r.seq = f.integer("seq", 1, kMaxSeq).value_or(0);
  r.time_ms = f.integer("time", 0, kMaxTimeMs).value_or(0);
  r.deck_id = f.id("deck");
  r.card_id = f.id("card");
  if (auto rating = f.integer("rating", 1, 4)) r.rating = static_cast<core::Rating>(*rating);
  r.correct = f.boolean("correct");
  r.answer = f.text("answer").value_or("");
  r.answer_form = f.text("form").value_or("typed");
  if (r.answer_form != "typed" && r.answer_form != "choices" && r.answer_form != "legacy" &&
      r.answer_form != "anki") {
    f.fail("'form' is not one of typed, choices, legacy, anki");
  }
  r.shown = f.text("shown", false);
  r.response_ms = f.integer("response", 0, kMaxTimeMs).value_or(0);
  const std::string mode = f.text("mode").value_or("drill");
  if (auto parsed = core::parse_mode(mode)) {
    r.mode = *parsed;
  } else {
    f.fail("'mode' is not one of drill, exam, cram");
  }
  r.scheduled = f.boolean("scheduled");
  r.reset_ms = f.integer("reset", 0, kMaxTimeMs, false);
  r.content = f.text("content", false);
  r.credit = f.real("credit", 0, 1);
  r.question = f.text("question", false);
  return r;
}

Event parse_marks(Fields& f) {
  Marks m;
  m.time_ms = f.integer("time", 0, kMaxTimeMs).value_or(0);
  m.deck_id = f.id("deck");
  m.card_id = f.id("card");
  m.suspended = f.boolean("suspended");
  m.buried_until_ms = f.integer("buried_until", 0, kMaxTimeMs, false);
  m.flag = static_cast<int>(f.integer("flag", 0, 7).value_or(0));
  m.leech = f.boolean("leech");
  return m;
}

Event parse_setting(Fields& f) {
  Setting s;
  s.time_ms = f.integer("time", 0, kMaxTimeMs).value_or(0);
  s.scope = f.text("scope").value_or("");
  s.key = f.id("key");
  s.value = f.text("value", false);
  return s;
}

// A deck id a sitting names: the store keeps a sitting's decks joined with commas, and
// they are shown in a terminal.
bool is_sitting_deck_id(std::string_view id) {
  if (id.empty() || id.size() > 1024) return false;
  return std::none_of(id.begin(), id.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return c == ',' || byte < 0x20 || byte == 0x7f;
  });
}

// A whole number from `low` to `high` in an array, or nothing.
std::optional<std::int64_t> item_integer(const core::JsonValue& value, std::int64_t low,
                                         std::int64_t high) {
  const double n = value.number;
  if (!value.is_number() || !std::isfinite(n) || n != std::floor(n) ||
      n < static_cast<double>(low) || n > static_cast<double>(high)) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(n);
}

Event parse_sitting(Fields& f) {
  Sitting s;
  // A sitting is its journal's device's, and so are the reviews its answers name.
  if (f.get("device", false) != nullptr) {
    f.fail("'device' does not belong in a sitting line (a sitting is its journal's device's)");
  }
  s.seq = f.integer("seq", 1, kMaxSeq).value_or(0);
  s.time_ms = f.integer("time", 0, kMaxTimeMs).value_or(0);
  if (const auto* decks = f.array("decks")) {
    for (const auto& deck : *decks) {
      if (!deck.is_string() || !is_sitting_deck_id(deck.text)) {
        f.fail(
            "'decks' holds something that is not a deck id (text without commas or "
            "control characters)");
        break;
      }
      s.deck_ids.push_back(deck.text);
    }
    if (decks->empty()) f.fail("'decks' is empty");
  }
  s.started_ms = f.integer("started", 0, kMaxTimeMs).value_or(0);
  s.ended_ms = f.integer("ended", 0, kMaxTimeMs, false);
  s.score = f.real("score", 0, 1e12);
  s.points = f.real("points", 0, 1e12);
  s.pass_mark = f.real("pass_mark", 0, 100);
  s.passed = f.optional_boolean("passed");
  s.complete = f.boolean("complete");
  if (const auto* questions = f.array("questions")) {
    for (const auto& question : *questions) {
      if (!question.is_array() || question.items.size() != 2 || !question.items[0].is_string() ||
          !question.items[1].is_string() || question.items[0].text.empty() ||
          question.items[1].text.empty() || question.items[0].text.size() > kMaxTextBytes ||
          question.items[1].text.size() > kMaxTextBytes) {
        f.fail("'questions' holds something that is not a [deck, card] pair of ids");
        break;
      }
      s.questions.push_back({question.items[0].text, question.items[1].text});
    }
  }
  s.spent_ms = f.integer("spent", 0, kMaxTimeMs, false);
  if (const auto* answers = f.array("answers")) {
    for (const auto& range : *answers) {
      const auto first = range.is_array() && range.items.size() == 2
                             ? item_integer(range.items[0], 1, kMaxSeq)
                             : std::nullopt;
      const auto last = first ? item_integer(range.items[1], *first, kMaxSeq) : std::nullopt;
      if (!last) {
        f.fail(
            fmt::format("'answers' holds something that is not a [first, last] range of "
                        "review numbers from 1 to {}",
                        kMaxSeq));
        break;
      }
      s.answers.emplace_back(*first, *last);
    }
  }
  return s;
}

void write_sitting(core::JsonWriter& w, const Sitting& s) {
  w.key("kind").value("sitting").key("seq").value(s.seq).key("time").value(s.time_ms);
  w.key("decks").value(s.deck_ids).key("started").value(s.started_ms);
  w.key("ended").value(s.ended_ms).key("score").value(s.score).key("points").value(s.points);
  w.key("pass_mark").value(s.pass_mark).key("passed").value(s.passed);
  w.key("complete").value(s.complete).key("questions").begin_array();
  for (const auto& question : s.questions) {
    w.begin_array().value(question.deck_id).value(question.card_id).end_array();
  }
  w.end_array();
  if (s.spent_ms) w.key("spent").value(*s.spent_ms);
  w.key("answers").begin_array();
  for (const auto& [first, last] : s.answers) w.begin_array().value(first).value(last).end_array();
  w.end_array();
}

void write_review(core::JsonWriter& w, const Review& r) {
  w.key("kind").value("review").key("seq").value(r.seq).key("time").value(r.time_ms);
  w.key("deck").value(r.deck_id).key("card").value(r.card_id);
  w.key("rating").value(static_cast<int>(r.rating)).key("correct").value(r.correct);
  w.key("answer").value(r.answer).key("form").value(r.answer_form);
  if (r.shown) w.key("shown").value(*r.shown);
  w.key("response").value(r.response_ms).key("mode").value(core::mode_name(r.mode));
  w.key("scheduled").value(r.scheduled);
  if (r.reset_ms) w.key("reset").value(*r.reset_ms);
  if (r.content) w.key("content").value(*r.content);
  if (r.credit) w.key("credit").value(*r.credit);
  if (r.question) w.key("question").value(*r.question);
}

}  // namespace

bool is_device_id(std::string_view text) {
  if (text.size() != 32) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string format_header(const Header& header) {
  core::JsonWriter w;
  w.begin_object().key("quizdeck_journal").value(header.version);
  w.key("device").value(header.device).end_object();
  return w.take();
}

std::string format_event(const Event& event) {
  core::JsonWriter w;
  w.begin_object();
  if (const auto* review = std::get_if<Review>(&event)) {
    write_review(w, *review);
  } else if (const auto* undo = std::get_if<Undo>(&event)) {
    w.key("kind").value("undo").key("device").value(undo->review.device);
    w.key("seq").value(undo->review.seq);
  } else if (const auto* marks = std::get_if<Marks>(&event)) {
    w.key("kind").value("marks").key("time").value(marks->time_ms);
    w.key("deck").value(marks->deck_id).key("card").value(marks->card_id);
    w.key("suspended").value(marks->suspended).key("buried_until").value(marks->buried_until_ms);
    w.key("flag").value(marks->flag).key("leech").value(marks->leech);
  } else if (const auto* setting = std::get_if<Setting>(&event)) {
    w.key("kind").value("setting").key("time").value(setting->time_ms);
    w.key("scope").value(setting->scope).key("key").value(setting->key);
    w.key("value").value(setting->value);
  } else if (const auto* sitting = std::get_if<Sitting>(&event)) {
    write_sitting(w, *sitting);
  } else if (const auto* synced = std::get_if<Synced>(&event)) {
    w.key("kind").value("sync").key("time").value(synced->time_ms);
  } else if (const auto* retire = std::get_if<Retire>(&event)) {
    w.key("kind").value("retire").key("time").value(retire->time_ms);
    w.key("device").value(retire->device);
  }
  w.end_object();
  return w.take();
}

core::Expected<Header> parse_header(std::string_view line) {
  auto object = parse_object(line);
  if (!object) return object.error();
  Fields f(*object);
  const auto version = f.integer("quizdeck_journal", 1, 1'000'000);
  const std::optional<std::string> device = f.text("device");
  if (!f.problem().empty()) {
    return wrong(fmt::format("not a quizdeck journal header ({})", f.problem()));
  }
  if (*version > kJournalVersion) {
    return wrong(
        fmt::format("a journal of format version {} (this quizdeck reads up to {}); "
                    "upgrade quizdeck to read it",
                    *version, kJournalVersion));
  }
  if (!is_device_id(*device)) return wrong("'device' is not 32 lowercase hex digits");
  // (Built in place: GCC 12 warns wrongly about moving a Header with a short string.)
  return core::Expected<Header>(Header{static_cast<int>(*version), *device});
}

core::Expected<Event> parse_event(std::string_view line) {
  auto object = parse_object(line);
  if (!object) return object.error();
  Fields f(*object);
  const std::string kind = f.text("kind").value_or("");
  std::optional<Event> event;
  if (kind == "review") {
    event = parse_review(f);
  } else if (kind == "undo") {
    Undo undo;
    undo.review.device = f.text("device").value_or("");
    undo.review.seq = f.integer("seq", 1, kMaxSeq).value_or(0);
    if (f.problem().empty() && !is_device_id(undo.review.device)) {
      f.fail("'device' is not 32 lowercase hex digits");
    }
    event = undo;
  } else if (kind == "marks") {
    event = parse_marks(f);
  } else if (kind == "setting") {
    event = parse_setting(f);
  } else if (kind == "sitting") {
    event = parse_sitting(f);
  } else if (kind == "sync") {
    event = Synced{f.integer("time", 0, kMaxTimeMs).value_or(0)};
  } else if (kind == "retire") {
    Retire retire;
    retire.time_ms = f.integer("time", 0, kMaxTimeMs).value_or(0);
    retire.device = f.text("device").value_or("");
    if (f.problem().empty() && !is_device_id(retire.device)) {
      f.fail("'device' is not 32 lowercase hex digits");
    }
    event = retire;
  } else if (f.problem().empty()) {
    f.fail("'kind' is not one of review, undo, marks, setting, sitting, sync, retire");
  }
  if (!f.problem().empty()) {
    // Named by its kind when that is one (a line of an unknown kind says so alone).
    return wrong(event ? fmt::format("{} line: {}", kind, f.problem()) : f.problem());
  }
  return std::move(*event);
}

std::string journal_name(std::string_view device) {
  return fmt::format("quizdeck-{}.journal", device);
}

bool is_journal_name(std::string_view name) {
  constexpr std::string_view kPrefix = "quizdeck-";
  constexpr std::string_view kSuffix = ".journal";
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) return false;
  const std::string_view device = name.substr(kPrefix.size());
  if (device.size() < 32 || !is_device_id(device.substr(0, 32))) return false;
  const std::string_view rest = device.substr(32, device.size() - 32 - kSuffix.size());
  // The journal itself, or a copy a sync tool made of it (whatever else the tool puts in
  // the name: a date, a user's or machine's name).
  return rest.empty() || rest.find("onflict") != std::string_view::npos;
}

std::vector<Line> complete_lines(std::string_view bytes, std::size_t max_lines) {
  std::vector<Line> lines;
  std::size_t start = 0;
  while (lines.size() < max_lines) {
    const std::size_t newline = bytes.find('\n', start);
    if (newline == std::string_view::npos) break;
    std::string_view text = bytes.substr(start, newline - start);
    if (text.ends_with('\r')) text.remove_suffix(1);
    lines.push_back({text, newline + 1});
    start = newline + 1;
  }
  return lines;
}

}  // namespace quizdeck::sync
