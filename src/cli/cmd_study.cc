// SPDX-License-Identifier: MIT
#include "cli/cmd_study.h"

#include <unistd.h>

#include <chrono>
#include <map>
#include <random>

#include <fmt/format.h>

#include "cli/deck_files.h"
#include "cli/study_output.h"
#include "core/json_writer.h"
#include "core/time.h"
#include "deck/scalar.h"
#include "schedule/fsrs.h"
#include "session/card_state.h"
#include "session/script.h"
#include "term/terminal_ui.h"

namespace quizdeck::cli {
namespace {

std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ExitCode run_study(session::Mode mode, const StoreOptions& store_options,
                   const StudyOptions& options, Streams& io) {
  // Decks first: a bad deck is refused before the store is touched.
  auto cache = deck_cache(store_options);
  LoadedDecks loaded = load_decks(options.paths, cache ? &*cache : nullptr);
  for (const auto& d : loaded.diagnostics) io.err << core::render_text(d);
  if (loaded.io_error) return ExitCode::kIoError;
  if (loaded.has_errors()) return ExitCode::kInvalidInput;

  session::SessionOptions session_options;
  session_options.mode = mode;
  session_options.filter.tags = options.tags;
  session_options.filter.card = options.card;
  session_options.repeat_wrong = options.repeat_wrong;
  session_options.new_per_day = options.new_per_day.value_or(20);
  session_options.max = options.max;
  session_options.ahead = options.ahead;
  session_options.by_tag = options.by_tag;
  session_options.schedule = !options.no_schedule;
  session_options.wrong_days = options.wrong_days;
  session_options.weakest = options.weakest;
  session_options.all = options.all;
  if (mode == session::Mode::kExam) {
    // Flags win; else the first deck that sets exam defaults.
    for (const auto& deck : loaded.decks) {
      if (!session_options.questions) session_options.questions = deck.exam.questions;
      if (!session_options.time_limit_ms && deck.exam.time_seconds) {
        session_options.time_limit_ms = static_cast<std::int64_t>(*deck.exam.time_seconds) * 1000;
      }
      if (!session_options.pass_percent) session_options.pass_percent = deck.exam.pass_percent;
    }
    if (options.questions) session_options.questions = options.questions;
    if (options.time) {
      const auto seconds = deck::parse_duration(*options.time);
      if (!seconds) {
        io.err << fmt::format(
            "quizdeck: error: --time '{}' is not a duration such as 30m or 1h30m\n", *options.time);
        return ExitCode::kUsage;
      }
      session_options.time_limit_ms = static_cast<std::int64_t>(*seconds) * 1000;
    }
    if (options.pass) {
      const auto percent = deck::parse_percent(*options.pass);
      if (!percent) {
        io.err << fmt::format("quizdeck: error: --pass '{}' is not a percentage such as 70%\n",
                              *options.pass);
        return ExitCode::kUsage;
      }
      session_options.pass_percent = percent;
    }
  }
  session_options.seed = options.seed ? *options.seed : std::random_device{}();

  const auto start = resolve_now(store_options, io);
  if (!start) return ExitCode::kUsage;
  const bool frozen_clock =
      store_options.now.has_value() ||
      (std::getenv("QUIZDECK_NOW") != nullptr && *std::getenv("QUIZDECK_NOW") != '\0');
  // Local midnight: where the daily new-card limit starts over.
  session_options.day_start = core::local_day_start(core::local_day(*start));

  auto store = open_store(store_options, true, io);
  if (!store) return ExitCode::kIoError;
  try {
    std::vector<std::string> deck_ids;
    for (const auto& deck : loaded.decks) deck_ids.push_back(deck.id);
    std::string problem;
    auto schedulers = session::schedulers_for(*store, deck_ids, problem);
    if (!schedulers) {
      io.err << "quizdeck: error: " << problem << '\n';
      return ExitCode::kInvalidInput;
    }
    session::Session session(std::move(loaded.decks), *store, std::move(*schedulers),
                             session_options, *start);

    // The session clock: frozen at --now (advanced only by "@90s" times in a script),
    // else the real clock.
    std::int64_t offset = 0;
    const std::int64_t real_start = wall_clock_ms();
    const auto now = [&] {
      return frozen_clock ? *start + offset : *start + (wall_clock_ms() - real_start) + offset;
    };

    const bool interactive = !options.script && ::isatty(STDIN_FILENO) != 0;
    StudyOutput output(io, options.json, mode, options.feedback || mode != session::Mode::kExam);
    if (interactive) {
      return term::run_terminal_session(session, mode, options.color, now, io.out);
    }
    if (session.planned() == 0) {
      output.nothing_to_do(session.next_due(now()), options.ahead);
      session.finish(now());
      return ExitCode::kOk;
    }
    std::string line;
    bool input_ended = false;
    while (!input_ended) {
      const auto question = session.next(now());
      if (!question) break;
      output.question(*question, session, now());
      const std::int64_t asked_at = wall_clock_ms();
      bool used_hint = false;
      while (true) {
        if (!std::getline(io.in, line)) {
          input_ended = true;  // end of input ends the session; everything is saved
          break;
        }
        session::ScriptLine script = session::parse_script_line(line);
        if (script.took_ms) offset += *script.took_ms;
        if (script.text == "?") {
          used_hint = true;
          output.hint(*question);
          continue;
        }
        session::Answer answer;
        answer.used_hint = used_hint;
        answer.response_ms = script.took_ms;
        if (!script.took_ms && !frozen_clock) answer.response_ms = wall_clock_ms() - asked_at;
        if (script.text.empty()) {
          answer.skip = true;
        } else if (question->card->type == deck::CardType::kFlash) {
          if (const auto rating = schedule::parse_rating(script.text)) {
            answer.rating = static_cast<int>(*rating);
          }
        }
        answer.text = script.text;
        const session::Result result = session.answer(*question, answer, now());
        if (result.grade.verdict == grade::Verdict::kInvalid) {
          output.invalid(*question, result.grade.problem);
          continue;
        }
        output.result(result, answer);
        break;
      }
    }
    const session::Summary summary = session.finish(now());
    output.summary(summary, session.next_due(now()));
    if (summary.passed && !*summary.passed) return ExitCode::kExamFailed;
    return ExitCode::kOk;
  } catch (const store::StoreError& error) {
    return report_store_error(error, io);
  }
}

}  // namespace quizdeck::cli
