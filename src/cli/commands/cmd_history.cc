// SPDX-License-Identifier: MIT
// `quizdeck history [DECK] [--card ID] [--since DATE]`: the review log, as a table, JSON
// Lines or CSV.
#include <algorithm>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/json.h"
#include "core/json_writer.h"
#include "core/suggest.h"
#include "core/time.h"
#include "core/utf8.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

struct HistoryOptions {
  std::optional<std::string> deck;
  std::optional<std::string> card;
  std::optional<std::string> since;
  bool json = false;
  bool csv = false;
};

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void declare_history(Declare& d, HistoryOptions& o) {
  d.positional("DECK", &o.deck, "a deck id or deck file (default: every deck)")
      .completes(Complete::kDeckOrId);
  d.option("--card", &o.card, "ID", "only this card");
  d.option("--since", &o.since, "DATE", "only reviews from this date or time on")
      .check([](const std::string& text) -> std::optional<std::string> {
        if (parse_time_argument(text)) return std::nullopt;
        return fmt::format("--since '{}' is not a date such as 2026-01-31", text);
      });
  d.flag("--json", &o.json, "print JSON Lines");
  d.flag("--csv", &o.csv, "print CSV");
}

core::Expected<void> validate(const HistoryOptions& o) {
  if (o.json && o.csv) return core::fail(ExitCode::kUsage, "choose one of --json and --csv");
  return {};
}

Needs needs(const HistoryOptions&) {
  Needs n;
  n.store = StoreNeed::kRead;
  return n;
}

// The texts of a stored JSON array of strings (a choice answer's picks, the choices as
// shown); none when it is not one.
std::vector<std::string> texts_of(const std::optional<std::string>& stored) {
  if (!stored) return {};
  return core::parse_json_strings(*stored).value_or(std::vector<std::string>{});
}

// The answer as a learner reads it: what was typed, or the picked choices' texts.
std::string readable_answer(const store::ReviewRecord& r) {
  if (r.answer_form == "anki") return "(reviewed in Anki)";
  if (r.answer_form != "choices") return r.answer;
  std::string out;
  for (const auto& text : texts_of(r.answer)) out += (out.empty() ? "" : "; ") + text;
  return out;
}

void write_json(const std::vector<store::ReviewRecord>& reviews, std::ostream& out) {
  for (const auto& r : reviews) {
    core::JsonWriter json;
    json.begin_object();
    json.key("id").value(r.id);
    json.key("time").value(core::format_iso8601(r.time_ms));
    json.key("deck").value(r.deck_id);
    json.key("card").value(r.card_id);
    json.key("rating").value(core::rating_name(r.rating));
    json.key("correct").value(r.correct);
    json.key("answer").value(readable_answer(r));
    json.key("answer_form").value(r.answer_form);
    if (r.answer_form == "choices") {
      json.key("picked").value(texts_of(r.answer));
      json.key("shown").value(texts_of(r.shown));
    }
    json.key("response_ms").value(r.response_ms);
    json.key("session").value(r.session_id);
    json.key("mode").value(core::mode_name(r.mode));
    json.key("scheduled").value(r.scheduled);
    json.key("reset");
    if (r.reset_ms) {
      json.value(core::format_iso8601(*r.reset_ms));
    } else {
      json.null();
    }
    json.end_object();
    out << json.str() << '\n';
  }
}

// A CSV field of store text, control characters shown (a spreadsheet or a terminal may
// read it): the JSON output keeps every byte.
std::string shown(std::string_view text) {
  return csv_field(core::visible(text, core::Lines::kShow));
}

void write_csv(const std::vector<store::ReviewRecord>& reviews, std::ostream& out) {
  out << "id,time,deck,card,rating,correct,answer,response_ms,session,mode,scheduled,reset,"
         "answer_form,shown\n";
  for (const auto& r : reviews) {
    std::string choices;
    for (const auto& text : texts_of(r.shown)) choices += (choices.empty() ? "" : "; ") + text;
    out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", r.id,
                       core::format_iso8601(r.time_ms), shown(r.deck_id), shown(r.card_id),
                       core::rating_name(r.rating), r.correct ? 1 : 0, shown(readable_answer(r)),
                       r.response_ms, r.session_id ? std::to_string(*r.session_id) : std::string(),
                       core::mode_name(r.mode), r.scheduled ? 1 : 0,
                       r.reset_ms ? core::format_iso8601(*r.reset_ms) : std::string(),
                       r.answer_form, shown(choices));
  }
}

void write_table(const std::vector<store::ReviewRecord>& reviews, std::ostream& out) {
  std::size_t deck_width = 4;
  std::size_t card_width = 4;
  std::size_t mode_width = 4;
  const auto mode_of = [](const store::ReviewRecord& r) {
    std::string mode = core::mode_name(r.mode);
    if (!r.scheduled) mode += "*";  // did not change the schedule
    if (r.reset_ms) mode += " (reset)";
    return mode;
  };
  // Store text, shown and not obeyed.
  const auto cell = [](std::string_view text) { return core::visible(text, core::Lines::kShow); };
  for (const auto& r : reviews) {
    deck_width = std::max(deck_width, core::display_width(cell(r.deck_id)));
    card_width = std::max(card_width, core::display_width(cell(r.card_id)));
    mode_width = std::max(mode_width, mode_of(r).size());
  }
  out << fmt::format("{:<19}  {}  {}  {:<6}  {:<6}  {:>7}  {}  ANSWER\n", "TIME",
                     core::pad_to_width("DECK", deck_width), core::pad_to_width("CARD", card_width),
                     "RATING", "RESULT", "SECONDS", core::pad_to_width("MODE", mode_width));
  for (const auto& r : reviews) {
    const std::string answer = cell(readable_answer(r));
    out << fmt::format("{:<19}  {}  {}  {:<6}  {:<6}  {:>7.1f}  {}  {}\n",
                       core::format_local_time(r.time_ms),
                       core::pad_to_width(cell(r.deck_id), deck_width),
                       core::pad_to_width(cell(r.card_id), card_width), core::rating_name(r.rating),
                       r.correct ? "right" : "wrong", static_cast<double>(r.response_ms) / 1000.0,
                       core::pad_to_width(mode_of(r), mode_width), answer);
  }
}

core::Expected<ExitCode> run_history(Context& context, const HistoryOptions& o) {
  store::ReviewFilter filter;
  if (o.since) filter.since_ms = parse_time_argument(*o.since);
  if (o.deck) {
    auto deck_id = context.resolve_deck(*o.deck);
    if (!deck_id) return deck_id.error();
    filter.deck_id = *deck_id;
  }
  if (o.card) {
    // A card the store never had is a mistake (as in study commands), not "no reviews".
    const auto cards = context.store().cards(filter.deck_id);
    std::vector<std::string> known;
    bool found = false;
    for (const auto& card : cards) {
      found = found || card.card_id == *o.card;
      known.push_back(card.card_id);
    }
    if (!found) {
      auto failure =
          core::fail(ExitCode::kUsage,
                     fmt::format("no card '{}' in {}", core::visible(*o.card, core::Lines::kShow),
                                 filter.deck_id ? "deck '" + *filter.deck_id + "'" : "the store"));
      if (const auto near = core::suggest(*o.card, known)) {
        failure.note(fmt::format("did you mean '{}'?", *near));
      }
      return failure;
    }
  }
  filter.card_id = o.card;
  const auto reviews = context.store().reviews(filter);
  if (o.json) {
    write_json(reviews, context.io.out);
  } else if (o.csv) {
    write_csv(reviews, context.io.out);
  } else if (reviews.empty()) {
    context.io.err << "no reviews match\n";
  } else {
    write_table(reviews, context.io.out);
  }
  return ExitCode::kOk;
}

}  // namespace

Command history_command() {
  return make_command<HistoryOptions>("history", "show the review log", declare_history, needs,
                                      run_history, validate);
}

}  // namespace quizdeck::cli
