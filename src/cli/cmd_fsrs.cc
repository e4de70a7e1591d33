// SPDX-License-Identifier: MIT
#include "cli/cmd_fsrs.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

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

// Replays one line and appends the line to print to `out`; returns an error message
// (with nothing appended) when the line cannot be replayed. Records are written straight
// into the output: this is the path `fsrs replay` spends its time on.
std::string replay_line(const JsonValue& input, std::size_t line_number,
                        const schedule::Parameters& default_parameters,
                        const std::string& default_config, bool with_preview, std::string& out) {
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
  // Written straight into `out`; cut back to `start` if the line turns out bad.
  const std::size_t start = out.size();
  const auto fail = [&](std::string problem) {
    out.resize(start);
    return problem;
  };
  const auto member = [&](std::string_view name) {
    if (out.back() != '{') out += ',';
    core::append_json_quoted(out, name);
    out += ':';
  };
  const bool oracle_line = input.find("kind") != nullptr;
  out += '{';
  if (oracle_line) {
    // An oracle line: the same object with every computed field filled in by us.
    for (const auto& [name, value] : input.members) {
      if (name == "reviews") break;
      member(name);
      core::append_json(value, out);
    }
  } else {
    member("kind");
    out += "\"replay\"";
    member("id");
    if (const JsonValue* id = input.find("id")) {
      core::append_json(*id, out);
    } else {
      out += std::to_string(line_number);
    }
    member("config");
    if (config != nullptr) {
      core::append_json(*config, out);
    } else {
      out += default_config;  // serialized once for the whole run
    }
    member("created");
    out += '"';
    core::append_iso8601(out, created);
    out += '"';
  }
  member("reviews");
  std::string& records = out;
  records += '[';
  for (std::size_t i = 0; i < reviews->items.size(); ++i) {
    const JsonValue& review = reviews->items[i];
    const JsonValue* t = review.is_object() ? review.find("t") : nullptr;
    const JsonValue* rating_json = review.is_object() ? review.find("rating") : nullptr;
    const auto now = t ? time_from_json(*t) : std::nullopt;
    if (!now) {
      return fail(fmt::format("review {}: 't' must be an ISO 8601 time or milliseconds", i + 1));
    }
    const auto rating = rating_json ? rating_from_json(*rating_json) : std::nullopt;
    if (!rating) {
      return fail(fmt::format("review {}: 'rating' must be Again, Hard, Good, Easy or 1-4", i + 1));
    }
    const schedule::ReviewContext context = scheduler.context(card, *now);
    if (i > 0) records += ',';
    char digits[16];
    records += "{\"t\":\"";
    core::append_iso8601(records, *now);
    records += "\",\"rating\":\"";
    records += schedule::rating_name(*rating);
    records += "\",\"elapsed\":";
    records.append(digits, std::to_chars(digits, digits + sizeof digits, context.elapsed).ptr);
    records += ",\"r\":";
    if (context.r) {
      core::append_number(records, *context.r);
    } else {
      records += "null";
    }
    records += ",\"r_get\":";
    core::append_number(records, context.r_get);
    try {
      if (with_preview || review.find("preview") != nullptr) {
        const schedule::Preview preview = scheduler.preview(card, *now);
        records += ",\"preview\":{";
        for (const auto r : schedule::kRatings) {
          if (r != schedule::Rating::kAgain) records += ',';
          records += '"';
          records += schedule::rating_name(r);
          records += "\":";
          append_card_json(records, preview[r]);
        }
        records += '}';
        card = preview[*rating];
      } else {
        card = scheduler.next(card, *now, *rating);
      }
    } catch (const std::invalid_argument& e) {
      return fail(fmt::format("review {} at {}: {}", i + 1, core::format_iso8601(*now), e.what()));
    }
    if (parameters.enable_fuzz) {
      records += ",\"fuzz_seed\":";
      core::append_json_quoted(records, context.fuzz_seed);
    }
    records += ",\"card\":";
    append_card_json(records, card);
    records += '}';
  }
  records += ']';
  if (oracle_line) {
    bool after = false;
    for (const auto& [name, value] : input.members) {
      if (after) {
        member(name);
        core::append_json(value, out);
      }
      after = after || name == "reviews";
    }
  }
  out += "}\n";
  return {};
}

// The scheduler flags as parameters; false (after saying why) when a flag is not valid.
bool parameters_from_options(const schedule::SettingsText& flags, schedule::Parameters& parameters,
                             std::vector<double>& w_input, Streams& io) {
  if (auto problem = schedule::parameters_from_settings(flags, parameters, &w_input);
      !problem.empty()) {
    io.err << "quizdeck: error: " << problem << '\n';
    return false;
  }
  return true;
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
  std::vector<double> w_input;
  if (!parameters_from_options(options.scheduler, parameters, w_input, io)) return ExitCode::kUsage;
  const std::string default_config = core::to_json(config_to_json(parameters, w_input));
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
  // Lines are independent: a batch is cut into one slice per core, each replayed into its
  // own output, and the slices are printed in order.
  const unsigned threads = options.jobs > 0
                               ? static_cast<unsigned>(options.jobs)
                               : std::max(1U, std::min(8U, std::thread::hardware_concurrency()));
  constexpr std::size_t kBatch = 4096;
  struct Slice {
    std::string out;
    std::string err;
    std::size_t bad = 0;
  };
  const auto replay_slice = [&](const std::vector<std::string>& lines, std::size_t first_number,
                                std::size_t begin, std::size_t end, Slice& slice) {
    std::size_t input_bytes = 0;
    for (std::size_t i = begin; i < end; ++i) input_bytes += lines[i].size();
    slice.out.reserve(input_bytes * 8);  // records are about 6.5 times their input
    for (std::size_t i = begin; i < end; ++i) {
      const std::string& line = lines[i];
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      core::JsonError json_error;
      const auto input = core::parse_json(line, json_error);
      std::string problem;
      if (!input) {
        problem =
            fmt::format("invalid JSON at column {}: {}", json_error.offset + 1, json_error.message);
      } else {
        problem = replay_line(*input, first_number + i, parameters, default_config,
                              options.with_preview, slice.out);
      }
      if (!problem.empty()) {
        slice.err += fmt::format("{}:{}: error: {}\n", name, first_number + i, problem);
        ++slice.bad;
      }
    }
  };
  const auto read_batch = [&](std::vector<std::string>& into) {
    into.clear();
    std::string line;
    while (into.size() < kBatch && std::getline(*in, line)) into.push_back(std::move(line));
  };
  std::vector<std::string> lines;
  std::vector<Slice> slices(threads);
  std::size_t next_number = 1;
  std::size_t bad_lines = 0;
  read_batch(lines);
  while (!lines.empty()) {
    const std::size_t count = lines.size();
    const unsigned used = count < 64 ? 1U : threads;
    std::vector<std::thread> workers;
    for (unsigned k = 0; k < used; ++k) {
      slices[k] = Slice{};
      const std::size_t begin = count * k / used;
      const std::size_t end = count * (k + 1) / used;
      if (k + 1 == used) {
        replay_slice(lines, next_number, begin, end, slices[k]);
      } else {
        workers.emplace_back(replay_slice, std::cref(lines), next_number, begin, end,
                             std::ref(slices[k]));
      }
    }
    for (auto& worker : workers) worker.join();
    for (unsigned k = 0; k < used; ++k) {
      io.out << slices[k].out;
      io.err << slices[k].err;
      bad_lines += slices[k].bad;
    }
    next_number += count;
    read_batch(lines);
  }
  io.out.flush();
  if (in->bad()) {
    io.err << fmt::format("quizdeck: error: cannot read '{}'\n", name);
    return ExitCode::kIoError;
  }
  return bad_lines > 0 ? ExitCode::kInvalidInput : ExitCode::kOk;
}

ExitCode run_fsrs_preview(const FsrsPreviewOptions& options, Streams& io) {
  schedule::Parameters parameters;
  std::vector<double> w_input;
  if (!parameters_from_options(options.scheduler, parameters, w_input, io)) return ExitCode::kUsage;
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
    out.set("config", config_to_json(parameters, w_input));
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
  io.out << fmt::format("{:<7}{:<12}{:<26}{:>9}  {:<13}{}\n", "rating", "state", "due", "interval",
                        "stability", "difficulty");
  for (const auto rating : schedule::kRatings) {
    const schedule::CardState& next = preview[rating];
    io.out << fmt::format("{:<7}{:<12}{:<26}{:>9}  {:<13}{}\n", schedule::rating_name(rating),
                          schedule::state_name(next.state), core::format_iso8601(next.due),
                          format_interval(next, *now), core::format_number(next.stability),
                          core::format_number(next.difficulty));
  }
  return ExitCode::kOk;
}

}  // namespace quizdeck::cli
