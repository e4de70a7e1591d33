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

Needs progress_needs(const std::vector<std::string>& paths) {
  Needs n;
  n.clock = true;
  n.store = StoreNeed::kRead;
  n.decks = true;
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
  // Where each card is and its tags: from the store, which keeps them as of the last sync,
  // when that sync saw these very decks (then nothing of the deck is read); else from the
  // decks themselves.
  std::vector<bool> synced;
  for (const auto& deck : decks) {
    input.deck_sizes.push_back(deck.cards.size());
    const auto known = store.deck(deck.id);
    synced.push_back(known && known->synced_hash && !deck.content_hash.empty() &&
                     *known->synced_hash == deck.content_hash);
  }
  input.card_tags = [&decks, synced](const store::Store::CardStateRow& row,
                                     std::vector<std::string_view>& tags) {
    const auto d = static_cast<std::size_t>(row.deck);
    if (synced[d]) {
      if (!row.position) return false;
      std::string_view joined = row.tags;
      while (!joined.empty()) {
        const auto space = joined.find(' ');
        tags.push_back(joined.substr(0, space));
        joined.remove_prefix(space == std::string_view::npos ? joined.size() : space + 1);
      }
      return true;
    }
    const auto& cards = decks[d].cards;
    const auto index = cards.index_of(row.card_id);
    if (!index) return false;
    const auto found = cards.tags(*index);
    tags.insert(tags.end(), found.begin(), found.end());
    return true;
  };
  data.stats = stats::compute(input);
  return data;
}

}  // namespace quizdeck::cli
