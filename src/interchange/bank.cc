// SPDX-License-Identifier: MIT
#include "interchange/bank.h"

#include <set>

#include "core/visible.h"
#include "deck/card_id.h"

namespace quizdeck::interchange {

int Bank::warned() const {
  int count = 0;
  for (const Entry& entry : entries) count += entry.warned ? 1 : 0;
  return count;
}

core::Diagnostic entry_warning(const Entry& entry, const std::string& deck_file,
                               std::string message) {
  core::Diagnostic diagnostic;
  diagnostic.severity = core::Severity::kWarning;
  diagnostic.file = deck_file;
  diagnostic.line = entry.pos.line;
  diagnostic.column = entry.pos.column;
  diagnostic.message = std::move(message);
  return diagnostic;
}

std::vector<Entry> visible_entries(const std::vector<Entry>& entries, const std::string& deck_file,
                                   std::vector<core::Diagnostic>& notes) {
  std::vector<Entry> out = entries;
  for (Entry& e : out) {
    bool changed = false;
    const auto show = [&](std::string& text) {
      if (!core::needs_visible(text)) return;
      text = core::visible(text);
      changed = true;
    };
    show(e.question);
    show(e.back);
    show(e.explain);
    show(e.hint);
    for (auto& answer : e.answers) show(answer);
    for (auto& choice : e.choices) {
      show(choice.text);
      show(choice.why);
    }
    for (auto& pair : e.pairs) {
      show(pair.prompt);
      show(pair.answer);
    }
    for (auto& tag : e.tags) show(tag);
    if (changed) {
      notes.push_back(
          entry_warning(e, deck_file, "control characters written as text ('^[' for escape)"));
    }
  }
  return out;
}

std::vector<Entry> entries_of(const std::vector<deck::Card>& cards,
                              const std::vector<std::string>& deck_tags) {
  std::vector<Entry> entries;
  std::set<std::string> clozes;  // entries already made from a cloze's first blank
  for (const deck::Card& card : cards) {
    Entry e;
    e.type = card.type;
    e.pos = card.pos;
    if (card.type == deck::CardType::kCloze) {
      const std::string note(deck::sibling_key(card.id));
      if (!clozes.insert(note).second) continue;
      e.id = card.id_given ? note : "";
      e.question = card.cloze_text;
    } else {
      e.id = card.id_given ? card.id : "";
      e.question = card.prompt;
    }
    e.choices = card.choices;
    if (card.type == deck::CardType::kMatching) {
      e.pairs = card.pairs;
      e.choices.clear();
      for (const auto& text : deck::matching_distractors(card)) e.choices.push_back({text, "", {}});
    }
    e.answers = card.type == deck::CardType::kCloze ? std::vector<std::string>{} : card.answers;
    e.truth = card.truth;
    e.number = card.number;
    e.tolerance = card.tolerance;
    e.match = card.match;
    e.back = card.back;
    e.explain = card.explain;
    e.hint = card.hint;
    // The deck's tags come first in a card's; the card's own follow.
    const std::size_t own =
        card.tags.size() >= deck_tags.size() &&
                std::equal(deck_tags.begin(), deck_tags.end(), card.tags.begin())
            ? deck_tags.size()
            : 0;
    e.tags.assign(card.tags.begin() + static_cast<std::ptrdiff_t>(own), card.tags.end());
    e.points = card.points;
    e.shuffle = card.shuffle;
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace quizdeck::interchange
