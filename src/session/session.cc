// SPDX-License-Identifier: MIT
#include "session/session.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/utf8.h"
#include "core/visible.h"
#include "session/answer_log.h"
#include "session/card_state.h"
#include "session/exam_date.h"

namespace quizdeck::session {
namespace {

// The tags a card is reported under: its own, or its deck's when it has none (tags every
// card of a deck shares say nothing about which topics are weak).
std::vector<std::string> own_tags(const deck::Deck& deck, const deck::Card& card) {
  std::vector<std::string> tags;
  for (const auto& tag : card.tags) {
    if (std::find(deck.tags.begin(), deck.tags.end(), tag) == deck.tags.end()) tags.push_back(tag);
  }
  return tags.empty() ? card.tags : tags;
}

}  // namespace

Session::Session(std::vector<deck::Deck> decks, store::Store& store,
                 std::map<std::string, schedule::Scheduler> schedulers, SessionOptions options,
                 std::int64_t now)
    : decks_(std::move(decks)),
      store_(store),
      schedulers_(std::move(schedulers)),
      options_(std::move(options)),
      random_(options_.seed),
      started_(now) {
  std::vector<std::string> deck_ids;
  for (const auto& deck : decks_) {
    sync_deck(store_, deck, now);
    deck_ids.push_back(deck.id);
  }
  if (options_.mode == Mode::kExam && options_.resume) {
    if (!resume_exam(now))
      throw store::StoreError(store::StoreError::Kind::kInvalid,
                              "that exam's plan cannot be read: it cannot be resumed");
    return;
  }
  // An exam is planned before its session is written, so the session keeps the plan.
  if (options_.mode == Mode::kExam) plan_exam(now);
  store::SessionRecord record;
  record.mode = options_.mode;
  record.decks = std::move(deck_ids);
  record.started_ms = now;
  record.pass_mark = options_.pass_percent;
  if (options_.mode == Mode::kExam) record.plan = write_exam_plan(exam_plan());
  session_id_ = store_.begin_session(record);

  switch (options_.mode) {
    case Mode::kDrill: {
      for (const auto& deck : decks_) {
        if (!options_.days.contains(deck.id)) {
          options_.days.emplace(deck.id, deck_day(store_, deck.id, rules(deck.id), now));
        }
      }
      drill_ = plan_drill(store_, decks_, options_.filter, now, options_.days, options_.max,
                          [&](std::vector<QueueEntry>& due) {
                            order_for_exams(store_, options_.rules, schedulers_, options_.days, now,
                                            options_.filter, due);
                          });
      if (drill_->remaining() == 0 && options_.ahead) {
        // Nothing due: the review cards due soonest, still updating the schedule.
        std::vector<std::string> ids;
        for (const auto& deck : decks_) ids.push_back(deck.id);
        std::vector<QueueEntry> soonest;
        store_.each_due(ids, now, INT64_MAX, [&](const store::Store::DueView& entry) {
          if (static_cast<int>(soonest.size()) >= options_.max.value_or(20)) return false;
          if (options_.filter.matches(entry.card_id, entry.tags)) {
            soonest.push_back({std::string(entry.deck_id), std::string(entry.card_id), entry.due_ms,
                               static_cast<std::size_t>(entry.position)});
          }
          return true;
        });
        drill_ = DrillQueue(std::move(soonest), {});
      }
      planned_ = static_cast<int>(drill_->remaining());
      break;
    }
    case Mode::kExam:
      break;  // planned above
    case Mode::kCram:
      plan_cram(now);
      break;
  }
}

const deck::Deck* Session::deck_of(std::string_view deck_id) const {
  for (const auto& deck : decks_) {
    if (deck.id == deck_id) return &deck;
  }
  return nullptr;
}

const deck::Card* Session::find_card(const QueueEntry& entry, const deck::Deck** deck_out) const {
  const deck::Deck* deck = deck_of(entry.deck_id);
  if (deck == nullptr) return nullptr;
  const deck::Card* card = nullptr;
  // The store's place of the card decodes just its chunk; without one (or should the deck
  // disagree) the deck is asked by id.
  if (entry.position && *entry.position < deck->cards.size() &&
      deck->cards[*entry.position].id == entry.card_id) {
    card = &deck->cards[*entry.position];
  } else {
    card = deck->cards.find(entry.card_id);
  }
  if (card != nullptr) *deck_out = deck;
  return card;
}

std::vector<std::size_t> shown_order(const deck::Card& card, core::Random& random) {
  std::vector<std::size_t> order(card.choices.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (card.shuffle) core::shuffle_indices(order, random);
  // Matching answers and ordering items in their written order would give the answer
  // away: a shuffle that left them so is turned by one.
  const bool ordered =
      card.type == deck::CardType::kMatching || card.type == deck::CardType::kOrdering;
  if (ordered && order.size() > 1 && std::is_sorted(order.begin(), order.end())) {
    std::rotate(order.begin(), order.begin() + 1, order.end());
  }
  return order;
}

std::vector<std::size_t> Session::choice_order(const deck::Card& card) {
  return shown_order(card, random_);
}

int Session::due_left() const {
  if (drill_) return static_cast<int>(drill_->due_count());
  return static_cast<int>(list_.size() - list_next_);
}

std::optional<Question> Session::next(std::int64_t now) {
  if (deadline_ && now >= *deadline_) return std::nullopt;
  // --max bounds the questions asked, learning steps and re-asks included: a script
  // answering forever still ends.
  if (options_.max && asked_ >= *options_.max) return std::nullopt;
  std::optional<Pending> pending;
  if (drill_) {
    if (auto entry = drill_->next(now)) pending = Pending{*entry, false, {}};
  } else if (list_next_ < list_.size()) {
    pending = list_[list_next_++];
  }
  if (!pending && repeats_next_ < repeats_.size()) pending = repeats_[repeats_next_++];
  if (!pending) return std::nullopt;
  if (is_set_aside(pending->entry)) return next(now);
  Question question;
  question.card = find_card(pending->entry, &question.deck);
  if (question.card == nullptr) return next(now);  // not in the decks any more
  question.order = pending->order ? *pending->order : choice_order(*question.card);
  question.repeat = pending->repeat;
  question.number = ++asked_;
  const int left =
      drill_ ? static_cast<int>(drill_->remaining()) : static_cast<int>(list_.size() - list_next_);
  question.total =
      std::max(planned_, asked_ + left + static_cast<int>(repeats_.size() - repeats_next_));
  if (options_.max) question.total = std::min(question.total, *options_.max);
  return question;
}

Result Session::judge(const Question& question, const Answer& answer) const {
  Result result;
  result.question = question;
  result.given = answer.text;
  const deck::Card& card = *question.card;
  // Typed text only: what is not UTF-8, or holds a control character (a NUL, an escape
  // sequence), is never graded, stored or shown.
  if (core::find_invalid_utf8(answer.text)) {
    result.grade.verdict = grade::Verdict::kInvalid;
    result.grade.problem = "the answer is not valid UTF-8 text";
    return result;
  }
  if (const auto control = core::find_control(answer.text)) {
    result.grade.verdict = grade::Verdict::kInvalid;
    result.grade.problem = fmt::format("the answer holds a control character, {}; type text only",
                                       core::describe_control(control->code_point));
    return result;
  }
  if (card.type == deck::CardType::kFlash) {
    if (!answer.rating) {
      result.grade.verdict = grade::Verdict::kInvalid;
      result.grade.problem = "rate the card: 1 again, 2 hard, 3 good, 4 easy";
      return result;
    }
    const bool recalled = *answer.rating != core::Rating::kAgain;
    result.grade.verdict = recalled ? grade::Verdict::kRight : grade::Verdict::kWrong;
    result.grade.credit = recalled ? 1 : 0;
    result.grade.expected = card.back;
  } else {
    result.grade = grade::grade_answer(card, answer.text, question.order);
    if (result.grade.verdict == grade::Verdict::kInvalid) return result;
  }
  // Easy for speed only where a card has shown it is known: in review. A new or learning
  // card answered fast (a lucky guess on a true/false) still goes through its steps.
  bool in_review = false;
  if (!answer.rating && answer.response_ms) {
    const auto record = store_.card(question.deck->id, card.id);
    in_review = record && record->state == core::State::kReview;
  }
  result.rating = answer.rating.value_or(
      grade::rating_for(result.grade.verdict, answer.used_hint, answer.response_ms.value_or(0),
                        answer.response_ms && in_review ? grade::fast_threshold_ms(card) : 0));
  result.hinted = !answer.rating && answer.used_hint &&
                  result.grade.verdict == grade::Verdict::kRight &&
                  result.rating == core::Rating::kHard;
  // Wrong: why each picked distractor is wrong. Right: why the key is right.
  const bool wrong = result.grade.verdict == grade::Verdict::kWrong;
  for (const std::size_t picked : result.grade.picked) {
    const auto& choice = card.choices[picked];
    const bool key =
        std::find(card.answers.begin(), card.answers.end(), choice.text) != card.answers.end();
    if (key != wrong && !choice.why.empty()) {
      result.why += (result.why.empty() ? "" : " ") + choice.why;
    }
  }
  return result;
}

Result Session::answer(const Question& question, const Answer& answer, std::int64_t now) {
  if (answer.skip) {
    Result result;
    result.question = question;
    result.given = answer.text;
    result.counted = false;
    result.grade.verdict = grade::Verdict::kWrong;
    results_.push_back(result);
    last_.reset();
    return result;
  }
  Result result = judge(question, answer);
  result.answered_ms = now;
  if (result.grade.verdict == grade::Verdict::kInvalid) return result;
  if (deadline_ && now > *deadline_) {
    result.counted = false;  // too late: the exam is over
    return result;
  }
  const deck::Card& card = *question.card;
  const QueueEntry entry{question.deck->id, card.id, now};
  const bool schedules = this->schedules(question);
  store::ReviewRecord review;
  review.time_ms = now;
  review.deck_id = entry.deck_id;
  review.card_id = entry.card_id;
  review.rating = result.rating;
  review.correct = result.grade.verdict != grade::Verdict::kWrong;
  store_answer(review, question, result);
  review.response_ms = answer.response_ms.value_or(0);
  review.session_id = session_id_;
  review.mode = options_.mode;
  review.scheduled = schedules;
  // In a drill, the card's siblings wait for the next study day.
  std::optional<std::int64_t> bury_until;
  if (drill_ && schedules && rules(entry.deck_id).bury_siblings) {
    if (const auto day = options_.days.find(entry.deck_id); day != options_.days.end()) {
      bury_until = day->second.end_ms;
    }
  }
  const store::Store::Recorded recorded = record(review, bury_until);
  result.review_id = recorded.review_id;
  result.scheduled = recorded.scheduled;
  if (recorded.scheduled) result.due_ms = recorded.after.due_ms;
  const store::CardRecord& after = recorded.after;
  result.leech = after.marks.leech && !recorded.before.marks.leech;
  result.suspended = after.marks.suspended && !recorded.before.marks.suspended;
  for (const auto& [sibling, was] : recorded.buried) {
    result.buried.push_back(sibling);
    if (drill_) drill_->drop(entry.deck_id, sibling);
  }
  if (drill_ && result.scheduled) drill_->answered(entry, after.state, after.due_ms);
  // Failed again and again, or asked again and again (an answer that is always almost is
  // Hard, which keeps a learning step where it is): set aside, so no session loops.
  const std::pair<std::string, std::string> key{entry.deck_id, entry.card_id};
  ++asks_[key];
  if (result.grade.verdict == grade::Verdict::kWrong) {
    ++wrong_;
    if (++fails_[key] < kSetAsideFails && options_.repeat_wrong) {
      repeats_.push_back({entry, true, {}});
    }
  }
  result.set_aside = is_set_aside(entry);
  if (drill_ && (result.set_aside || result.suspended)) drill_->drop(entry.deck_id, entry.card_id);
  results_.push_back(result);
  last_ = Undo{recorded, entry, results_.size() - 1, std::nullopt, false};
  return result;
}

void Session::requeue(const Question& question) {
  const QueueEntry entry{question.deck->id, question.card->id, 0};
  if (question.repeat) {
    --repeats_next_;
  } else if (drill_) {
    drill_->push_front(entry);
  } else if (list_next_ > 0) {
    --list_next_;
  }
  --asked_;
}

std::optional<std::int64_t> Session::last_answer_time() const {
  if (!last_ || last_->marks_before) return std::nullopt;
  return last_->entry.due_ms;
}

bool Session::schedules(const Question& question) const {
  return !question.repeat &&
         (options_.mode == Mode::kDrill || (options_.mode == Mode::kExam && options_.schedule));
}

std::optional<std::array<std::int64_t, 4>> Session::preview(const std::string& deck_id,
                                                            const schedule::CardState& before,
                                                            std::int64_t when) const {
  const auto scheduler = schedulers_.find(deck_id);
  if (scheduler == schedulers_.end()) return std::nullopt;
  std::array<std::int64_t, 4> due{};
  for (std::size_t i = 0; i < core::kRatings.size(); ++i) {
    const auto next = scheduler->second.next(before, when, core::kRatings[i]);
    if (!next) return std::nullopt;
    due[i] = next->due;
  }
  return due;
}

std::optional<std::array<std::int64_t, 4>> Session::rating_preview() const {
  if (!last_ || last_->marks_before || !last_->recorded.scheduled) return std::nullopt;
  // At the time of the answer, from the state before it.
  return preview(last_->entry.deck_id, to_schedule(last_->recorded.before), last_->entry.due_ms);
}

std::optional<std::array<std::int64_t, 4>> Session::rating_preview(const Question& question,
                                                                   std::int64_t now) const {
  if (!schedules(question)) return std::nullopt;
  const auto record = store_.card(question.deck->id, question.card->id);
  return preview(question.deck->id, record ? to_schedule(*record) : schedule::CardState{}, now);
}

std::vector<std::string> Session::deck_ids() const {
  std::vector<std::string> ids;
  for (const auto& deck : decks_) ids.push_back(deck.id);
  return ids;
}

Marked Session::mark(const Question& question, Mark mark, std::int64_t now) {
  Marked marked;
  marked.mark = mark;
  const QueueEntry entry{question.deck->id, question.card->id, now};
  if (options_.mode == Mode::kExam && mark != Mark::kFlag) {
    marked.problem = "an exam asks what it planned: suspend or bury the card after it";
    return marked;
  }
  if (question.repeat && mark != Mark::kFlag) {
    marked.problem = "this is a re-ask; suspend or bury the card when it comes up for study";
    return marked;
  }
  const auto before = store_.card(entry.deck_id, entry.card_id);
  if (!before) {
    marked.problem = "the store does not have this card";
    return marked;
  }
  store::Store::MarkChange change;
  switch (mark) {
    case Mark::kSuspend:
      change.suspended = true;
      break;
    case Mark::kBury: {
      const auto day = options_.days.find(entry.deck_id);
      marked.until = day != options_.days.end()
                         ? day->second.end_ms
                         : deck_day(store_, entry.deck_id, rules(entry.deck_id), now).end_ms;
      change.buried_until_ms = marked.until;
      break;
    }
    case Mark::kFlag:
      marked.flag = before->marks.flag == 0 ? 1 : 0;
      change.flag = marked.flag;
      break;
  }
  store_.change_marks(entry.deck_id, {entry.card_id}, change);
  marked.done = true;
  marked.left = mark != Mark::kFlag;
  if (marked.left && drill_) drill_->drop(entry.deck_id, entry.card_id);
  last_ = Undo{{}, entry, results_.size(), before->marks, marked.left};
  return marked;
}

std::optional<Session::UndoTarget> Session::undo_target() const {
  if (!last_) return std::nullopt;
  return UndoTarget{last_->entry.deck_id, last_->entry.card_id, last_->marks_before.has_value()};
}

bool Session::undo() {
  if (!last_) return false;
  if (last_->marks_before) {
    // A mark taken back: the card as it was, and back in the session if it left it.
    store_.set_marks(last_->entry.deck_id, last_->entry.card_id, *last_->marks_before);
    if (last_->left) {
      if (drill_) {
        drill_->push_front(last_->entry);
      } else if (list_next_ > 0) {
        --list_next_;
      }
      --asked_;
    }
    last_.reset();
    return true;
  }
  take_back(last_->recorded);
  const Result& undone = results_[last_->result_index];
  --asks_[{last_->entry.deck_id, last_->entry.card_id}];
  if (undone.grade.verdict == grade::Verdict::kWrong) {
    --wrong_;
    --fails_[{last_->entry.deck_id, last_->entry.card_id}];
    if (options_.repeat_wrong && !undone.set_aside && !repeats_.empty()) repeats_.pop_back();
  }
  if (undone.question.repeat) {
    --repeats_next_;
  } else if (drill_) {
    drill_->push_front(last_->entry);
  } else if (list_next_ > 0) {
    --list_next_;
  }
  results_.erase(results_.begin() + static_cast<std::ptrdiff_t>(last_->result_index));
  --asked_;
  last_.reset();
  return true;
}

std::optional<Result> Session::rerate(core::Rating rating, std::int64_t now) {
  if (!last_ || last_->marks_before) return std::nullopt;
  Result& result = results_[last_->result_index];
  if (result.rating == rating) return result;
  take_back(last_->recorded);
  if (drill_) drill_->forget(last_->entry);
  result.rating = rating;
  result.hinted = false;  // the learner's own rating now
  store::ReviewRecord review;
  review.time_ms = now;
  review.deck_id = last_->entry.deck_id;
  review.card_id = last_->entry.card_id;
  review.rating = rating;
  review.correct = result.grade.verdict != grade::Verdict::kWrong;
  store_answer(review, result.question, result);
  review.session_id = session_id_;
  review.mode = options_.mode;
  review.scheduled = result.scheduled;
  last_->recorded = record(review);
  result.answered_ms = now;
  result.review_id = last_->recorded.review_id;
  result.scheduled = last_->recorded.scheduled;
  const store::CardRecord& after = last_->recorded.after;
  if (result.scheduled) result.due_ms = after.due_ms;
  if (drill_ && result.scheduled) drill_->answered(last_->entry, after.state, after.due_ms);
  return result;
}

store::Store::Recorded Session::record(const store::ReviewRecord& review,
                                       std::optional<std::int64_t> bury_until) {
  const schedule::Scheduler& scheduler = schedulers_.at(review.deck_id);
  const StudySettings& deck_rules = rules(review.deck_id);
  return store_.record_review(
      review,
      [&](const store::CardRecord& current) -> std::optional<store::CardRecord> {
        // Nothing when the clock went back past the card's last review: not scheduled.
        const auto next = scheduler.next(to_schedule(current), review.time_ms, review.rating);
        if (!next) return std::nullopt;
        store::CardRecord after = with_state(current, *next);
        bring_forward(after, deck_rules, review.time_ms);
        if (is_leech_lapse(deck_rules, current.lapses, after.lapses)) {
          after.marks.leech = true;
          if (deck_rules.leech_action == LeechAction::kSuspend) after.marks.suspended = true;
        }
        return after;
      },
      bury_until);
}

const StudySettings& Session::rules(const std::string& deck_id) const {
  static const StudySettings defaults;
  const auto it = options_.rules.find(deck_id);
  return it == options_.rules.end() ? defaults : it->second;
}

bool Session::is_set_aside(const QueueEntry& entry) const {
  const std::pair<std::string, std::string> key{entry.deck_id, entry.card_id};
  const auto fails = fails_.find(key);
  const auto asks = asks_.find(key);
  return (fails != fails_.end() && fails->second >= kSetAsideFails) ||
         (drill_ && asks != asks_.end() && asks->second >= kSetAsideAsks);
}

void Session::take_back(const store::Store::Recorded& recorded) {
  const schedule::Scheduler& scheduler = schedulers_.at(recorded.before.deck_id);
  store_.undo_review(recorded, [&](const store::CardRecord& card,
                                   const std::vector<store::ReviewRecord>& reviews) {
    return replay_reviews(scheduler, card, reviews);
  });
}

std::optional<std::int64_t> Session::next_due(std::int64_t now) {
  std::vector<std::string> ids;
  for (const auto& deck : decks_) ids.push_back(deck.id);
  return store_.next_due(ids, now);
}

Summary Session::finish(std::int64_t now) {
  Summary summary;
  summary.mode = options_.mode;
  summary.timed_out = deadline_ && now >= *deadline_ && list_next_ < list_.size();
  std::map<std::string, TagScore> tags;
  std::set<std::pair<std::string, std::string>> answered_first;
  for (const auto& result : results_) {
    if (!result.counted) {
      summary.skipped += result.grade.verdict == grade::Verdict::kInvalid ? 0 : 1;
      continue;
    }
    ++summary.answered;
    if (result.grade.verdict != grade::Verdict::kWrong) ++summary.correct;
    if (result.question.repeat) continue;  // re-asks never score twice
    const deck::Card& card = *result.question.card;
    answered_first.insert({result.question.deck->id, card.id});
    const double earned = card.points * result.grade.credit;
    summary.points += earned;
    summary.possible += card.points;
    for (const auto& tag : own_tags(*result.question.deck, card)) {
      TagScore& score = tags[tag];
      score.tag = tag;
      score.earned += earned;
      score.possible += card.points;
      ++score.questions;
    }
    if (options_.mode == Mode::kExam && result.grade.verdict != grade::Verdict::kRight) {
      summary.missed.push_back(result);
    }
  }
  if (options_.mode == Mode::kExam) {
    // Questions never answered (time-out, quit) count as missed, with no points.
    for (const auto& pending : list_) {
      if (answered_first.contains({pending.entry.deck_id, pending.entry.card_id})) continue;
      Result unanswered;
      unanswered.question.card = find_card(pending.entry, &unanswered.question.deck);
      if (unanswered.question.card == nullptr) continue;
      unanswered.counted = false;
      unanswered.grade.expected = grade::expected_answer(*unanswered.question.card);
      const deck::Card& card = *unanswered.question.card;
      summary.possible += card.points;
      for (const auto& tag : own_tags(*unanswered.question.deck, card)) {
        TagScore& score = tags[tag];
        score.tag = tag;
        score.possible += card.points;
        ++score.questions;
      }
      summary.missed.push_back(unanswered);
    }
    if (options_.pass_percent) {
      summary.passed = summary.possible > 0 &&
                       summary.points * 100 >= *options_.pass_percent * summary.possible - 1e-9;
    }
  }
  for (auto& [tag, score] : tags) summary.tags.push_back(score);
  std::stable_sort(summary.tags.begin(), summary.tags.end(),
                   [](const TagScore& a, const TagScore& b) {
                     const double left = a.possible > 0 ? a.earned / a.possible : 0;
                     const double right = b.possible > 0 ? b.earned / b.possible : 0;
                     return left < right;
                   });
  store::SessionRecord record;
  record.id = session_id_;
  record.mode = options_.mode;
  record.started_ms = started_;
  record.ended_ms = now;
  if (options_.mode == Mode::kExam) end_exam(summary, record, now);
  store_.end_session(record);
  return summary;
}

}  // namespace quizdeck::session
