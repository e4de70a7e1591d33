// SPDX-License-Identifier: MIT
// `quizdeck cards DECK`: the cards of a deck, as a table or JSON for scripts.
#include <algorithm>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/json_writer.h"
#include "core/utf8.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

struct CardsOptions {
  std::string path;
  bool json = false;
};

constexpr std::size_t kPromptWidth = 60;

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

// Cut to at most `width` display cells, marking the cut with an ellipsis.
std::string fit(const std::string& text, std::size_t width) {
  if (core::display_width(text) <= width) return text;
  std::string out;
  std::size_t used = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    core::next_code_point(text, pos);
    const std::string piece = text.substr(start, pos - start);
    const std::size_t cells = core::display_width(piece);
    if (used + cells + 1 > width) break;
    out += piece;
    used += cells;
  }
  return out + "\u2026";
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

void declare(Declare& d, CardsOptions& o) {
  d.positional("DECK", &o.path, "the deck file").required().completes(Complete::kDeckFile);
  d.flag("--json", &o.json, "print JSON for scripts");
}

Needs needs(const CardsOptions& o) {
  Needs n;
  n.decks = true;
  n.deck_paths = {o.path};
  return n;
}

core::Expected<ExitCode> run(Context& context, const CardsOptions& options) {
  const LoadedDecks& loaded = context.decks;
  Streams& io = context.io;
  if (loaded.decks.empty()) return ExitCode::kInvalidInput;
  if (loaded.decks.size() > 1) {
    return core::fail(ExitCode::kUsage, fmt::format("'{}' holds {} decks; name one deck file",
                                                    options.path, loaded.decks.size()));
  }
  const deck::Deck& deck = loaded.decks.front();
  if (options.json) {
    core::JsonWriter json;
    json.begin_object();
    json.key("deck").value(deck.id);
    json.key("title").value(deck.title);
    json.key("path").value(deck.path);
    json.key("cards").begin_array();
    for (const auto& card : deck.cards) {
      json.begin_object();
      json.key("id").value(card.id);
      json.key("type").value(deck::card_type_name(card.type));
      json.key("tags").begin_array();
      for (const auto& tag : card.tags) json.value(tag);
      json.end_array();
      json.key("prompt").value(card.prompt);
      json.key("line").value(card.pos.line);
      json.end_object();
    }
    json.end_array();
    json.end_object();
    io.out << json.str() << '\n';
    return ExitCode::kOk;
  }
  std::size_t id_width = 2;
  std::size_t tags_width = 4;
  // Deck text, shown and not obeyed.
  const auto cell = [](std::string_view text) { return core::visible(text, core::Lines::kShow); };
  for (const auto& card : deck.cards) {
    id_width = std::max(id_width, core::display_width(cell(card.id)));
    tags_width = std::max(tags_width, core::display_width(cell(join(card.tags))));
  }
  io.out << core::pad_to_width("ID", id_width) << "  " << core::pad_to_width("TYPE", 9) << "  "
         << core::pad_to_width("TAGS", tags_width) << "  PROMPT\n";
  for (const auto& card : deck.cards) {
    io.out << core::pad_to_width(cell(card.id), id_width) << "  "
           << core::pad_to_width(std::string(deck::card_type_name(card.type)), 9) << "  "
           << core::pad_to_width(cell(join(card.tags)), tags_width) << "  "
           << fit(cell(first_line(card.prompt)), kPromptWidth) << '\n';
  }
  return ExitCode::kOk;
}

}  // namespace

Command cards_command() {
  return make_command<CardsOptions>("cards", "list the cards of a deck", declare, needs, run);
}

}  // namespace quizdeck::cli
