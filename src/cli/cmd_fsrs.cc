// SPDX-License-Identifier: MIT
#include "cli/cmd_fsrs.h"

#include <cmath>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/time.h"

namespace quizdeck::cli {
namespace {

using core::JsonValue;

JsonValue preview_to_json(const schedule::Preview& preview) {
  JsonValue out;
  out.kind = JsonValue::Kind::kObject;
  for (const auto rating : schedule::kRatings) {
    out.members.emplace_back(schedule::rating_name(rating), card_to_json(preview[rating]));
  }
  return out;
}

// The fields the oracle records before each review: elapsed, r, r_get.
void add_context(JsonValue& record, const schedule::ReviewContext& context) {
  record.members.emplace_back("elapsed", JsonValue::make_integer(context.elapsed));
  record.members.emplace_back("r", context.r ? JsonValue::make_number(*context.r) : JsonValue{});
  record.members.emplace_back("r_get", JsonValue::make_number(context.r_get));
}

// Replays one line; returns an error message, or fills `out` with the line to print.
std::string replay_line(const JsonValue& input, std::size_t line_number,
                        const schedule::Parameters& default_parameters, bool with_preview,
                        JsonValue& out) {
  if (!input.is_object()) return "a line must be a JSON object";
  schedule::Parameters parameters = default_parameters;
  const JsonValue* config = input.find("config");
  if (config != nullptr) {
    if (auto problem = parameters_from_config(*config, parameters); !problem.empty()) {
      return "config: " + problem;
    }
  }
  const JsonValue* reviews = input.find("reviews");
  if (reviews == nullptr || !reviews->is_array() || reviews->items.empty()) {
    return "needs a non-empty \"reviews\" list";
  }
  std::int64_t created = 0;
  if (const JsonValue* value = input.find("created"); value != nullptr && !value->is_null()) {
    const auto time = time_from_json(*value);
    if (!time) return "'created' must be an ISO 8601 time or milliseconds";
    created = *time;
  } else {
    const JsonValue* first = reviews->items.front().find("t");
    const auto time = first ? time_from_json(*first) : std::nullopt;
    if (!time) return "review 1: 't' must be an ISO 8601 time or milliseconds";
    created = *time;
  }

  const schedule::Scheduler scheduler(parameters);
  schedule::CardState card = schedule::new_card(created);
  JsonValue records;
  records.kind = JsonValue::Kind::kArray;
  records.items.reserve(reviews->items.size());
  for (std::size_t i = 0; i < reviews->items.size(); ++i) {
    const JsonValue& review = reviews->items[i];
    const JsonValue* t = review.is_object() ? review.find("t") : nullptr;
    const JsonValue* rating_json = review.is_object() ? review.find("rating") : nullptr;
    const auto now = t ? time_from_json(*t) : std::nullopt;
    if (!now) return fmt::format("review {}: 't' must be an ISO 8601 time or milliseconds", i + 1);
    const auto rating = rating_json ? rating_from_json(*rating_json) : std::nullopt;
    if (!rating) {
      return fmt::format("review {}: 'rating' must be Again, Hard, Good, Easy or 1-4", i + 1);
    }
    JsonValue record;
    record.kind = JsonValue::Kind::kObject;
    record.members.reserve(8);
    record.members.emplace_back("t", JsonValue::make_string(core::format_iso8601(*now)));
    record.members.emplace_back("rating", JsonValue::make_string(schedule::rating_name(*rating)));
    const schedule::ReviewContext context = scheduler.context(card, *now);
    add_context(record, context);
    try {
      const schedule::Preview preview = scheduler.preview(card, *now);
      if (with_preview || review.find("preview") != nullptr) {
        record.members.emplace_back("preview", preview_to_json(preview));
      }
      if (parameters.enable_fuzz) {
        record.members.emplace_back("fuzz_seed", JsonValue::make_string(context.fuzz_seed));
      }
      card = preview[*rating];
    } catch (const std::invalid_argument& e) {
      return fmt::format("review {} at {}: {}", i + 1, core::format_iso8601(*now), e.what());
    }
    record.members.emplace_back("card", card_to_json(card));
    records.items.push_back(std::move(record));
  }

  if (input.find("kind") != nullptr) {
    // An oracle line: the same object with every computed field filled in by us.
    out = input;
    out.set("reviews", std::move(records));
    return {};
  }
  out = JsonValue{};
  out.kind = JsonValue::Kind::kObject;
  out.set("kind", JsonValue::make_string("replay"));
  const JsonValue* id = input.find("id");
  out.set("id", id ? *id : JsonValue::make_integer(static_cast<std::int64_t>(line_number)));
  out.set("config", config ? *config : config_to_json(parameters));
  out.set("created", JsonValue::make_string(core::format_iso8601(created)));
  out.set("reviews", std::move(records));
  return {};
}

std::string format_interval(const schedule::CardState& card, std::int64_t now) {
  if (card.scheduled_days > 0) return fmt::format("{}d", card.scheduled_days);
  const std::int64_t minutes = (card.due - now) / schedule::kMinuteMs;
  if (minutes >= 60 && minutes % 60 == 0) return fmt::format("{}h", minutes / 60);
  return fmt::format("{}m", minutes);
}

}  // namespace

ExitCode run_fsrs_replay(const FsrsReplayOptions& options, Streams& io) {
  schedule::Parameters parameters;
  if (auto problem = parameters_from_flags(options.scheduler, parameters); !problem.empty()) {
    io.err << "quizdeck: error: " << problem << '\n';
    return ExitCode::kUsage;
  }
  std::ifstream file;
  std::istream* in = &io.in;
  const std::string name = options.input == "-" ? "<stdin>" : options.input;
  if (options.input != "-") {
    file.open(options.input, std::ios::binary);
    if (!file) {
      io.err << fmt::format("quizdeck: error: cannot open '{}'\n", options.input);
      return ExitCode::kIoError;
    }
    in = &file;
  }
  std::string line;
  std::string out;
  std::size_t line_number = 0;
  std::size_t bad_lines = 0;
  while (std::getline(*in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    core::JsonError json_error;
    const auto input = core::parse_json(line, json_error);
    std::string problem;
    JsonValue result;
    if (!input) {
      problem =
          fmt::format("invalid JSON at column {}: {}", json_error.offset + 1, json_error.message);
    } else {
      problem = replay_line(*input, line_number, parameters, options.with_preview, result);
    }
    if (!problem.empty()) {
      io.err << fmt::format("{}:{}: error: {}\n", name, line_number, problem);
      ++bad_lines;
      continue;
    }
    core::append_json(result, out);
    out += '\n';
    if (out.size() > (1 << 16)) {
      io.out << out;
      out.clear();
    }
  }
  io.out << out;
  io.out.flush();
  if (in->bad()) {
    io.err << fmt::format("quizdeck: error: cannot read '{}'\n", name);
    return ExitCode::kIoError;
  }
  return bad_lines > 0 ? ExitCode::kInvalidInput : ExitCode::kOk;
}

ExitCode run_fsrs_preview(const FsrsPreviewOptions& options, Streams& io) {
  schedule::Parameters parameters;
  if (auto problem = parameters_from_flags(options.scheduler, parameters); !problem.empty()) {
    io.err << "quizdeck: error: " << problem << '\n';
    return ExitCode::kUsage;
  }
  const auto now = core::parse_iso8601(options.now);
  if (!now) {
    io.err << fmt::format(
        "quizdeck: error: --now '{}' is not an ISO 8601 time such as "
        "2026-01-01T09:00:00Z\n",
        options.now);
    return ExitCode::kUsage;
  }
  core::JsonError json_error;
  const auto card_json = core::parse_json(options.card, json_error);
  if (!card_json) {
    io.err << fmt::format("quizdeck: error: --card is not valid JSON (column {}: {})\n",
                          json_error.offset + 1, json_error.message);
    return ExitCode::kUsage;
  }
  schedule::CardState card;
  if (auto problem = card_from_json(*card_json, *now, card); !problem.empty()) {
    io.err << "quizdeck: error: --card: " << problem << '\n';
    return ExitCode::kUsage;
  }
  const schedule::Scheduler scheduler(parameters);
  schedule::Preview preview;
  try {
    preview = scheduler.preview(card, *now);
  } catch (const std::invalid_argument& e) {
    io.err << fmt::format("quizdeck: error: cannot review this card at {}: {}\n",
                          core::format_iso8601(*now), e.what());
    return ExitCode::kInvalidInput;
  }
  const schedule::ReviewContext context = scheduler.context(card, *now);
  if (options.json) {
    JsonValue out;
    out.kind = JsonValue::Kind::kObject;
    out.set("kind", JsonValue::make_string("preview"));
    out.set("config", config_to_json(parameters));
    out.set("card", card_to_json(card));
    out.set("now", JsonValue::make_string(core::format_iso8601(*now)));
    add_context(out, context);
    out.set("outcomes", preview_to_json(preview));
    if (parameters.enable_fuzz) out.set("fuzz_seed", JsonValue::make_string(context.fuzz_seed));
    io.out << core::to_json(out) << '\n';
    return ExitCode::kOk;
  }
  io.out << fmt::format("card: {}, stability {}, difficulty {}, reps {}, lapses {}\n",
                        schedule::state_name(card.state), core::format_number(card.stability),
                        core::format_number(card.difficulty), card.reps, card.lapses);
  io.out << fmt::format("at {}: {} days since the last review, retrievability {}\n",
                        core::format_iso8601(*now), context.elapsed,
                        core::format_number(context.r_get));
  io.out << fmt::format("{:<7}{:<12}{:<26}{:>9}  {:<12}{}\n", "rating", "state", "due", "interval",
                        "stability", "difficulty");
  for (const auto rating : schedule::kRatings) {
    const schedule::CardState& next = preview[rating];
    io.out << fmt::format("{:<7}{:<12}{:<26}{:>9}  {:<12}{}\n", schedule::rating_name(rating),
                          schedule::state_name(next.state), core::format_iso8601(next.due),
                          format_interval(next, *now), core::format_number(next.stability),
                          core::format_number(next.difficulty));
  }
  return ExitCode::kOk;
}

}  // namespace quizdeck::cli
