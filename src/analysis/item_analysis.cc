// SPDX-License-Identifier: MIT
#include "analysis/item_analysis.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "grade/grade.h"
#include "schedule/fsrs.h"

namespace quizdeck::analysis {
namespace {

// Share of attempts ranked strongest (and weakest) for the distractor check: the classical
// 27% of item analysis.
constexpr double kGroupShare = 0.27;

struct Observation {
  std::size_t attempt = 0;  // index into State::attempts
  double mark = 0;          // credit times the item's points
  std::vector<int> picks;   // choice indexes; empty: picked nothing among choices
  bool with_choices = false;
  std::int64_t response_ms = -1;  // -1: not answered
};

struct Item {
  ItemReport head;
  double guess = 0;
  std::vector<std::string> choices;  // texts; the deck's first, then any others seen
  std::vector<bool> keys;
  std::size_t deck_choices = 0;
  std::vector<Observation> exam;
  std::vector<Observation> drill;
  std::vector<std::int64_t> drill_times;
  int drill_answers = 0;
  std::vector<double> difficulties;
  int review_answers = 0;
  int lapses = 0;

  int choice_index(const std::string& text) {
    for (std::size_t i = 0; i < choices.size(); ++i) {
      if (choices[i] == text) return static_cast<int>(i);
    }
    choices.push_back(text);
    keys.push_back(false);
    return static_cast<int>(choices.size() - 1);
  }
};

struct Attempt {
  bool exam = true;       // false: one learner's first drill answers
  std::size_t group = 0;  // exams: index into State::groups
  double total = 0;       // exam: sum of marks; drill: sum of credits
  double maximum = 0;
  int count = 0;  // drill: the cards answered
  std::optional<double> pass_mark;
  std::vector<std::size_t> slot_items;  // exam: the item at each position
  std::vector<double> slot_marks;
};

struct Group {
  std::vector<std::string> decks;
  std::vector<std::size_t> attempts;
};

double credit_of(const Answer& answer) {
  return answer.credit.value_or(answer.correct ? 1.0 : 0.0);
}

std::string item_key(std::string_view deck, std::string_view card, std::string_view content) {
  std::string key;
  key.reserve(deck.size() + card.size() + content.size() + 2);
  key.append(deck).push_back('\0');
  key.append(card).push_back('\0');
  key.append(content);
  return key;
}

double mean(const std::vector<double>& values) {
  if (values.empty()) return 0;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

// Sample variance (n - 1), as Moodle computes it.
std::optional<double> variance(const std::vector<double>& values) {
  if (values.size() < 2) return std::nullopt;
  const double m = mean(values);
  double sum = 0;
  for (const double v : values) sum += (v - m) * (v - m);
  return sum / static_cast<double>(values.size() - 1);
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

std::string percent(double share) {
  return fmt::format("{:.0f}%", 100.0 * share);
}

}  // namespace

const ItemFigures* judged_figures(const ItemReport& item) {
  if (item.exam && item.exam->attempts >= kMinJudgedAttempts) return &*item.exam;
  if (item.drill && item.drill->attempts >= kMinJudgedAttempts) return &*item.drill;
  return nullptr;
}

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
  bool in_learner = false;

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
      if (now->content == version_key) {
        made.head.version = Version::kCurrent;
        made.choices = now->choices;
        made.keys = now->keys;
        made.deck_choices = now->choices.size();
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
    if (answer->picked) {
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

  void fold_learner();
  void fold_exam(const ExamSitting& sitting, const std::vector<const Answer*>& answered);
  void fold_drill(const std::vector<const Answer*>& drill);
};

ItemAnalysis::ItemAnalysis(std::vector<DeckCard> cards) : state_(std::make_unique<State>()) {
  State& s = *state_;
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
}

void ItemAnalysis::add(const ExamSitting& sitting) {
  ++state_->totals.sittings;
  state_->sittings.push_back(sitting);
}

void ItemAnalysis::add(const Answer& answer) {
  ++state_->totals.answers;
  state_->answers.push_back(answer);
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
  for (const ExamSitting& sitting : sittings) {
    bool ours = false;
    for (const auto& d : sitting.decks) ours = ours || decks.contains(d);
    for (const auto& q : sitting.questions) ours = ours || decks.contains(q.deck);
    if (ours && sitting.complete) counted[sitting.attempt] = &sitting;
  }
  for (const Answer& answer : answers) {
    const bool ours = decks.contains(answer.deck);
    if (answer.mode == core::ReviewMode::kExam && answer.attempt &&
        counted.contains(*answer.attempt)) {
      by_attempt[*answer.attempt].push_back(&answer);
    } else if (answer.mode == core::ReviewMode::kDrill && ours) {
      drill.push_back(&answer);
    } else {
      ++totals.ignored;
    }
  }
  for (const auto& [attempt, sitting] : counted) fold_exam(*sitting, by_attempt[attempt]);
  fold_drill(drill);
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

namespace {

// The rest of the test for an observation: an exam's other marks; a drill learner's mean
// credit on the other cards they answered (none when they answered only this one).
std::optional<double> rest_of(const Attempt& attempt, const Observation& obs, double points) {
  if (attempt.exam) return attempt.total - obs.mark;
  if (attempt.count < 2) return std::nullopt;
  const double credit = points > 0 ? obs.mark / points : 0.0;
  return (attempt.total - credit) / static_cast<double>(attempt.count - 1);
}

ItemFigures figures(const Item& item, const std::vector<Observation>& population,
                    const std::vector<Attempt>& attempts, const std::vector<std::int64_t>& times) {
  ItemFigures f;
  f.attempts = static_cast<int>(population.size());
  const double points = item.head.points;
  std::vector<double> marks;
  std::vector<double> rests;
  std::vector<double> paired_marks;
  for (const Observation& obs : population) {
    marks.push_back(obs.mark);
    if (const auto rest = rest_of(attempts[obs.attempt], obs, points)) {
      paired_marks.push_back(obs.mark);
      rests.push_back(*rest);
    }
  }
  f.facility = points > 0 ? mean(marks) / points : 0;
  if (const auto v = variance(marks); v && points > 0) f.sd = std::sqrt(*v) / points;
  // Moodle's discrimination index and discriminative efficiency (question/classes/
  // statistics/questions/calculator.php): sample covariance of the mark with the rest of
  // the test over the product of their deviations; the efficiency divides by the
  // covariance the same marks would reach, both sorted.
  if (paired_marks.size() >= 2) {
    const double n1 = static_cast<double>(paired_marks.size() - 1);
    const double mx = mean(paired_marks);
    const double mr = mean(rests);
    double vx = 0;
    double vr = 0;
    double cov = 0;
    for (std::size_t i = 0; i < paired_marks.size(); ++i) {
      vx += (paired_marks[i] - mx) * (paired_marks[i] - mx);
      vr += (rests[i] - mr) * (rests[i] - mr);
      cov += (paired_marks[i] - mx) * (rests[i] - mr);
    }
    vx /= n1;
    vr /= n1;
    cov /= n1;
    if (vx * vr != 0) f.discrimination = 100.0 * cov / std::sqrt(vx * vr);
    std::vector<double> sx = paired_marks;
    std::vector<double> sr = rests;
    std::sort(sx.begin(), sx.end());
    std::sort(sr.begin(), sr.end());
    double cov_max = 0;
    for (std::size_t i = 0; i < sx.size(); ++i) cov_max += (sx[i] - mx) * (sr[i] - mr);
    cov_max /= n1;
    if (cov_max != 0) f.efficiency = 100.0 * cov / cov_max;
  }
  std::vector<double> seconds;
  for (const std::int64_t ms : times) {
    if (ms >= 0) seconds.push_back(static_cast<double>(ms) / 1000.0);
  }
  if (!seconds.empty()) f.median_seconds = median(seconds);
  // Choice shares, overall and among the strongest and weakest attempts by the rest of
  // the test.
  std::vector<std::pair<double, const Observation*>> ranked;
  for (const Observation& obs : population) {
    if (!obs.with_choices) continue;
    ++f.with_choices;
    if (const auto rest = rest_of(attempts[obs.attempt], obs, points))
      ranked.emplace_back(*rest, &obs);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  const auto group_size =
      static_cast<std::size_t>(std::floor(kGroupShare * static_cast<double>(ranked.size())));
  for (std::size_t c = 0; c < item.choices.size(); ++c) {
    ChoiceShare share;
    share.label = c < item.deck_choices ? grade::choice_letter(c) : "?";
    share.text = item.choices[c];
    share.key = c < item.keys.size() && item.keys[c];
    const auto picks = [&](const Observation& obs) {
      return std::find(obs.picks.begin(), obs.picks.end(), static_cast<int>(c)) != obs.picks.end();
    };
    for (const Observation& obs : population) share.picked += picks(obs) ? 1 : 0;
    if (f.with_choices > 0) share.share = share.picked / static_cast<double>(f.with_choices);
    if (group_size >= 1) {
      int weak = 0;
      int strong = 0;
      for (std::size_t i = 0; i < group_size; ++i) {
        weak += picks(*ranked[i].second) ? 1 : 0;
        strong += picks(*ranked[ranked.size() - 1 - i].second) ? 1 : 0;
      }
      share.weak = weak / static_cast<double>(group_size);
      share.strong = strong / static_cast<double>(group_size);
    }
    f.choices.push_back(std::move(share));
  }
  return f;
}

void judge(ItemReport& item, double guess) {
  const ItemFigures* f = judged_figures(item);
  if (item.version != Version::kCurrent) {
    item.note = item.version == Version::kEarlier ? "an earlier version of the card: kept apart"
                : item.version == Version::kUnknown
                    ? "answered before quizdeck kept card versions: kept apart"
                    : "no longer in the deck";
    return;
  }
  if (f == nullptr) {
    const int attempts =
        std::max(item.exam ? item.exam->attempts : 0, item.drill ? item.drill->attempts : 0);
    item.note = attempts == 0 ? "no answers yet"
                              : fmt::format("only {} attempt{}: not judged", attempts,
                                            attempts == 1 ? "" : "s");
    return;
  }
  const auto add = [&](std::string code, std::string reason, int rank) {
    item.problems.push_back(Problem{std::move(code), std::move(reason), rank});
  };
  if (f->discrimination && *f->discrimination < 0) {
    add("negative-discrimination",
        fmt::format(
            "negative discrimination ({:.0f}%): strong learners miss it more than weak ones",
            *f->discrimination),
        0);
  }
  if (guess > 0 && f->facility < guess) {
    add("below-guessing",
        fmt::format("below guessing: {} correct, a random guess gets {}", percent(f->facility),
                    percent(guess)),
        1);
  }
  for (const ChoiceShare& c : f->choices) {
    if (c.key || c.label == "?") continue;
    if (c.strong && c.weak && *c.strong > *c.weak + 0.05) {
      add("distractor-attracts-strong",
          fmt::format("distractor {} picked more by strong learners ({} vs {})", c.label,
                      percent(*c.strong), percent(*c.weak)),
          2);
    }
  }
  if (f->facility < 0.3 && !(guess > 0 && f->facility < guess)) {
    add("too-hard", fmt::format("too hard: {} correct", percent(f->facility)), 3);
  }
  if (f->discrimination && *f->discrimination >= 0 && *f->discrimination < 20 &&
      f->facility < 0.95) {
    add("weak-discrimination",
        fmt::format("weak discrimination ({:.0f}%): it barely tells strong learners from weak",
                    *f->discrimination),
        4);
  }
  if (f->facility >= 0.95) {
    add("too-easy", fmt::format("too easy: {} correct", percent(f->facility)), 5);
  }
  for (const ChoiceShare& c : f->choices) {
    if (c.key || c.label == "?" || f->with_choices == 0) continue;
    if (c.picked == 0) {
      add("distractor-never-picked", fmt::format("distractor {} never picked", c.label), 6);
    } else if (c.share < 0.05) {
      add("distractor-rarely-picked",
          fmt::format("distractor {} picked by {}", c.label, percent(c.share)), 6);
    }
  }
  std::stable_sort(item.problems.begin(), item.problems.end(),
                   [](const Problem& a, const Problem& b) { return a.rank < b.rank; });
}

}  // namespace

Report ItemAnalysis::finish() const {
  const State& s = *state_;
  Report report = s.totals;
  for (const Item& it : s.items) {
    ItemReport item = it.head;
    std::vector<std::int64_t> exam_times;
    for (const Observation& obs : it.exam) exam_times.push_back(obs.response_ms);
    if (!it.exam.empty()) item.exam = figures(it, it.exam, s.attempts, exam_times);
    if (!it.drill.empty()) item.drill = figures(it, it.drill, s.attempts, it.drill_times);
    if (it.drill_answers > 0 || !it.difficulties.empty()) {
      DrillMemory memory;
      memory.learners = static_cast<int>(it.difficulties.size());
      memory.answers = it.drill_answers;
      if (!it.difficulties.empty()) memory.difficulty = mean(it.difficulties);
      memory.review_answers = it.review_answers;
      memory.lapses = it.lapses;
      if (it.review_answers > 0) {
        memory.lapse_rate = it.lapses / static_cast<double>(it.review_answers);
      }
      item.memory = memory;
    }
    judge(item, it.guess);
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
  for (const Group& g : s.groups) {
    ExamReport exam;
    exam.decks = g.decks;
    exam.attempts = static_cast<int>(g.attempts.size());
    std::vector<double> percents;
    int passed = 0;
    bool any_pass_mark = false;
    std::size_t most = 0;
    for (const std::size_t a : g.attempts) {
      const Attempt& attempt = s.attempts[a];
      const double pct = attempt.maximum > 0 ? 100.0 * attempt.total / attempt.maximum : 0;
      percents.push_back(pct);
      const auto band = static_cast<std::size_t>(std::clamp(std::floor(pct / 10.0), 0.0, 9.0));
      ++exam.distribution[band];
      if (attempt.pass_mark) {
        any_pass_mark = true;
        passed += pct + 1e-9 >= *attempt.pass_mark ? 1 : 0;
      }
      most = std::max(most, attempt.slot_items.size());
    }
    exam.questions = static_cast<int>(most);
    if (any_pass_mark) exam.passed = passed;
    exam.mean_percent = mean(percents);
    exam.median_percent = median(percents);
    if (const auto v = variance(percents)) exam.sd_percent = std::sqrt(*v);
    // Cronbach's alpha over the questions: the same cards in every sitting make them the
    // items; drawn questions make the positions the items (as Moodle does for random
    // questions); sittings of different lengths give none.
    bool same_cards = true;
    bool same_length = true;
    std::vector<std::size_t> first_set;
    for (std::size_t k = 0; k < g.attempts.size(); ++k) {
      const Attempt& attempt = s.attempts[g.attempts[k]];
      std::vector<std::size_t> set = attempt.slot_items;
      std::sort(set.begin(), set.end());
      if (k == 0) first_set = set;
      same_cards = same_cards && set == first_set;
      same_length = same_length && attempt.slot_items.size() == most;
    }
    exam.basis = same_cards ? "cards" : "positions";
    if (!same_cards && !same_length) {
      exam.alpha_note = "sittings asked different numbers of questions";
    } else if (most < 2) {
      exam.alpha_note = "fewer than 2 questions";
    } else if (g.attempts.size() < 2) {
      exam.alpha_note = "fewer than 2 sittings";
    } else {
      std::vector<std::vector<double>> columns(most);
      std::vector<double> totals;
      for (const std::size_t a : g.attempts) {
        const Attempt& attempt = s.attempts[a];
        double total = 0;
        for (std::size_t p = 0; p < most; ++p) {
          std::size_t column = p;
          if (same_cards) {
            column = static_cast<std::size_t>(
                std::lower_bound(first_set.begin(), first_set.end(), attempt.slot_items[p]) -
                first_set.begin());
          }
          columns[column].push_back(attempt.slot_marks[p]);
          total += attempt.slot_marks[p];
        }
        totals.push_back(total);
      }
      double item_variance = 0;
      for (const auto& column : columns) item_variance += variance(column).value_or(0);
      const double total_variance = variance(totals).value_or(0);
      if (total_variance > 0) {
        const double p = static_cast<double>(most);
        const double alpha = 100.0 * p / (p - 1.0) * (1.0 - item_variance / total_variance);
        exam.alpha = alpha;
        if (alpha <= 100.0 && alpha >= 0) {
          exam.error_ratio = 100.0 * std::sqrt(1.0 - alpha / 100.0);
          double maximum = 0;
          for (const std::size_t item_at : s.attempts[g.attempts.front()].slot_items) {
            maximum += s.items[item_at].head.points;
          }
          if (maximum > 0) {
            exam.standard_error =
                *exam.error_ratio / 100.0 * std::sqrt(total_variance) / maximum * 100.0;
          }
        }
      } else {
        exam.alpha_note = "every sitting scored the same";
      }
    }
    report.exams.push_back(std::move(exam));
  }
  return report;
}

namespace {

void write_figures(core::JsonWriter& json, const ItemFigures& f) {
  json.begin_object();
  json.key("attempts").value(f.attempts);
  json.key("facility").value(100.0 * f.facility);
  json.key("sd").value(f.sd ? std::optional<double>(100.0 * *f.sd) : std::nullopt);
  json.key("discrimination").value(f.discrimination);
  json.key("efficiency").value(f.efficiency);
  json.key("median_seconds").value(f.median_seconds);
  json.key("with_choices").value(f.with_choices);
  json.key("choices").begin_array();
  for (const ChoiceShare& c : f.choices) {
    json.begin_object();
    json.key("label").value(c.label);
    json.key("text").value(c.text);
    json.key("key").value(c.key);
    json.key("picked").value(c.picked);
    json.key("share").value(100.0 * c.share);
    json.key("strong").value(c.strong ? std::optional<double>(100.0 * *c.strong) : std::nullopt);
    json.key("weak").value(c.weak ? std::optional<double>(100.0 * *c.weak) : std::nullopt);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace

std::string report_json(const Report& report) {
  core::JsonWriter json;
  json.begin_object();
  json.key("format").value("quizdeck-analysis");
  json.key("version").value(1);
  json.key("learners").value(report.learners);
  json.key("answers").value(report.answers);
  json.key("ignored").value(report.ignored);
  json.key("sittings").value(report.sittings);
  json.key("items").begin_array();
  for (const ItemReport& item : report.items) {
    json.begin_object();
    json.key("deck").value(item.deck);
    json.key("card").value(item.card);
    json.key("content").value(item.content);
    json.key("version").value(version_name(item.version));
    json.key("type").value(item.type);
    json.key("prompt").value(item.prompt);
    json.key("points").value(item.points);
    json.key("problems").begin_array();
    for (const Problem& p : item.problems) {
      json.begin_object().key("code").value(p.code).key("reason").value(p.reason).end_object();
    }
    json.end_array();
    json.key("note").value(item.note);
    json.key("exam");
    if (item.exam) {
      write_figures(json, *item.exam);
    } else {
      json.null();
    }
    json.key("drill");
    if (item.drill) {
      write_figures(json, *item.drill);
    } else {
      json.null();
    }
    json.key("memory");
    if (item.memory) {
      const DrillMemory& m = *item.memory;
      json.begin_object();
      json.key("learners").value(m.learners);
      json.key("answers").value(m.answers);
      json.key("difficulty").value(m.difficulty);
      json.key("review_answers").value(m.review_answers);
      json.key("lapses").value(m.lapses);
      json.key("lapse_rate")
          .value(m.lapse_rate ? std::optional<double>(100.0 * *m.lapse_rate) : std::nullopt);
      json.end_object();
    } else {
      json.null();
    }
    json.end_object();
  }
  json.end_array();
  json.key("exams").begin_array();
  for (const ExamReport& exam : report.exams) {
    json.begin_object();
    json.key("decks").value(exam.decks);
    json.key("sittings").value(exam.attempts);
    json.key("questions").value(exam.questions);
    json.key("basis").value(exam.basis);
    json.key("alpha").value(exam.alpha);
    json.key("error_ratio").value(exam.error_ratio);
    json.key("standard_error").value(exam.standard_error);
    json.key("alpha_note").value(exam.alpha_note);
    json.key("mean").value(exam.mean_percent);
    json.key("median").value(exam.median_percent);
    json.key("sd").value(exam.sd_percent);
    json.key("distribution").begin_array();
    for (const int n : exam.distribution) json.value(n);
    json.end_array();
    json.key("passed").value(exam.passed);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.take();
}

}  // namespace quizdeck::analysis
