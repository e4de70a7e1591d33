// SPDX-License-Identifier: MIT
#include "cli/study/study.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>

#include <fmt/format.h>

#include "classroom/class_url.h"
#include "cli/files/class_queue.h"
#include "cli/study/script_front_end.h"
#include "cli/study/terminal_front_end.h"
#include "core/time.h"
#include "core/visible.h"
#include "deck/scalar.h"
#include "session/driver.h"
#include "session/exam_date.h"
#include "session/exam_plan.h"

namespace quizdeck::cli {
namespace {

std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The latest exam of exactly these decks left before its end and not given up for a new one,
// sat on this machine (one synced from another is resumed there: only its own device writes
// a sitting).
std::optional<store::SessionRecord> unfinished_exam(store::Store& store,
                                                    std::vector<std::string> deck_ids) {
  std::sort(deck_ids.begin(), deck_ids.end());
  std::optional<store::SessionRecord> found;
  const std::string self = store.device_id();
  for (auto& session : store.sessions()) {
    std::vector<std::string> ids = session.decks;
    std::sort(ids.begin(), ids.end());
    const bool open = !session.complete || !session.ended_ms;
    if (session.mode != session::Mode::kExam || !open || !session.plan || ids != deck_ids ||
        session.origin != self) {
      continue;
    }
    const auto plan = session::read_exam_plan(*session.plan);
    if (plan && plan->discarded_ms) continue;
    found = std::move(session);  // sessions come oldest first: the last one wins
  }
  return found;
}

// A word as a shell reads it back: as it is when plain, else in single quotes.
std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789_./-+=:@,") == std::string::npos;
  if (plain) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// The command that continues this exam, as the learner can paste it.
std::string resume_command(const Context& context, const StudyOptions& options) {
  std::string command = "quizdeck exam";
  for (const auto& path : options.paths) command += " " + shell_word(path);
  if (context.global.store) command += " --store " + shell_word(*context.global.store);
  return command + " --resume";
}

// A new exam over decks with one left unfinished: never abandons it silently. With
// --discard it is given up; on a terminal the learner is asked; a script is refused with
// both ways out. False: the learner chose to stop (nothing started).
core::Expected<bool> settle_unfinished(Context& context, StudyOptions& options) {
  std::vector<std::string> deck_ids;
  for (const auto& deck : context.decks.decks) deck_ids.push_back(deck.id);
  const auto unfinished = unfinished_exam(context.store(), deck_ids);
  if (!unfinished) return true;
  const auto discard = [&] {
    auto plan = session::read_exam_plan(*unfinished->plan);
    if (!plan) plan.emplace();
    plan->discarded_ms = context.now;
    context.store().set_session_plan(unfinished->id, session::write_exam_plan(*plan));
  };
  if (options.discard) {
    discard();
    return true;
  }
  const std::string when = core::format_local_time(unfinished->started_ms);
  std::string decks;
  for (const auto& id : deck_ids) decks += (decks.empty() ? "" : ", ") + id;
  const bool terminal = !options.script && !options.json && ::isatty(STDIN_FILENO) != 0;
  if (!terminal) {
    return core::fail(ExitCode::kUsage,
                      fmt::format("an exam of {} started {} was left unfinished", decks, when))
        .note(fmt::format("continue it: {}", resume_command(context, options)))
        .note("or give it up and start a new one: add --discard");
  }
  context.io.err << fmt::format(
      "An exam of {} started {} was left unfinished.\nContinue it (c), give it up for a new "
      "one (n), or stop (q)? [c] ",
      decks, when);
  context.io.err.flush();
  std::string reply;
  std::getline(context.io.in, reply);
  if (reply == "q" || reply == "Q" || !context.io.in) {
    context.io.err << "Nothing started.\n";
    return false;
  }
  if (reply == "n" || reply == "N") {
    discard();
  } else {
    options.resume = true;
  }
  return true;
}

// The session's options: the flags, else (for exams) the first deck that sets a default.
core::Expected<session::SessionOptions> session_options(session::Mode mode,
                                                        const StudyOptions& options,
                                                        const std::vector<deck::Deck>& decks,
                                                        store::Store& store, std::int64_t now) {
  session::SessionOptions out;
  out.mode = mode;
  out.filter.tags = options.tags;
  out.filter.card = options.card;
  out.repeat_wrong = options.repeat_wrong;
  out.max = options.max;
  out.ahead = options.ahead;
  out.by_tag = options.by_tag;
  out.schedule = !options.no_schedule;
  out.wrong_days = options.wrong_days;
  out.weakest = options.weakest;
  out.all = options.all;
  if (mode == session::Mode::kExam) {
    for (const auto& deck : decks) {
      if (!out.questions) out.questions = deck.exam.questions;
      if (!out.time_limit_ms && deck.exam.time_seconds) {
        out.time_limit_ms = static_cast<std::int64_t>(*deck.exam.time_seconds) * 1000;
      }
      if (!out.pass_percent) out.pass_percent = deck.exam.pass_percent;
    }
    if (options.questions) out.questions = options.questions;
    // Both were checked when the options were read.
    if (options.time) {
      out.time_limit_ms = static_cast<std::int64_t>(*deck::parse_duration(*options.time)) * 1000;
    }
    if (options.pass) out.pass_percent = deck::parse_percent(*options.pass);
    // One deck's blueprint shapes its exam, unless the learner chose the cards (--tag,
    // --card) or asked for another spread (--by-tag).
    if (decks.size() == 1 && options.tags.empty() && !options.card && !options.by_tag) {
      out.blueprint = decks.front().exam.blueprint;
    }
  }
  out.seed = options.seed ? *options.seed : std::random_device{}();
  // Each deck's rules and study day (its limits, --new overriding the deck's new-per-day).
  std::vector<std::string> deck_ids;
  for (const auto& deck : decks) deck_ids.push_back(deck.id);
  auto rules = session::study_settings_of(store, deck_ids);
  if (!rules) return rules.error();
  out.rules = std::move(*rules);
  if (mode == session::Mode::kExam && options.resume) {
    const auto unfinished = unfinished_exam(store, deck_ids);
    if (!unfinished) {
      return core::fail(ExitCode::kUsage, "no unfinished exam of these decks to resume");
    }
    out.resume = unfinished->id;
  }
  if (mode == session::Mode::kDrill) {
    if (options.exam_date) {
      for (auto& [deck_id, deck_rules] : out.rules) {
        deck_rules.exam_day = session::parse_date(*options.exam_date);
      }
    }
    for (const auto& deck : decks) {
      const auto& deck_rules = out.rules.at(deck.id);
      auto day = session::deck_day(store, deck.id, deck_rules, now, options.new_per_day);
      if (!options.new_per_day) session::pace_new_cards(store, deck, deck_rules, now, day);
      out.days.emplace(deck.id, day);
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> exam_date_problem(const std::string& text) {
  if (session::parse_date(text)) return std::nullopt;
  return fmt::format("--exam-date takes a date such as 2026-12-20, not '{}'", text);
}

void declare_study_flags(Declare& d, StudyOptions& o, bool deck_optional) {
  auto& path = d.positional("PATH", &o.paths,
                            deck_optional ? "deck files, or directories of decks (default: every "
                                            "deck the store has studied)"
                                          : "deck files, or directories of decks");
  if (!deck_optional) path.required();
  path.completes(Complete::kDeckFile);
  d.option("--tag", &o.tags, "TAG", "only cards with this tag (repeatable)");
  d.option("--card", &o.card, "ID", "only this card");
  d.option("--seed", &o.seed, "N", "seed for the order of cards and choices");
  d.flag("--repeat-wrong", &o.repeat_wrong,
         "ask missed cards again at the end until each is right once");
  d.flag("--json", &o.json, "scripted: print JSON Lines events");
  d.flag("--script", &o.script, "read answers from standard input even on a terminal");
  d.option("--color", &o.color, "WHEN", "colours: auto, always or never")
      .one_of({"auto", "always", "never"});
  d.flag("--no-images", &o.no_images, "name cards' images instead of drawing them in the terminal");
}

Needs study_needs(const StudyOptions& o) {
  Needs n;
  n.clock = true;
  n.decks = true;
  n.deck_paths = o.paths;
  // No deck named (drill, today): every deck the store has studied.
  n.decks_from_store = o.paths.empty();
  // A resumed exam is in a store that exists: none is made for it.
  // Nor is one made when no deck is named: there would be nothing in it to study.
  n.store = o.resume || o.paths.empty() ? StoreNeed::kWriteExisting : StoreNeed::kWrite;
  n.schedulers = true;
  n.select_card = o.card;
  n.select_tags = o.tags;
  return n;
}

namespace {

// A session that ended is queued for the class, when the store has one, and the queue is
// pushed; a server out of reach leaves it queued, with a one-line notice. Nothing here
// changes how the session ends (its exit code is the session's).
void push_to_class(Context& context, std::int64_t session_id, std::int64_t now) {
  store::Store& store = context.store();
  const auto url = class_address(store);
  if (!url || !queue_finished_session(store, session_id, now)) return;
  auto outcome = push_class_queue(store, *url, now);
  const auto waiting = [&] {
    int exams = 0;
    int drills = 0;
    for (const auto& entry : store.class_queue()) {
      (entry.mode == core::ReviewMode::kExam ? exams : drills) += 1;
    }
    return fmt::format("{} wait{} in the queue (quizdeck class push sends {})",
                       queue_count_text(exams, drills), exams + drills == 1 ? "s" : "",
                       exams + drills == 1 ? "it" : "them");
  };
  if (!outcome) {
    context.io.err << core::visible(fmt::format("quizdeck: warning: {}; {}",
                                                outcome.error().message(), waiting()),
                                    core::Lines::kShow)
                   << '\n';
  } else if (outcome->offline) {
    context.io.err << core::visible(fmt::format("quizdeck: {}; {}", *outcome->offline, waiting()),
                                    core::Lines::kShow)
                   << '\n';
  } else if (outcome->pushed > 0) {
    context.io.err << core::visible(
                          fmt::format("Pushed to the class at {}.", classroom::masked_url(*url)),
                          core::Lines::kShow)
                   << '\n';
  }
}

}  // namespace

core::Expected<ExitCode> run_study(Context& context, session::Mode mode,
                                   const StudyOptions& options) {
  // Read before the session takes the store: the terminal's sound player.
  auto rules = session::study_settings_for(context.store(), "");
  if (!rules) return rules.error();
  StudyOptions chosen = options;
  if (mode == session::Mode::kExam && !options.resume) {
    auto go_on = settle_unfinished(context, chosen);
    if (!go_on) return go_on.error();
    if (!*go_on) return ExitCode::kOk;
  }
  auto settings = session_options(mode, chosen, context.decks.decks, context.store(), context.now);
  if (!settings) return settings.error();
  session::Session session(std::move(context.decks.decks), context.store(),
                           std::move(context.schedulers), std::move(*settings), context.now);
  // The session clock: frozen at --now (advanced only by "@90s" times in a script), else
  // the real clock.
  session::SessionClock clock(context.now, context.frozen_clock, wall_clock_ms);
  const bool feedback = options.feedback || mode != session::Mode::kExam;
  if (!options.script && ::isatty(STDIN_FILENO) != 0) {
    TerminalFrontEnd terminal(context.io.out, options.color, feedback, options.ahead, clock,
                              !options.no_images, rules->audio_command);
    terminal.set_resume_command(resume_command(context, options));
    const ExitCode code = session::drive(session, terminal, clock);
    push_to_class(context, session.session_id(), clock.now());
    return code;
  }
  ScriptFrontEnd script(context.io, options.json, feedback, options.ahead, clock);
  script.set_resume_command(resume_command(context, options));
  const ExitCode code = session::drive(session, script, clock);
  push_to_class(context, session.session_id(), clock.now());
  return code;
}

}  // namespace quizdeck::cli
