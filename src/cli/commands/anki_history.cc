// SPDX-License-Identifier: MIT
#include "cli/commands/anki_history.h"

#include <set>

#include <fmt/format.h>

#include "cli/files/apkg_package.h"
#include "deck/parse_deck.h"
#include "interchange/apkg.h"
#include "session/card_state.h"
#include "session/queue.h"

namespace quizdeck::cli {

core::Expected<void> import_history(Context& context, const std::string& package,
                                    const std::string& deck_path, const std::string& deck_text) {
  auto collection = read_apkg(package);
  if (!collection) return collection.error();
  const interchange::ApkgImport imported =
      interchange::import_anki_collection(*collection, package);
  const interchange::History history = interchange::history_of(*collection, imported);
  deck::DeckParse parse = deck::parse_deck(deck_path, deck_text);
  if (!parse.deck) {
    return core::fail(ExitCode::kInternal, "the deck just written does not load");
  }
  const deck::Deck& deck = *parse.deck;
  std::set<std::string> card_ids;
  for (const auto& card : deck.cards) card_ids.insert(card.id);
  store::Store& store = context.store();
  try {
    session::sync_deck(store, deck, context.now);
    std::vector<store::ReviewRecord> reviews;
    std::size_t left_out = history.unmapped;
    std::set<std::string> cards;
    for (const auto& r : history.reviews) {
      if (!card_ids.contains(r.card_id)) {  // its note was not imported
        ++left_out;
        continue;
      }
      store::ReviewRecord review;
      review.time_ms = r.time_ms;
      review.deck_id = deck.id;
      review.card_id = r.card_id;
      review.rating = static_cast<core::Rating>(r.rating);
      review.correct = r.rating > 1;
      review.answer_form = "anki";
      review.response_ms = r.response_ms;
      review.scheduled = !r.reset_ms;
      review.reset_ms = r.reset_ms;
      reviews.push_back(std::move(review));
      cards.insert(r.card_id);
    }
    const auto schedulers = session::schedulers_for(store, {deck.id});
    if (!schedulers) return schedulers.error();
    const std::size_t added = store.import_reviews(
        reviews, [&](const store::CardRecord& card, const std::vector<store::ReviewRecord>& log) {
          return session::replay_reviews(schedulers->at(card.deck_id), card, log);
        });
    context.io.err << fmt::format(
        "history: {} review{} of {} card{}: {} added to the store, {} "
        "already there",
        reviews.size(), reviews.size() == 1 ? "" : "s", cards.size(), cards.size() == 1 ? "" : "s",
        added, reviews.size() - added);
    if (history.manual > 0 || left_out > 0) {
      context.io.err << fmt::format(
          "; left out: {} manual change{} (rescheduling, Forget), {} "
          "review{} of cards quizdeck does not ask",
          history.manual, history.manual == 1 ? "" : "s", left_out, left_out == 1 ? "" : "s");
    }
    context.io.err << "\n";
  } catch (const store::StoreError& error) {
    return store_failure(error);
  }
  return {};
}

}  // namespace quizdeck::cli
