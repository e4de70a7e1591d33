// SPDX-License-Identifier: MIT
#include "deck/card_checks.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "core/suggest.h"
#include "deck/card_id.h"
#include "deck/item_checks.h"
#include "deck/scalar.h"

namespace quizdeck::deck {
namespace {

using core::Diagnostic;
using Kind = YamlNode::Kind;

const std::vector<std::string> kTypeNames{"choice", "multi", "truefalse", "short",   "numeric",
                                          "flash",  "cloze", "matching",  "ordering"};
const std::vector<std::string> kMatchNames{"normalized", "exact", "fuzzy"};
// Keys every card type takes.
constexpr std::array<std::string_view, 10> kCommonKeys{
    "id", "type", "explain", "source", "hint", "tags", "points", "image", "audio", "allow"};

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
      "id",    "type",        "question", "choices", "answer", "tolerance", "match",  "front",
      "back",  "cloze",       "explain",  "source",  "hint",   "tags",      "points", "shuffle",
      "pairs", "distractors", "order",    "image",   "audio",  "accept",    "reject", "allow"};
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
  if (const Entry* e = find("question")) card.prompt_pos = fields_.position(FieldReader::where(*e));
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
  if (const Entry* e = find("front")) card.prompt_pos = fields_.position(FieldReader::where(*e));
  text("front", card.prompt);
  text("back", card.back);
  if (const Entry* e = find("cloze")) {
    if (const auto cloze = fields_.read_text(*e, "cloze")) {
      card.cloze_text = *cloze;
      card.prompt = *cloze;
      draft.cloze_node = e->value;
      auto blanks = parse_blanks(*cloze);
      if (blanks.ok()) {
        draft.blanks = std::move(blanks.blanks);
      } else {
        // Each problem at its place in the text (the value itself for one of the whole).
        FieldReader::TextWalk walk(fields_, *e->value);
        for (const auto& problem : blanks.problems) {
          auto& d = problem.length == std::string_view::npos
                        ? fields_.error(*e->value, problem.message)
                        : fields_.error(walk.at(problem.offset, problem.length), problem.message);
          if (!problem.note.empty()) FieldReader::add_note(d, problem.note);
        }
        if (blanks.stopped) {
          FieldReader::add_note(fields_.last(),
                                "this cloze may have more problems; they are read once these are "
                                "fixed");
        }
      }
    }
  }
  text("explain", card.explain);
  text("source", card.source);
  text("hint", card.hint);
  for (const auto& [name, list] : {std::pair{"accept", &card.accept}, {"reject", &card.reject}}) {
    const Entry* e = find(name);
    if (e == nullptr) continue;
    for (const auto& [text_value, node] : fields_.read_texts(*e, name, "an example answer")) {
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
  if (const Entry* e = find("allow")) {
    for (auto& rule : read_allow(fields_, *e)) {
      if (std::find(card.allow.begin(), card.allow.end(), rule) == card.allow.end()) {
        card.allow.push_back(std::move(rule));
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
  CardDraft draft;
  draft.node = &node;
  Card& card = draft.card;
  if (!type) {
    // Not even typed: only its media are read, for `check` to look for them in this run.
    card.pos = fields_.position(node);
    if (const Entry* e = find_entry(keys, "image")) card.image = read_media(*e, "image");
    if (const Entry* e = find_entry(keys, "audio")) card.audio = read_media(*e, "audio");
    draft.valid = false;
    return draft;
  }
  card.type = *type;
  card.pos = fields_.position(node);
  card.tags = deck.tags;
  card.allow = deck.allow;
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
