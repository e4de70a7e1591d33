// SPDX-License-Identifier: MIT
#include "cli/progress_data.h"

#include <algorithm>
#include <cstdlib>

#include "core/time.h"

namespace quizdeck::cli {

bool utf8_locale() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    const std::string locale = value;
    return locale.find("UTF-8") != std::string::npos || locale.find("utf8") != std::string::npos ||
           locale.find("UTF8") != std::string::npos || locale.find("utf-8") != std::string::npos;
  }
  return false;
}

Needs progress_needs(const std::vector<std::string>& paths, DeckNeed detail) {
  Needs n;
  n.clock = true;
  n.store = StoreNeed::kRead;
  n.decks = detail;
  n.deck_paths = paths;
  n.decks_from_store = true;
  n.new_decks_without_store = true;
  n.schedulers = true;
  return n;
}

ProgressData load_progress(Context& context) {
  ProgressData data;
  store::Store& store = context.store();
  const auto& decks = context.decks.decks;
  std::vector<std::string> deck_ids;
  for (const auto& deck : decks) deck_ids.push_back(deck.id);
  stats::Input& input = data.input;
  input.now = context.now;
  input.day_of = core::local_day;
  input.day_start = core::local_day_start;
  for (const auto& id : deck_ids) input.schedulers.push_back(&context.schedulers.at(id));
  if (!deck_ids.empty()) {
    input.desired_retention =
        context.schedulers.at(deck_ids.front()).parameters().request_retention;
  }
  const std::int64_t year_ago = core::local_day_start(core::local_day(context.now) - 364);
  input.cards = store.card_states(deck_ids);
  input.buckets = store.review_buckets(deck_ids, year_ago);
  for (auto& session : store.sessions()) {
    // Only sessions that studied one of these decks.
    const bool ours = std::any_of(session.decks.begin(), session.decks.end(), [&](const auto& id) {
      return std::find(deck_ids.begin(), deck_ids.end(), id) != deck_ids.end();
    });
    if (ours) input.sessions.push_back(std::move(session));
  }
  input.tags.resize(decks.size());
  for (std::size_t d = 0; d < decks.size(); ++d) {
    auto& tags = input.tags[d];
    tags.reserve(decks[d].cards.size());
    for (const auto& card : decks[d].cards) tags.emplace(card.id, &card.tags);
  }
  data.stats = stats::compute(input);
  return data;
}

}  // namespace quizdeck::cli
