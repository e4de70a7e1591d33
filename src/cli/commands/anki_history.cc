// SPDX-License-Identifier: MIT
#include "cli/commands/anki_history.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/files/apkg_package.h"
#include "deck/parse_deck.h"
#include "interchange/apkg.h"
#include "session/card_state.h"
#include "session/queue.h"

namespace quizdeck::cli {
namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// A review Anki moved by a millisecond or so (to keep its ids unique) is the review the
// store has: it takes that review's time, so the store sees it is there.
void match_moved_reviews(std::vector<store::ReviewRecord>& reviews,
                         const std::vector<store::ReviewRecord>& stored) {
  std::map<std::string, std::vector<std::int64_t>> times;
  for (const auto& r : stored) times[r.card_id].push_back(r.time_ms);
  for (auto& [card, list] : times) std::sort(list.begin(), list.end());
  for (auto& review : reviews) {
    const auto found = times.find(review.card_id);
    if (found == times.end()) continue;
    const auto& list = found->second;
    const auto at = std::lower_bound(list.begin(), list.end(), review.time_ms - kSameReviewMs);
    if (at == list.end() || *at > review.time_ms + kSameReviewMs) continue;
    if (std::binary_search(list.begin(), list.end(), review.time_ms)) continue;
    review.time_ms = *at;
  }
}

struct MarkCounts {
  std::size_t suspended = 0;
  std::size_t unsuspended = 0;
  std::size_t flagged = 0;
  std::size_t unflagged = 0;
};

// The package's suspension and flags on the deck's cards, where the store differs.
MarkCounts apply_marks(store::Store& store, const std::string& deck_id,
                       const std::vector<interchange::HistoryMark>& marks) {
  std::map<std::string, store::CardMarks> current;
  for (const auto& card : store.cards(deck_id)) current[card.card_id] = card.marks;
  std::vector<std::string> suspend;
  std::vector<std::string> unsuspend;
  std::map<int, std::vector<std::string>> flag;
  MarkCounts counts;
  for (const auto& mark : marks) {
    const auto card = current.find(mark.card_id);
    if (card == current.end()) continue;
    if (mark.suspended != card->second.suspended) {
      (mark.suspended ? suspend : unsuspend).push_back(mark.card_id);
    }
    if (mark.flag != card->second.flag) {
      flag[mark.flag].push_back(mark.card_id);
      ++(mark.flag == 0 ? counts.unflagged : counts.flagged);
    }
  }
  if (!suspend.empty()) counts.suspended = store.change_marks(deck_id, suspend, {true, {}, {}});
  if (!unsuspend.empty()) {
    counts.unsuspended = store.change_marks(deck_id, unsuspend, {false, {}, {}});
  }
  for (const auto& [colour, cards] : flag) store.change_marks(deck_id, cards, {{}, {}, colour});
  return counts;
}

}  // namespace

core::Expected<std::size_t> import_history(Context& context, const std::string& package,
                                           const std::string& deck_path,
                                           const std::string& deck_text) {
  auto collection = read_apkg(package);
  if (!collection) return collection.error();
  const interchange::ApkgImport imported =
      interchange::import_anki_collection(*collection, package);
  const interchange::History history =
      interchange::history_of(*collection, imported, package, context.now);
  deck::DeckParse parse = deck::parse_deck(deck_path, deck_text);
  if (!parse.deck) {
    return core::fail(ExitCode::kInvalidInput,
                      fmt::format("'{}' does not load as a deck; 'quizdeck check {}' says why",
                                  deck_path, deck_path));
  }
  for (const auto& refused : history.refused) context.report(refused);
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
    store::ReviewFilter stored;
    stored.deck_id = deck.id;
    match_moved_reviews(reviews, store.reviews(stored));
    const auto schedulers = session::schedulers_for(store, {deck.id});
    if (!schedulers) return schedulers.error();
    const std::size_t added = store.import_reviews(
        reviews, [&](const store::CardRecord& card, const std::vector<store::ReviewRecord>& log) {
          return session::replay_reviews(schedulers->at(card.deck_id), card, log);
        });
    const MarkCounts marks = apply_marks(store, deck.id, history.marks);
    context.io.err << fmt::format("history: {} of {}: {} added to the store, {} already there",
                                  plural(reviews.size(), "review", "reviews"),
                                  plural(cards.size(), "card", "cards"), added,
                                  reviews.size() - added);
    if (history.manual > 0 || left_out > 0 || !history.refused.empty()) {
      context.io.err << fmt::format(
          "; left out: {} (rescheduling, Forget), {} of cards quizdeck does not ask",
          plural(history.manual, "manual change", "manual changes"),
          plural(left_out, "review", "reviews"));
      if (!history.refused.empty()) {
        context.io.err << fmt::format(", {} with an impossible time",
                                      plural(history.refused.size(), "review", "reviews"));
      }
    }
    context.io.err << "\n";
    std::vector<std::string> changed;
    if (marks.suspended > 0)
      changed.push_back(plural(marks.suspended, "card", "cards") + " suspended");
    if (marks.unsuspended > 0) changed.push_back(fmt::format("{} unsuspended", marks.unsuspended));
    if (marks.flagged > 0) changed.push_back(fmt::format("{} flagged", marks.flagged));
    if (marks.unflagged > 0) changed.push_back(fmt::format("{} unflagged", marks.unflagged));
    if (!changed.empty()) {
      std::string line = "marks, as the package has them:";
      for (std::size_t i = 0; i < changed.size(); ++i) line += (i == 0 ? " " : ", ") + changed[i];
      context.io.err << line << "\n";
    }
  } catch (const store::StoreError& error) {
    return store_failure(error);
  }
  return history.refused.size();
}

}  // namespace quizdeck::cli
