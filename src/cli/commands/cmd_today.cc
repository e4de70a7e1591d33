// SPDX-License-Identifier: MIT
// `quizdeck today`: one command a day. Every deck the store has studied with what is due
// today, the days to each deck's exam and whether the learner is on track for its pass mark
// (plan's expected score), then the drill over all of them.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/exam_forecast.h"
#include "cli/commands/progress_data.h"
#include "cli/commands/study_model.h"
#include "cli/study/study.h"
#include "core/time.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

struct TodayOptions {
  StudyOptions study;
  bool list = false;
};

void declare_today(Declare& d, TodayOptions& o) {
  d.flag("--list", &o.list, "only say what is due and how each exam stands; no drill");
  d.option("--new", &o.study.new_per_day, "N", "new cards per deck per day (default: the setting)")
      .at_least(0);
  d.option("--seed", &o.study.seed, "N", "seed for the order of cards and choices");
  d.flag("--json", &o.study.json, "scripted: print JSON Lines events (the drill's)");
  d.flag("--script", &o.study.script, "read answers from standard input even on a terminal");
  d.option("--color", &o.study.color, "WHEN", "colours: auto, always or never")
      .one_of({"auto", "always", "never"});
}

Needs needs(const TodayOptions& o) {
  Needs n = study_needs(o.study);  // no deck named: every deck the store has studied
  if (o.list) n.store = StoreNeed::kRead;
  return n;
}

// "exam 2027-01-20 in 44 days: on track (expected 84%, 95% band 78-90%; pass mark 70%)".
core::Expected<std::string> exam_line(Context& context, const deck::Deck& deck) {
  auto model = study_model(context, std::span<const deck::Deck>(&deck, 1));
  if (!model) return model.error();
  if (!model->rules.exam_day) return std::string();
  const std::int64_t days = *model->rules.exam_day - model->today;
  if (days < 0) return std::string();
  std::string line = fmt::format("exam {} {}", core::format_day(*model->rules.exam_day),
                                 days == 0   ? std::string("today")
                                 : days == 1 ? std::string("tomorrow")
                                             : fmt::format("in {} days", days));
  if (days == 0) return line;
  const optimize::Forecast f =
      forecast_deck_exam(deck, *model, model->rules.daily_minutes, days, 1);
  const auto [low, high] = band_of(f);
  const std::string expected = fmt::format("expected {:.0f}%, 95% band {:.0f}-{:.0f}%",
                                           100 * f.score, 100 * low, 100 * high);
  if (!deck.exam.pass_percent) return fmt::format("{} ({}; no pass mark)", line, expected);
  const double pass = *deck.exam.pass_percent / 100;
  const char* verdict = low >= pass       ? "on track"
                        : f.score >= pass ? "on track, not safely"
                                          : "behind";
  return fmt::format("{}: {} ({}; pass mark {:.0f}%)", line, verdict, expected,
                     *deck.exam.pass_percent);
}

core::Expected<ExitCode> run_today(Context& context, const TodayOptions& o) {
  const auto loaded = load_progress(context, o.study.new_per_day);
  if (!loaded) return loaded.error();
  const stats::Progress& data = *loaded;
  // On standard error when the drill follows (its output is the session's, a script's
  // protocol included); on standard output with --list.
  std::ostream& out = o.list ? context.io.out : context.io.err;
  int due = 0;
  int fresh = 0;
  for (std::size_t d = 0; d < context.decks.decks.size(); ++d) {
    const auto& deck = context.decks.decks[d];
    const stats::DeckDue& today = data.stats.decks[d];
    due += today.due;
    fresh += today.new_today;
    auto exam = exam_line(context, deck);
    if (!exam) return exam.error();
    out << core::visible(fmt::format("{}: {} due, {} new{}{}", deck.id, today.due, today.new_today,
                                     exam->empty() ? "" : "; ", *exam))
        << '\n';
  }
  if (due == 0 && fresh == 0) {
    out << "Nothing to study today.\n";
    return ExitCode::kNothingDue;
  }
  if (o.list) return ExitCode::kOk;
  out << fmt::format("Today: {} due and {} new across {} deck{}.\n", due, fresh,
                     context.decks.decks.size(), context.decks.decks.size() == 1 ? "" : "s");
  return run_study(context, session::Mode::kDrill, o.study);
}

}  // namespace

Command today_command() {
  return make_command<TodayOptions>(
      "today", "one command a day: what is due in every deck, how each exam stands, then the drill",
      declare_today, needs, run_today);
}

}  // namespace quizdeck::cli
