// SPDX-License-Identifier: MIT
// `quizdeck plan DECK [--exam-date DATE] [--minutes N] [--target P]`: readiness for the
// deck's exam: predicted recall on exam day per tag and per card, the expected score of the
// deck's exam with a 95% band, the daily workload until then, and whether the daily
// budget is enough (optimize/plan.h).
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/study_model.h"
#include "core/json_writer.h"
#include "core/time.h"
#include "core/visible.h"
#include "optimize/plan.h"

namespace quizdeck::cli {
namespace {

struct PlanOptions {
  std::vector<std::string> paths;
  std::optional<std::string> exam_date;
  std::optional<int> minutes;
  int target = 90;
  int cards = 10;
  std::optional<std::uint64_t> seed;
  bool json = false;
};

void declare(Declare& d, PlanOptions& o) {
  d.positional("DECK", &o.paths, "the deck (a file or a deck id)")
      .required()
      .completes(Complete::kDeckFile);
  d.option("--exam-date", &o.exam_date, "DATE",
           "the exam's date, YYYY-MM-DD (default: the deck's exam-date setting)")
      .check([](const std::string& text) -> std::optional<std::string> {
        if (session::parse_date(text)) return std::nullopt;
        return fmt::format("--exam-date takes a date such as 2026-12-20, not '{}'", text);
      });
  d.option("--minutes", &o.minutes, "N",
           "study minutes a day until the exam (default: the daily-minutes setting, 30)")
      .between(1, 1440);
  d.option("--target", &o.target, "PERCENT", "the score to aim for (default 90)").between(1, 100);
  d.option("--cards", &o.cards, "N", "weakest cards to list (default 10)").between(0, 100000);
  d.option("--seed", &o.seed, "N", "the simulation's random seed (default 1)");
  d.flag("--json", &o.json, "print one JSON object");
}

core::Expected<void> validate(const PlanOptions& o) {
  if (o.paths.size() != 1) {
    return core::fail(ExitCode::kUsage, "plan takes one deck (its exam is the deck's)");
  }
  return {};
}

Needs needs(const PlanOptions& o) {
  return study_model_needs(o.paths);
}

struct TagRecall {
  std::string tag;
  double recall = 0;
  std::size_t cards = 0;
};

std::vector<TagRecall> by_tag(const StudyModel& model, const std::vector<double>& recall) {
  std::map<std::string, TagRecall> tags;
  for (std::size_t i = 0; i < model.cards.size(); ++i) {
    for (const auto& tag : model.cards[i].tags) {
      TagRecall& t = tags[tag];
      t.tag = tag;
      t.recall += recall[i];
      t.cards += 1;
    }
  }
  std::vector<TagRecall> out;
  for (auto& [name, t] : tags) {
    t.recall /= static_cast<double>(t.cards);
    out.push_back(t);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.recall < b.recall; });
  return out;
}

std::vector<std::size_t> weakest(const std::vector<double>& recall, std::size_t count) {
  std::vector<std::size_t> order(recall.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return recall[a] < recall[b]; });
  order.resize(std::min(count, order.size()));
  return order;
}

std::string percent(double x) {
  return fmt::format("{:.0f}%", 100 * x);
}

// "At 30 min/day you reach 84% ± 4; 45 min/day for 90%."
std::string budget_line(int minutes, const optimize::Forecast& f, double target,
                        const std::optional<optimize::Advice>& advice) {
  std::string line =
      fmt::format("At {} min/day you reach {} ± {:.0f}", minutes, percent(f.score), 100 * f.band);
  if (f.score >= target) {
    if (advice && advice->minutes < minutes) {
      line += fmt::format(" (target {}); {} min/day would reach it too", percent(target),
                          advice->minutes);
    } else {
      line += fmt::format(" (target {})", percent(target));
    }
  } else if (advice) {
    line += fmt::format("; {} min/day for {}", advice->minutes, percent(target));
  } else {
    line += fmt::format("; even {} min/day falls short of {}", optimize::candidate_budgets().back(),
                        percent(target));
  }
  return line + ".";
}

core::Expected<ExitCode> run(Context& context, const PlanOptions& o) {
  if (context.decks.decks.size() != 1) {
    return core::fail(ExitCode::kUsage, "plan takes one deck (its exam is the deck's)");
  }
  const deck::Deck& deck = context.decks.decks.front();
  auto model = study_model(context);
  if (!model) return model.error();
  std::optional<std::int64_t> exam = model->rules.exam_day;
  if (o.exam_date) exam = session::parse_date(*o.exam_date);
  if (!exam) {
    return core::fail(ExitCode::kUsage, fmt::format("deck '{}' has no exam date", deck.id))
        .note(fmt::format("set one with: quizdeck config --deck {} exam-date YYYY-MM-DD, or "
                          "give --exam-date",
                          deck.id));
  }
  const std::int64_t days_left = *exam - model->today;
  if (days_left < 1) {
    return core::fail(ExitCode::kUsage,
                      fmt::format("the exam date {} is {}: plan looks ahead to an exam",
                                  core::format_day(*exam), days_left == 0 ? "today" : "past"));
  }
  if (days_left > 3650) {
    return core::fail(ExitCode::kUsage,
                      fmt::format("the exam date {} is {} days away: plan looks at most 10 years "
                                  "(3650 days) ahead",
                                  core::format_day(*exam), days_left));
  }
  const int minutes = o.minutes.value_or(model->rules.daily_minutes);
  optimize::ExamInput input;
  input.studied = model->studied;
  input.new_cards = model->new_cards;
  input.learner = model->learner;
  input.options.w = model->w;
  input.options.retention = model->retention;
  input.options.max_interval = model->max_interval;
  input.options.new_per_day = model->rules.new_per_day;
  if (model->rules.reviews_per_day) input.options.reviews_per_day = *model->rules.reviews_per_day;
  input.options.minutes_per_day = minutes;
  input.options.exam_day = static_cast<int>(days_left);
  input.options.seed = o.seed.value_or(1);
  for (const auto& card : model->cards) input.points.push_back(card.points);
  if (deck.exam.questions) input.questions = static_cast<std::size_t>(*deck.exam.questions);
  const optimize::Forecast f = optimize::forecast_exam(input);
  const double target = o.target / 100.0;
  const auto advice = optimize::budget_for(input, target);
  const auto tags = by_tag(*model, f.recall);
  const auto weak = weakest(f.recall, static_cast<std::size_t>(o.cards));
  const std::size_t drawn =
      input.questions == 0 ? model->cards.size() : std::min(input.questions, model->cards.size());

  if (o.json) {
    core::JsonWriter json;
    json.begin_object();
    json.key("deck").value(deck.id);
    json.key("exam_date").value(core::format_day(*exam));
    json.key("days_left").value(days_left);
    json.key("minutes_per_day").value(static_cast<std::int64_t>(minutes));
    json.key("cards").value(static_cast<std::int64_t>(model->cards.size()));
    json.key("studied").value(static_cast<std::int64_t>(model->studied.size()));
    json.key("questions").value(static_cast<std::int64_t>(drawn));
    json.key("score").value(std::round(f.score * 10000) / 10000);
    json.key("band").value(std::round(f.band * 10000) / 10000);
    json.key("target").value(target);
    json.key("advice");
    if (advice) {
      json.begin_object();
      json.key("minutes_per_day").value(static_cast<std::int64_t>(advice->minutes));
      json.key("score").value(std::round(advice->score * 10000) / 10000);
      json.end_object();
    } else {
      json.null();
    }
    json.key("tags").begin_array();
    for (const auto& t : tags) {
      json.begin_object();
      json.key("tag").value(t.tag);
      json.key("recall").value(std::round(t.recall * 10000) / 10000);
      json.key("cards").value(static_cast<std::int64_t>(t.cards));
      json.end_object();
    }
    json.end_array();
    json.key("weakest").begin_array();
    for (const std::size_t i : weak) {
      json.begin_object();
      json.key("card").value(model->cards[i].card_id);
      json.key("studied").value(model->cards[i].studied);
      json.key("recall").value(std::round(f.recall[i] * 10000) / 10000);
      json.end_object();
    }
    json.end_array();
    json.key("per_day").begin_array();
    for (std::size_t d = 0; d < f.days.size(); ++d) {
      json.begin_object();
      json.key("date").value(core::format_day(model->today + static_cast<std::int64_t>(d)));
      json.key("reviews").value(static_cast<std::int64_t>(f.days[d].reviews));
      json.key("new").value(static_cast<std::int64_t>(f.days[d].new_cards));
      json.key("minutes").value(std::round(f.days[d].minutes * 10) / 10);
      json.end_object();
    }
    json.end_array();
    json.end_object();
    context.io.out << json.str() << '\n';
    return ExitCode::kOk;
  }

  std::ostream& out = context.io.out;
  const auto shown = [](std::string_view text) { return core::visible(text, core::Lines::kShow); };
  out << fmt::format("Exam for {} on {}: {} day{} from today, {} min/day.\n", shown(deck.id),
                     core::format_day(*exam), days_left, days_left == 1 ? "" : "s", minutes)
      << fmt::format("{} cards ({} studied, {} new); an exam of {} question{}.\n\n",
                     model->cards.size(), model->studied.size(), model->new_cards, drawn,
                     drawn == 1 ? "" : "s")
      << fmt::format("Expected score: {} ± {:.0f} (95%).\n", percent(f.score), 100 * f.band)
      << budget_line(minutes, f, target, advice) << "\n";
  if (!tags.empty()) {
    out << "\nTags, weakest first (predicted recall on exam day):\n";
    for (const auto& t : tags) {
      out << fmt::format("  {:>4}  {} ({} card{})\n", percent(t.recall), shown(t.tag), t.cards,
                         t.cards == 1 ? "" : "s");
    }
  }
  if (!weak.empty()) {
    out << "\nWeakest cards:\n";
    for (const std::size_t i : weak) {
      out << fmt::format("  {:>4}  {}{}\n", percent(f.recall[i]), shown(model->cards[i].card_id),
                         model->cards[i].studied ? "" : " (new)");
    }
  }
  out << "\nDaily workload until the exam (averaged over the simulated runs):\n"
      << fmt::format("  {:<10}  {:>7}  {:>4}  {:>7}\n", "DATE", "REVIEWS", "NEW", "MINUTES");
  for (std::size_t d = 0; d < f.days.size(); ++d) {
    out << fmt::format("  {:<10}  {:>7}  {:>4}  {:>7.1f}\n",
                       core::format_day(model->today + static_cast<std::int64_t>(d)),
                       f.days[d].reviews, f.days[d].new_cards, f.days[d].minutes);
  }
  return ExitCode::kOk;
}

}  // namespace

Command plan_command() {
  return make_command<PlanOptions>(
      "plan", "readiness for the deck's exam date: predicted score, weak tags, daily workload",
      declare, needs, run, validate);
}

}  // namespace quizdeck::cli
