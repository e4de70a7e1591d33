// SPDX-License-Identifier: MIT
#include "analysis/gradebook.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "analysis/observations.h"
#include "core/json_writer.h"
#include "core/time.h"
#include "grade/grade.h"

namespace quizdeck::analysis {
namespace {

std::string card_key(std::string_view deck, std::string_view card) {
  std::string key(deck);
  key.push_back('\0');
  key.append(card);
  return key;
}

constexpr double kFull = 1 - 1e-9;

}  // namespace

struct Gradebook::State {
  std::vector<DeckCard> cards;
  std::set<std::string> decks;
  std::unordered_map<std::string, std::size_t> index;  // card_key -> cards
  std::vector<std::string> tags;
  std::int64_t regraded = 0;
  std::int64_t kept = 0;
  std::vector<Regrade> mismatches;
  std::int64_t mismatched = 0;

  std::string learner;
  std::vector<ExamSitting> sittings;
  std::vector<Answer> answers;  // exam answers only

  const DeckCard* card(std::string_view deck, std::string_view id) const {
    const auto it = index.find(card_key(deck, id));
    return it == index.end() ? nullptr : &cards[it->second];
  }

  GradedSitting grade(const ExamSitting& sitting, const std::vector<const Answer*>& answered) const;
};

Gradebook::Gradebook(std::vector<DeckCard> cards) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.cards = std::move(cards);
  for (std::size_t i = 0; i < s.cards.size(); ++i) {
    s.decks.insert(s.cards[i].deck);
    s.index.emplace(card_key(s.cards[i].deck, s.cards[i].card), i);
    if (s.cards[i].source == nullptr) continue;
    for (const std::string& tag : s.cards[i].source->tags) {
      if (std::find(s.tags.begin(), s.tags.end(), tag) == s.tags.end()) s.tags.push_back(tag);
    }
  }
}

Gradebook::~Gradebook() = default;

void Gradebook::begin_learner(std::string label) {
  state_->learner = std::move(label);
  state_->sittings.clear();
  state_->answers.clear();
}

void Gradebook::add(const ExamSitting& sitting) {
  state_->sittings.push_back(sitting);
}

void Gradebook::add(const Answer& answer) {
  State& s = *state_;
  if (answer.mode != core::ReviewMode::kExam || !answer.attempt) return;
  s.answers.push_back(answer);
  Answer& kept = s.answers.back();
  const DeckCard* now = s.card(kept.deck, kept.card);
  if (now == nullptr || now->source == nullptr) return;
  std::optional<Regrade> mismatch;
  switch (regrade_answer(RegradeCard{*now->source, now->content, now->question}, s.learner, kept,
                         mismatch)) {
    case Regrading::kNone:
      break;
    case Regrading::kKept:
      ++s.kept;
      break;
    case Regrading::kRegraded:
      ++s.regraded;
      break;
  }
  if (mismatch) count_mismatch(s.mismatches, s.mismatched, std::move(*mismatch));
}

GradedSitting Gradebook::State::grade(const ExamSitting& sitting,
                                      const std::vector<const Answer*>& answered) const {
  GradedSitting out;
  out.attempt = sitting.attempt;
  out.started_ms = sitting.started_ms;
  out.time_ms = sitting.time_ms;
  if (!out.time_ms && sitting.ended_ms) out.time_ms = *sitting.ended_ms - sitting.started_ms;
  out.pass_mark = sitting.pass_mark;
  // The questions in the order asked; without a list, the answers' order.
  std::vector<ExamQuestion> questions = sitting.questions;
  if (questions.empty()) {
    std::set<std::string> seen;
    for (const Answer* a : answered) {
      if (seen.insert(card_key(a->deck, a->card)).second) questions.push_back({a->deck, a->card});
    }
  }
  std::map<std::string, const Answer*> first;  // the first answer to each question
  for (const Answer* a : answered) first.emplace(card_key(a->deck, a->card), a);
  std::map<std::string, TagScore> tags;
  for (const ExamQuestion& question : questions) {
    const auto at = first.find(card_key(question.deck, question.card));
    const Answer* answer = at == first.end() ? nullptr : at->second;
    const DeckCard* now = card(question.deck, question.card);
    // A card the deck does not have (another deck of a mixed sitting, or one since
    // removed) counts one point, its file's verdict standing.
    const double points = now != nullptr ? now->points : 1.0;
    const double credit = answer != nullptr ? credit_of(*answer) : 0.0;
    out.score += credit * points;
    out.points += points;
    if (now == nullptr || now->source == nullptr) continue;
    const deck::Card& source = *now->source;
    for (const std::string& tag : source.tags) {
      TagScore& t = tags[tag];
      t.tag = tag;
      t.score += credit * points;
      t.points += points;
    }
    if (credit >= kFull) continue;
    MissedItem missed;
    missed.deck = question.deck;
    missed.card = question.card;
    missed.prompt = source.prompt;
    missed.credit = credit;
    missed.earlier_version = answer != nullptr && answer->content != now->content;
    missed.given = answer != nullptr ? given_text(source, *answer) : "answered nothing";
    if (!missed.earlier_version) {
      missed.expected = grade::expected_answer(source);
      if (answer != nullptr && answer->picked) {
        for (const std::string& text : *answer->picked) {
          for (const deck::Choice& choice : source.choices) {
            if (choice.text == text && !choice.why.empty()) missed.why.push_back(choice.why);
          }
        }
      }
    }
    missed.explain = source.explain;
    missed.source = source.source;
    out.missed.push_back(std::move(missed));
  }
  out.percent = out.points > 0 ? 100.0 * out.score / out.points : 0.0;
  if (out.pass_mark) out.passed = out.percent >= *out.pass_mark - 1e-9;
  for (const std::string& tag : this->tags) {
    if (const auto it = tags.find(tag); it != tags.end()) out.tags.push_back(it->second);
  }
  return out;
}

LearnerGrades Gradebook::end_learner(AttemptChoice choice) {
  State& s = *state_;
  LearnerGrades out;
  out.learner = s.learner;
  std::map<std::int64_t, std::vector<const Answer*>> by_attempt;
  std::stable_sort(s.answers.begin(), s.answers.end(),
                   [](const Answer& a, const Answer& b) { return a.time_ms < b.time_ms; });
  for (const Answer& a : s.answers) by_attempt[*a.attempt].push_back(&a);
  std::vector<const ExamSitting*> ours;
  for (const ExamSitting& sitting : s.sittings) {
    bool asks = false;
    for (const auto& d : sitting.decks) asks = asks || s.decks.contains(d);
    if (!asks) continue;
    if (!sitting.complete) {
      ++out.unfinished;
      continue;
    }
    ours.push_back(&sitting);
  }
  std::stable_sort(ours.begin(), ours.end(), [](const ExamSitting* a, const ExamSitting* b) {
    return a->started_ms < b->started_ms;
  });
  out.complete = static_cast<int>(ours.size());
  std::vector<GradedSitting> graded;
  for (const ExamSitting* sitting : ours) {
    graded.push_back(s.grade(*sitting, by_attempt[sitting->attempt]));
  }
  if (!graded.empty()) {
    switch (choice) {
      case AttemptChoice::kAll:
        out.sittings = std::move(graded);
        break;
      case AttemptChoice::kFirst:
        out.sittings.push_back(std::move(graded.front()));
        break;
      case AttemptChoice::kLast:
        out.sittings.push_back(std::move(graded.back()));
        break;
      case AttemptChoice::kBest: {
        // The highest score; of equal ones, the first (as Moodle's highest grade).
        std::size_t best = 0;
        for (std::size_t i = 1; i < graded.size(); ++i) {
          if (graded[i].percent > graded[best].percent + 1e-9) best = i;
        }
        out.sittings.push_back(std::move(graded[best]));
        break;
      }
    }
  }
  s.sittings.clear();
  s.answers.clear();
  return out;
}

std::int64_t Gradebook::regraded() const {
  return state_->regraded;
}

std::int64_t Gradebook::kept() const {
  return state_->kept;
}

std::int64_t Gradebook::mismatched() const {
  return state_->mismatched;
}

const std::vector<Regrade>& Gradebook::mismatches() const {
  return state_->mismatches;
}

const std::vector<std::string>& Gradebook::tags() const {
  return state_->tags;
}

std::string grades_json(const std::vector<LearnerGrades>& learners, const Gradebook& book,
                        AttemptChoice choice) {
  core::JsonWriter json;
  json.begin_object();
  json.key("format").value("quizdeck-grades");
  json.key("version").value(1);
  json.key("attempt").value(attempt_choice_name(choice));
  json.key("regraded").value(book.regraded());
  json.key("kept").value(book.kept());
  json.key("mismatched").value(book.mismatched());
  json.key("mismatches").begin_array();
  for (const Regrade& m : book.mismatches()) {
    json.begin_object();
    json.key("learner").value(m.learner);
    json.key("deck").value(m.deck);
    json.key("card").value(m.card);
    json.key("claimed").value(m.claimed);
    json.key("given").value(m.given);
    json.key("regraded").value(m.regraded);
    json.end_object();
  }
  json.end_array();
  json.key("learners").begin_array();
  for (const LearnerGrades& l : learners) {
    json.begin_object();
    json.key("learner").value(l.learner);
    json.key("complete").value(l.complete);
    json.key("unfinished").value(l.unfinished);
    json.key("sittings").begin_array();
    for (const GradedSitting& g : l.sittings) {
      json.begin_object();
      json.key("attempt").value(g.attempt);
      json.key("started").value(core::format_iso8601(g.started_ms));
      json.key("seconds").value(g.time_ms ? std::optional<double>(*g.time_ms / 1000.0)
                                          : std::nullopt);
      json.key("score").value(g.score);
      json.key("points").value(g.points);
      json.key("percent").value(g.percent);
      json.key("pass_mark").value(g.pass_mark);
      json.key("passed").value(g.passed);
      json.key("tags").begin_array();
      for (const TagScore& t : g.tags) {
        json.begin_object();
        json.key("tag").value(t.tag).key("score").value(t.score).key("points").value(t.points);
        json.end_object();
      }
      json.end_array();
      json.key("missed").begin_array();
      for (const MissedItem& m : g.missed) {
        json.begin_object();
        json.key("deck").value(m.deck);
        json.key("card").value(m.card);
        json.key("credit").value(m.credit);
        json.key("given").value(m.given);
        json.key("why").value(m.why);
        json.key("expected").value(m.expected);
        json.end_object();
      }
      json.end_array();
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.take();
}

}  // namespace quizdeck::analysis
