// SPDX-License-Identifier: MIT
// The stable rule ids of `quizdeck check`'s diagnostics (QD001 yaml-syntax, ...,
// QD012 answer-not-in-choices, ...), for SARIF output and the JSON "rule" field: each
// diagnostic of a deck belongs to one rule, found from its message. Ids are never reused
// or renumbered; quizdeck-deck(5) lists them.
#pragma once

#include <span>
#include <string_view>

namespace quizdeck::deck {

struct DiagnosticRule {
  std::string_view id;       // "QD012"
  std::string_view name;     // "answer-not-in-choices"
  std::string_view summary;  // one sentence
};

// Every rule, in id order (QD000 "other" first: a diagnostic no rule names, which the
// tests make sure never happens for a deck).
std::span<const DiagnosticRule> diagnostic_rules();

// The rule a diagnostic's message belongs to.
const DiagnosticRule& rule_for_message(std::string_view message);

}  // namespace quizdeck::deck
