// SPDX-License-Identifier: MIT
// An exam sitting: drawing its questions (by tag, when asked) and their choice order into a
// plan the store keeps, taking an unfinished one up again, and how a sitting ends.
#include <algorithm>
#include <cmath>
#include <set>

#include "core/json.h"
#include "session/session.h"

namespace quizdeck::session {
namespace {

struct Candidate {
  const deck::Deck* deck;
  std::size_t index;
};

// The tag a card is counted under for --by-tag: its first own tag (not the deck's).
std::string main_tag(const deck::Deck& deck, std::size_t index) {
  const auto tags = deck.cards.tags(index);
  for (const auto tag : tags) {
    if (std::find(deck.tags.begin(), deck.tags.end(), tag) == deck.tags.end()) {
      return std::string(tag);
    }
  }
  return tags.empty() ? std::string("(untagged)") : std::string(tags.front());
}

// `wanted` of the candidates, each tag getting its share of them (largest remainders round
// up), in the order they came.
std::vector<Candidate> share_by_tag(const std::vector<Candidate>& candidates, std::size_t wanted) {
  std::map<std::string, std::vector<Candidate>> by_tag;
  for (const auto& c : candidates) by_tag[main_tag(*c.deck, c.index)].push_back(c);
  std::vector<std::pair<double, std::string>> remainders;
  std::size_t given = 0;
  std::map<std::string, std::size_t> quota;
  for (const auto& [tag, cards] : by_tag) {
    const double exact = static_cast<double>(wanted) * static_cast<double>(cards.size()) /
                         static_cast<double>(candidates.size());
    quota[tag] = static_cast<std::size_t>(std::floor(exact));
    given += quota[tag];
    remainders.emplace_back(exact - std::floor(exact), tag);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; given < wanted && i < remainders.size(); ++i, ++given) {
    ++quota[remainders[i].second];
  }
  std::vector<Candidate> chosen;
  for (auto& [tag, cards] : by_tag) {
    for (std::size_t i = 0; i < quota[tag] && i < cards.size(); ++i) chosen.push_back(cards[i]);
  }
  return chosen;
}

// A stored choice answer (a JSON array of picked texts: for matching one per prompt, for
// ordering in the order given) as the letters it was given with,
// for the choices in `order`.
std::string letters_of(const deck::Card& card, const std::vector<std::size_t>& order,
                       const std::string& stored) {
  core::JsonError error;
  const auto picked = core::parse_json(stored, error);
  std::string letters;
  if (!picked || !picked->is_array()) return letters;
  for (const auto& text : picked->items) {
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (order[i] < card.choices.size() && card.choices[order[i]].text == text.text) {
        letters += (letters.empty() ? "" : ",") + grade::choice_letter(i);
      }
    }
  }
  return letters;
}

// The ids of a deck's suspended cards: never asked, in exams and crams as in drills.
std::set<std::string> suspended_cards(store::Store& store, const std::string& deck_id) {
  std::set<std::string> out;
  for (const auto& record : store.cards(deck_id)) {
    if (record.marks.suspended) out.insert(record.card_id);
  }
  return out;
}

}  // namespace

void Session::plan_exam(std::int64_t now) {
  std::vector<Candidate> candidates;
  for (const auto& deck : decks_) {
    const auto suspended = suspended_cards(store_, deck.id);
    for (std::size_t i = 0; i < deck.cards.size(); ++i) {
      if (!options_.filter.matches(deck.cards, i)) continue;
      if (suspended.contains(std::string(deck.cards.id(i)))) continue;
      candidates.push_back({&deck, i});
    }
  }
  core::shuffle(candidates, random_);
  const std::size_t wanted = std::min(
      candidates.size(), static_cast<std::size_t>(std::max(
                             0, options_.questions.value_or(static_cast<int>(candidates.size())))));
  std::vector<Candidate> chosen;
  if (!options_.blueprint.empty()) {
    std::vector<std::size_t> order(candidates.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    const auto drawn = deck::draw_by_blueprint(
        options_.blueprint, static_cast<int>(wanted), order,
        [&](std::size_t k) { return candidates[k].deck->cards.tags(candidates[k].index); });
    for (const std::size_t k : drawn) chosen.push_back(candidates[k]);
  } else if (options_.by_tag && wanted < candidates.size()) {
    chosen = share_by_tag(candidates, wanted);
    core::shuffle(chosen, random_);
  } else {
    chosen.assign(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(wanted));
  }
  std::vector<QueueEntry> entries;
  for (const auto& c : chosen) {
    entries.push_back({c.deck->id, std::string(c.deck->cards.id(c.index)), now});
  }
  spread_apart(entries, [&](const QueueEntry& e) {
    const deck::Deck* deck = nullptr;
    return find_card(e, &deck);
  });
  // Each question's choice order is drawn now: it is part of the plan a resumed exam keeps.
  for (auto& entry : entries) {
    Pending pending{std::move(entry), false, {}};
    const deck::Deck* deck = nullptr;
    if (const deck::Card* card = find_card(pending.entry, &deck))
      pending.order = choice_order(*card);
    list_.push_back(std::move(pending));
  }
  if (options_.time_limit_ms) deadline_ = now + *options_.time_limit_ms;
  planned_ = static_cast<int>(list_.size());
}

ExamPlan Session::exam_plan() const {
  ExamPlan plan;
  for (const auto& pending : list_) {
    plan.items.push_back({pending.entry.deck_id, pending.entry.card_id,
                          pending.order.value_or(std::vector<std::size_t>{})});
  }
  plan.time_limit_ms = options_.time_limit_ms;
  plan.used_ms = exam_used_ms_;
  plan.sitting_started_ms = started_;
  plan.pass_percent = options_.pass_percent;
  plan.schedule = options_.schedule;
  plan.seed = options_.seed;
  return plan;
}

bool Session::resume_exam(std::int64_t now) {
  const auto record = store_.session(*options_.resume);
  if (!record || !record->plan) return false;
  const auto plan = read_exam_plan(*record->plan);
  if (!plan) return false;
  session_id_ = record->id;
  options_.time_limit_ms = plan->time_limit_ms;
  options_.pass_percent = plan->pass_percent;
  options_.schedule = plan->schedule;
  options_.seed = plan->seed;
  // The time used: the earlier sittings', and this one's up to where it was left (its end,
  // or, if the process died, its last answer).
  store::ReviewFilter filter;
  filter.session_id = record->id;
  const auto reviews = store_.reviews(filter);
  std::int64_t left_at = record->ended_ms.value_or(plan->sitting_started_ms);
  for (const auto& review : reviews) {
    if (review.time_ms >= plan->sitting_started_ms) left_at = std::max(left_at, review.time_ms);
  }
  exam_used_ms_ = plan->used_ms + std::max<std::int64_t>(0, left_at - plan->sitting_started_ms);
  // Questions answered before come first, graded again from their stored answers; the
  // others follow, in the planned order.
  std::map<std::pair<std::string, std::string>, const store::ReviewRecord*> answered;
  for (const auto& review : reviews) answered[{review.deck_id, review.card_id}] = &review;
  std::vector<Pending> open;
  for (const auto& item : plan->items) {
    Pending pending{{item.deck_id, item.card_id, now}, false, item.order};
    const auto found = answered.find({item.deck_id, item.card_id});
    if (found == answered.end()) {
      open.push_back(std::move(pending));
      continue;
    }
    Question question;
    question.card = find_card(pending.entry, &question.deck);
    if (question.card == nullptr) continue;  // left its deck since: not asked, not scored
    question.number = ++asked_;
    question.order = item.order;
    Answer answer;
    const store::ReviewRecord& review = *found->second;
    answer.text = review.answer_form == "choices"
                      ? letters_of(*question.card, item.order, review.answer)
                      : review.answer;
    if (question.card->type == deck::CardType::kFlash) {
      answer.rating = review.rating;
    }
    answer.response_ms = review.response_ms;
    Result result = judge(question, answer);
    result.rating = review.rating;
    result.review_id = review.id;
    result.scheduled = review.scheduled;
    if (result.grade.verdict == grade::Verdict::kWrong) ++wrong_;
    results_.push_back(std::move(result));
    list_.push_back(std::move(pending));
  }
  list_next_ = list_.size();
  for (auto& pending : open) list_.push_back(std::move(pending));
  planned_ = static_cast<int>(list_.size());
  if (options_.time_limit_ms) {
    deadline_ = now + std::max<std::int64_t>(0, *options_.time_limit_ms - exam_used_ms_);
  }
  ExamPlan again = exam_plan();
  again.sitting_started_ms = now;
  store_.resume_session(session_id_, write_exam_plan(again));
  started_ = now;
  return true;
}

// Left before its end (not timed out, questions never answered), an exam is not scored: it
// is kept to be resumed, with the time it used.
void Session::end_exam(Summary& summary, store::SessionRecord& record, std::int64_t now) const {
  // A question is dealt with once answered (in time or not) or skipped.
  std::set<std::pair<std::string, std::string>> given;
  for (const auto& result : results_) {
    if (!result.question.repeat && result.question.card != nullptr) {
      given.insert({result.question.deck->id, result.question.card->id});
    }
  }
  for (const auto& pending : list_) {
    const deck::Deck* deck = nullptr;
    if (find_card(pending.entry, &deck) == nullptr) continue;
    if (!given.contains({pending.entry.deck_id, pending.entry.card_id})) ++summary.questions_left;
  }
  summary.complete =
      summary.timed_out || summary.questions_left == 0 || (deadline_ && now >= *deadline_);
  summary.pass_percent = options_.pass_percent;
  summary.time_limit_ms = options_.time_limit_ms;
  summary.time_used_ms = exam_used_ms_ + std::max<std::int64_t>(0, now - started_);
  if (options_.time_limit_ms) {
    summary.time_used_ms = std::min(summary.time_used_ms, *options_.time_limit_ms);
  }
  if (summary.complete) {
    record.score = summary.points;
    record.points = summary.possible;
    record.pass_mark = options_.pass_percent;
    record.passed = summary.passed;
  } else {
    summary.passed.reset();
    record.complete = false;
    record.pass_mark = options_.pass_percent;
    ExamPlan plan = exam_plan();
    plan.used_ms = exam_used_ms_ + std::max<std::int64_t>(0, now - started_);
    plan.sitting_started_ms = now;
    record.plan = write_exam_plan(plan);
    if (options_.time_limit_ms) {
      summary.time_left_ms = std::max<std::int64_t>(0, *options_.time_limit_ms - plan.used_ms);
    }
  }
}

}  // namespace quizdeck::session
