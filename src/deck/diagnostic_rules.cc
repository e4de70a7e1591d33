// SPDX-License-Identifier: MIT
#include "deck/diagnostic_rules.h"

#include <array>
#include <regex>
#include <vector>

namespace quizdeck::deck {
namespace {

constexpr std::array<DiagnosticRule, 36> kRules{{
    {"QD000", "other", "A problem no other rule names."},
    {"QD001", "yaml-syntax", "The file is not valid YAML, or not one YAML document."},
    {"QD002", "encoding", "The file is not UTF-8 text (invalid bytes, NUL bytes)."},
    {"QD003", "deck-structure",
     "The deck is not a map with a title and a non-empty list of cards."},
    {"QD004", "unknown-key", "A key the deck format does not have (often a typo)."},
    {"QD005", "duplicate-key", "The same key twice in one map."},
    {"QD006", "wrong-value-type", "A value of the wrong kind (text, number, list, map, empty)."},
    {"QD007", "yaml-tag", "An explicit YAML tag such as !!int; decks take none."},
    {"QD008", "invalid-id", "A card or deck id that is not valid."},
    {"QD009", "duplicate-card-id", "Two cards with one id (given or derived)."},
    {"QD010", "card-type", "An unknown card type, or keys that do not fit the card's type."},
    {"QD011", "choices", "Too few, empty or duplicate choices."},
    {"QD012", "answer-not-in-choices", "A choice card's answer is not one of its choices."},
    {"QD013", "answer-form",
     "An answer of the wrong form for the card (a list for a choice card, quoted true...)."},
    {"QD014", "shuffled-reference",
     "A choice such as 'all of the above' that moves when choices are shuffled."},
    {"QD015", "media", "An image or audio file that is missing, outside the deck or unsupported."},
    {"QD016", "matching",
     "A matching card's pairs or distractors are not right, or more than a card takes."},
    {"QD017", "ordering", "An ordering card's items are too few or repeated."},
    {"QD018", "match-rule", "An unknown answer match rule."},
    {"QD019", "points-and-tolerance", "Points that are not positive, or a negative tolerance."},
    {"QD020", "exam-settings",
     "The deck's exam settings (questions, time, pass mark, blueprint), or more questions "
     "than cards."},
    {"QD021", "tags", "Tags that are not single words in a list."},
    {"QD022", "control-character", "Text holding a control character."},
    {"QD023", "self-test", "An accept: or reject: example the grader grades the other way."},
    {"QD024", "cloze",
     "A cloze text whose blanks are not well formed, or more blanks than a cloze takes."},
    {"QD025", "file", "A deck file that cannot be read."},
    {"QD026", "left-the-deck", "A card the store has that is no longer in its deck."},
    {"QD027", "duplicate-deck-id", "Two deck files with one deck id."},
    // The item-writing checks (deck/item_checks.h), named as `allow:` names them.
    {"QD028", "item/longest-key", "The key is the longest choice by a clear margin."},
    {"QD029", "item/all-of-the-above", "A choice is 'all of the above' or 'none of the above'."},
    {"QD030", "item/absolute-word",
     "Absolute words (always, never, ...) appear only in wrong choices."},
    {"QD031", "item/grammar-cue",
     "The article before the blank (a, an) fits the key but not every distractor."},
    {"QD032", "item/negative-stem",
     "The question asks for the wrong choice (not, except) without emphasising it."},
    {"QD033", "item/similar-choices",
     "Two choices say the same thing (but for case, punctuation, articles)."},
    {"QD034", "item/key-echoes-stem", "Only the key repeats words of the question."},
    {"QD035", "item/missing-why",
     "A wrong choice has no 'why', in a deck that explains its choices."},
}};

struct Pattern {
  std::size_t rule;
  const char* regex;
};

// Most specific first: the first pattern that matches names the rule.
const std::vector<Pattern> kPatterns{
    {1,
     "^YAML syntax error|^this quoted string is never closed|^cannot parse the deck|^a tab "
     "is used for indentation|^a deck file holds one YAML document|^nesting is deeper|^this "
     "deck expands to more than|^unexpected '.*': a deck starts with|^unexpected ':' \\(quote "
     "text|^an? (map|list) is "
     "not closed here|^missing '(\\]|\\})' to close|^this alias refers to an anchor|^a '- ' list "
     "item is not allowed here|^unknown escape character"},
    {2, "^invalid UTF-8 byte|^NUL byte"},
    {22, "^this text holds a control character"},
    {4, "^unknown key '|^unknown item-writing rule '"},
    {5, "^duplicate key '"},
    {7, "^unsupported YAML tag"},
    {8, "^invalid card id|^invalid deck id|^cannot make a deck id"},
    {9, "^duplicate card id|^this card gets the id"},
    {27, "^deck id '.*' is already used by"},
    {12, "^answer '.*' is not one of the choices"},
    {16,
     "^'pairs' must be|^a matching card needs|^a matching card may have|^this pair has no|"
     "^a pair must be|^duplicate prompt|^answer '.*' differs from '.*' only in|^distractor "
     "'.*' is already an answer"},
    {17, "^an ordering card needs|^duplicate item"},
    {14, "will move when the choices are shuffled"},
    {11,
     "^a card needs at least 2 choices|^this choice has no 'text'|^a choice cannot be "
     "empty|^a choice must be text|^duplicate choice|^'choices' must be a list"},
    {13,
     "^a choice card has exactly one answer|^a multi card's answer|^a multi card needs|^an "
     "answer cannot be empty|^answer '.*' is listed twice|^'answer' must list|^a truefalse "
     "card's answer|is read as the text '.*', so this is a short-answer card|^quoted '.*' "
     "makes this a short-answer card"},
    {15, "^(image|audio) '"},
    {18, "^unknown match rule"},
    {19, "^'tolerance' cannot be negative|^'points' must be a positive number"},
    {20,
     "^'exam' must be a map|^'questions' is [0-9]+, but the deck has|^'questions' must be a whole "
     "number|^'time' needs a unit|is not a duration|^'pass' is a percentage|is not a "
     "percentage|blueprint|^no card has the tag '|is neither a count of questions|^the share of '"},
    {21,
     "^tag '.*' contains white space|^a tag cannot be empty|^a tag must be text|^'tags' "
     "must be a list"},
    {23, "^'.*' is [a-z ]+; (accept|reject) expects"},
    {24, "^blank [0-9]+ |^a cloze |^this '\\}\\}' closes no blank"},
    {10,
     "^unknown card type|^this card has no 'question'|^this card has a 'question' but "
     "no|does not apply to an? .* card|^an? .* card needs '"},
    {3,
     "^the deck is empty|^a deck must be a map|^'cards' must be a list|^'cards' is "
     "empty|^the deck has no 'cards'|^the deck has no 'title'|^a card must be a map"},
    {26, "^card '.*' \\(.* in the store\\) is no longer in deck"},
    {25, "^cannot read|^'.*' is not a regular file|^the file is over|permission denied"},
    {6,
     "must be text, not|must be true or false|must be a finite number|must be a number|^a "
     "key in .* must be a plain name|must be a list, not|must be a map|^'.*' is empty$|cannot "
     "be empty"},
};

}  // namespace

std::span<const DiagnosticRule> diagnostic_rules() {
  return kRules;
}

const DiagnosticRule& rule_for_message(std::string_view message) {
  static const std::vector<std::pair<std::size_t, std::regex>> compiled = [] {
    std::vector<std::pair<std::size_t, std::regex>> out;
    for (const Pattern& p : kPatterns) out.emplace_back(p.rule, std::regex(p.regex));
    return out;
  }();
  // An item-writing warning names its rule at its end: "... [item/longest-key]".
  if (message.ends_with(']')) {
    if (const auto open = message.rfind(" [item/"); open != std::string_view::npos) {
      const std::string_view name = message.substr(open + 2, message.size() - open - 3);
      for (const auto& rule : kRules) {
        if (rule.name == name) return rule;
      }
    }
  }
  const std::string text(message);
  for (const auto& [rule, regex] : compiled) {
    if (std::regex_search(text, regex)) return kRules[rule];
  }
  return kRules[0];
}

}  // namespace quizdeck::deck
