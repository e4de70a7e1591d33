// SPDX-License-Identifier: MIT
#include "analysis/item_analysis.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "analysis/exam_figures.h"
#include "analysis/item_figures.h"
#include "analysis/near_miss.h"
#include "analysis/observations.h"
#include "analysis/problems.h"
#include "analysis/regrade.h"
#include "analysis/sample.h"
#include "core/normalize.h"
#include "schedule/fsrs.h"

namespace quizdeck::analysis {
namespace {

std::string item_key(std::string_view deck, std::string_view card, std::string_view content) {
  std::string key;
  key.reserve(deck.size() + card.size() + content.size() + 2);
  key.append(deck).push_back('\0');
  key.append(card).push_back('\0');
  key.append(content);
  return key;
}

// A matching card's pairs or an ordering card's positions, each with its right answer.
std::vector<PartShare> parts_of(const deck::Card& card) {
  std::vector<PartShare> parts;
  if (card.type == deck::CardType::kMatching) {
    for (const deck::Pair& pair : card.pairs) parts.push_back(PartShare{pair.prompt, pair.answer});
  } else if (card.type == deck::CardType::kOrdering) {
    for (std::size_t i = 0; i < card.choices.size(); ++i) {
      parts.push_back(PartShare{std::to_string(i + 1), card.choices[i].text});
    }
  }
  return parts;
}

DrillMemory memory_of(const Item& item) {
  DrillMemory memory;
  memory.learners = static_cast<int>(item.difficulties.size());
  memory.answers = item.drill_answers;
  if (!item.difficulties.empty()) memory.difficulty = mean(item.difficulties);
  memory.review_answers = item.review_answers;
  memory.lapses = item.lapses;
  if (item.review_answers > 0) {
    memory.lapse_rate = item.lapses / static_cast<double>(item.review_answers);
  }
  return memory;
}

}  // namespace

std::string_view version_name(Version version) {
  switch (version) {
    case Version::kCurrent:
      return "current";
    case Version::kEarlier:
      return "earlier";
    case Version::kUnknown:
      return "unknown";
    case Version::kGone:
      return "gone";
  }
  return "current";
}

struct ItemAnalysis::State {
  AnalysisOptions options;
  std::vector<DeckCard> cards;
  std::set<std::string> decks;
  std::unordered_map<std::string, std::size_t> card_index;  // deck '\0' card -> cards
  std::unordered_map<std::string, std::size_t> item_index;  // item_key -> items
  std::vector<Item> items;
  std::vector<Attempt> attempts;
  std::vector<Group> groups;
  std::map<std::string, std::size_t> group_index;
  // Drill attempts: per learner, the items first answered and the credit.
  std::vector<std::vector<std::pair<std::size_t, double>>> learner_firsts;
  Report totals;

  // The learner being read.
  std::vector<ExamSitting> sittings;
  std::vector<Answer> answers;
  std::string learner;
  bool in_learner = false;

  // The answer's verdict as the deck's card of the same content gives it.
  void regrade_answer(Answer& answer) {
    if (!decks.contains(answer.deck)) return;
    const DeckCard* now = deck_card(answer.deck, answer.card);
    if (now == nullptr || now->source == nullptr) return;
    std::optional<Regrade> mismatch;
    switch (analysis::regrade_answer(*now->source, now->content, learner, answer, mismatch)) {
      case Regrading::kNone:
        return;
      case Regrading::kKept:
        ++totals.kept;
        return;
      case Regrading::kRegraded:
        ++totals.regraded;
        break;
    }
    if (mismatch) totals.mismatches.push_back(std::move(*mismatch));
  }

  const DeckCard* deck_card(std::string_view deck, std::string_view card) const {
    const auto it = card_index.find(item_key(deck, card, ""));
    return it == card_index.end() ? nullptr : &cards[it->second];
  }

  // The item for answers to a card with this content (none: an older quizdeck's answer).
  std::size_t item(const std::string& deck, const std::string& card,
                   const std::optional<std::string>& content, bool unanswered = false) {
    const DeckCard* now = deck_card(deck, card);
    std::string version_key = content ? *content : (unanswered && now ? now->content : "?");
    const std::string key = item_key(deck, card, version_key);
    if (const auto it = item_index.find(key); it != item_index.end()) return it->second;
    Item made;
    made.head.deck = deck;
    made.head.card = card;
    made.head.content = version_key == "?" ? "" : version_key;
    if (now != nullptr) {
      made.head.prompt = now->prompt;
      made.head.type = now->type;
      made.head.points = now->points;
      made.head.position = static_cast<int>(now - cards.data());
      made.guess = now->guess;
      made.ordered = now->type == "matching" || now->type == "ordering";
      if (now->content == version_key) {
        made.head.version = Version::kCurrent;
        made.choices = now->choices;
        made.keys = now->keys;
        made.deck_choices = now->choices.size();
        if (now->source != nullptr) made.parts = parts_of(*now->source);
      } else {
        made.head.version = version_key == "?" ? Version::kUnknown : Version::kEarlier;
      }
    } else {
      made.head.version = Version::kGone;
      made.head.position = static_cast<int>(cards.size());
    }
    items.push_back(std::move(made));
    item_index.emplace(key, items.size() - 1);
    return items.size() - 1;
  }

  Observation observe(Item& item, const Answer* answer, std::size_t attempt) {
    Observation obs;
    obs.attempt = attempt;
    if (answer == nullptr) return obs;
    obs.mark = credit_of(*answer) * item.head.points;
    obs.response_ms = answer->response_ms;
    if (answer->picked && !item.ordered) {
      obs.with_choices = true;
      for (const std::string& text : *answer->picked) obs.picks.push_back(item.choice_index(text));
    }
    return obs;
  }

  std::size_t group(const std::vector<std::string>& group_decks) {
    std::vector<std::string> sorted = group_decks;
    std::sort(sorted.begin(), sorted.end());
    std::string key;
    for (const auto& d : sorted) key += d + '\n';
    if (const auto it = group_index.find(key); it != group_index.end()) return it->second;
    groups.push_back(Group{sorted, {}});
    group_index.emplace(key, groups.size() - 1);
    return groups.size() - 1;
  }

  // Every answer's response, for the item's wrong responses or its parts.
  void read_response(const Answer& answer) {
    if (!decks.contains(answer.deck)) return;  // another deck sat in the same exam
    Item& it = items[item(answer.deck, answer.card, answer.content)];
    const double credit = credit_of(answer);
    if (it.ordered) {
      if (!answer.picked || it.parts.empty()) return;
      for (std::size_t p = 0; p < it.parts.size() && p < answer.picked->size(); ++p) {
        ++it.parts[p].attempts;
        if ((*answer.picked)[p] == it.parts[p].right) ++it.parts[p].correct;
      }
      return;
    }
    const std::string& type = it.head.type;
    if (credit >= 1 - 1e-9 || !answer.answer || answer.picked) return;
    if (type != "short" && type != "numeric" && type != "cloze") return;
    std::string key = core::normalize_text(*answer.answer);
    if (key.empty()) return;
    const auto [at, fresh] = it.wrong_index.emplace(std::move(key), it.wrong.size());
    if (fresh) it.wrong.push_back(ResponseCount{*answer.answer, 0, {}});
    ++it.wrong[at->second].count;
  }

  void fold_learner();
  void fold_exam(const ExamSitting& sitting, const std::vector<const Answer*>& answered);
  void fold_drill(const std::vector<const Answer*>& drill);

  // The share of its points a sitting earned (its answers as regraded; an unanswered
  // question earns nothing).
  double sitting_share(const ExamSitting& sitting,
                       const std::vector<const Answer*>& answered) const {
    double earned = 0;
    double possible = 0;
    for (const ExamQuestion& q : sitting.questions) {
      const DeckCard* now = deck_card(q.deck, q.card);
      const double points = now != nullptr ? now->points : 1;
      possible += points;
      for (const Answer* a : answered) {
        if (a->deck == q.deck && a->card == q.card) {
          earned += points * a->credit.value_or(a->correct ? 1.0 : 0.0);
          break;
        }
      }
    }
    if (sitting.questions.empty()) {
      for (const Answer* a : answered) {
        possible += 1;
        earned += a->credit.value_or(a->correct ? 1.0 : 0.0);
      }
    }
    return possible > 0 ? earned / possible : 0;
  }

  // Keeps of a learner's sittings (by attempt number, in the order taken) those the options
  // count: the first, the last, the best, or all.
  void choose_sittings(std::map<std::int64_t, const ExamSitting*>& counted,
                       const std::map<std::int64_t, std::vector<const Answer*>>& answers_of) const {
    if (counted.size() < 2 || options.attempts == AttemptChoice::kAll) return;
    std::vector<std::pair<std::int64_t, const ExamSitting*>> taken(counted.begin(), counted.end());
    std::stable_sort(taken.begin(), taken.end(), [](const auto& a, const auto& b) {
      return a.second->started_ms < b.second->started_ms;
    });
    std::pair<std::int64_t, const ExamSitting*> kept = taken.front();
    if (options.attempts == AttemptChoice::kLast) kept = taken.back();
    if (options.attempts == AttemptChoice::kBest) {
      const std::vector<const Answer*> none;
      const auto share = [&](const std::pair<std::int64_t, const ExamSitting*>& t) {
        const auto it = answers_of.find(t.first);
        return sitting_share(*t.second, it == answers_of.end() ? none : it->second);
      };
      double best = share(kept);
      for (const auto& t : taken) {
        // The highest score; of equal ones, the first (as Moodle's highest grade).
        if (const double s = share(t); s > best + 1e-9) {
          best = s;
          kept = t;
        }
      }
    }
    counted = {kept};
  }
};

ItemAnalysis::ItemAnalysis(std::vector<DeckCard> cards, AnalysisOptions options)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.options = options;
  s.cards = std::move(cards);
  for (std::size_t i = 0; i < s.cards.size(); ++i) {
    s.decks.insert(s.cards[i].deck);
    s.card_index.emplace(item_key(s.cards[i].deck, s.cards[i].card, ""), i);
  }
  // Every card of the deck is listed, answered or not.
  for (const DeckCard& card : s.cards) s.item(card.deck, card.card, card.content);
}

ItemAnalysis::~ItemAnalysis() = default;

void ItemAnalysis::begin_learner() {
  if (state_->in_learner) end_learner();
  state_->in_learner = true;
  state_->sittings.clear();
  state_->answers.clear();
  state_->learner.clear();
}

void ItemAnalysis::add(const ExamSitting& sitting) {
  ++state_->totals.sittings;
  state_->sittings.push_back(sitting);
}

void ItemAnalysis::name_learner(std::string label) {
  state_->learner = std::move(label);
}

void ItemAnalysis::add(const Answer& answer) {
  ++state_->totals.answers;
  state_->answers.push_back(answer);
  state_->regrade_answer(state_->answers.back());
}

void ItemAnalysis::end_learner() {
  if (!state_->in_learner) return;
  state_->fold_learner();
  state_->in_learner = false;
  state_->sittings.clear();
  state_->answers.clear();
  ++state_->totals.learners;
}

void ItemAnalysis::State::fold_learner() {
  std::stable_sort(answers.begin(), answers.end(),
                   [](const Answer& a, const Answer& b) { return a.time_ms < b.time_ms; });
  std::map<std::int64_t, std::vector<const Answer*>> by_attempt;
  std::vector<const Answer*> drill;
  std::map<std::int64_t, const ExamSitting*> counted;
  std::set<std::int64_t> eligible;  // complete sittings of the deck, chosen or not
  for (const ExamSitting& sitting : sittings) {
    bool ours = false;
    for (const auto& d : sitting.decks) ours = ours || decks.contains(d);
    for (const auto& q : sitting.questions) ours = ours || decks.contains(q.deck);
    if (!ours || !sitting.complete) continue;
    eligible.insert(sitting.attempt);
    if (options.since_ms && sitting.started_ms < *options.since_ms) continue;
    counted[sitting.attempt] = &sitting;
  }
  std::map<std::int64_t, std::vector<const Answer*>> exam_answers;
  for (const Answer& answer : answers) {
    if (answer.mode == core::ReviewMode::kExam && answer.attempt) {
      exam_answers[*answer.attempt].push_back(&answer);
    }
  }
  choose_sittings(counted, exam_answers);
  for (const Answer& answer : answers) {
    const bool ours = decks.contains(answer.deck);
    const bool recent = !options.since_ms || answer.time_ms >= *options.since_ms;
    if (answer.mode == core::ReviewMode::kExam && answer.attempt &&
        counted.contains(*answer.attempt)) {
      by_attempt[*answer.attempt].push_back(&answer);
    } else if (answer.mode == core::ReviewMode::kDrill && ours && recent) {
      drill.push_back(&answer);
    } else if ((answer.mode == core::ReviewMode::kExam && answer.attempt &&
                eligible.contains(*answer.attempt)) ||
               (answer.mode == core::ReviewMode::kDrill && ours)) {
      ++totals.not_chosen;
    } else {
      ++totals.ignored;
    }
  }
  for (const auto& [attempt, sitting] : counted) fold_exam(*sitting, by_attempt[attempt]);
  fold_drill(drill);
  for (const auto& [attempt, list] : by_attempt) {
    for (const Answer* answer : list) read_response(*answer);
  }
  for (const Answer* answer : drill) read_response(*answer);
  // FSRS memory: each item version's scheduled answers (drill or exam), in time order.
  std::map<std::size_t, std::vector<const Answer*>> scheduled;
  for (const Answer& answer : answers) {
    if (!answer.scheduled || answer.reset || !decks.contains(answer.deck)) continue;
    if (answer.mode == core::ReviewMode::kCram) continue;
    scheduled[item(answer.deck, answer.card, answer.content)].push_back(&answer);
  }
  const schedule::Scheduler scheduler{schedule::Parameters{}};
  for (const auto& [index, list] : scheduled) {
    Item& it = items[index];
    schedule::CardState card = schedule::new_card(list.front()->time_ms);
    bool any = false;
    for (const Answer* answer : list) {
      const auto rating = static_cast<core::Rating>(answer->rating);
      auto next = scheduler.next(card, answer->time_ms, rating);
      if (!next) continue;
      if (card.state == core::State::kReview) {
        ++it.review_answers;
        if (rating == core::Rating::kAgain) ++it.lapses;
      }
      card = *next;
      any = true;
    }
    if (any) it.difficulties.push_back(card.difficulty);
  }
}

void ItemAnalysis::State::fold_exam(const ExamSitting& sitting,
                                    const std::vector<const Answer*>& answered) {
  Attempt attempt;
  attempt.exam = true;
  attempt.group = group(sitting.decks);
  attempt.pass_mark = sitting.pass_mark;
  const std::size_t index = attempts.size();
  // The questions in the order asked; without a list, the answers' order.
  std::vector<ExamQuestion> questions = sitting.questions;
  if (questions.empty()) {
    for (const Answer* a : answered) {
      const bool seen = std::any_of(questions.begin(), questions.end(), [&](const auto& q) {
        return q.deck == a->deck && q.card == a->card;
      });
      if (!seen) questions.push_back({a->deck, a->card});
    }
  }
  std::vector<std::pair<std::size_t, Observation>> observed;
  for (const ExamQuestion& question : questions) {
    const Answer* first = nullptr;
    for (const Answer* a : answered) {
      if (a->deck == question.deck && a->card == question.card) {
        first = a;
        break;
      }
    }
    const DeckCard* now = deck_card(question.deck, question.card);
    double points = now != nullptr ? now->points : 1.0;
    if (!decks.contains(question.deck)) {  // part of the sitting, not of the analysis
      const double mark = first != nullptr ? credit_of(*first) * points : 0.0;
      attempt.total += mark;
      attempt.maximum += points;
      continue;
    }
    const std::size_t item_at =
        item(question.deck, question.card, first ? first->content : std::nullopt, first == nullptr);
    Item& it = items[item_at];
    Observation obs = observe(it, first, index);
    attempt.total += obs.mark;
    attempt.maximum += it.head.points;
    attempt.slot_items.push_back(item_at);
    attempt.slot_marks.push_back(obs.mark);
    observed.emplace_back(item_at, std::move(obs));
  }
  groups[attempt.group].attempts.push_back(index);
  attempts.push_back(std::move(attempt));
  for (auto& [item_at, obs] : observed) {
    items[item_at].exam.push_back(std::move(obs));
  }
}

void ItemAnalysis::State::fold_drill(const std::vector<const Answer*>& drill) {
  std::map<std::size_t, const Answer*> first;
  for (const Answer* answer : drill) {
    const std::size_t at = item(answer->deck, answer->card, answer->content);
    Item& it = items[at];
    ++it.drill_answers;
    it.drill_times.push_back(answer->response_ms);
    first.emplace(at, answer);  // the earliest: answers are in time order
  }
  if (first.empty()) return;
  Attempt attempt;
  attempt.exam = false;
  const std::size_t index = attempts.size();
  for (const auto& [at, answer] : first) {
    Observation obs = observe(items[at], answer, index);
    attempt.total += credit_of(*answer);
    ++attempt.count;
    items[at].drill.push_back(std::move(obs));
  }
  attempts.push_back(std::move(attempt));
}

Report ItemAnalysis::finish() const {
  const State& s = *state_;
  Report report = s.totals;
  for (const Item& it : s.items) {
    ItemReport item = it.head;
    std::vector<std::int64_t> exam_times;
    for (const Observation& obs : it.exam) exam_times.push_back(obs.response_ms);
    if (!it.exam.empty()) item.exam = item_figures(it, it.exam, s.attempts, exam_times);
    if (!it.drill.empty()) item.drill = item_figures(it, it.drill, s.attempts, it.drill_times);
    if (it.drill_answers > 0 || !it.difficulties.empty()) item.memory = memory_of(it);
    item.parts = it.parts;
    item.wrong_responses = it.wrong;
    std::stable_sort(
        item.wrong_responses.begin(), item.wrong_responses.end(),
        [](const ResponseCount& a, const ResponseCount& b) { return a.count > b.count; });
    const DeckCard* now = s.deck_card(item.deck, item.card);
    if (item.version == Version::kCurrent && now != nullptr && now->source != nullptr) {
      for (const ResponseCount& r : item.wrong_responses) {
        if (item.near_misses.size() == kWrongResponses) break;
        if (auto near = near_miss(*now->source, r.text)) {
          item.near_misses.push_back({r.text, r.count, std::move(*near)});
        }
      }
    }
    if (item.wrong_responses.size() > kWrongResponses) item.wrong_responses.resize(kWrongResponses);
    judge(item, it.guess, s.options.min_group);
    report.items.push_back(std::move(item));
  }
  // Problems first (worst problem first, then the most problems), then deck order, then
  // other versions.
  std::stable_sort(report.items.begin(), report.items.end(),
                   [](const ItemReport& a, const ItemReport& b) {
                     const bool pa = !a.problems.empty();
                     const bool pb = !b.problems.empty();
                     if (pa != pb) return pa;
                     if (pa && a.problems.front().rank != b.problems.front().rank) {
                       return a.problems.front().rank < b.problems.front().rank;
                     }
                     if (a.position != b.position) return a.position < b.position;
                     return static_cast<int>(a.version) < static_cast<int>(b.version);
                   });
  for (const Group& g : s.groups) report.exams.push_back(exam_report(g, s.attempts, s.items));
  return report;
}

}  // namespace quizdeck::analysis
