// SPDX-License-Identifier: MIT
// `quizdeck fsrs replay` and `quizdeck fsrs preview`: scheduler plumbing for scripts,
// integrations and parity checks against ts-fsrs, in the oracle's JSON format.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/fsrs_json.h"
#include "core/json_writer.h"
#include "core/time.h"

namespace quizdeck::cli {
namespace {

struct ReplayOptions {
  std::string input = "-";           // a JSON Lines file, or - for standard input
  schedule::SettingsText scheduler;  // for lines without a "config"
  bool with_preview = false;
  int jobs = 0;  // threads; 0: one per core
};

struct FsrsPreviewOptions {
  std::string card = "{}";  // JSON, fields as in the oracle's card shape
  std::string now;          // ISO 8601
  schedule::SettingsText scheduler;
  bool json = false;
};

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

core::Failure bad_line(std::string message) {
  return core::fail(ExitCode::kInvalidInput, std::move(message));
}

// When the card was made: the line's 'created', else its first review's time.
core::Expected<std::int64_t> created_of(const JsonValue& input, const JsonValue& reviews) {
  if (const JsonValue* value = input.find("created"); value != nullptr && !value->is_null()) {
    const auto time = time_from_json(*value);
    if (!time) return bad_line("'created' must be an ISO 8601 time or milliseconds");
    return *time;
  }
  const JsonValue* first = reviews.items.front().find("t");
  const auto time = first ? time_from_json(*first) : std::nullopt;
  if (!time) return bad_line("review 1: 't' must be an ISO 8601 time or milliseconds");
  return *time;
}

// The four cards a preview offers, as the record's "preview" member.
void append_preview(std::string& records, const schedule::Preview& preview) {
  records += ",\"preview\":{";
  for (const auto r : schedule::kRatings) {
    if (r != schedule::Rating::kAgain) records += ',';
    records += '"';
    records += schedule::rating_name(r);
    records += "\":";
    append_card_json(records, preview[r]);
  }
  records += '}';
}

// Replays the reviews on `card`, appending a record for each to `records` (a JSON list); a
// failure says which review cannot be replayed.
core::Expected<void> replay_reviews(const JsonValue& reviews, const schedule::Scheduler& scheduler,
                                    bool fuzz, bool with_preview, schedule::CardState& card,
                                    std::string& records) {
  records += '[';
  for (std::size_t i = 0; i < reviews.items.size(); ++i) {
    const JsonValue& review = reviews.items[i];
    const JsonValue* t = review.is_object() ? review.find("t") : nullptr;
    const JsonValue* rating_json = review.is_object() ? review.find("rating") : nullptr;
    const auto now = t ? time_from_json(*t) : std::nullopt;
    if (!now) {
      return bad_line(
          fmt::format("review {}: 't' must be an ISO 8601 time or milliseconds", i + 1));
    }
    const auto rating = rating_json ? rating_from_json(*rating_json) : std::nullopt;
    if (!rating) {
      return bad_line(
          fmt::format("review {}: 'rating' must be Again, Hard, Good, Easy or 1-4", i + 1));
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
    if (auto checked = scheduler.check_review(card, *now); !checked) {
      return bad_line(fmt::format("review {} at {}: {}", i + 1, core::format_iso8601(*now),
                                  checked.error().message()));
    }
    if (with_preview || review.find("preview") != nullptr) {
      const schedule::Preview preview = *scheduler.preview(card, *now);
      append_preview(records, preview);
      card = preview[*rating];
    } else {
      card = *scheduler.next(card, *now, *rating);
    }
    if (fuzz) {
      records += ",\"fuzz_seed\":";
      core::append_json_quoted(records, context.fuzz_seed);
    }
    records += ",\"card\":";
    append_card_json(records, card);
    records += '}';
  }
  records += ']';
  return {};
}

// Replays one line and appends the line to print to `out`; a failure (with nothing
// appended) says why the line cannot be replayed. Records are written straight
// into the output: this is the path `fsrs replay` spends its time on.
core::Expected<void> replay_line(const JsonValue& input, std::size_t line_number,
                                 const schedule::Parameters& default_parameters,
                                 const std::string& default_config, bool with_preview,
                                 std::string& out) {
  if (!input.is_object()) return bad_line("a line must be a JSON object");
  schedule::Parameters parameters = default_parameters;
  const JsonValue* config = input.find("config");
  if (config != nullptr) {
    auto given = parameters_from_config(*config);
    if (!given) return bad_line("config: " + given.error().message());
    parameters = std::move(*given);
  }
  const JsonValue* reviews = input.find("reviews");
  if (reviews == nullptr || !reviews->is_array() || reviews->items.empty()) {
    return bad_line("needs a non-empty \"reviews\" list");
  }
  const auto created = created_of(input, *reviews);
  if (!created) return created.error();

  const schedule::Scheduler scheduler(parameters);
  schedule::CardState card = schedule::new_card(*created);
  // Written straight into `out`; cut back to `start` if the line turns out bad.
  const std::size_t start = out.size();
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
    core::append_iso8601(out, *created);
    out += '"';
  }
  member("reviews");
  if (auto replayed =
          replay_reviews(*reviews, scheduler, parameters.enable_fuzz, with_preview, card, out);
      !replayed) {
    out.resize(start);
    return replayed;
  }
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

std::string format_interval(const schedule::CardState& card, std::int64_t now) {
  if (card.scheduled_days > 0) return fmt::format("{}d", card.scheduled_days);
  const std::int64_t minutes = (card.due - now) / schedule::kMinuteMs;
  if (minutes >= 60 && minutes % 60 == 0) return fmt::format("{}h", minutes / 60);
  return fmt::format("{}m", minutes);
}

void declare_scheduler_flags(Declare& d, schedule::SettingsText& flags) {
  for (const auto& key : schedule::scheduler_settings()) {
    d.option("--" + std::string(key.name), &(flags.*(key.field)), std::string(key.value_name),
             std::string(key.help));
  }
}

void declare_replay(Declare& d, ReplayOptions& o) {
  d.positional("FILE", &o.input, "JSON Lines input, - for standard input")
      .completes(Complete::kFile);
  d.flag("--with-preview", &o.with_preview, "also record all four outcomes at every review");
  d.option("--jobs", &o.jobs, "N", "threads to use (default: one per core)").between(1, 64);
  declare_scheduler_flags(d, o.scheduler);
}

void declare_preview(Declare& d, FsrsPreviewOptions& o) {
  d.option("--card", &o.card, "JSON", "the card as JSON (oracle card fields; default: a new card)");
  d.option("--now", &o.now, "TIME", "time of the review (ISO 8601)").required();
  d.flag("--json", &o.json, "print JSON in the oracle's preview shape");
  declare_scheduler_flags(d, o.scheduler);
}

template <typename Options>
Needs needs_nothing(const Options&) {
  return {};
}

// A line of standard input or a file, without its line break; one longer than
// kMaxLineBytes is read to its end without being held, and stands as kTooLong; one that
// runs past kMaxSkipBytes (an endless line, say `tr '\0' x </dev/zero`) stands as
// kEndless and ends the input: skipping it would read for ever and print nothing.
constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxSkipBytes = std::size_t{64} << 20;
constexpr char kTooLong[] = "\x01too long";
constexpr char kEndless[] = "\x01endless";

bool read_line(std::istream& in, std::string& line) {
  line.clear();
  if (!in.good()) return false;
  std::streambuf& buffer = *in.rdbuf();
  bool any = false;
  std::size_t skipped = 0;
  for (;;) {
    const auto c = buffer.sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      break;
    }
    any = true;
    if (c == '\n') break;
    if (line.size() < kMaxLineBytes) {
      line.push_back(static_cast<char>(c));
    } else if (++skipped > kMaxSkipBytes) {
      line = kEndless;
      in.setstate(std::ios::eofbit);  // nothing after it is read
      return true;
    }
  }
  if (skipped > 0) line = kTooLong;
  return any;
}

// One batch of lines replayed into its own output and errors.
struct Slice {
  std::string out;
  std::vector<std::string> errors;  // one line each
};

// What every line is replayed with.
struct Replayer {
  schedule::Parameters parameters;
  std::string default_config;  // serialized once for the whole run
  std::string name;            // of the input, for error lines
  bool with_preview = false;

  void replay(const std::vector<std::string>& lines, std::size_t first_number, std::size_t begin,
              std::size_t end, Slice& slice) const {
    std::size_t input_bytes = 0;
    for (std::size_t i = begin; i < end; ++i) input_bytes += lines[i].size();
    slice.out.reserve(input_bytes * 8);  // records are about 6.5 times their input
    for (std::size_t i = begin; i < end; ++i) {
      const std::string& line = lines[i];
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      if (line == kTooLong) {
        slice.errors.push_back(
            fmt::format("{}:{}: error: the line is longer than {} MiB; it is skipped\n", name,
                        first_number + i, kMaxLineBytes >> 20));
        continue;
      }
      if (line == kEndless) {
        slice.errors.push_back(fmt::format(
            "{}:{}: error: the line is longer than {} MiB; the rest of the input is not read\n",
            name, first_number + i, (kMaxLineBytes + kMaxSkipBytes) >> 20));
        continue;
      }
      core::JsonError json_error;
      const auto input = core::parse_json(line, json_error);
      std::string problem;
      if (!input) {
        problem =
            fmt::format("invalid JSON at column {}: {}", json_error.offset + 1, json_error.message);
      } else if (auto replayed = replay_line(*input, first_number + i, parameters, default_config,
                                             with_preview, slice.out);
                 !replayed) {
        problem = replayed.error().message();
      }
      if (!problem.empty()) {
        slice.errors.push_back(fmt::format("{}:{}: error: {}\n", name, first_number + i, problem));
      }
    }
  }
};

// At most this many error lines are printed; the rest are counted in a note at the end.
constexpr std::size_t kShownErrors = 100;

// Lines are independent: a batch is cut into one slice per thread, each replayed into its
// own output, and the slices are printed in order. Returns the number of bad lines.
std::size_t replay_stream(const Replayer& replayer, std::istream& in, unsigned threads,
                          Streams& io) {
  // A batch is at most 4096 lines and (past its first line) 16 MiB, so what is held, the
  // output made from it included, stays bounded on any input.
  constexpr std::size_t kBatch = 4096;
  constexpr std::size_t kBatchBytes = std::size_t{16} << 20;
  const auto read_batch = [&](std::vector<std::string>& into) {
    into.clear();
    std::size_t bytes = 0;
    std::string line;
    while (into.size() < kBatch && bytes < kBatchBytes && read_line(in, line)) {
      bytes += line.size();
      into.push_back(std::move(line));
    }
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
        replayer.replay(lines, next_number, begin, end, slices[k]);
      } else {
        workers.emplace_back(&Replayer::replay, &replayer, std::cref(lines), next_number, begin,
                             end, std::ref(slices[k]));
      }
    }
    for (auto& worker : workers) worker.join();
    for (unsigned k = 0; k < used; ++k) {
      io.out << slices[k].out;
      for (const auto& error : slices[k].errors) {
        if (bad_lines++ < kShownErrors) io.err << error;
      }
    }
    next_number += count;
    read_batch(lines);
  }
  io.out.flush();
  if (bad_lines > kShownErrors) {
    const std::size_t unshown = bad_lines - kShownErrors;
    io.err << fmt::format("{}: note: {} more error{} not shown (the first {} are)\n", replayer.name,
                          unshown, unshown == 1 ? "" : "s", kShownErrors);
  }
  return bad_lines;
}

core::Expected<ExitCode> run_replay(Context& context, const ReplayOptions& options) {
  std::vector<double> w_input;
  auto given = schedule::parameters_from_settings(options.scheduler, &w_input);
  if (!given) return given.error();
  Replayer replayer;
  replayer.parameters = std::move(*given);
  replayer.default_config = core::to_json(config_to_json(replayer.parameters, w_input));
  replayer.name = options.input == "-" ? "<stdin>" : options.input;
  replayer.with_preview = options.with_preview;
  std::ifstream file;
  std::istream* in = &context.io.in;
  if (options.input != "-") {
    file.open(options.input, std::ios::binary);
    if (!file) {
      return core::fail(ExitCode::kIoError, fmt::format("cannot open '{}'", options.input));
    }
    in = &file;
  }
  const unsigned threads = options.jobs > 0
                               ? static_cast<unsigned>(options.jobs)
                               : std::max(1U, std::min(8U, std::thread::hardware_concurrency()));
  const std::size_t bad_lines = replay_stream(replayer, *in, threads, context.io);
  if (in->bad()) {
    return core::fail(ExitCode::kIoError, fmt::format("cannot read '{}'", replayer.name));
  }
  return bad_lines > 0 ? ExitCode::kInvalidInput : ExitCode::kOk;
}

core::Expected<ExitCode> run_preview(Context& context, const FsrsPreviewOptions& options) {
  Streams& io = context.io;
  std::vector<double> w_input;
  auto given = schedule::parameters_from_settings(options.scheduler, &w_input);
  if (!given) return given.error();
  const schedule::Parameters parameters = std::move(*given);
  const auto now = core::parse_iso8601(options.now);
  if (!now) {
    return core::fail(ExitCode::kUsage,
                      fmt::format("--now '{}' is not an ISO 8601 time such as 2026-01-01T09:00:00Z",
                                  options.now));
  }
  core::JsonError json_error;
  const auto card_json = core::parse_json(options.card, json_error);
  if (!card_json) {
    return core::fail(ExitCode::kUsage, fmt::format("--card is not valid JSON (column {}: {})",
                                                    json_error.offset + 1, json_error.message));
  }
  auto parsed_card = card_from_json(*card_json, *now);
  if (!parsed_card) {
    return core::fail(ExitCode::kUsage, "--card: " + parsed_card.error().message());
  }
  const schedule::CardState card = *parsed_card;
  const schedule::Scheduler scheduler(parameters);
  auto previewed = scheduler.preview(card, *now);
  if (!previewed) {
    return core::fail(ExitCode::kInvalidInput,
                      fmt::format("cannot review this card at {}: {}", core::format_iso8601(*now),
                                  previewed.error().message()));
  }
  const schedule::Preview& preview = *previewed;
  const schedule::ReviewContext review_context = scheduler.context(card, *now);
  if (options.json) {
    JsonValue out;
    out.kind = JsonValue::Kind::kObject;
    out.set("kind", JsonValue::make_string("preview"));
    out.set("config", config_to_json(parameters, w_input));
    out.set("card", card_to_json(card));
    out.set("now", JsonValue::make_string(core::format_iso8601(*now)));
    add_context(out, review_context);
    out.set("outcomes", preview_to_json(preview));
    if (parameters.enable_fuzz)
      out.set("fuzz_seed", JsonValue::make_string(review_context.fuzz_seed));
    io.out << core::to_json(out) << '\n';
    return ExitCode::kOk;
  }
  io.out << fmt::format("card: {}, stability {}, difficulty {}, reps {}, lapses {}\n",
                        schedule::state_name(card.state), core::format_number(card.stability),
                        core::format_number(card.difficulty), card.reps, card.lapses);
  io.out << fmt::format("at {}: {} days since the last review, retrievability {}\n",
                        core::format_iso8601(*now), review_context.elapsed,
                        core::format_number(review_context.r_get));
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

}  // namespace

Command fsrs_command() {
  return make_group(
      "fsrs", "FSRS scheduler plumbing: replay review histories, preview a review",
      {make_command<ReplayOptions>(
           "replay", "replay review histories (JSON Lines in the FSRS oracle's format)",
           declare_replay, needs_nothing<ReplayOptions>, run_replay),
       make_command<FsrsPreviewOptions>("preview", "show what Again, Hard, Good and Easy would do",
                                        declare_preview, needs_nothing<FsrsPreviewOptions>,
                                        run_preview)});
}

}  // namespace quizdeck::cli
