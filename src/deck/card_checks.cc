// SPDX-License-Identifier: MIT
#include "deck/card_checks.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "core/normalize.h"
#include "core/suggest.h"
#include "deck/card_id.h"
#include "deck/scalar.h"

namespace quizdeck::deck {
namespace {

using core::Diagnostic;
using Kind = YamlNode::Kind;

const std::vector<std::string> kChoiceKeys{"text", "why", "image"};
const std::vector<std::string> kTypeNames{"choice", "multi", "truefalse", "short",   "numeric",
                                          "flash",  "cloze", "matching",  "ordering"};
const std::vector<std::string> kPairKeys{"prompt", "answer"};
const std::vector<std::string> kMatchNames{"normalized", "exact", "fuzzy"};
// Keys every card type takes.
constexpr std::array<std::string_view, 8> kCommonKeys{"id",   "type",   "explain", "hint",
                                                      "tags", "points", "image",   "audio"};

// What each card type takes beyond the common keys, what it needs, and how its answer is
// read.
struct CardRule {
  CardType type;
  std::vector<std::string_view> keys;
  std::vector<std::string_view> required;
  CardChecker::AnswerCheck answer;  // null: the type has no `answer`
};

const std::vector<CardRule>& card_rules() {
  static const std::vector<CardRule> rules{
      {CardType::kChoice,
       {"question", "choices", "answer", "shuffle", "accept", "reject"},
       {"question", "choices", "answer"},
       &CardChecker::check_choice_answer},
      {CardType::kMulti,
       {"question", "choices", "answer", "shuffle", "accept", "reject"},
       {"question", "choices", "answer"},
       &CardChecker::check_multi_answer},
      {CardType::kTrueFalse,
       {"question", "answer", "accept", "reject"},
       {"question", "answer"},
       &CardChecker::check_truefalse_answer},
      {CardType::kShort,
       {"question", "answer", "match", "accept", "reject"},
       {"question", "answer"},
       &CardChecker::check_short_answer},
      {CardType::kNumeric,
       {"question", "answer", "tolerance", "accept", "reject"},
       {"question", "answer"},
       &CardChecker::check_numeric_answer},
      {CardType::kFlash, {"front", "back"}, {"front", "back"}, nullptr},
      {CardType::kCloze, {"cloze", "match"}, {"cloze"}, nullptr},
      {CardType::kMatching,
       {"question", "pairs", "distractors", "accept", "reject"},
       {"question", "pairs"},
       nullptr},
      {CardType::kOrdering,
       {"question", "order", "accept", "reject"},
       {"question", "order"},
       nullptr},
  };
  return rules;
}

const CardRule& rule_for(CardType type) {
  for (const auto& rule : card_rules()) {
    if (rule.type == type) return rule;
  }
  return card_rules().front();
}

bool key_applies(std::string_view key, CardType type) {
  if (std::find(kCommonKeys.begin(), kCommonKeys.end(), key) != kCommonKeys.end()) return true;
  const auto& keys = rule_for(type).keys;
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

const std::vector<std::string>& card_keys() {
  static const std::vector<std::string> keys{
      "id",          "type",  "question", "choices", "answer", "tolerance", "match",   "front",
      "back",        "cloze", "explain",  "hint",    "tags",   "points",    "shuffle", "pairs",
      "distractors", "order", "image",    "audio",   "accept", "reject"};
  return keys;
}

std::optional<CardType> CardChecker::card_type(const YamlNode& node, const Entries& keys) {
  if (const auto it = keys.find("type"); it != keys.end()) {
    const auto name = fields_.read_text(it->second, "type");
    if (!name) return std::nullopt;
    if (const auto type = parse_card_type(*name)) return type;
    auto& d = fields_.error(*it->second.value, fmt::format("unknown card type '{}'", *name));
    if (const auto near = core::suggest(*name, kTypeNames)) {
      FieldReader::add_note(d, fmt::format("did you mean '{}'?", *near));
    } else {
      FieldReader::add_note(d,
                            "card types: choice, multi, truefalse, short, numeric, flash, cloze, "
                            "matching, ordering");
    }
    return std::nullopt;
  }
  if (keys.contains("front") || keys.contains("back")) return CardType::kFlash;
  if (keys.contains("cloze")) return CardType::kCloze;
  if (keys.contains("pairs")) return CardType::kMatching;
  if (keys.contains("order")) return CardType::kOrdering;
  const auto answer = keys.find("answer");
  if (keys.contains("choices")) {
    if (answer != keys.end() && answer->second.value->kind == Kind::kSequence) {
      return CardType::kMulti;
    }
    return CardType::kChoice;
  }
  if (answer == keys.end()) {
    if (!keys.contains("question")) {
      fields_.error(
          node, "this card has no 'question' and 'answer' (nor 'front' and 'back', nor 'cloze')");
    } else {
      fields_.error(node, "this card has a 'question' but no 'answer'");
    }
    return std::nullopt;
  }
  const YamlNode& value = *answer->second.value;
  if (value.kind == Kind::kScalar && value.plain && value.tag.empty()) {
    if (plain_bool(value.text)) return CardType::kTrueFalse;
    if (plain_number(value.text)) return CardType::kNumeric;
  }
  return CardType::kShort;
}

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

void CardChecker::check_answer_among_choices(const YamlNode& answer, const std::string& text,
                                             const CardDraft& draft) {
  const auto& choices = draft.card.choices;
  if (std::any_of(choices.begin(), choices.end(),
                  [&](const Choice& c) { return c.text == text; })) {
    return;
  }
  auto& d = fields_.error(answer, fmt::format("answer '{}' is not one of the choices", text));
  std::vector<std::string> texts;
  for (const auto& choice : choices) texts.push_back(choice.text);
  const std::string normalized = core::normalize_text(text);
  for (const auto& choice : texts) {
    if (core::normalize_text(choice) == normalized) {
      FieldReader::add_note(
          d, fmt::format("did you mean '{}'? (an answer must equal its choice exactly)", choice));
      return;
    }
  }
  if (const auto near = core::suggest(text, texts)) {
    FieldReader::add_note(d, fmt::format("did you mean '{}'?", *near));
  }
}

void CardChecker::check_choice_answer(const Entry& entry, CardDraft& draft, bool) {
  const YamlNode& value = *entry.value;
  if (value.kind == Kind::kSequence) {
    auto& d = fields_.error(value, "a choice card has exactly one answer, not a list");
    FieldReader::add_note(d, "for several right choices, use 'type: multi' (or drop 'type')");
    return;
  }
  const auto text = fields_.read_text(entry, "answer");
  if (!text) return;
  draft.card.answers.push_back(*text);
  if (!draft.card.choices.empty()) check_answer_among_choices(value, *text, draft);
}

void CardChecker::check_multi_answer(const Entry& entry, CardDraft& draft, bool) {
  const YamlNode& value = *entry.value;
  if (value.kind != Kind::kSequence) {
    auto& d = fields_.error(FieldReader::where(entry),
                            fmt::format("a multi card's answer must be a list of choices, "
                                        "not {}",
                                        kind_name(value)));
    if (value.kind == Kind::kScalar)
      FieldReader::add_note(d, fmt::format("write answer: [{}]", value.text));
    return;
  }
  if (value.items.empty()) {
    fields_.error(value, "a multi card needs at least one right choice in 'answer'");
    return;
  }
  for (const auto& item : value.items) {
    if (item.kind != Kind::kScalar || core::is_blank(item.text)) {
      fields_.error(item.has_position ? item : value,
                    item.kind == Kind::kScalar || item.kind == Kind::kNull
                        ? std::string("an answer cannot be empty")
                        : fmt::format("an answer must be text, not {}", kind_name(item)));
      continue;
    }
    const std::string text = strip_final_line_breaks(item.text);
    if (std::find(draft.card.answers.begin(), draft.card.answers.end(), text) !=
        draft.card.answers.end()) {
      fields_.error(item, fmt::format("answer '{}' is listed twice", text));
      continue;
    }
    draft.card.answers.push_back(text);
    if (!draft.card.choices.empty()) check_answer_among_choices(item, text, draft);
  }
}

void CardChecker::check_short_answer(const Entry& entry, CardDraft& draft, bool type_given) {
  const YamlNode& value = *entry.value;
  auto take = [&](const YamlNode& item) {
    if (item.kind != Kind::kScalar || core::is_blank(item.text)) {
      fields_.error(item.has_position ? item : FieldReader::where(entry),
                    item.kind == Kind::kScalar || item.kind == Kind::kNull
                        ? std::string("an answer cannot be empty")
                        : fmt::format("an answer must be text, not {}", kind_name(item)));
      return;
    }
    draft.card.answers.push_back(strip_final_line_breaks(item.text));
    if (type_given) return;
    if (item.plain && is_yaml11_bool_word(item.text)) {
      auto& d = fields_.warning(
          item, fmt::format("'{}' is read as the text '{}', so this is a short-answer "
                            "card",
                            item.text, item.text));
      FieldReader::add_note(
          d, "for a true/false card write true or false; to keep the text, quote it");
    } else if (!item.plain && plain_bool(item.text)) {
      auto& d = fields_.warning(
          item, fmt::format("quoted '{}' makes this a short-answer card", item.text));
      FieldReader::add_note(d, "remove the quotes for a true/false card");
    }
  };
  if (value.kind == Kind::kSequence) {
    if (value.items.empty())
      fields_.error(value, "'answer' must list at least one accepted answer");
    for (const auto& item : value.items) take(item);
  } else {
    take(value);
  }
}

void CardChecker::check_truefalse_answer(const Entry& entry, CardDraft& draft, bool) {
  const YamlNode& value = *entry.value;
  const auto flag = value.kind == Kind::kScalar && value.plain && value.tag.empty()
                        ? plain_bool(value.text)
                        : std::nullopt;
  if (flag) {
    draft.card.truth = *flag;
    return;
  }
  auto& d =
      fields_.error(FieldReader::where(entry), "a truefalse card's answer must be true or false");
  if (value.kind == Kind::kScalar && is_yaml11_bool_word(value.text)) {
    FieldReader::add_note(d, "quizdeck reads YAML 1.2: yes, no, on and off are text, not booleans");
  }
}

void CardChecker::check_numeric_answer(const Entry& entry, CardDraft& draft, bool) {
  if (const auto number = fields_.read_number(entry, "answer")) draft.card.number = *number;
}

namespace {

// The texts of a list of scalars (each a non-empty text), reporting the others; `what`
// names an item in messages ("an item", "a distractor").
std::vector<std::pair<std::string, const YamlNode*>> list_texts(FieldReader& fields,
                                                                const Entry& entry,
                                                                std::string_view name,
                                                                std::string_view what) {
  std::vector<std::pair<std::string, const YamlNode*>> out;
  const YamlNode& value = *entry.value;
  if (value.kind != Kind::kSequence) {
    fields.error(FieldReader::where(entry),
                 fmt::format("'{}' must be a list, not {}", name, kind_name(value)));
    return out;
  }
  for (const auto& item : value.items) {
    if (item.kind != Kind::kScalar || core::is_blank(item.text)) {
      fields.error(item.has_position ? item : value,
                   item.kind == Kind::kScalar || item.kind == Kind::kNull
                       ? fmt::format("{} cannot be empty", what)
                       : fmt::format("{} must be text, not {}", what, kind_name(item)));
      continue;
    }
    out.emplace_back(strip_final_line_breaks(item.text), &item);
  }
  return out;
}

}  // namespace

// A media path as the format allows it: relative, inside the deck's directory as written
// (no ".." part), no back slashes or control characters; an image one quizdeck can show.
// Whether the file is there is `check`'s business: this stays free of I/O.
Media CardChecker::read_media(const Entry& entry, std::string_view name) {
  const auto path = fields_.read_text(entry, name);
  if (!path) return {};
  const YamlNode& at = *entry.value;
  const auto refuse = [&](std::string why) {
    auto& d = fields_.error(at, fmt::format("{} '{}' {}", name, *path, why));
    FieldReader::add_note(d, "media paths are relative to the deck file, inside its directory");
    return Media{};
  };
  if (path->starts_with('/') || path->starts_with('~')) return refuse("is not a relative path");
  if (path->find('\\') != std::string::npos) return refuse("holds a back slash; use '/'");
  for (const char c : *path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return refuse("holds a control character");
    }
  }
  for (std::size_t start = 0; start <= path->size();) {
    const std::size_t end = std::min(path->find('/', start), path->size());
    if (std::string_view(*path).substr(start, end - start) == "..") {
      return refuse("leaves the deck's directory ('..')");
    }
    start = end + 1;
  }
  if (name == "image" && !is_image_path(*path)) {
    auto& d =
        fields_.error(at, fmt::format("image '{}' is not a PNG, JPEG, GIF or BMP file", *path));
    FieldReader::add_note(d, "quizdeck shows .png, .jpg, .jpeg, .gif and .bmp images");
    return {};
  }
  return Media{*path, fields_.position(at)};
}

// A matching card's identity includes its prompts: "Match each term with its definition"
// is the question of many cards.
std::string CardChecker::identity(const Card& card) {
  std::string out = card.prompt;
  if (card.type == CardType::kMatching) {
    for (const auto& pair : card.pairs) out += "\n" + pair.prompt;
  } else if (card.type == CardType::kOrdering) {
    for (const auto& item : card.choices) out += "\n" + item.text;
  }
  return out;
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
  for (const auto& item : value.items) {
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
    bool known = false;
    for (const auto& choice : card.choices) {
      if (choice.text == pair.answer) {
        known = true;
      } else if (core::normalize_text(choice.text) == core::normalize_text(pair.answer)) {
        auto& d =
            fields_.error(*answer_node, fmt::format("answer '{}' differs from '{}' only in case, "
                                                    "spacing or punctuation",
                                                    pair.answer, choice.text));
        FieldReader::add_note(d, "write both the same way if they are the same answer");
        known = true;
        ok = false;
      }
    }
    if (!ok) continue;
    if (!known) card.choices.push_back({pair.answer, "", fields_.position(*answer_node)});
    card.pairs.push_back(std::move(pair));
  }
}

// `distractors`: answers that go with no prompt, offered among the others.
void CardChecker::check_distractors(const Entry& entry, CardDraft& draft) {
  Card& card = draft.card;
  for (const auto& [text, node] : list_texts(fields_, entry, "distractors", "a distractor")) {
    const std::string normalized = core::normalize_text(text);
    const auto same = std::find_if(card.choices.begin(), card.choices.end(), [&](const Choice& c) {
      return core::normalize_text(c.text) == normalized;
    });
    if (same != card.choices.end()) {
      fields_.error(*node,
                    fmt::format("distractor '{}' is already an answer{}", text,
                                std::any_of(card.pairs.begin(), card.pairs.end(),
                                            [&](const Pair& p) { return p.answer == same->text; })
                                    ? " of a pair"
                                    : " (listed twice)"));
      continue;
    }
    card.choices.push_back({text, "", fields_.position(*node)});
  }
}

// `order`: the items in their right order, at least 2, no two alike.
void CardChecker::check_order(const Entry& entry, CardDraft& draft) {
  Card& card = draft.card;
  const auto items = list_texts(fields_, entry, "order", "an item");
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

void CardChecker::check_keys(const YamlNode& node, const Entries& keys, CardType type,
                             bool type_given) {
  for (const auto& [name, entry] : keys) {
    if (key_applies(name, type)) continue;
    auto& d = fields_.error(
        *entry.key, fmt::format("'{}' does not apply to {} {} card", name,
                                type == CardType::kOrdering ? "an" : "a", card_type_name(type)));
    if (!type_given) {
      FieldReader::add_note(
          d, type == CardType::kFlash      ? "it is a flash card because it has 'front' or 'back'"
             : type == CardType::kCloze    ? "it is a cloze card because it has 'cloze'"
             : type == CardType::kMatching ? "it is a matching card because it has 'pairs'"
             : type == CardType::kOrdering ? "it is an ordering card because it has 'order'"
                                           : "set 'type' to say which kind of card it is");
    }
  }
  for (const auto name : rule_for(type).required) {
    if (!keys.contains(name)) {
      fields_.error(node,
                    fmt::format("{} {} card needs '{}'", type == CardType::kOrdering ? "an" : "a",
                                card_type_name(type), name));
    }
  }
}

void CardChecker::read_match(const Entry& entry, Card& card) {
  const auto name = fields_.read_text(entry, "match");
  if (!name) return;
  if (*name == "normalized") {
    card.match = MatchRule::kNormalized;
  } else if (*name == "exact") {
    card.match = MatchRule::kExact;
  } else if (*name == "fuzzy") {
    card.match = MatchRule::kFuzzy;
  } else {
    auto& d = fields_.error(*entry.value, fmt::format("unknown match rule '{}'", *name));
    if (const auto near = core::suggest(*name, kMatchNames)) {
      FieldReader::add_note(d, fmt::format("did you mean '{}'?", *near));
    } else {
      FieldReader::add_note(d, "match rules: normalized (the default), exact, fuzzy");
    }
  }
}

// Every field that applies to the card's type, in a fixed order (choices before the
// answer that must be among them).
void CardChecker::read_fields(const Entries& keys, CardDraft& draft, bool type_given) {
  Card& card = draft.card;
  const auto find = [&](std::string_view name) {
    return key_applies(name, card.type) ? find_entry(keys, name) : nullptr;
  };
  const auto text = [&](std::string_view name, std::string& out) {
    if (const Entry* e = find(name)) {
      if (auto value = fields_.read_text(*e, name)) out = std::move(*value);
    }
  };
  if (const Entry* e = find("id")) {
    if (const auto id = fields_.read_text(*e, "id")) {
      if (const auto checked = check_card_id(*id); !checked) {
        fields_.error(*e->value,
                      fmt::format("invalid card id '{}': {}", *id, checked.error().message()));
      } else {
        card.id = *id;
        card.id_given = true;
        draft.id_node = e->value;
      }
    }
  }
  if (const Entry* e = find("shuffle")) {
    if (const auto flag = fields_.read_bool(*e, "shuffle")) card.shuffle = *flag;
  }
  text("question", card.prompt);
  if (const Entry* e = find("choices")) check_choices(*e, draft);
  if (const Entry* e = find("answer")) (this->*rule_for(card.type).answer)(*e, draft, type_given);
  if (const Entry* e = find("tolerance")) {
    if (const auto tolerance = fields_.read_number(*e, "tolerance")) {
      if (*tolerance < 0) {
        fields_.error(*e->value, "'tolerance' cannot be negative");
      } else {
        card.tolerance = *tolerance;
      }
    }
  }
  if (const Entry* e = find("match")) read_match(*e, card);
  if (const Entry* e = find("pairs")) check_pairs(*e, draft);
  if (const Entry* e = find("distractors")) check_distractors(*e, draft);
  if (const Entry* e = find("order")) check_order(*e, draft);
  text("front", card.prompt);
  text("back", card.back);
  if (const Entry* e = find("cloze")) {
    if (const auto cloze = fields_.read_text(*e, "cloze")) {
      card.cloze_text = *cloze;
      card.prompt = *cloze;
      auto blanks = parse_blanks(*cloze);
      if (!blanks.error.empty()) {
        fields_.error(*e->value, blanks.error);
      } else {
        draft.blanks = std::move(blanks.blanks);
      }
    }
  }
  text("explain", card.explain);
  text("hint", card.hint);
  for (const auto& [name, list] : {std::pair{"accept", &card.accept}, {"reject", &card.reject}}) {
    const Entry* e = find(name);
    if (e == nullptr) continue;
    for (const auto& [text_value, node] : list_texts(fields_, *e, name, "an example answer")) {
      list->push_back({text_value, fields_.position(*node)});
    }
  }
  if (const Entry* e = find("image")) card.image = read_media(*e, "image");
  if (const Entry* e = find("audio")) card.audio = read_media(*e, "audio");
  if (const Entry* e = find("tags")) {
    if (const auto tags = fields_.read_tags(*e)) {
      for (const auto& tag : *tags) {
        if (std::find(card.tags.begin(), card.tags.end(), tag) == card.tags.end()) {
          card.tags.push_back(tag);
        }
      }
    }
  }
  if (const Entry* e = find("points")) {
    if (const auto points = fields_.read_number(*e, "points")) {
      if (*points <= 0) {
        fields_.error(*e->value, "'points' must be a positive number");
      } else {
        card.points = *points;
      }
    }
  }
}

std::optional<CardDraft> CardChecker::check_card(const YamlNode& node, const Deck& deck) {
  if (node.kind != Kind::kMap) {
    fields_.error(node,
                  fmt::format("a card must be a map of keys (question:, answer:, ...), not {}",
                              kind_name(node)));
    return std::nullopt;
  }
  const int errors_before = fields_.errors();
  const Entries keys = fields_.read_map(node, card_keys(), "a card");
  const auto type = card_type(node, keys);
  if (!type) return std::nullopt;

  CardDraft draft;
  draft.node = &node;
  Card& card = draft.card;
  card.type = *type;
  card.pos = fields_.position(node);
  card.tags = deck.tags;
  // Matching answers and ordering items are always shuffled: in their written order they
  // would give the answer away.
  card.shuffle =
      deck.shuffle || card.type == CardType::kMatching || card.type == CardType::kOrdering;
  const bool type_given = keys.contains("type");
  check_keys(node, keys, card.type, type_given);
  read_fields(keys, draft, type_given);
  draft.valid = fields_.errors() == errors_before;
  if (!card.id_given && !card.prompt.empty()) card.id = derive_card_id(card.type, identity(card));
  return draft;
}

}  // namespace quizdeck::deck
