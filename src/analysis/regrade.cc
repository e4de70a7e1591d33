// SPDX-License-Identifier: MIT
#include "analysis/regrade.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "analysis/observations.h"
#include "grade/grade.h"

namespace quizdeck::analysis {
namespace {

std::optional<std::size_t> choice_at(const deck::Card& card, const std::string& text) {
  for (std::size_t i = 0; i < card.choices.size(); ++i) {
    if (card.choices[i].text == text) return i;
  }
  return std::nullopt;
}

// The answer as the learner would have typed it, in letters of the order shown.
std::optional<std::string> letters(const deck::Card& card, const Answer& answer,
                                   std::vector<std::size_t>& order) {
  if (!answer.shown || !answer.picked) return std::nullopt;
  for (const std::string& text : *answer.shown) {
    const auto at = choice_at(card, text);
    if (!at) return std::nullopt;
    order.push_back(*at);
  }
  std::string typed;
  for (const std::string& text : *answer.picked) {
    const auto at = std::find(answer.shown->begin(), answer.shown->end(), text);
    if (at == answer.shown->end()) return std::nullopt;
    typed += (typed.empty() ? "" : " ") +
             grade::choice_letter(static_cast<std::size_t>(at - answer.shown->begin()));
  }
  return typed;
}

}  // namespace

std::optional<Regraded> regrade(const deck::Card& card, const Answer& answer) {
  std::vector<std::size_t> order;
  std::string given;
  switch (card.type) {
    case deck::CardType::kFlash:
      return std::nullopt;
    case deck::CardType::kChoice:
    case deck::CardType::kMulti:
    case deck::CardType::kMatching:
    case deck::CardType::kOrdering: {
      auto typed = letters(card, answer, order);
      if (!typed) return std::nullopt;
      given = std::move(*typed);
      break;
    }
    default:
      if (!answer.answer) return std::nullopt;
      given = *answer.answer;
      break;
  }
  // Nothing given (a choice card with nothing picked) grades as invalid: no credit.
  const grade::Grade grade = grade::grade_answer(card, given, order);
  Regraded out;
  if (grade.verdict == grade::Verdict::kInvalid) return out;
  out.correct = grade.verdict != grade::Verdict::kWrong;
  out.credit = std::clamp(grade.credit, 0.0, 1.0);
  return out;
}

std::string given_text(const deck::Card& card, const Answer& answer) {
  if (answer.picked) {
    if (answer.picked->empty()) return "picked nothing";
    std::string out;
    const bool ordered =
        card.type == deck::CardType::kMatching || card.type == deck::CardType::kOrdering;
    for (const std::string& text : *answer.picked) {
      out += out.empty() ? "" : ordered ? "; " : "', '";
      const auto at = choice_at(card, text);
      if (ordered || !at) {
        out += text;
      } else {
        out += grade::choice_letter(*at) + ": " + text;
      }
    }
    const char* verb = card.type == deck::CardType::kMatching   ? "matched"
                       : card.type == deck::CardType::kOrdering ? "ordered"
                                                                : "picked";
    return fmt::format("{} '{}'", verb, out);
  }
  if (answer.answer) return fmt::format("answered '{}'", *answer.answer);
  return "answered nothing";
}

std::string regrade_line(const Regrade& r) {
  return fmt::format("{}{}{} claims {}, {}, regraded {}", r.learner, r.learner.empty() ? "" : ": ",
                     r.card, r.claimed, r.given, r.regraded);
}

std::string verdict_text(bool correct, double credit) {
  if (credit >= 1 - 1e-9) return correct ? "right" : "wrong with full credit";
  if (credit <= 1e-9) return correct ? "right with no credit" : "wrong";
  return fmt::format("{:.0f}% credit", 100.0 * credit);
}

namespace {

// Past this many distinct responses a card's are graded each time, not kept.
constexpr std::size_t kMemoPerCard = 4096;

}  // namespace

struct RegradeMemo::Verdicts {
  std::unordered_map<const deck::Card*, std::unordered_map<std::string, std::optional<Regraded>>>
      by_card;
  std::string key;
};

RegradeMemo::RegradeMemo() : verdicts_(std::make_unique<Verdicts>()) {}
RegradeMemo::~RegradeMemo() = default;

std::optional<Regraded> RegradeMemo::regrade(const deck::Card& card, const Answer& answer) {
  // What the verdict depends on: the choices as shown and the ones picked, or the text typed.
  std::string& key = verdicts_->key;
  key.clear();
  // Each text after its length, each list after its size (or none), so that no two
  // responses share a key.
  const auto number = [&key](std::size_t n) {
    const auto bits = static_cast<std::uint32_t>(n);
    key.append(reinterpret_cast<const char*>(&bits), sizeof bits);
  };
  const auto text = [&](std::string_view t) {
    number(t.size());
    key.append(t);
  };
  const auto texts = [&](const std::optional<std::vector<std::string>>& list) {
    number(list ? list->size() + 1 : 0);
    if (list) {
      for (const std::string& t : *list) text(t);
    }
  };
  texts(answer.shown);
  texts(answer.picked);
  number(answer.answer ? 1 : 0);
  if (answer.answer) text(*answer.answer);
  auto& verdicts = verdicts_->by_card[&card];
  if (const auto it = verdicts.find(key); it != verdicts.end()) return it->second;
  auto verdict = analysis::regrade(card, answer);
  if (verdicts.size() < kMemoPerCard) verdicts.emplace(key, verdict);
  return verdict;
}

Regrading regrade_answer(const RegradeCard& by, std::string_view learner, Answer& answer,
                         std::optional<Regrade>& mismatch, RegradeMemo* memo) {
  const deck::Card& card = by.card;
  mismatch.reset();
  if (card.type == deck::CardType::kFlash) return Regrading::kNone;
  if (!answer.content) return Regrading::kKept;
  if (*answer.content != by.content) {
    // Asked the same question before the key (or the points) changed: graded as the card
    // is now, and counted as an answer to it.
    if (by.question.empty() || answer.question != by.question) return Regrading::kKept;
    answer.content = std::string(by.content);
  }
  const auto regraded = memo != nullptr ? memo->regrade(card, answer) : regrade(card, answer);
  if (!regraded) return Regrading::kNone;
  const double claimed = credit_of(answer);
  if (answer.correct != regraded->correct || std::abs(claimed - regraded->credit) > 1e-9) {
    mismatch = Regrade{std::string(learner),
                       answer.deck,
                       answer.card,
                       verdict_text(answer.correct, claimed),
                       given_text(card, answer),
                       verdict_text(regraded->correct, regraded->credit)};
  }
  answer.correct = regraded->correct;
  answer.credit = regraded->credit;
  return Regrading::kRegraded;
}

}  // namespace quizdeck::analysis
