// SPDX-License-Identifier: MIT
// `quizdeck optimize [DECK...] [--from-csv FILE] [--json] [--apply]`: FSRS-6 parameters fitted
// to the learner's own review history (the store's, or a review-log CSV) by fsrs-rs's
// pipeline (src/optimize/), compared with the current ones; `--evaluate` scores given
// parameters on the history instead.
#include <fstream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/files/revlog_csv.h"
#include "core/json_writer.h"
#include "core/time.h"
#include "optimize/evaluate.h"
#include "optimize/pretrain.h"
#include "optimize/train.h"
#include "schedule/settings.h"
#include "session/card_state.h"
#include "session/study_settings.h"

namespace quizdeck::cli {
namespace {

struct OptimizeOptions {
  std::vector<std::string> decks;
  std::optional<std::string> from_csv;
  std::optional<std::string> params;
  std::optional<std::string> short_term;
  std::optional<int> day_start;
  std::optional<std::uint64_t> seed;
  bool evaluate = false;
  bool apply = false;
  bool json = false;
};

void declare_optimize(Declare& d, OptimizeOptions& o) {
  d.positional("DECK", &o.decks,
               "decks whose reviews to use (ids or files; default: every deck); with "
               "--from-csv, where --apply stores the parameters")
      .completes(Complete::kDeckOrId);
  d.option("--from-csv", &o.from_csv, "FILE",
           "a review-log CSV (card_id,review_time,review_rating,review_state,...) instead of "
           "the store; - for standard input")
      .completes(Complete::kFile);
  d.flag("--evaluate", &o.evaluate,
         "only score parameters on the history (log loss, RMSE(bins)); no fit");
  d.option("--params", &o.params, "W",
           "with --evaluate: the parameters to score (comma-separated; default: the current "
           "ones)");
  d.option("--short-term", &o.short_term, "on|off",
           "fit same-day reviews (w17-w19) and the initial stabilities by gradient (default: "
           "the short-term setting)")
      .one_of({"on", "off"});
  d.option("--day-start", &o.day_start, "HOUR",
           "the local hour study days start at (default: each deck's day-start, 4)")
      .between(0, 23);
  d.option("--seed", &o.seed, "N", "the order training visits batches in (default 2023)");
  d.flag("--apply", &o.apply,
         "store the fitted parameters (for the named decks, else globally) when they predict "
         "the history better than the current ones");
  d.flag("--json", &o.json, "print one JSON object");
}

core::Expected<void> validate(const OptimizeOptions& o) {
  if (o.params && !o.evaluate) {
    return core::fail(ExitCode::kUsage, "--params goes with --evaluate")
        .note("to store parameters of your own: quizdeck config params W");
  }
  if (o.evaluate && o.apply) {
    return core::fail(ExitCode::kUsage, "--evaluate fits nothing for --apply to store");
  }
  if (o.evaluate && (o.seed || o.short_term)) {
    return core::fail(ExitCode::kUsage, "--seed and --short-term are for fitting, not --evaluate");
  }
  return {};
}

Needs needs(const OptimizeOptions& o) {
  Needs n;
  if (o.apply) {
    n.store = o.from_csv ? StoreNeed::kWrite : StoreNeed::kWriteExisting;
  } else {
    n.store = o.from_csv ? StoreNeed::kReadIfExists : StoreNeed::kRead;
  }
  return n;
}

// The history to learn from, and how it was gathered.
struct History {
  optimize::Conversion conversion;
  std::size_t log_entries = 0;  // before each card's last relearning start
};

// The log is read a line at a time: what is held is its reviews (at most kMaxLogReviews),
// whatever the size of the file.
core::Expected<History> history_from_csv(const OptimizeOptions& o) {
  auto log = read_revlog_csv_file(*o.from_csv, o.day_start.value_or(4));
  if (!log) return log.error();
  History history;
  history.log_entries = log->size();
  history.conversion = optimize::items_from_log(std::move(*log));
  return history;
}

// Scheduled reviews that were not set aside by a reset: what the schedule was built from.
core::Expected<History> history_from_store(Context& context, const std::vector<std::string>& ids,
                                           const OptimizeOptions& o) {
  std::vector<optimize::LogEntry> log;
  for (const auto& deck_id : ids) {
    int hour = 4;
    if (o.day_start) {
      hour = *o.day_start;
    } else if (auto rules = session::study_settings_for(context.store(), deck_id)) {
      hour = rules->day_start_hour;
    }
    store::ReviewFilter filter;
    filter.deck_id = deck_id;
    std::string last_card;
    for (const auto& r : context.store().reviews(filter)) {
      if (!r.scheduled || r.reset_ms) continue;
      optimize::LogEntry entry;
      entry.card = deck_id + '\x1f' + r.card_id;
      entry.time_ms = r.time_ms;
      entry.rating = static_cast<int>(r.rating);
      entry.state = 2;  // the first review of each card is marked new below
      entry.day = core::study_day(r.time_ms, hour);
      log.push_back(std::move(entry));
    }
  }
  // Each card's history starts with its first kept review (a reset's earlier ones are out).
  std::stable_sort(log.begin(), log.end(), [](const auto& a, const auto& b) {
    return std::tie(a.card, a.time_ms) < std::tie(b.card, b.time_ms);
  });
  for (std::size_t i = 0; i < log.size(); ++i) {
    if (i == 0 || log[i].card != log[i - 1].card) log[i].state = 0;
  }
  History history;
  history.log_entries = log.size();
  history.conversion = optimize::items_from_log(std::move(log));
  return history;
}

core::Expected<std::vector<std::string>> deck_ids(Context& context, const OptimizeOptions& o) {
  std::vector<std::string> ids;
  for (const auto& argument : o.decks) {
    auto id = context.resolve_deck(argument);
    if (!id) return id.error();
    if (std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(*id);
  }
  if (ids.empty() && !o.from_csv && context.has_store()) {
    for (const auto& deck : context.store().decks()) ids.push_back(deck.id);
  }
  return ids;
}

// "0.2120, 1.2931, ...": as `config params` takes them.
std::string params_text(const optimize::Params& w, int decimals) {
  std::string out;
  for (const double x : w) {
    out += (out.empty() ? "" : ",") + fmt::format("{:.{}f}", x, decimals);
  }
  return out;
}

void json_params(core::JsonWriter& json, const optimize::Params& w) {
  json.begin_array();
  for (const double x : w) json.value(std::round(x * 1e6) / 1e6);
  json.end_array();
}

void json_evaluation(core::JsonWriter& json, const optimize::Evaluation& e) {
  json.key("log_loss").value(e.log_loss);
  json.key("rmse_bins").value(e.rmse_bins);
}

void print_params(std::ostream& out, const optimize::Params& w) {
  for (std::size_t i = 0; i < w.size(); i += 7) {
    std::string line = "  ";
    for (std::size_t k = i; k < std::min(w.size(), i + 7); ++k) {
      line += fmt::format("{:>9.4f}", w[k]);
    }
    out << line << '\n';
  }
}

std::string history_line(const History& h) {
  return fmt::format(
      "{} reviews of {} cards: {} training items (reviews a day or more after "
      "the one before)",
      h.log_entries, h.conversion.cards, h.conversion.items.size());
}

// Opens the JSON object with what the history held.
void json_history(core::JsonWriter& json, const History& h) {
  json.begin_object();
  json.key("reviews").value(static_cast<std::int64_t>(h.log_entries));
  json.key("cards").value(static_cast<std::int64_t>(h.conversion.cards));
  json.key("items").value(static_cast<std::int64_t>(h.conversion.items.size()));
}

const char* kind_name(optimize::FitKind kind);

void json_fit_header(core::JsonWriter& json, const History& h, const optimize::Fit& fit) {
  json_history(json, h);
  json.key("train_items").value(static_cast<std::int64_t>(fit.train_items));
  json.key("fit").value(kind_name(fit.kind));
}

const char* kind_name(optimize::FitKind kind) {
  switch (kind) {
    case optimize::FitKind::kTooFew:
      return "too-few";
    case optimize::FitKind::kInitialOnly:
      return "initial-stability";
    case optimize::FitKind::kFull:
      return "full";
  }
  return "full";
}

// --evaluate: the log loss and RMSE of the current parameters, or of --params, on the
// history.
core::Expected<ExitCode> evaluate_only(Context& context, const OptimizeOptions& o,
                                       const History& history, const optimize::Params& current) {
  const auto& items = history.conversion.items;
  optimize::Params scored = current;
  if (o.params) {
    schedule::SettingsText text;
    text.params = *o.params;
    std::vector<double> given;
    if (auto checked = schedule::parameters_from_settings(text, &given); !checked) {
      return checked.error();
    }
    if (!optimize::fill_params(given, scored)) {
      return core::fail(ExitCode::kUsage, "--params takes 17, 19 or 21 numbers");
    }
    optimize::clip_params(scored, 1, false);
  }
  const auto scored_items = optimize::evaluation_items(items);
  if (scored_items.empty()) {
    context.io.err << history_line(history) << "\nToo little history to evaluate.\n";
    return ExitCode::kOk;
  }
  const auto e = optimize::evaluate(scored_items, scored);
  if (o.json) {
    core::JsonWriter json;
    json_history(json, history);
    json.key("params");
    json_params(json, scored);
    json_evaluation(json, e);
    json.end_object();
    context.io.out << json.str() << '\n';
  } else {
    context.io.out << history_line(history) << '\n'
                   << fmt::format("log loss {:.4f}, RMSE(bins) {:.2f}%\n", e.log_loss,
                                  100 * e.rmse_bins);
  }
  return ExitCode::kOk;
}

// Too little history to fit: the current parameters stay.
void report_too_few(Context& context, const OptimizeOptions& o, const History& history,
                    const optimize::Fit& fit) {
  if (o.json) {
    core::JsonWriter json;
    json_fit_header(json, history, fit);
    json.key("applied").value(false);
    json.end_object();
    context.io.out << json.str() << '\n';
  } else {
    context.io.out << history_line(history) << '\n';
    if (fit.train_items != history.conversion.items.size()) {
      context.io.out << fmt::format("{} of them remain after outlier filtering.\n",
                                    fit.train_items);
    }
    context.io.out << fmt::format(
        "Too little history to fit: the optimizer needs {} training items ({} for a full "
        "fit). The current parameters stay.\n",
        optimize::kMinItems, optimize::kMinFullItems);
  }
}

// A fit, scored against the current parameters, and whether it was stored.
struct Outcome {
  optimize::Fit fit;
  bool short_term = false;
  optimize::Evaluation fitted;
  optimize::Evaluation current;
  bool better = false;
  bool applied = false;
};

void json_outcome(Context& context, const History& history, const Outcome& outcome,
                  const optimize::Params& current) {
  core::JsonWriter json;
  json_fit_header(json, history, outcome.fit);
  json.key("short_term").value(outcome.short_term);
  json.key("params");
  json_params(json, outcome.fit.params);
  json_evaluation(json, outcome.fitted);
  json.key("current").begin_object();
  json.key("params");
  json_params(json, current);
  json_evaluation(json, outcome.current);
  json.end_object();
  json.key("better").value(outcome.better);
  json.key("applied").value(outcome.applied);
  json.end_object();
  context.io.out << json.str() << '\n';
}

void print_outcome(std::ostream& out, const OptimizeOptions& o, const std::vector<std::string>& ids,
                   const History& history, const Outcome& outcome) {
  out << history_line(history) << '\n';
  if (outcome.fit.train_items != history.conversion.items.size()) {
    out << fmt::format("{} of them remain after outlier filtering.\n", outcome.fit.train_items);
  }
  if (outcome.fit.kind == optimize::FitKind::kInitialOnly) {
    out << fmt::format(
        "Only the initial stabilities (w0-w3) were fitted: a full fit needs {} "
        "training items with reviews beyond the first.\n",
        optimize::kMinFullItems);
  }
  out << fmt::format("Fitted parameters (FSRS-6, short-term {}):\n",
                     outcome.short_term ? "on" : "off");
  print_params(out, outcome.fit.params);
  out << fmt::format("\n{:<12}{:>10}{:>13}\n", "", "log loss", "RMSE(bins)")
      << fmt::format("{:<12}{:>10.4f}{:>12.2f}%\n", "fitted", outcome.fitted.log_loss,
                     100 * outcome.fitted.rmse_bins)
      << fmt::format("{:<12}{:>10.4f}{:>12.2f}%\n\n", "current", outcome.current.log_loss,
                     100 * outcome.current.rmse_bins);
  const std::string where =
      o.decks.empty() ? std::string("globally") : fmt::format("for {}", fmt::join(ids, ", "));
  if (!outcome.better) {
    out << "The current parameters predict this history as well or better: they stay.\n";
  } else if (outcome.applied) {
    out << fmt::format(
        "Stored {} (quizdeck config params). Cards' memory states follow at "
        "their next review; quizdeck store rebuild recomputes them now.\n",
        where);
  } else {
    out << "The fitted parameters predict this history better. quizdeck optimize --apply "
           "stores them.\n";
  }
}

core::Expected<ExitCode> run_optimize(Context& context, const OptimizeOptions& o) {
  auto ids = deck_ids(context, o);
  if (!ids) return ids.error();
  auto history = o.from_csv ? history_from_csv(o) : history_from_store(context, *ids, o);
  if (!history) return history.error();
  const auto& items = history->conversion.items;

  // The current parameters: the one deck's, else the global ones (defaults without a store).
  schedule::Parameters current_settings;
  if (context.has_store()) {
    auto found =
        session::parameters_for_deck(context.store(), ids->size() == 1 ? ids->front() : "");
    if (!found) return found.error();
    current_settings = *found;
  }
  optimize::Params current{};
  std::copy(current_settings.w.begin(), current_settings.w.end(), current.begin());
  optimize::clip_params(current, 1, false);  // as fsrs-rs reads parameters to evaluate
  if (o.evaluate) return evaluate_only(context, o, *history, current);

  optimize::FitOptions options;
  options.short_term = o.short_term ? *o.short_term == "on" : current_settings.enable_short_term;
  options.relearning_steps = std::max<std::size_t>(1, current_settings.relearning_steps.size());
  if (o.seed) options.seed = *o.seed;
  Outcome outcome;
  outcome.fit = optimize::fit(items, options);
  outcome.short_term = options.short_term;
  if (outcome.fit.kind == optimize::FitKind::kTooFew) {
    report_too_few(context, o, *history, outcome.fit);
    return ExitCode::kOk;
  }

  const auto scored_items = optimize::evaluation_items(items);
  outcome.fitted = optimize::evaluate(scored_items, outcome.fit.params);
  outcome.current = optimize::evaluate(scored_items, current);
  outcome.better = outcome.fitted.log_loss < outcome.current.log_loss;
  if (o.apply && outcome.better) {
    const std::string value = params_text(outcome.fit.params, 6);
    std::vector<std::string> scopes = o.decks.empty() ? std::vector<std::string>{""} : *ids;
    for (const auto& scope : scopes) context.store().set_setting(scope, "params", value);
    outcome.applied = true;
  }
  if (o.json) {
    json_outcome(context, *history, outcome, current);
  } else {
    print_outcome(context.io.out, o, *ids, *history, outcome);
  }
  return ExitCode::kOk;
}

}  // namespace

Command optimize_command() {
  return make_command<OptimizeOptions>(
      "optimize", "fit FSRS parameters to your review history (or score given ones)",
      declare_optimize, needs, run_optimize, validate);
}

}  // namespace quizdeck::cli
