// SPDX-License-Identifier: MIT
// The lists a card's choices come from: `choices`, a matching card's `pairs` (their answers)
// and `distractors`, an ordering card's `order`. Each is read in time linear in its length
// (texts compared through hash maps of their normalized forms).
#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "core/normalize.h"
#include "deck/card_checks.h"

namespace quizdeck::deck {
namespace {

using Kind = YamlNode::Kind;

const std::vector<std::string> kChoiceKeys{"text", "why", "image"};
const std::vector<std::string> kPairKeys{"prompt", "answer"};

}  // namespace

void CardChecker::check_choices(const Entry& entry, CardDraft& draft) {
  const YamlNode& value = *entry.value;
  if (value.kind != Kind::kSequence) {
    fields_.error(FieldReader::where(entry),
                  fmt::format("'choices' must be a list, not {}", kind_name(value)));
    return;
  }
  if (value.items.size() < 2) {
    fields_.error(value.items.empty() ? FieldReader::where(entry) : value,
                  "a card needs at least 2 choices");
  }
  std::unordered_map<std::string, const YamlNode*> seen;  // normalized text -> first node
  for (const auto& item : value.items) {
    Choice choice;
    const YamlNode* text_node = &item;
    if (item.kind == Kind::kMap) {
      const Entries keys = fields_.read_map(item, kChoiceKeys, "a choice");
      const auto text = keys.find("text");
      if (text == keys.end()) {
        fields_.error(item, "this choice has no 'text'");
        continue;
      }
      text_node = text->second.value->has_position ? text->second.value : text->second.key;
      const auto read = fields_.read_text(text->second, "text");
      if (!read) continue;
      choice.text = *read;
      if (const auto why = keys.find("why"); why != keys.end()) {
        if (const auto why_text = fields_.read_text(why->second, "why")) choice.why = *why_text;
      }
      if (const auto image = keys.find("image"); image != keys.end()) {
        choice.image = read_media(image->second, "image");
      }
    } else if (item.kind == Kind::kScalar) {
      if (core::is_blank(item.text)) {
        fields_.error(item, "a choice cannot be empty");
        continue;
      }
      choice.text = strip_final_line_breaks(item.text);
    } else if (item.kind == Kind::kNull) {
      fields_.error(item.has_position ? item : value, "a choice cannot be empty");
      continue;
    } else {
      fields_.error(item, "a choice must be text or a map with 'text' and 'why', not a list");
      continue;
    }
    const auto at = fields_.source().locate(text_node->offset);
    choice.pos = {at.line, at.column};
    const auto [first, inserted] = seen.try_emplace(core::normalize_text(choice.text), text_node);
    if (!inserted) {
      auto& d = fields_.error(*text_node, fmt::format("duplicate choice '{}'", choice.text));
      fields_.add_note_at(d, *first->second,
                          "the same choice (ignoring case, spacing and final "
                          "punctuation) is here");
      continue;
    }
    const std::string normalized = core::normalize_text(choice.text);
    if (draft.card.shuffle && (normalized.starts_with("all of the above") ||
                               normalized.starts_with("none of the above"))) {
      auto& d = fields_.warning(
          *text_node, fmt::format("'{}' will move when the choices are shuffled", choice.text));
      FieldReader::add_note(d, "add 'shuffle: false' to this card to keep the order as written");
    }
    draft.card.choices.push_back(std::move(choice));
  }
}

// `pairs`: a list of one-entry maps (`- France: Paris`) or maps with `prompt` and
// `answer`. The answers become the card's choices, each once.
void CardChecker::check_pairs(const Entry& entry, CardDraft& draft) {
  const YamlNode& value = *entry.value;
  Card& card = draft.card;
  if (value.kind != Kind::kSequence) {
    auto& d = fields_.error(FieldReader::where(entry),
                            fmt::format("'pairs' must be a list, not {}", kind_name(value)));
    FieldReader::add_note(d, "write each pair as '- prompt: answer'");
    return;
  }
  if (value.items.size() < 2) {
    fields_.error(value.items.empty() ? FieldReader::where(entry) : value,
                  "a matching card needs at least 2 pairs");
  }
  std::unordered_map<std::string, const YamlNode*> prompts;  // normalized -> first node
  std::unordered_map<std::string, std::size_t> answers;      // normalized -> its choice
  std::size_t read = 0;
  for (const auto& item : value.items) {
    if (++read > kMaxPairs) {
      auto& d = fields_.error(item.has_position ? item : value,
                              fmt::format("a matching card may have at most {} pairs; this is "
                                          "pair {}",
                                          kMaxPairs, read));
      FieldReader::add_note(d, "the learner matches every pair at once: split the card");
      return;
    }
    const YamlNode* prompt_node = nullptr;
    const YamlNode* answer_node = nullptr;
    if (item.kind == Kind::kMap && item.entries.size() == 1 &&
        !(item.entries[0].first.kind == Kind::kScalar &&
          (item.entries[0].first.text == "prompt" || item.entries[0].first.text == "answer"))) {
      prompt_node = &item.entries[0].first;
      answer_node = &item.entries[0].second;
    } else if (item.kind == Kind::kMap) {
      const Entries keys = fields_.read_map(item, kPairKeys, "a pair");
      const Entry* prompt = find_entry(keys, "prompt");
      const Entry* answer = find_entry(keys, "answer");
      if (prompt == nullptr || answer == nullptr) {
        fields_.error(item, fmt::format("this pair has no '{}'", prompt ? "answer" : "prompt"));
        continue;
      }
      prompt_node = prompt->value->has_position ? prompt->value : prompt->key;
      answer_node = answer->value->has_position ? answer->value : answer->key;
      if (prompt->value->kind != Kind::kScalar) prompt_node = prompt->value;
      if (answer->value->kind != Kind::kScalar) answer_node = answer->value;
    } else {
      auto& d = fields_.error(item.has_position ? item : value,
                              fmt::format("a pair must be a map, not {}", kind_name(item)));
      FieldReader::add_note(d, "write '- prompt: answer', or '- {prompt: ..., answer: ...}'");
      continue;
    }
    bool ok = true;
    for (const auto* node : {prompt_node, answer_node}) {
      if (node->kind != Kind::kScalar || core::is_blank(node->text)) {
        fields_.error(
            node->has_position ? *node : item,
            node->kind == Kind::kScalar || node->kind == Kind::kNull
                ? fmt::format("a pair's {} cannot be empty",
                              node == prompt_node ? "prompt" : "answer")
                : fmt::format("a pair's {} must be text, not {}",
                              node == prompt_node ? "prompt" : "answer", kind_name(*node)));
        ok = false;
      }
    }
    if (!ok) continue;
    Pair pair{strip_final_line_breaks(prompt_node->text),
              strip_final_line_breaks(answer_node->text), fields_.position(*prompt_node)};
    const auto [first, inserted] =
        prompts.try_emplace(core::normalize_text(pair.prompt), prompt_node);
    if (!inserted) {
      auto& d = fields_.error(*prompt_node, fmt::format("duplicate prompt '{}'", pair.prompt));
      fields_.add_note_at(d, *first->second, "the same prompt is here");
      continue;
    }
    // Answers shared by several prompts are one choice; answers that differ only in case,
    // spacing or final punctuation would look the same to the learner.
    const auto [same, fresh] =
        answers.try_emplace(core::normalize_text(pair.answer), card.choices.size());
    if (!fresh && card.choices[same->second].text != pair.answer) {
      auto& d =
          fields_.error(*answer_node, fmt::format("answer '{}' differs from '{}' only in case, "
                                                  "spacing or punctuation",
                                                  pair.answer, card.choices[same->second].text));
      FieldReader::add_note(d, "write both the same way if they are the same answer");
      continue;
    }
    if (fresh) card.choices.push_back({pair.answer, "", fields_.position(*answer_node)});
    card.pairs.push_back(std::move(pair));
  }
}

// `distractors`: answers that go with no prompt, offered among the others.
void CardChecker::check_distractors(const Entry& entry, CardDraft& draft) {
  Card& card = draft.card;
  // The pairs' answers come first among the choices.
  const std::size_t pair_answers = card.choices.size();
  std::unordered_map<std::string, std::size_t> known;  // normalized -> its choice
  for (std::size_t i = 0; i < card.choices.size(); ++i) {
    known.try_emplace(core::normalize_text(card.choices[i].text), i);
  }
  std::size_t read = 0;
  for (const auto& [text, node] : fields_.read_texts(entry, "distractors", "a distractor")) {
    if (++read > kMaxDistractors) {
      auto& d = fields_.error(*node, fmt::format("a matching card may have at most {} "
                                                 "distractors; this is distractor {}",
                                                 kMaxDistractors, read));
      FieldReader::add_note(d, "a few distractors make a card harder; hundreds only longer");
      return;
    }
    const auto [same, fresh] = known.try_emplace(core::normalize_text(text), card.choices.size());
    if (!fresh) {
      fields_.error(*node,
                    fmt::format("distractor '{}' is already an answer{}", text,
                                same->second < pair_answers ? " of a pair" : " (listed twice)"));
      continue;
    }
    card.choices.push_back({text, "", fields_.position(*node)});
  }
}

// `order`: the items in their right order, at least 2, no two alike.
void CardChecker::check_order(const Entry& entry, CardDraft& draft) {
  Card& card = draft.card;
  const auto items = fields_.read_texts(entry, "order", "an item");
  if (entry.value->kind == Kind::kSequence && entry.value->items.size() < 2) {
    fields_.error(entry.value->items.empty() ? FieldReader::where(entry) : *entry.value,
                  "an ordering card needs at least 2 items");
  }
  std::unordered_map<std::string, const YamlNode*> seen;
  for (const auto& [text, node] : items) {
    const auto [first, inserted] = seen.try_emplace(core::normalize_text(text), node);
    if (!inserted) {
      auto& d = fields_.error(*node, fmt::format("duplicate item '{}'", text));
      fields_.add_note_at(d, *first->second,
                          "the same item (ignoring case, spacing and final punctuation) is here");
      continue;
    }
    card.choices.push_back({text, "", fields_.position(*node)});
  }
}

}  // namespace quizdeck::deck
