// SPDX-License-Identifier: MIT
// `quizdeck simulate [DECK...] [--days N] [--retention R | --retention-range A:B]`: future
// study simulated with the learner's parameters, deck size, rating frequencies and answer
// times (optimize/simulate.h); a table of the days, then workload and knowledge against
// desired retention with the retention that costs least per memorized card. With an exam
// date (the deck's, or --exam-date), study aims at that day, and the sweep also names the
// cheapest retention expected to reach --target recall on it.
#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/progress_data.h"
#include "cli/commands/study_model.h"
#include "cli/study/study.h"
#include "core/json_writer.h"
#include "core/number.h"
#include "core/time.h"
#include "session/study_settings.h"
#include "term/charts.h"

namespace quizdeck::cli {
namespace {

struct SimulateOptions {
  std::vector<std::string> paths;
  std::optional<int> days;
  std::optional<std::string> retention;
  std::string range = "0.70:0.97";
  std::optional<int> new_per_day;
  std::optional<std::uint64_t> seed;
  std::optional<std::string> exam_date;
  int target = 90;
  bool json = false;
};

// The exam the simulation aims at.
struct ExamAim {
  std::int64_t date = 0;  // days since 1970-01-01
  int days = 0;           // from today, 1 to 3650
};

std::optional<double> retention_value(std::string_view text) {
  double value = 0;
  const auto [end, error] = core::parse_double(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (!(value >= 0.5 && value <= 0.99)) return std::nullopt;
  return value;
}

std::optional<std::pair<double, double>> range_value(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto low = retention_value(text.substr(0, colon));
  const auto high = retention_value(text.substr(colon + 1));
  if (!low || !high || *low > *high) return std::nullopt;
  return std::pair{*low, *high};
}

void declare_simulate(Declare& d, SimulateOptions& o) {
  d.positional("DECK", &o.paths, "decks or deck ids (default: every deck the store has seen)")
      .completes(Complete::kDeckFile);
  d.option("--days", &o.days, "N", "days to simulate (default 365, or to the exam date)")
      .between(1, 3650);
  d.option("--retention", &o.retention, "R",
           "the desired retention for the day table, 0.5 to 0.99 (default: the setting)")
      .check([](const std::string& text) -> std::optional<std::string> {
        if (retention_value(text)) return std::nullopt;
        return fmt::format("--retention takes a number from 0.5 to 0.99, not '{}'", text);
      });
  d.option("--retention-range", &o.range, "A:B",
           "the desired retentions compared, in steps of 0.01 (default 0.70:0.97)")
      .check([](const std::string& text) -> std::optional<std::string> {
        if (range_value(text)) return std::nullopt;
        return fmt::format("--retention-range takes LOW:HIGH between 0.5 and 0.99, not '{}'", text);
      });
  d.option("--new", &o.new_per_day, "N", "new cards a day (default: the new-per-day setting)")
      .between(0, 9999);
  d.option("--seed", &o.seed, "N", "the simulation's random seed (default 1)");
  d.option("--exam-date", &o.exam_date, "DATE",
           "aim at an exam on this date, YYYY-MM-DD (default: the deck's exam-date setting)")
      .check(exam_date_problem);
  d.option("--target", &o.target, "PERCENT",
           "with an exam date: the exam-day recall to reach (default 90)")
      .between(1, 100);
  d.flag("--json", &o.json, "print one JSON object");
}

Needs needs(const SimulateOptions& o) {
  return study_model_needs(o.paths);
}

std::string learner_line(const StudyModel& model) {
  if (model.measured_reviews == 0) {
    return "Rating frequencies and answer times: Anki's defaults (no reviews yet).";
  }
  return fmt::format(
      "Rating frequencies and answer times: measured from {} reviews (Anki's "
      "defaults where there are under 20 of a kind).",
      model.measured_reviews);
}

void write_json(const StudyModel& model, const optimize::SimulationOptions& options,
                const optimize::Simulation& sim, const std::vector<optimize::RetentionPoint>& sweep,
                const std::optional<ExamAim>& exam, double target, std::ostream& out) {
  core::JsonWriter json;
  json.begin_object();
  json.key("days").value(static_cast<std::int64_t>(options.days));
  json.key("retention").value(options.retention);
  json.key("seed").value(static_cast<std::int64_t>(options.seed));
  json.key("cards").value(static_cast<std::int64_t>(model.cards.size()));
  json.key("studied").value(static_cast<std::int64_t>(model.studied.size()));
  json.key("new").value(static_cast<std::int64_t>(model.new_cards));
  json.key("new_per_day").value(static_cast<std::int64_t>(options.new_per_day));
  json.key("measured_reviews").value(static_cast<std::int64_t>(model.measured_reviews));
  if (exam) {
    json.key("exam_date").value(core::format_day(exam->date));
    json.key("exam_days").value(static_cast<std::int64_t>(exam->days));
    json.key("target").value(target);
  }
  json.key("per_day").begin_array();
  for (std::size_t d = 0; d < sim.days.size(); ++d) {
    const auto& f = sim.days[d];
    json.begin_object();
    json.key("day").value(static_cast<std::int64_t>(d + 1));
    json.key("reviews").value(static_cast<std::int64_t>(f.reviews));
    json.key("new").value(static_cast<std::int64_t>(f.new_cards));
    json.key("minutes").value(std::round(f.minutes * 100) / 100);
    json.key("memorized").value(std::round(f.memorized * 100) / 100);
    json.end_object();
  }
  json.end_array();
  json.key("retentions").begin_array();
  for (const auto& p : sweep) {
    json.begin_object();
    json.key("retention").value(p.retention);
    json.key("minutes_per_day").value(std::round(p.minutes_per_day * 100) / 100);
    json.key("memorized").value(std::round(p.memorized * 100) / 100);
    json.key("minutes_per_card").value(std::round(p.minutes_per_card * 10000) / 10000);
    if (exam) json.key("exam_recall").value(std::round(p.exam_recall * 10000) / 10000);
    json.end_object();
  }
  json.end_array();
  json.key("optimal_retention").value(optimize::optimal_retention(sweep).retention);
  if (exam) {
    json.key("exam_retention");
    const auto* p = optimize::cheapest_reaching(sweep, target);
    if (p != nullptr) {
      json.value(p->retention);
    } else {
      json.null();
    }
  }
  json.end_object();
  out << json.str() << '\n';
}

void write_days(const optimize::Simulation& sim, std::ostream& out) {
  // Every day for a month or less; else a row per week (sums, memorized at its end).
  const std::size_t step = sim.days.size() <= 31 ? 1 : 7;
  out << fmt::format("{:>9}  {:>7}  {:>5}  {:>8}  {:>9}\n", step == 1 ? "DAY" : "DAYS", "REVIEWS",
                     "NEW", "MINUTES", "MEMORIZED");
  for (std::size_t begin = 0; begin < sim.days.size(); begin += step) {
    const std::size_t end = std::min(sim.days.size(), begin + step);
    int reviews = 0;
    int fresh = 0;
    double minutes = 0;
    for (std::size_t d = begin; d < end; ++d) {
      reviews += sim.days[d].reviews;
      fresh += sim.days[d].new_cards;
      minutes += sim.days[d].minutes;
    }
    const std::string label =
        step == 1 ? std::to_string(begin + 1) : fmt::format("{}-{}", begin + 1, end);
    out << fmt::format("{:>9}  {:>7}  {:>5}  {:>8.1f}  {:>9.1f}\n", label, reviews, fresh, minutes,
                       sim.days[end - 1].memorized);
  }
}

void write_sweep(const std::vector<optimize::RetentionPoint>& sweep, const term::ChartStyle& style,
                 const std::optional<ExamAim>& exam, std::ostream& out) {
  double most_minutes = 0;
  double most_memorized = 0;
  for (const auto& p : sweep) {
    most_minutes = std::max(most_minutes, p.minutes_per_day);
    most_memorized = std::max(most_memorized, p.memorized);
  }
  const auto& best = optimize::optimal_retention(sweep);
  out << fmt::format("\n{:<9}  {:<28}  {:<28}  {:>8}{}\n", "RETENTION", "MINUTES A DAY",
                     "MEMORIZED", "MIN/CARD", exam ? "  EXAM DAY" : "");
  for (const auto& p : sweep) {
    const double m = most_minutes > 0 ? p.minutes_per_day / most_minutes : 0;
    const double k = most_memorized > 0 ? p.memorized / most_memorized : 0;
    const std::string recall =
        exam ? fmt::format("  {:>7.0f}%", std::floor(p.exam_recall * 100)) : std::string();
    out << fmt::format("{:<9.2f}  {} {:>7.1f}  {} {:>7.0f}  {:>8.3f}{}{}\n", p.retention,
                       term::meter(m, 20, style), p.minutes_per_day, term::meter(k, 20, style),
                       p.memorized, p.minutes_per_card, recall, &p == &best ? "  <- optimal" : "");
  }
  out << fmt::format(
      "\nOptimal retention: {:.2f} (the least study time per memorized card: {:.2f} min){}.\n",
      best.retention, best.minutes_per_card,
      &best == &sweep.front() || &best == &sweep.back()
          ? "; at the edge of the range compared: a wider --retention-range may find less"
          : "");
}

// With an exam: the cheapest retention that is expected to reach the target on the day.
void write_exam_line(const std::vector<optimize::RetentionPoint>& sweep, const ExamAim& exam,
                     double target, std::ostream& out) {
  const std::string date = core::format_day(exam.date);
  if (const auto* p = optimize::cheapest_reaching(sweep, target)) {
    out << fmt::format(
        "For the exam on {}: retention {:.2f} is the cheapest expected to reach {:.0f}% recall "
        "on the day ({:.1f} min a day).\n",
        date, p->retention, target * 100, p->minutes_per_day);
    return;
  }
  const auto most = std::max_element(sweep.begin(), sweep.end(), [](const auto& a, const auto& b) {
    return a.exam_recall < b.exam_recall;
  });
  out << fmt::format(
      "For the exam on {}: no retention compared is expected to reach {:.0f}% recall on the day; "
      "the most is {:.0f}% at {:.2f} ({:.1f} min a day). More days or new cards a day, or a "
      "lower --target.\n",
      date, target * 100, std::floor(most->exam_recall * 100), most->retention,
      most->minutes_per_day);
}

// --exam-date, else the deck's exam date when it is still ahead.
core::Expected<std::optional<ExamAim>> exam_aim(const StudyModel& model, const SimulateOptions& o) {
  std::optional<std::int64_t> date = model.rules.exam_day;
  if (o.exam_date) date = session::parse_date(*o.exam_date);
  if (!date) return std::optional<ExamAim>();
  const std::int64_t days = *date - model.today;
  if (days >= 1 && days <= 3650)
    return std::optional<ExamAim>(ExamAim{*date, static_cast<int>(days)});
  if (!o.exam_date) return std::optional<ExamAim>();  // the deck's exam has passed
  return core::fail(ExitCode::kUsage,
                    fmt::format("--exam-date {} is {}: simulate aims at an exam 1 to 3650 days "
                                "ahead",
                                core::format_day(*date),
                                days == 0  ? "today"
                                : days < 0 ? "past"
                                           : "too far ahead"));
}

core::Expected<ExitCode> run_simulate(Context& context, const SimulateOptions& o) {
  auto model = study_model(context);
  if (!model) return model.error();
  optimize::SimulationOptions options;
  options.w = model->w;
  options.retention = o.retention ? *retention_value(*o.retention) : model->retention;
  const auto exam = exam_aim(*model, o);
  if (!exam) return exam.error();
  options.days = o.days.value_or(*exam ? (*exam)->days : 365);
  if (*exam) options.exam_day = (*exam)->days;
  const double target = o.target / 100.0;
  options.new_per_day = o.new_per_day.value_or(model->rules.new_per_day);
  if (model->rules.reviews_per_day) options.reviews_per_day = *model->rules.reviews_per_day;
  options.max_interval = model->max_interval;
  options.seed = o.seed.value_or(1);
  const auto sim = optimize::simulate(model->studied, model->new_cards, model->learner, options);
  const auto [low, high] = *range_value(o.range);
  // Several runs per retention smooth the comparison; fewer for large decks and long spans.
  const double work = static_cast<double>(model->cards.size() + 1) * options.days;
  const int runs = static_cast<int>(std::clamp(4e6 / work, 1.0, 8.0));
  const auto sweep = optimize::retention_sweep(model->studied, model->new_cards, model->learner,
                                               options, low, high, runs);
  if (o.json) {
    write_json(*model, options, sim, sweep, *exam, target, context.io.out);
    return ExitCode::kOk;
  }
  std::ostream& out = context.io.out;
  out << fmt::format(
             "Simulating {} days of {} cards ({} studied, {} new) at retention {:.2f}, "
             "{} new a day, seed {}{}.\n",
             options.days, model->cards.size(), model->studied.size(), model->new_cards,
             options.retention, options.new_per_day, options.seed,
             *exam ? fmt::format(", towards the exam on {} ({} days)",
                                 core::format_day((*exam)->date), (*exam)->days)
                   : std::string())
      << learner_line(*model) << "\n\n";
  write_days(sim, out);
  out << fmt::format("\nIn all: {} reviews, {} new cards, {:.0f} minutes ({:.1f} a day).\n",
                     sim.reviews, sim.new_cards, sim.minutes,
                     sim.minutes / static_cast<double>(options.days));
  term::ChartStyle style;
  style.utf8 = utf8_locale();
  write_sweep(sweep, style, *exam, out);
  if (*exam) write_exam_line(sweep, **exam, target, out);
  return ExitCode::kOk;
}

}  // namespace

Command simulate_command() {
  return make_command<SimulateOptions>(
      "simulate", "simulate future study: workload and knowledge against desired retention",
      declare_simulate, needs, run_simulate);
}

}  // namespace quizdeck::cli
