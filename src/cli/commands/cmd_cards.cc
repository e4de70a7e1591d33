// SPDX-License-Identifier: MIT
// `quizdeck cards DECK`: a browser of a deck's cards, as a table or JSON for scripts:
// filters (--tag, --due, --suspended, --leech, --flagged, --search) and, from the store,
// each card's due date, stability, difficulty, recall now, reviews, lapses and marks.
#include <unistd.h>

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/study/answer_json.h"
#include "core/json_writer.h"
#include "core/normalize.h"
#include "core/time.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "schedule/due.h"
#include "session/card_state.h"
#include "session/today.h"
#include "term/terminal.h"

namespace quizdeck::cli {
namespace {

struct CardsOptions {
  std::string path;
  bool json = false;
  std::vector<std::string> tags;
  bool due = false;
  bool suspended = false;
  bool leech = false;
  bool flagged = false;
  std::optional<std::string> search;
};

constexpr std::size_t kPromptWidth = 40;

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

void declare_cards(Declare& d, CardsOptions& o) {
  d.positional("DECK", &o.path, "the deck file, or a deck id the store knows")
      .required()
      .completes(Complete::kDeckOrId);
  d.option("--tag", &o.tags, "TAG", "only cards with this tag (repeatable: any of them)");
  d.flag("--due", &o.due, "only cards due today (as drill and status count them)");
  d.flag("--suspended", &o.suspended, "only suspended cards");
  d.flag("--leech", &o.leech, "only leeches");
  d.flag("--flagged", &o.flagged, "only flagged cards");
  d.option("--search", &o.search, "TEXT", "only cards whose id or prompt holds TEXT (any case)");
  d.flag("--json", &o.json, "print JSON for scripts");
}

Needs needs(const CardsOptions& o) {
  Needs n;
  n.clock = true;
  n.decks = true;
  n.deck_paths = {o.path};
  n.store = StoreNeed::kReadIfExists;
  n.schedulers = true;
  n.select_tags = o.tags;
  return n;
}

// A card of the deck with what the store knows of it (nothing: new, never studied).
struct Row {
  const deck::Card* card = nullptr;
  store::CardRecord record;
  std::optional<double> recall;  // retrievability now; none for new cards
  bool due = false;
};

std::string marks_text(const store::CardMarks& marks, std::int64_t now) {
  std::vector<std::string> words;
  if (marks.suspended) words.emplace_back("suspended");
  if (marks.buried_at(now)) words.emplace_back("buried");
  if (marks.leech) words.emplace_back("leech");
  if (marks.flag != 0) words.push_back(fmt::format("flag {}", marks.flag));
  return join(words);
}

std::vector<Row> browse(Context& context, const deck::Deck& deck, const CardsOptions& o) {
  std::map<std::string, store::CardRecord, std::less<>> records;
  std::optional<session::DeckDay> day;
  if (context.has_store()) {
    for (auto& record : context.store().cards(deck.id)) {
      records.emplace(record.card_id, std::move(record));
    }
    if (auto rules = session::study_settings_for(context.store(), deck.id)) {
      day = session::deck_day(context.store(), deck.id, *rules, context.now);
    }
  }
  const schedule::Scheduler fallback{schedule::Parameters{}};
  const auto found = context.schedulers.find(deck.id);
  const schedule::Scheduler& scheduler =
      found == context.schedulers.end() ? fallback : found->second;
  const std::string search = o.search ? core::ascii_lower(*o.search) : std::string();
  std::vector<Row> rows;
  for (const auto& card : deck.cards) {
    Row row;
    row.card = &card;
    if (const auto it = records.find(card.id); it != records.end()) row.record = it->second;
    const store::CardRecord& r = row.record;
    if (r.state != core::State::kNew && r.last_review_ms) {
      row.recall = scheduler.retrievability(session::to_schedule(r), context.now);
    }
    row.due = day && !r.marks.suspended && !r.marks.buried_at(context.now) &&
              schedule::is_due(r.state, r.due_ms, context.now, day->end_ms);
    if (!o.tags.empty() && std::none_of(o.tags.begin(), o.tags.end(), [&](const auto& tag) {
          return std::find(card.tags.begin(), card.tags.end(), tag) != card.tags.end();
        })) {
      continue;
    }
    if (o.due && !row.due) continue;
    if (o.suspended && !r.marks.suspended) continue;
    if (o.leech && !r.marks.leech) continue;
    if (o.flagged && r.marks.flag == 0) continue;
    if (o.search && core::ascii_lower(card.id).find(search) == std::string::npos &&
        core::ascii_lower(card.prompt).find(search) == std::string::npos) {
      continue;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void write_json(const deck::Deck& deck, const std::vector<Row>& rows, std::int64_t now,
                Streams& io) {
  core::JsonWriter json;
  json.begin_object();
  json.key("deck").value(deck.id);
  json.key("title").value(deck.title);
  json.key("path").value(deck.path);
  json.key("cards").begin_array();
  for (const auto& row : rows) {
    const deck::Card& card = *row.card;
    const store::CardRecord& r = row.record;
    json.begin_object();
    json.key("id").value(card.id);
    json.key("type").value(deck::card_type_name(card.type));
    json.key("tags").begin_array();
    for (const auto& tag : card.tags) json.value(tag);
    json.end_array();
    json.key("prompt").value(card.prompt);
    json.key("line").value(card.pos.line);
    json.key("answer");
    write_answer_data(json, card);
    json.key("state").value(core::state_name(r.state));
    json.key("due");
    if (r.state == core::State::kNew) {
      json.null();
    } else {
      json.value(core::format_iso8601(r.due_ms));
    }
    json.key("due_today").value(row.due);
    json.key("stability");
    if (r.state == core::State::kNew) {
      json.null();
    } else {
      json.value(r.stability);
    }
    json.key("difficulty");
    if (r.state == core::State::kNew) {
      json.null();
    } else {
      json.value(r.difficulty);
    }
    json.key("retrievability").value(row.recall);
    json.key("reviews").value(r.reps);
    json.key("lapses").value(r.lapses);
    json.key("suspended").value(r.marks.suspended);
    json.key("buried").value(r.marks.buried_at(now));
    json.key("flag").value(r.marks.flag);
    json.key("leech").value(r.marks.leech);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  io.out << json.str() << '\n';
}

// The card's tags but the deck's own, which every card of it has.
std::vector<std::string> own_tags(const deck::Card& card, const deck::Deck& deck) {
  std::vector<std::string> out;
  for (const auto& tag : card.tags) {
    if (std::find(deck.tags.begin(), deck.tags.end(), tag) == deck.tags.end()) out.push_back(tag);
  }
  return out;
}

// One row a card; elsewhere than on a terminal (`columns` 0), 40 columns of its prompt.
void write_table(const deck::Deck& deck, const std::vector<Row>& rows, std::int64_t now,
                 int columns, Streams& io) {
  // Deck text, shown and not obeyed.
  const auto cell = [](std::string_view text) { return core::visible(text, core::Lines::kShow); };
  struct Line {
    std::vector<std::string> cells;
  };
  const std::vector<std::string> headings{"ID", "TYPE", "TAGS",   "DUE",   "STAB",  "DIFF",
                                          "R",  "REVS", "LAPSES", "MARKS", "PROMPT"};
  std::vector<Line> lines;
  for (const auto& row : rows) {
    const deck::Card& card = *row.card;
    const store::CardRecord& r = row.record;
    const bool fresh = r.state == core::State::kNew;
    Line line;
    line.cells = {cell(card.id),
                  std::string(deck::card_type_name(card.type)),
                  cell(join(own_tags(card, deck))),
                  fresh ? "new" : (row.due ? "today" : core::format_day(core::local_day(r.due_ms))),
                  fresh ? "-" : fmt::format("{:.1f}d", r.stability),
                  fresh ? "-" : fmt::format("{:.1f}", r.difficulty),
                  row.recall ? fmt::format("{:.0f}%", 100 * *row.recall) : "-",
                  fmt::format("{}", r.reps),
                  fmt::format("{}", r.lapses),
                  marks_text(r.marks, now),
                  cell(first_line(card.prompt))};
    lines.push_back(std::move(line));
  }
  std::vector<std::size_t> widths;
  for (const auto& heading : headings) widths.push_back(heading.size());
  for (const auto& line : lines) {
    for (std::size_t i = 0; i + 1 < line.cells.size(); ++i) {
      widths[i] = std::max(widths[i], core::display_width(line.cells[i]));
    }
  }
  std::size_t prompt_width = kPromptWidth;
  // On a terminal the prompt takes what is left, 20 at least; past that the tags narrow
  // (to 8), then the detail columns go, LAPSES, REVS, DIFF and STAB in turn.
  std::vector<bool> shown(headings.size(), true);
  if (columns > 0) {
    constexpr std::size_t kTags = 2;
    const auto room = static_cast<std::size_t>(std::max(0, columns - 1));
    const auto used = [&] {
      std::size_t sum = 0;
      for (std::size_t i = 0; i + 1 < widths.size(); ++i) sum += shown[i] ? widths[i] + 2 : 0;
      return sum;
    };
    if (used() + 20 > room && widths[kTags] > 8) {
      widths[kTags] -= std::min(widths[kTags] - 8, used() + 20 - room);
      for (auto& line : lines) {
        line.cells[kTags] = core::fit_to_width(line.cells[kTags], widths[kTags]);
      }
    }
    for (const std::size_t detail : {8, 7, 5, 4}) {
      if (used() + 20 <= room) break;
      shown[detail] = false;
    }
    prompt_width = room > used() + 20 ? room - used() : 20;
  }
  for (auto& line : lines) line.cells.back() = core::fit_to_width(line.cells.back(), prompt_width);
  const auto print = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (!shown[i]) continue;
      text += i + 1 == cells.size() ? cells[i] : core::pad_to_width(cells[i], widths[i]) + "  ";
    }
    io.out << text << '\n';
  };
  print(headings);
  for (const auto& line : lines) print(line.cells);
}

core::Expected<ExitCode> run_cards(Context& context, const CardsOptions& options) {
  const LoadedDecks& loaded = context.decks;
  if (loaded.decks.empty()) return ExitCode::kInvalidInput;
  if (loaded.decks.size() > 1) {
    return core::fail(ExitCode::kUsage, fmt::format("'{}' holds {} decks; name one deck file",
                                                    options.path, loaded.decks.size()));
  }
  const deck::Deck& deck = loaded.decks.front();
  const std::vector<Row> rows = browse(context, deck, options);
  if (options.json) {
    write_json(deck, rows, context.now, context.io);
  } else {
    const int columns = ::isatty(STDOUT_FILENO) != 0 ? term::terminal_width() : 0;
    write_table(deck, rows, context.now, columns, context.io);
  }
  return ExitCode::kOk;
}

}  // namespace

Command cards_command() {
  return make_command<CardsOptions>("cards", "browse the cards of a deck: filters, schedule, marks",
                                    declare_cards, needs, run_cards);
}

}  // namespace quizdeck::cli
