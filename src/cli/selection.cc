// SPDX-License-Identifier: MIT
#include "cli/selection.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/suggest.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

core::Failure not_found(std::string_view what, const std::string& name,
                        const std::vector<std::string>& known) {
  auto failure = core::fail(ExitCode::kUsage, fmt::format("no card in the decks has {} '{}'", what,
                                                          core::visible(name, core::Lines::kShow)));
  if (const auto near = core::suggest(name, known)) {
    failure.note(fmt::format("did you mean '{}'?", core::visible(*near, core::Lines::kShow)));
  }
  return failure;
}

}  // namespace

core::Expected<void> check_selection(const std::vector<deck::Deck>& decks,
                                     const std::optional<std::string>& card,
                                     const std::vector<std::string>& tags) {
  if (card) {
    std::vector<std::string> ids;
    for (const auto& deck : decks) {
      if (deck.cards.index_of(*card)) return {};
    }
    for (const auto& deck : decks) {
      for (std::size_t i = 0; i < deck.cards.size(); ++i) ids.emplace_back(deck.cards.id(i));
    }
    return not_found("the id", *card, ids);
  }
  if (tags.empty()) return {};
  std::set<std::string, std::less<>> known;
  for (const auto& deck : decks) {
    for (std::size_t i = 0; i < deck.cards.size(); ++i) {
      for (const auto tag : deck.cards.tags(i)) {
        if (!known.contains(tag)) known.emplace(tag);
      }
    }
  }
  for (const auto& tag : tags) {
    if (!known.contains(tag)) {
      return not_found("the tag", tag, std::vector<std::string>(known.begin(), known.end()));
    }
  }
  return {};
}

std::vector<std::string> selected_cards(const deck::Deck& deck,
                                        const std::optional<std::string>& card,
                                        const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < deck.cards.size(); ++i) {
    const std::string_view id = deck.cards.id(i);
    if (card) {
      if (id == *card) out.emplace_back(id);
      continue;
    }
    if (!tags.empty()) {
      const auto card_tags = deck.cards.tags(i);
      const bool any = std::any_of(tags.begin(), tags.end(), [&](const std::string& tag) {
        return std::find(card_tags.begin(), card_tags.end(), tag) != card_tags.end();
      });
      if (!any) continue;
    }
    out.emplace_back(id);
  }
  return out;
}

}  // namespace quizdeck::cli
