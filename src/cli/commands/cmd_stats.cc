// SPDX-License-Identifier: MIT
// `quizdeck stats [PATH...]`: progress in the terminal (or JSON): cards by state, what is
// due, a forecast, retention, recall, streak, a calendar of reviews, tags, exams.
#include <unistd.h>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/progress_data.h"
#include "cli/commands/sync_run.h"
#include "core/json_writer.h"
#include "core/time.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "term/charts.h"
#include "term/terminal.h"

namespace quizdeck::cli {
namespace {

struct StatsOptions {
  std::vector<std::string> paths;
  int days = 365;
  bool json = false;
  std::string color = "auto";
  std::optional<int> width;
};

std::string percent(std::optional<double> fraction) {
  return fraction ? fmt::format("{:.1f}%", 100 * *fraction) : std::string("-");
}

std::string duration(std::int64_t ms) {
  const std::int64_t minutes = ms / 60'000;
  if (minutes < 60) return fmt::format("{}m", minutes);
  return fmt::format("{}h {}m", minutes / 60, minutes % 60);
}

// The devices this store knows from `quizdeck sync` (none before the first sync).
struct Devices {
  std::vector<store::DeviceRecord> known;
  std::string self;
};

void write_json(const stats::Progress& data, const std::vector<std::string>& deck_ids,
                const Devices& devices, Streams& io) {
  const stats::Stats& s = data.stats;
  core::JsonWriter json;
  json.begin_object();
  json.key("now").value(core::format_iso8601(data.input.now));
  json.key("decks").begin_array();
  for (const auto& id : deck_ids) json.value(id);
  json.end_array();
  json.key("cards").begin_object();
  json.key("new").value(s.new_cards);
  json.key("learning").value(s.learning);
  json.key("review").value(s.review);
  json.key("relearning").value(s.relearning);
  json.key("orphaned").value(s.orphaned);
  json.end_object();
  json.key("marks").begin_object();
  json.key("suspended").value(s.suspended);
  json.key("buried").value(s.buried);
  json.key("flagged").value(s.flagged);
  json.key("leeches").value(s.leeches);
  json.end_object();
  json.key("due_today").value(s.due_today);
  json.key("new_today").value(s.new_today);
  json.key("overdue").value(s.overdue);
  // Per deck, what a drill of it would ask now (the numbers status prints).
  json.key("today").begin_array();
  for (std::size_t d = 0; d < deck_ids.size() && d < s.decks.size(); ++d) {
    json.begin_object();
    json.key("deck").value(deck_ids[d]);
    json.key("due").value(s.decks[d].due);
    json.key("new").value(s.decks[d].new_today);
    json.key("desired_retention").value(data.retention[d]);
    json.end_object();
  }
  json.end_array();
  json.key("due_next_7_days").value(s.due_next_week);
  json.key("forecast").begin_array();
  for (const int count : s.forecast) json.value(count);
  json.end_array();
  json.key("reviews_by_day").begin_array();
  for (const auto& [day, count] : s.heatmap) {
    json.begin_array().value(core::format_day(day)).value(count).end_array();
  }
  json.end_array();
  json.key("retention_7_days").value(s.retention_7);
  json.key("recalls_7_days").value(s.recalls_7);
  json.key("retention_30_days").value(s.retention_30);
  json.key("recalls_30_days").value(s.recalls_30);
  json.key("desired_retention").value(s.desired_retention);
  json.key("average_recall").value(s.average_recall);
  json.key("tags").begin_array();
  for (const auto& tag : s.tags) {
    json.begin_object();
    json.key("tag").value(tag.tag);
    json.key("right").value(tag.right);
    json.key("total").value(tag.total);
    json.end_object();
  }
  json.end_array();
  json.key("streak_days").value(s.streak);
  json.key("streak_rest_days").value(s.streak_rest);
  json.key("reviews").value(s.reviews_year);
  json.key("reviews_today").value(s.reviews_today);
  json.key("time_ms").value(s.time_year_ms);
  json.key("time_today_ms").value(s.time_today_ms);
  json.key("exams").begin_array();
  for (const auto& exam : s.exams) {
    json.begin_object();
    json.key("started").value(core::format_iso8601(exam.when_ms));
    json.key("percent").value(exam.percent);
    json.key("pass_mark").value(exam.pass_mark);
    json.key("passed").value(exam.passed);
    json.key("predicted");
    if (exam.predicted_percent) {
      json.value(std::round(*exam.predicted_percent * 10) / 10);
    } else {
      json.null();
    }
    json.end_object();
  }
  json.end_array();
  const stats::Calibration c = stats::calibration(s.exams);
  json.key("calibration").begin_object();
  json.key("exams").value(static_cast<std::int64_t>(c.exams));
  json.key("mean_error").value(std::round(c.mean_error * 10) / 10);
  json.key("mean_abs_error").value(std::round(c.mean_abs_error * 10) / 10);
  json.end_object();
  json.key("sync").begin_array();
  for (const auto& device : devices.known) {
    json.begin_object();
    json.key("device").value(device.device);
    json.key("this_device").value(device.device == devices.self);
    json.key("last_synced");
    if (device.synced_ms) {
      json.value(core::format_iso8601(*device.synced_ms));
    } else {
      json.null();
    }
    json.key("retired");
    if (device.retired_ms) {
      json.value(core::format_iso8601(*device.retired_ms));
    } else {
      json.null();
    }
    json.end_object();
  }
  json.end_array();
  json.end_object();
  io.out << json.str() << '\n';
}

void write_text(const stats::Progress& data, const std::vector<std::string>& deck_ids,
                const Devices& devices, const StatsOptions& options, Streams& io) {
  const stats::Stats& s = data.stats;
  const int width = std::max(40, options.width.value_or(term::terminal_width()));
  const term::ChartStyle chart{utf8_locale(), term::use_color(options.color, STDOUT_FILENO)};
  const auto heading = [&](const std::string& text) {
    return chart.color ? "\x1b[1m" + text + "\x1b[0m" : text;
  };
  const std::string dot = chart.utf8 ? " \u00b7 " : ", ";
  std::string decks;
  for (const auto& id : deck_ids) decks += (decks.empty() ? "" : ", ") + id;
  io.out << heading(fmt::format("Progress of {}", decks)) << " at "
         << core::format_local_time(data.input.now) << "\n\n";
  io.out << fmt::format(
      "Cards      {} new{}{} learning{}{} review{}{} relearning{}\n", s.new_cards, dot, s.learning,
      dot, s.review, dot, s.relearning,
      s.orphaned > 0 ? fmt::format("{}{} orphaned (see quizdeck check --store)", dot, s.orphaned)
                     : std::string());
  if (s.suspended + s.buried + s.flagged + s.leeches > 0) {
    io.out << fmt::format("Marked     {} suspended{}{} buried{}{} flagged{}{} {}\n", s.suspended,
                          dot, s.buried, dot, s.flagged, dot, s.leeches,
                          s.leeches == 1 ? "leech" : "leeches");
  }
  io.out << fmt::format("Due        {} today ({} overdue){}{} new today{}{} in the next 7 days\n",
                        s.due_today, s.overdue, dot, s.new_today, dot, s.due_next_week);
  // Each deck's own desired retention when the decks do not share one.
  std::string desired = percent(s.desired_retention);
  if (std::any_of(data.retention.begin(), data.retention.end(),
                  [&](double r) { return r != data.retention.front(); })) {
    desired.clear();
    for (std::size_t d = 0; d < deck_ids.size() && d < data.retention.size(); ++d) {
      desired +=
          fmt::format("{}{} {}", desired.empty() ? "" : ", ",
                      core::visible(deck_ids[d], core::Lines::kShow), percent(data.retention[d]));
    }
  }
  io.out << fmt::format("Retention  {} in 7 days ({} reviews){}{} in 30 days ({}){}desired {}\n",
                        percent(s.retention_7), s.recalls_7, dot, percent(s.retention_30),
                        s.recalls_30, dot, desired);
  io.out << fmt::format("Recall     {} on average now\n", percent(s.average_recall));
  const std::string rest =
      s.streak_rest > 0 ? fmt::format(" (and {} with nothing due)", s.streak_rest) : "";
  io.out << fmt::format(
      "Streak     {} {}{}{}{} reviews, {} in the last year{}{} reviews, {} today\n", s.streak,
      s.streak == 1 ? "day" : "days", rest, dot, s.reviews_year, duration(s.time_year_ms), dot,
      s.reviews_today, duration(s.time_today_ms));

  const bool wide = width >= 6 + 60;
  io.out << '\n' << heading("Due in the next 30 days") << '\n';
  for (const auto& line : term::bar_chart(s.forecast, 6, wide, chart)) io.out << line << '\n';
  const std::size_t axis =
      std::to_string(std::max(1, *std::max_element(s.forecast.begin(), s.forecast.end()))).size() +
      2;
  const std::size_t span = wide ? 60 : 30;
  io.out << std::string(axis, ' ') << core::pad_to_width("today", span - 4) << "+29d\n";

  const int weeks = std::max(1, std::min({53, (options.days + 6) / 7, width - 5}));
  io.out << '\n' << heading(fmt::format("Reviews by day, the last {} weeks", weeks)) << '\n';
  for (const auto& line :
       term::heatmap(s.heatmap, data.input.day_of(data.input.now), weeks, chart)) {
    io.out << line << '\n';
  }

  if (!s.tags.empty()) {
    io.out << '\n' << heading("Accuracy by tag, weakest first") << '\n';
    std::size_t tag_width = 3;
    const auto shown = [](std::string_view tag) { return core::visible(tag, core::Lines::kShow); };
    for (const auto& tag : s.tags) {
      tag_width = std::max(tag_width, core::display_width(shown(tag.tag)));
    }
    tag_width = std::min<std::size_t>(tag_width, static_cast<std::size_t>(width / 3));
    for (const auto& tag : s.tags) {
      const double fraction = tag.total > 0 ? static_cast<double>(tag.right) / tag.total : 0;
      io.out << fmt::format("  {}  {:>6}  {}  {} of {}\n",
                            core::pad_to_width(shown(tag.tag), tag_width), percent(fraction),
                            term::meter(fraction, 10, chart), tag.right, tag.total);
    }
  }
  if (!s.exams.empty()) {
    io.out << '\n' << heading("Exams") << '\n';
    std::vector<double> trend;
    for (const auto& exam : s.exams) {
      trend.push_back(exam.percent);
      io.out << fmt::format("  {}  {:>6}  {:<15}  {}  {}\n", core::format_local_time(exam.when_ms),
                            fmt::format("{:.1f}%", exam.percent),
                            exam.predicted_percent
                                ? fmt::format("predicted {:.0f}%", *exam.predicted_percent)
                                : std::string(),
                            exam.pass_mark ? fmt::format("pass {:.0f}%", *exam.pass_mark)
                                           : std::string("no pass mark"),
                            exam.passed ? (*exam.passed ? "passed" : "not passed") : "");
    }
    if (trend.size() > 1) io.out << "  trend " << term::sparkline(trend, chart) << '\n';
    const stats::Calibration c = stats::calibration(s.exams);
    if (c.exams > 0) {
      io.out << fmt::format(
          "  predictions: off by {:.1f} points on average over {} exam{} ({} by {:.1f})\n",
          c.mean_abs_error, c.exams, c.exams == 1 ? "" : "s",
          c.mean_error >= 0 ? "optimistic" : "pessimistic", std::abs(c.mean_error));
    }
  }
  if (!devices.known.empty()) {
    io.out << '\n' << heading("Sync") << '\n';
    for (const auto& device : devices.known) {
      io.out << "  " << core::visible(device_line(device, devices.self, data.input.now)) << '\n';
    }
  }
}

void declare_stats(Declare& d, StatsOptions& o) {
  d.positional("PATH", &o.paths, "decks (default: every deck the store has seen)")
      .completes(Complete::kDeckFile);
  d.option("--days", &o.days, "N", "days of history the calendar shows (default 365)")
      .between(7, 365);
  d.flag("--json", &o.json, "every figure as JSON");
  d.option("--color", &o.color, "WHEN", "colours: auto, always or never")
      .one_of({"auto", "always", "never"});
  d.option("--width", &o.width, "COLUMNS", "chart width (default: the terminal's)")
      .between(40, 400);
}

Needs needs(const StatsOptions& o) {
  return progress_needs(o.paths);
}

core::Expected<ExitCode> run_stats(Context& context, const StatsOptions& o) {
  const auto loaded = load_progress(context);
  if (!loaded) return loaded.error();
  const stats::Progress& data = *loaded;
  std::vector<std::string> deck_ids;
  for (const auto& deck : context.decks.decks) deck_ids.push_back(deck.id);
  Devices devices;
  if (context.has_store()) {
    devices.known = context.store().sync_devices();
    if (!devices.known.empty()) devices.self = context.store().device_id();
  }
  if (o.json) {
    write_json(data, deck_ids, devices, context.io);
  } else {
    write_text(data, deck_ids, devices, o, context.io);
  }
  return ExitCode::kOk;
}

}  // namespace

Command stats_command() {
  return make_command<StatsOptions>(
      "stats", "progress: cards, due, forecast, reviews by day, retention, tags, exams",
      declare_stats, needs, run_stats);
}

}  // namespace quizdeck::cli
