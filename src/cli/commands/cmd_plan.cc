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
#include "cli/commands/exam_forecast.h"
#include "cli/commands/study_model.h"
#include "cli/study/study.h"
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

void declare_plan(Declare& d, PlanOptions& o) {
  d.positional("DECK", &o.paths, "the deck (a file or a deck id)")
      .required()
      .completes(Complete::kDeckFile);
  d.option("--exam-date", &o.exam_date, "DATE",
           "the exam's date, YYYY-MM-DD (default: the deck's exam-date setting)")
      .check(exam_date_problem);
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

// Recall per tag, weakest first; the deck's own tags (every card has them) are left out.
std::vector<TagRecall> by_tag(const StudyModel& model, const std::vector<double>& recall,
                              const std::vector<std::string>& deck_tags) {
  std::map<std::string, TagRecall> tags;
  for (std::size_t i = 0; i < model.cards.size(); ++i) {
    for (const auto& tag : model.cards[i].tags) {
      if (std::find(deck_tags.begin(), deck_tags.end(), tag) != deck_tags.end()) continue;
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

// The 95% band as the scores it spans: "78-90%".
std::string band_text(const optimize::Forecast& f) {
  const auto [low, high] = band_of(f);
  return fmt::format("{:.0f}-{:.0f}%", 100 * low, 100 * high);
}

// "At 30 min/day you reach 84% (78-90%); 45 min/day for 90%."
std::string budget_line(int minutes, const optimize::Forecast& f, double target,
                        const std::optional<optimize::Advice>& advice) {
  std::string line =
      fmt::format("At {} min/day you reach {} ({})", minutes, percent(f.score), band_text(f));
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

// What plan works out for the deck's exam, to print or write as JSON.
struct Plan {
  Plan(const deck::Deck& deck_in, const StudyModel& model_in) : deck(deck_in), model(model_in) {}

  const deck::Deck& deck;
  const StudyModel& model;
  std::int64_t exam = 0;
  std::int64_t days_left = 0;
  int minutes = 0;
  std::size_t drawn = 0;  // questions the exam asks
  optimize::Forecast forecast;
  double target = 0;
  std::optional<optimize::Advice> advice;
  std::vector<TagRecall> tags;
  std::vector<std::size_t> weak;
};

// The exam day: --exam-date, else the deck's; one to 3650 days ahead.
// `deck_name` names the deck as `config --deck` will take it.
core::Expected<std::int64_t> exam_day(const deck::Deck& deck, const std::string& deck_name,
                                      const StudyModel& model, const PlanOptions& o) {
  std::optional<std::int64_t> exam = model.rules.exam_day;
  if (o.exam_date) exam = session::parse_date(*o.exam_date);
  if (!exam) {
    return core::fail(ExitCode::kUsage, fmt::format("deck '{}' has no exam date", deck.id))
        .note(fmt::format("set one with: quizdeck config --deck {} exam-date YYYY-MM-DD, or "
                          "give --exam-date",
                          deck_name));
  }
  const std::int64_t days_left = *exam - model.today;
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
  return *exam;
}

void write_json(std::ostream& out, const Plan& p) {
  core::JsonWriter json;
  json.begin_object();
  json.key("deck").value(p.deck.id);
  json.key("exam_date").value(core::format_day(p.exam));
  json.key("days_left").value(p.days_left);
  json.key("minutes_per_day").value(static_cast<std::int64_t>(p.minutes));
  json.key("cards").value(static_cast<std::int64_t>(p.model.cards.size()));
  json.key("studied").value(static_cast<std::int64_t>(p.model.studied.size()));
  json.key("questions").value(static_cast<std::int64_t>(p.drawn));
  json.key("score").value(std::round(p.forecast.score * 10000) / 10000);
  json.key("band").value(std::round(p.forecast.band * 10000) / 10000);
  json.key("low").value(std::round(band_of(p.forecast).first * 10000) / 10000);
  json.key("high").value(std::round(band_of(p.forecast).second * 10000) / 10000);
  json.key("blueprint").value(!p.deck.exam.blueprint.empty());
  json.key("target").value(p.target);
  json.key("advice");
  if (p.advice) {
    json.begin_object();
    json.key("minutes_per_day").value(static_cast<std::int64_t>(p.advice->minutes));
    json.key("score").value(std::round(p.advice->score * 10000) / 10000);
    json.end_object();
  } else {
    json.null();
  }
  json.key("tags").begin_array();
  for (const auto& t : p.tags) {
    json.begin_object();
    json.key("tag").value(t.tag);
    json.key("recall").value(std::round(t.recall * 10000) / 10000);
    json.key("cards").value(static_cast<std::int64_t>(t.cards));
    json.end_object();
  }
  json.end_array();
  json.key("weakest").begin_array();
  for (const std::size_t i : p.weak) {
    json.begin_object();
    json.key("card").value(p.model.cards[i].card_id);
    json.key("studied").value(p.model.cards[i].studied);
    json.key("recall").value(std::round(p.forecast.recall[i] * 10000) / 10000);
    json.end_object();
  }
  json.end_array();
  json.key("per_day").begin_array();
  for (std::size_t d = 0; d < p.forecast.days.size(); ++d) {
    json.begin_object();
    json.key("date").value(core::format_day(p.model.today + static_cast<std::int64_t>(d)));
    json.key("reviews").value(static_cast<std::int64_t>(p.forecast.days[d].reviews));
    json.key("new").value(static_cast<std::int64_t>(p.forecast.days[d].new_cards));
    json.key("minutes").value(std::round(p.forecast.days[d].minutes * 10) / 10);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  out << json.str() << '\n';
}

// ", by the deck's blueprint: 19 advocacy, 18 ethics", or nothing.
std::string blueprint_text(const deck::Deck& deck) {
  const deck::Blueprint& blueprint = deck.exam.blueprint;
  if (blueprint.empty() || !deck.exam.questions) return "";
  const std::vector<int> counts = deck::blueprint_counts(blueprint, *deck.exam.questions);
  std::string text = ", by the deck's blueprint:";
  for (std::size_t s = 0; s < counts.size(); ++s) {
    text += fmt::format("{} {} {}", s == 0 ? "" : ",", counts[s],
                        core::visible(blueprint.shares[s].tag));
  }
  return text;
}

// What the forecast rests on when there is no evidence yet: said, not hidden.
std::string assumptions_text(const StudyModel& model) {
  if (model.new_cards == 0) return "";
  return fmt::format(
      "{} of {} cards never answered: their recall on exam day is what FSRS predicts for a "
      "learner with no history (Anki's simulator defaults: first answers 24% Again, 49% "
      "Good), an assumption, not evidence; answer some cards and the plan uses your own.\n",
      model.new_cards, model.cards.size());
}

void print_plan(std::ostream& out, const Plan& p) {
  const auto shown = [](std::string_view text) { return core::visible(text, core::Lines::kShow); };
  out << fmt::format("Exam for {} on {}: {} day{} from today, {} min/day.\n", shown(p.deck.id),
                     core::format_day(p.exam), p.days_left, p.days_left == 1 ? "" : "s", p.minutes)
      << fmt::format("{} cards ({} studied, {} new); an exam of {} question{}{}.\n",
                     p.model.cards.size(), p.model.studied.size(), p.model.new_cards, p.drawn,
                     p.drawn == 1 ? "" : "s", blueprint_text(p.deck))
      << assumptions_text(p.model) << "\n"
      << fmt::format("Expected score: {} (95% band {}).\n", percent(p.forecast.score),
                     band_text(p.forecast))
      << budget_line(p.minutes, p.forecast, p.target, p.advice) << "\n";
  if (!p.tags.empty()) {
    out << "\nTags, weakest first (predicted recall on exam day):\n";
    for (const auto& t : p.tags) {
      out << fmt::format("  {:>4}  {} ({} card{})\n", percent(t.recall), shown(t.tag), t.cards,
                         t.cards == 1 ? "" : "s");
    }
  }
  if (!p.weak.empty()) {
    out << "\nWeakest cards:\n";
    for (const std::size_t i : p.weak) {
      out << fmt::format("  {:>4}  {}{}\n", percent(p.forecast.recall[i]),
                         shown(p.model.cards[i].card_id), p.model.cards[i].studied ? "" : " (new)");
    }
  }
  out << "\nDaily workload until the exam (averaged over the simulated runs):\n"
      << fmt::format("  {:<10}  {:>7}  {:>4}  {:>7}\n", "DATE", "REVIEWS", "NEW", "MINUTES");
  for (std::size_t d = 0; d < p.forecast.days.size(); ++d) {
    out << fmt::format("  {:<10}  {:>7}  {:>4}  {:>7.1f}\n",
                       core::format_day(p.model.today + static_cast<std::int64_t>(d)),
                       p.forecast.days[d].reviews, p.forecast.days[d].new_cards,
                       p.forecast.days[d].minutes);
  }
}

core::Expected<ExitCode> run_plan(Context& context, const PlanOptions& o) {
  if (context.decks.decks.size() != 1) {
    return core::fail(ExitCode::kUsage, "plan takes one deck (its exam is the deck's)");
  }
  const deck::Deck& deck = context.decks.decks.front();
  auto model = study_model(context);
  if (!model) return model.error();
  // Before any study the store does not know the deck's id yet: name its file.
  const bool known = !context.store_in_memory && context.store().deck(deck.id).has_value();
  const auto exam = exam_day(deck, known ? deck.id : deck.path, *model, o);
  if (!exam) return exam.error();
  Plan plan(deck, *model);
  plan.exam = *exam;
  plan.days_left = *exam - model->today;
  plan.minutes = o.minutes.value_or(model->rules.daily_minutes);
  const optimize::ExamInput input =
      exam_input(deck, *model, plan.minutes, plan.days_left, o.seed.value_or(1));
  plan.forecast = optimize::forecast_exam(input);
  plan.target = o.target / 100.0;
  plan.advice = optimize::budget_for(input, plan.target);
  if (const auto shaped = blueprint_score(deck, *model, plan.forecast.recall)) {
    plan.forecast.score = *shaped;
  }
  plan.tags = by_tag(*model, plan.forecast.recall, deck.tags);
  plan.weak = weakest(plan.forecast.recall, static_cast<std::size_t>(o.cards));
  plan.drawn =
      input.questions == 0 ? model->cards.size() : std::min(input.questions, model->cards.size());
  if (o.json) {
    write_json(context.io.out, plan);
  } else {
    print_plan(context.io.out, plan);
  }
  return ExitCode::kOk;
}

}  // namespace

Command plan_command() {
  return make_command<PlanOptions>(
      "plan", "readiness for the deck's exam date: predicted score, weak tags, daily workload",
      declare_plan, needs, run_plan, validate);
}

}  // namespace quizdeck::cli
