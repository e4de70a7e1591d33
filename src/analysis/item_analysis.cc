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
  memory.learners = item.difficulty_learners;
  memory.answers = item.drill_answers;
  if (item.difficulty_learners > 0) {
    memory.difficulty = item.difficulty_sum / static_cast<double>(item.difficulty_learners);
  }
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

// An answer of the learner being read, with what analysis looks up about it once.
struct Given {
  Answer answer;
  std::uint32_t card = 0;  // its (deck, card), interned: entries[card]
  std::size_t item = 0;    // the item of its content (ours only; kNoItem until looked up)
  std::vector<int> picks;  // choice answers: the distinct choices picked, by the item's index
};

constexpr std::size_t kNoItem = static_cast<std::size_t>(-1);

// A (deck, card) met in the deck, the answers or the questions, looked up once: the
// deck's card, and the items of the versions answered.
struct CardEntry {
  std::string deck;
  std::string card;
  const DeckCard* now = nullptr;  // none: another deck's card, or one the deck no longer has
  bool ours = false;              // of a deck analysed
  std::vector<std::pair<std::string, std::size_t>> versions;  // content (or "?") -> item
  // The first answer to it in the sitting being folded (when `stamp` is that sitting's).
  std::uint64_t stamp = 0;
  Given* first = nullptr;
};

struct ItemAnalysis::State {
  AnalysisOptions options;
  std::vector<DeckCard> cards;
  std::set<std::string> decks;
  std::unordered_map<std::string, std::uint32_t> card_keys;  // deck '\0' card -> entries
  std::vector<CardEntry> entries;
  std::vector<Item> items;
  std::vector<Group> groups;
  std::map<std::string, std::size_t> group_index;
  Report totals;
  RegradeMemo memo;
  std::string scratch;  // a lookup key, built without a fresh string each time

  // The learner being read: answers kept in a pool whose strings keep their memory.
  std::vector<ExamSitting> sittings;
  std::vector<Given> pool;
  std::size_t given = 0;
  std::string learner;
  bool in_learner = false;
  std::uint64_t stamp = 0;  // the sitting being folded, for CardEntry::first

  // The answer's verdict as the deck's card of the same content gives it.
  void regrade_answer(Answer& answer, const CardEntry& entry) {
    if (!entry.ours || entry.now == nullptr || entry.now->source == nullptr) return;
    std::optional<Regrade> mismatch;
    const RegradeCard by{*entry.now->source, entry.now->content, entry.now->question};
    switch (analysis::regrade_answer(by, learner, answer, mismatch, &memo)) {
      case Regrading::kNone:
        return;
      case Regrading::kKept:
        ++totals.kept;
        return;
      case Regrading::kRegraded:
        ++totals.regraded;
        break;
    }
    if (mismatch) count_mismatch(totals.mismatches, totals.mismatched, std::move(*mismatch));
  }

  std::uint32_t card_key(std::string_view deck, std::string_view card) {
    scratch.clear();
    scratch.append(deck).push_back('\0');
    scratch.append(card);
    if (const auto it = card_keys.find(scratch); it != card_keys.end()) return it->second;
    const auto made = static_cast<std::uint32_t>(entries.size());
    card_keys.emplace(scratch, made);
    CardEntry& entry = entries.emplace_back();
    entry.deck = deck;
    entry.card = card;
    entry.ours = decks.contains(entry.deck);
    return made;
  }

  // The item for answers to a card with this content (none: an older quizdeck's answer).
  std::size_t item(std::uint32_t key, const std::optional<std::string>& content,
                   bool unanswered = false) {
    const DeckCard* now = entries[key].now;
    const std::string_view version_key =
        content ? std::string_view(*content)
                : (unanswered && now ? std::string_view(now->content) : std::string_view("?"));
    for (const auto& [version, at] : entries[key].versions) {
      if (version == version_key) return at;
    }
    Item made;
    made.head.deck = entries[key].deck;
    made.head.card = entries[key].card;
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
    entries[key].versions.emplace_back(std::string(version_key), items.size() - 1);
    return items.size() - 1;
  }

  // A given answer's item, looked up once.
  std::size_t item_of(Given& g) {
    if (g.item == kNoItem) g.item = item(g.card, g.answer.content);
    return g.item;
  }

  // A counted answer (none: a question asked, not answered) as its item counts it; the
  // choices it picked become the item's (a text the deck no longer has, a new one).
  Observation observe(Given* g) {
    Observation obs;
    if (g == nullptr) return obs;
    Item& it = items[item_of(*g)];
    obs.mark = credit_of(g->answer) * it.head.points;
    obs.response_ms = g->answer.response_ms;
    if (g->answer.picked && !it.ordered) {
      g->picks.clear();
      for (const std::string& text : *g->answer.picked) {
        const int c = it.choice_index(text);
        if (std::find(g->picks.begin(), g->picks.end(), c) == g->picks.end()) g->picks.push_back(c);
      }
      obs.picks = &g->picks;
    }
    return obs;
  }

  std::size_t group(const std::vector<std::string>& group_decks) {
    std::vector<std::string> sorted = group_decks;
    std::sort(sorted.begin(), sorted.end());
    std::string key;
    for (const auto& d : sorted) key += d + '\n';
    if (const auto it = group_index.find(key); it != group_index.end()) return it->second;
    groups.push_back(Group{});
    groups.back().decks = sorted;
    group_index.emplace(key, groups.size() - 1);
    return groups.size() - 1;
  }

  // Every answer's response, for the item's wrong responses or its parts.
  void read_response(Given& g) {
    const Answer& answer = g.answer;
    if (!entries[g.card].ours) return;  // another deck sat in the same exam
    Item& it = items[item_of(g)];
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
    if (fresh) {
      it.wrong.push_back(ResponseCount{*answer.answer, 0, {}});
      it.wrong_spellings.emplace_back();
    }
    ++it.wrong[at->second].count;
    ++it.wrong_spellings[at->second][*answer.answer];
  }

  void fold_learner();
  void fold_exam(const ExamSitting& sitting, const std::vector<Given*>& answered);
  void fold_drill(const std::vector<Given*>& drill);
  void fold_memory(const std::vector<Given*>& in_time);

  // Marks the sitting's first answer to each card, for first_of.
  void index_answers(const std::vector<Given*>& answered) {
    ++stamp;
    for (Given* g : answered) {
      CardEntry& entry = entries[g->card];
      if (entry.stamp != stamp) {
        entry.stamp = stamp;
        entry.first = g;
      }
    }
  }
  Given* first_of(std::uint32_t key) const {
    return entries[key].stamp == stamp ? entries[key].first : nullptr;
  }

  // The share of its points a sitting earned (its answers as regraded; an unanswered
  // question earns nothing).
  double sitting_share(const ExamSitting& sitting, const std::vector<Given*>& answered) {
    double earned = 0;
    double possible = 0;
    index_answers(answered);
    for (const ExamQuestion& q : sitting.questions) {
      const std::uint32_t key = card_key(q.deck, q.card);
      const DeckCard* now = entries[key].now;
      const double points = now != nullptr ? now->points : 1;
      possible += points;
      if (const Given* g = first_of(key)) earned += points * credit_of(g->answer);
    }
    if (sitting.questions.empty()) {
      for (const Given* g : answered) {
        possible += 1;
        earned += credit_of(g->answer);
      }
    }
    return possible > 0 ? earned / possible : 0;
  }

  // Keeps of a learner's sittings (by attempt number, in the order taken) those the options
  // count: the first, the last, the best, or all.
  void choose_sittings(std::map<std::int64_t, const ExamSitting*>& counted,
                       const std::map<std::int64_t, std::vector<Given*>>& answers_of) {
    if (counted.size() < 2 || options.attempts == AttemptChoice::kAll) return;
    std::vector<std::pair<std::int64_t, const ExamSitting*>> taken(counted.begin(), counted.end());
    std::stable_sort(taken.begin(), taken.end(), [](const auto& a, const auto& b) {
      return a.second->started_ms < b.second->started_ms;
    });
    std::pair<std::int64_t, const ExamSitting*> kept = taken.front();
    if (options.attempts == AttemptChoice::kLast) kept = taken.back();
    if (options.attempts == AttemptChoice::kBest) {
      const std::vector<Given*> none;
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
  for (const DeckCard& card : s.cards) s.decks.insert(card.deck);
  for (const DeckCard& card : s.cards) {
    const std::uint32_t key = s.card_key(card.deck, card.card);
    if (s.entries[key].now == nullptr) s.entries[key].now = &card;
  }
  // Every card of the deck is listed, answered or not.
  for (const DeckCard& card : s.cards) s.item(s.card_key(card.deck, card.card), card.content);
}

ItemAnalysis::~ItemAnalysis() = default;

void ItemAnalysis::begin_learner() {
  if (state_->in_learner) end_learner();
  state_->in_learner = true;
  state_->sittings.clear();
  state_->given = 0;
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
  Answer copy = answer;
  take(copy);
}

void ItemAnalysis::take(Answer& answer) {
  State& s = *state_;
  ++s.totals.answers;
  if (s.given == s.pool.size()) s.pool.emplace_back();
  Given& g = s.pool[s.given++];
  std::swap(g.answer, answer);
  g.card = s.card_key(g.answer.deck, g.answer.card);
  g.item = kNoItem;
  g.picks.clear();
  s.regrade_answer(g.answer, s.entries[g.card]);
}

void ItemAnalysis::end_learner() {
  if (!state_->in_learner) return;
  state_->fold_learner();
  state_->in_learner = false;
  state_->sittings.clear();
  state_->given = 0;
  ++state_->totals.learners;
}

void ItemAnalysis::State::fold_learner() {
  std::vector<Given*> in_time;
  in_time.reserve(given);
  for (std::size_t i = 0; i < given; ++i) in_time.push_back(&pool[i]);
  std::stable_sort(in_time.begin(), in_time.end(), [](const Given* a, const Given* b) {
    return a->answer.time_ms < b->answer.time_ms;
  });
  std::map<std::int64_t, std::vector<Given*>> by_attempt;
  std::vector<Given*> drill;
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
  std::map<std::int64_t, std::vector<Given*>> exam_answers;
  for (Given* g : in_time) {
    if (g->answer.mode == core::ReviewMode::kExam && g->answer.attempt) {
      exam_answers[*g->answer.attempt].push_back(g);
    }
  }
  choose_sittings(counted, exam_answers);
  for (Given* g : in_time) {
    const Answer& answer = g->answer;
    const bool ours = entries[g->card].ours;
    const bool recent = !options.since_ms || answer.time_ms >= *options.since_ms;
    if (answer.mode == core::ReviewMode::kExam && answer.attempt &&
        counted.contains(*answer.attempt)) {
      by_attempt[*answer.attempt].push_back(g);
    } else if (answer.mode == core::ReviewMode::kDrill && ours && recent) {
      drill.push_back(g);
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
    for (Given* g : list) read_response(*g);
  }
  for (Given* g : drill) read_response(*g);
  fold_memory(in_time);
}

// FSRS memory: each item version's scheduled answers (drill or exam), in time order.
void ItemAnalysis::State::fold_memory(const std::vector<Given*>& in_time) {
  std::vector<Given*> scheduled;
  for (Given* g : in_time) {
    if (!g->answer.scheduled || g->answer.reset || !entries[g->card].ours) continue;
    if (g->answer.mode == core::ReviewMode::kCram) continue;
    item_of(*g);
    scheduled.push_back(g);
  }
  std::stable_sort(scheduled.begin(), scheduled.end(),
                   [](const Given* a, const Given* b) { return a->item < b->item; });
  const schedule::Scheduler scheduler{schedule::Parameters{}};
  for (std::size_t from = 0; from < scheduled.size();) {
    std::size_t to = from;
    while (to < scheduled.size() && scheduled[to]->item == scheduled[from]->item) ++to;
    Item& it = items[scheduled[from]->item];
    schedule::CardState card = schedule::new_card(scheduled[from]->answer.time_ms);
    bool any = false;
    for (std::size_t k = from; k < to; ++k) {
      const Answer& answer = scheduled[k]->answer;
      const auto rating = static_cast<core::Rating>(answer.rating);
      auto next = scheduler.next(card, answer.time_ms, rating);
      if (!next) continue;
      if (card.state == core::State::kReview) {
        ++it.review_answers;
        if (rating == core::Rating::kAgain) ++it.lapses;
      }
      card = *next;
      any = true;
    }
    if (any) {
      it.difficulty_sum += card.difficulty;
      ++it.difficulty_learners;
    }
    from = to;
  }
}

void ItemAnalysis::State::fold_exam(const ExamSitting& sitting,
                                    const std::vector<Given*>& answered) {
  index_answers(answered);
  // The questions in the order asked; without a list, the answers' order.
  std::vector<ExamQuestion> listed;
  const std::vector<ExamQuestion>* questions = &sitting.questions;
  if (questions->empty()) {
    for (const Given* g : answered) {
      if (entries[g->card].first == g) listed.push_back({g->answer.deck, g->answer.card});
    }
    questions = &listed;
  }
  SittingMarks marks;
  marks.pass_mark = sitting.pass_mark;
  double total = 0;
  double maximum = 0;
  std::vector<std::pair<std::size_t, Given*>> asked;
  for (const ExamQuestion& question : *questions) {
    const std::uint32_t key = card_key(question.deck, question.card);
    Given* first = first_of(key);
    const DeckCard* now = entries[key].now;
    const double points = now != nullptr ? now->points : 1.0;
    if (!entries[key].ours) {  // part of the sitting, not of the analysis
      total += first != nullptr ? credit_of(first->answer) * points : 0.0;
      maximum += points;
      continue;
    }
    const std::size_t item_at = first != nullptr ? item_of(*first) : item(key, std::nullopt, true);
    const double item_points = items[item_at].head.points;
    const double mark = first != nullptr ? credit_of(first->answer) * item_points : 0.0;
    total += mark;
    maximum += item_points;
    marks.items.push_back(item_at);
    marks.marks.push_back(mark);
    asked.emplace_back(item_at, first);
  }
  marks.percent = maximum > 0 ? 100.0 * total / maximum : 0;
  count_sitting(groups[group(sitting.decks)], marks, items);
  for (const auto& [item_at, first] : asked) {
    Observation obs = observe(first);
    obs.rest = total - obs.mark;
    count(items[item_at].exam, obs);
  }
}

void ItemAnalysis::State::fold_drill(const std::vector<Given*>& drill) {
  std::map<std::size_t, Given*> first;
  for (Given* g : drill) {
    const std::size_t at = item_of(*g);
    Item& it = items[at];
    ++it.drill_answers;
    it.drill.add_time(g->answer.response_ms);
    first.emplace(at, g);  // the earliest: answers are in time order
  }
  if (first.empty()) return;
  double total = 0;
  for (const auto& [at, g] : first) total += credit_of(g->answer);
  const auto answered = static_cast<double>(first.size());
  for (const auto& [at, g] : first) {
    Observation obs = observe(g);
    obs.response_ms = -1;  // a drill's times are every answer's, counted above
    if (first.size() >= 2) obs.rest = (total - credit_of(g->answer)) / (answered - 1);
    count(items[at].drill, obs);
  }
}

Report ItemAnalysis::finish() const {
  const State& s = *state_;
  Report report = s.totals;
  for (const Item& it : s.items) {
    ItemReport item = it.head;
    if (it.exam.attempts > 0) item.exam = item_figures(it, it.exam);
    if (it.drill.attempts > 0) item.drill = item_figures(it, it.drill);
    if (it.drill_answers > 0 || it.difficulty_learners > 0) item.memory = memory_of(it);
    item.parts = it.parts;
    item.wrong_responses = it.wrong;
    // Each shown as typed most; of as many, as normalized if it was typed so, else the
    // first in byte order: whatever order the files came in.
    for (const auto& [normalized, w] : it.wrong_index) {
      std::pair<int, bool> best{0, false};
      for (const auto& [spelling, times] : it.wrong_spellings[w]) {
        const std::pair<int, bool> here{times, spelling == normalized};
        if (here > best) {
          best = here;
          item.wrong_responses[w].text = spelling;
        }
      }
    }
    // The most given first; of as many, in byte order (not the order the files came in).
    std::sort(item.wrong_responses.begin(), item.wrong_responses.end(),
              [](const ResponseCount& a, const ResponseCount& b) {
                return a.count != b.count ? a.count > b.count : a.text < b.text;
              });
    const auto found = s.card_keys.find(item.deck + '\0' + item.card);
    const DeckCard* now = found == s.card_keys.end() ? nullptr : s.entries[found->second].now;
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
  for (const Group& g : s.groups) report.exams.push_back(exam_report(g, s.items));
  return report;
}

}  // namespace quizdeck::analysis
