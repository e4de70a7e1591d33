// SPDX-License-Identifier: MIT
#include "cli/cmd_history.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/time.h"
#include "core/utf8.h"
#include "schedule/fsrs.h"

namespace quizdeck::cli {
namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string rating_name(int rating) {
  return rating >= 1 && rating <= 4 ? schedule::rating_name(static_cast<schedule::Rating>(rating))
                                    : std::to_string(rating);
}

}  // namespace

ExitCode run_history(const StoreOptions& store_options, const HistoryOptions& options,
                     Streams& io) {
  if (options.json && options.csv) {
    io.err << "quizdeck: error: choose one of --json and --csv\n";
    return ExitCode::kUsage;
  }
  store::ReviewFilter filter;
  if (options.since) {
    filter.since_ms = parse_time_argument(*options.since);
    if (!filter.since_ms) {
      io.err << fmt::format("quizdeck: error: --since '{}' is not a date such as 2026-01-31\n",
                            *options.since);
      return ExitCode::kUsage;
    }
  }
  auto store = open_store(store_options, false, io);
  if (!store) return ExitCode::kIoError;
  try {
    if (options.deck) {
      filter.deck_id = resolve_deck(*store, *options.deck, io);
      if (!filter.deck_id) return ExitCode::kUsage;
    }
    filter.card_id = options.card;
    const auto reviews = store->reviews(filter);
    if (options.json) {
      for (const auto& r : reviews) {
        core::JsonWriter json;
        json.begin_object();
        json.key("id").value(r.id);
        json.key("time").value(core::format_iso8601(r.time_ms));
        json.key("deck").value(r.deck_id);
        json.key("card").value(r.card_id);
        json.key("rating").value(rating_name(r.rating));
        json.key("correct").value(r.correct);
        json.key("answer").value(r.answer);
        json.key("response_ms").value(r.response_ms);
        json.key("session").value(r.session_id);
        json.key("mode").value(r.mode);
        json.key("scheduled").value(r.scheduled);
        json.key("reset");
        if (r.reset_ms) {
          json.value(core::format_iso8601(*r.reset_ms));
        } else {
          json.null();
        }
        json.end_object();
        io.out << json.str() << '\n';
      }
      return ExitCode::kOk;
    }
    if (options.csv) {
      io.out
          << "id,time,deck,card,rating,correct,answer,response_ms,session,mode,scheduled,reset\n";
      for (const auto& r : reviews) {
        io.out << fmt::format(
            "{},{},{},{},{},{},{},{},{},{},{},{}\n", r.id, core::format_iso8601(r.time_ms),
            csv_field(r.deck_id), csv_field(r.card_id), rating_name(r.rating), r.correct ? 1 : 0,
            csv_field(r.answer), r.response_ms,
            r.session_id ? std::to_string(*r.session_id) : std::string(), r.mode,
            r.scheduled ? 1 : 0, r.reset_ms ? core::format_iso8601(*r.reset_ms) : std::string());
      }
      return ExitCode::kOk;
    }
    if (reviews.empty()) {
      io.err << "no reviews match\n";
      return ExitCode::kOk;
    }
    std::size_t deck_width = 4;
    std::size_t card_width = 4;
    std::size_t mode_width = 4;
    const auto mode_of = [](const store::ReviewRecord& r) {
      std::string mode = r.mode;
      if (!r.scheduled) mode += "*";  // did not change the schedule
      if (r.reset_ms) mode += " (reset)";
      return mode;
    };
    for (const auto& r : reviews) {
      deck_width = std::max(deck_width, core::display_width(r.deck_id));
      card_width = std::max(card_width, core::display_width(r.card_id));
      mode_width = std::max(mode_width, mode_of(r).size());
    }
    const auto pad = [](const std::string& text, std::size_t width) {
      const std::size_t used = core::display_width(text);
      return text + std::string(width > used ? width - used : 0, ' ');
    };
    io.out << fmt::format("{:<19}  {}  {}  {:<6}  {:<6}  {:>7}  {}  ANSWER\n", "TIME",
                          pad("DECK", deck_width), pad("CARD", card_width), "RATING", "RESULT",
                          "SECONDS", pad("MODE", mode_width));
    for (const auto& r : reviews) {
      const std::string answer = r.answer.substr(0, r.answer.find('\n'));
      io.out << fmt::format(
          "{:<19}  {}  {}  {:<6}  {:<6}  {:>7.1f}  {}  {}\n", format_local_time(r.time_ms),
          pad(r.deck_id, deck_width), pad(r.card_id, card_width), rating_name(r.rating),
          r.correct ? "right" : "wrong", static_cast<double>(r.response_ms) / 1000.0,
          pad(mode_of(r), mode_width), answer);
    }
    return ExitCode::kOk;
  } catch (const store::StoreError& error) {
    return report_store_error(error, io);
  }
}

}  // namespace quizdeck::cli
