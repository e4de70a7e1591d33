// SPDX-License-Identifier: MIT
#include "deck/parse_deck.h"

#include <algorithm>
#include <array>
#include <map>
#include <span>
#include <unordered_map>

#include <fmt/format.h>

#include "core/normalize.h"
#include "core/suggest.h"
#include "deck/card_id.h"
#include "deck/cloze.h"
#include "deck/scalar.h"
#include "deck/yaml_tree.h"

namespace quizdeck::deck {
namespace {

using core::Diagnostic;
using core::Severity;
using Kind = YamlNode::Kind;

const std::vector<std::string> kDeckKeys{"title", "id",      "description", "author", "source",
                                         "tags",  "shuffle", "exam",        "cards"};
const std::vector<std::string> kCardKeys{"id",        "type",  "question", "choices", "answer",
                                         "tolerance", "match", "front",    "back",    "cloze",
                                         "explain",   "hint",  "tags",     "points",  "shuffle"};
const std::vector<std::string> kChoiceKeys{"text", "why"};
const std::vector<std::string> kExamKeys{"questions", "time", "pass"};
const std::vector<std::string> kTypeNames{"choice",  "multi", "truefalse", "short",
                                          "numeric", "flash", "cloze"};
const std::vector<std::string> kMatchNames{"normalized", "exact", "fuzzy"};

struct Entry {
  const YamlNode* key = nullptr;
  const YamlNode* value = nullptr;
};

using Entries = std::map<std::string, Entry, std::less<>>;

std::string_view kind_name(const YamlNode& node) {
  switch (node.kind) {
    case Kind::kNull:
      return "empty";
    case Kind::kScalar:
      return "text";
    case Kind::kSequence:
      return "a list";
    case Kind::kMap:
      return "a map";
  }
  return "text";
}

std::string strip_final_line_breaks(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// Which keys each card type takes (id, type, explain, hint, tags, points: all of them).
bool key_applies(std::string_view key, CardType type) {
  const bool chooses = type == CardType::kChoice || type == CardType::kMulti;
  const bool asks = type != CardType::kFlash && type != CardType::kCloze;
  if (key == "question" || key == "answer") return asks;
  if (key == "choices" || key == "shuffle") return chooses;
  if (key == "tolerance") return type == CardType::kNumeric;
  if (key == "match") return type == CardType::kShort || type == CardType::kCloze;
  if (key == "front" || key == "back") return type == CardType::kFlash;
  if (key == "cloze") return type == CardType::kCloze;
  return true;
}

std::vector<std::string_view> required_keys(CardType type) {
  switch (type) {
    case CardType::kChoice:
    case CardType::kMulti:
      return {"question", "choices", "answer"};
    case CardType::kTrueFalse:
    case CardType::kShort:
    case CardType::kNumeric:
      return {"question", "answer"};
    case CardType::kFlash:
      return {"front", "back"};
    case CardType::kCloze:
      return {"cloze"};
  }
  return {};
}

struct CardDraft {
  Card card;
  const YamlNode* node = nullptr;     // the card's map
  const YamlNode* id_node = nullptr;  // its `id` value, when given
  std::vector<Blank> blanks;          // cloze
  bool valid = true;                  // no error in this card (its id is still checked)
};

class DeckChecker {
 public:
  DeckChecker(const core::SourceText& source, std::vector<Diagnostic>& diagnostics)
      : source_(source), diagnostics_(diagnostics) {}

  std::optional<Deck> check(const YamlNode& root, std::string path);

 private:
  Diagnostic& report(Severity severity, const YamlNode& at, std::string message) {
    diagnostics_.push_back(
        core::make_diagnostic(severity, source_, at.offset, at.length, std::move(message)));
    if (severity == Severity::kError) ++errors_;
    return diagnostics_.back();
  }
  Diagnostic& error(const YamlNode& at, std::string message) {
    return report(Severity::kError, at, std::move(message));
  }
  Diagnostic& warning(const YamlNode& at, std::string message) {
    return report(Severity::kWarning, at, std::move(message));
  }
  // A note at the same place as its diagnostic (no second excerpt).
  static void add_note(Diagnostic& to, std::string message) {
    Diagnostic note = to;
    note.severity = Severity::kNote;
    note.message = std::move(message);
    note.source_line.clear();
    note.notes.clear();
    to.notes.push_back(std::move(note));
  }
  // A note pointing at another place, with its own excerpt.
  void add_note_at(Diagnostic& to, const YamlNode& at, std::string message) {
    to.notes.push_back(
        core::make_diagnostic(Severity::kNote, source_, at.offset, at.length, std::move(message)));
  }
  // Where to point for a value: empty values have no position of their own.
  static const YamlNode& where(const Entry& entry) {
    return entry.value->has_position ? *entry.value : *entry.key;
  }

  Entries read_map(const YamlNode& map, const std::vector<std::string>& allowed,
                   std::string_view context);
  std::optional<std::string> read_text(const Entry& entry, std::string_view name);
  std::optional<bool> read_bool(const Entry& entry, std::string_view name);
  std::optional<double> read_number(const Entry& entry, std::string_view name);
  std::optional<std::vector<std::string>> read_tags(const Entry& entry);
  void read_exam(const Entry& entry, ExamDefaults& exam);

  std::optional<CardDraft> check_card(const YamlNode& node, const Deck& deck);
  std::optional<CardType> card_type(const YamlNode& node, const Entries& keys);
  void check_choices(const Entry& entry, CardDraft& draft);
  void check_choice_answer(const Entry& entry, CardDraft& draft);
  void check_multi_answer(const Entry& entry, CardDraft& draft);
  void check_short_answer(const Entry& entry, CardDraft& draft, bool type_given);
  void check_answer_among_choices(const YamlNode& answer, const std::string& text,
                                  const CardDraft& draft);
  void check_ids(const std::vector<CardDraft>& drafts);

  const core::SourceText& source_;
  std::vector<Diagnostic>& diagnostics_;
  int errors_ = 0;
};

Entries DeckChecker::read_map(const YamlNode& map, const std::vector<std::string>& allowed,
                              std::string_view context) {
  Entries entries;
  for (const auto& [key, value] : map.entries) {
    if (key.kind != Kind::kScalar) {
      error(key.kind == Kind::kNull ? map : key,
            fmt::format("a key in {} must be a plain name, not {}", context, kind_name(key)));
      continue;
    }
    const auto [it, inserted] = entries.try_emplace(key.text, Entry{&key, &value});
    if (!inserted) {
      auto& d = error(key, fmt::format("duplicate key '{}' in {}", key.text, context));
      add_note_at(d, *it->second.key, "first given here");
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), key.text) == allowed.end()) {
      auto& d = error(key, fmt::format("unknown key '{}' in {}", key.text, context));
      if (const auto near = core::suggest(key.text, allowed)) {
        add_note(d, fmt::format("did you mean '{}'?", *near));
      } else if (&allowed == &kDeckKeys &&
                 std::find(kCardKeys.begin(), kCardKeys.end(), key.text) != kCardKeys.end()) {
        add_note(d,
                 fmt::format("'{}' is a card key; cards go in the list under 'cards'", key.text));
      }
      entries.erase(it);
    }
  }
  return entries;
}

std::optional<std::string> DeckChecker::read_text(const Entry& entry, std::string_view name) {
  const YamlNode& value = *entry.value;
  if (value.kind == Kind::kNull) {
    error(*entry.key, fmt::format("'{}' is empty", name));
    return std::nullopt;
  }
  if (value.kind != Kind::kScalar) {
    error(value, fmt::format("'{}' must be text, not {}", name, kind_name(value)));
    return std::nullopt;
  }
  if (!value.tag.empty() && value.tag != "tag:yaml.org,2002:str") {
    error(value, fmt::format("unsupported YAML tag '{}'", value.tag));
    return std::nullopt;
  }
  std::string text = strip_final_line_breaks(value.text);
  if (core::is_blank(text)) {
    error(value, fmt::format("'{}' is empty", name));
    return std::nullopt;
  }
  return text;
}

std::optional<bool> DeckChecker::read_bool(const Entry& entry, std::string_view name) {
  const YamlNode& value = *entry.value;
  if (value.kind == Kind::kScalar && value.plain && value.tag.empty()) {
    if (const auto flag = plain_bool(value.text)) return flag;
    if (is_yaml11_bool_word(value.text)) {
      auto& d = error(value, fmt::format("'{}' must be true or false, not '{}'", name, value.text));
      add_note(d, "quizdeck reads YAML 1.2: yes, no, on and off are text, not booleans");
      return std::nullopt;
    }
  }
  if (value.kind == Kind::kScalar) {
    auto& d = error(value, fmt::format("'{}' must be true or false, not '{}'", name, value.text));
    if (!value.plain && plain_bool(value.text)) add_note(d, "remove the quotes");
  } else {
    error(where(entry), fmt::format("'{}' must be true or false, not {}", name, kind_name(value)));
  }
  return std::nullopt;
}

std::optional<double> DeckChecker::read_number(const Entry& entry, std::string_view name) {
  const YamlNode& value = *entry.value;
  if (value.kind == Kind::kScalar && value.plain && value.tag.empty()) {
    if (const auto number = plain_number(value.text)) return number;
    if (is_plain_non_finite(value.text)) {
      error(value, fmt::format("'{}' must be a finite number, not '{}'", name, value.text));
      return std::nullopt;
    }
  }
  if (value.kind == Kind::kScalar) {
    auto& d = error(value, fmt::format("'{}' must be a number, not '{}'", name, value.text));
    if (!value.plain && plain_number(value.text)) add_note(d, "remove the quotes");
  } else {
    error(where(entry), fmt::format("'{}' must be a number, not {}", name, kind_name(value)));
  }
  return std::nullopt;
}

std::optional<std::vector<std::string>> DeckChecker::read_tags(const Entry& entry) {
  const YamlNode& value = *entry.value;
  if (value.kind != Kind::kSequence) {
    auto& d = error(where(entry), fmt::format("'tags' must be a list, not {}", kind_name(value)));
    if (value.kind == Kind::kScalar) add_note(d, fmt::format("write tags: [{}]", value.text));
    return std::nullopt;
  }
  std::vector<std::string> tags;
  bool ok = true;
  for (const auto& item : value.items) {
    if (item.kind != Kind::kScalar || core::is_blank(item.text)) {
      error(item.has_position ? item : value,
            item.kind == Kind::kScalar || item.kind == Kind::kNull
                ? std::string("a tag cannot be empty")
                : fmt::format("a tag must be text, not {}", kind_name(item)));
      ok = false;
      continue;
    }
    if (item.text.find_first_of(" \t\r\n") != std::string::npos) {
      error(item, fmt::format("tag '{}' contains white space; tags are single words like "
                              "'peer-support'",
                              item.text));
      ok = false;
      continue;
    }
    if (std::find(tags.begin(), tags.end(), item.text) == tags.end()) tags.push_back(item.text);
  }
  if (!ok) return std::nullopt;
  return tags;
}

void DeckChecker::read_exam(const Entry& entry, ExamDefaults& exam) {
  const YamlNode& value = *entry.value;
  if (value.kind != Kind::kMap) {
    error(where(entry),
          fmt::format("'exam' must be a map (questions:, time:, pass:), not {}", kind_name(value)));
    return;
  }
  const Entries keys = read_map(value, kExamKeys, "'exam'");
  if (const auto it = keys.find("questions"); it != keys.end()) {
    if (const auto count = read_number(it->second, "questions")) {
      if (*count < 1 || *count != static_cast<int>(*count) || *count > 1000000) {
        error(*it->second.value, "'questions' must be a whole number of at least 1");
      } else {
        exam.questions = static_cast<int>(*count);
      }
    }
  }
  if (const auto it = keys.find("time"); it != keys.end()) {
    const YamlNode& time = *it->second.value;
    if (time.kind == Kind::kScalar && time.plain && plain_number(time.text)) {
      auto& d = error(time, fmt::format("'time' needs a unit: write {}m for minutes", time.text));
      add_note(d, "durations look like 30m, 1h30m or 90s");
    } else if (const auto text = read_text(it->second, "time")) {
      if (const auto seconds = parse_duration(*text)) {
        exam.time_seconds = seconds;
      } else {
        auto& d = error(time, fmt::format("'{}' is not a duration", *text));
        add_note(d, "durations look like 30m, 1h30m or 90s (at most a week)");
      }
    }
  }
  if (const auto it = keys.find("pass"); it != keys.end()) {
    const YamlNode& pass = *it->second.value;
    if (pass.kind == Kind::kScalar && pass.plain && plain_number(pass.text)) {
      auto& d = error(pass, fmt::format("'pass' is a percentage: write {}%", pass.text));
      add_note(d, "the pass mark is a percentage of the points, such as 70%");
    } else if (const auto text = read_text(it->second, "pass")) {
      if (const auto percent = parse_percent(*text)) {
        exam.pass_percent = percent;
      } else {
        error(pass, fmt::format("'{}' is not a percentage between 0% and 100%", *text));
      }
    }
  }
}

std::optional<CardType> DeckChecker::card_type(const YamlNode& node, const Entries& keys) {
  if (const auto it = keys.find("type"); it != keys.end()) {
    const auto name = read_text(it->second, "type");
    if (!name) return std::nullopt;
    if (const auto type = parse_card_type(*name)) return type;
    auto& d = error(*it->second.value, fmt::format("unknown card type '{}'", *name));
    if (const auto near = core::suggest(*name, kTypeNames)) {
      add_note(d, fmt::format("did you mean '{}'?", *near));
    } else {
      add_note(d, "card types: choice, multi, truefalse, short, numeric, flash, cloze");
    }
    return std::nullopt;
  }
  if (keys.contains("front") || keys.contains("back")) return CardType::kFlash;
  if (keys.contains("cloze")) return CardType::kCloze;
  const auto answer = keys.find("answer");
  if (keys.contains("choices")) {
    if (answer != keys.end() && answer->second.value->kind == Kind::kSequence) {
      return CardType::kMulti;
    }
    return CardType::kChoice;
  }
  if (answer == keys.end()) {
    if (!keys.contains("question")) {
      error(node, "this card has no 'question' and 'answer' (nor 'front' and 'back', nor 'cloze')");
    } else {
      error(node, "this card has a 'question' but no 'answer'");
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

void DeckChecker::check_choices(const Entry& entry, CardDraft& draft) {
  const YamlNode& value = *entry.value;
  if (value.kind != Kind::kSequence) {
    error(where(entry), fmt::format("'choices' must be a list, not {}", kind_name(value)));
    return;
  }
  if (value.items.size() < 2) {
    error(value.items.empty() ? where(entry) : value, "a card needs at least 2 choices");
  }
  std::unordered_map<std::string, const YamlNode*> seen;  // normalized text -> first node
  for (const auto& item : value.items) {
    Choice choice;
    const YamlNode* text_node = &item;
    if (item.kind == Kind::kMap) {
      const Entries keys = read_map(item, kChoiceKeys, "a choice");
      const auto text = keys.find("text");
      if (text == keys.end()) {
        error(item, "this choice has no 'text'");
        continue;
      }
      text_node = text->second.value->has_position ? text->second.value : text->second.key;
      const auto read = read_text(text->second, "text");
      if (!read) continue;
      choice.text = *read;
      if (const auto why = keys.find("why"); why != keys.end()) {
        if (const auto why_text = read_text(why->second, "why")) choice.why = *why_text;
      }
    } else if (item.kind == Kind::kScalar) {
      if (core::is_blank(item.text)) {
        error(item, "a choice cannot be empty");
        continue;
      }
      choice.text = strip_final_line_breaks(item.text);
    } else if (item.kind == Kind::kNull) {
      error(item.has_position ? item : value, "a choice cannot be empty");
      continue;
    } else {
      error(item, "a choice must be text or a map with 'text' and 'why', not a list");
      continue;
    }
    const auto at = source_.locate(text_node->offset);
    choice.pos = {at.line, at.column};
    const auto [first, inserted] = seen.try_emplace(core::normalize_text(choice.text), text_node);
    if (!inserted) {
      auto& d = error(*text_node, fmt::format("duplicate choice '{}'", choice.text));
      add_note_at(d, *first->second,
                  "the same choice (ignoring case, spacing and final "
                  "punctuation) is here");
      continue;
    }
    const std::string normalized = core::normalize_text(choice.text);
    if (draft.card.shuffle && (normalized.starts_with("all of the above") ||
                               normalized.starts_with("none of the above"))) {
      auto& d = warning(*text_node,
                        fmt::format("'{}' will move when the choices are shuffled", choice.text));
      add_note(d, "add 'shuffle: false' to this card to keep the order as written");
    }
    draft.card.choices.push_back(std::move(choice));
  }
}

void DeckChecker::check_answer_among_choices(const YamlNode& answer, const std::string& text,
                                             const CardDraft& draft) {
  const auto& choices = draft.card.choices;
  if (std::any_of(choices.begin(), choices.end(),
                  [&](const Choice& c) { return c.text == text; })) {
    return;
  }
  auto& d = error(answer, fmt::format("answer '{}' is not one of the choices", text));
  std::vector<std::string> texts;
  for (const auto& choice : choices) texts.push_back(choice.text);
  const std::string normalized = core::normalize_text(text);
  for (const auto& choice : texts) {
    if (core::normalize_text(choice) == normalized) {
      add_note(d,
               fmt::format("did you mean '{}'? (an answer must equal its choice exactly)", choice));
      return;
    }
  }
  if (const auto near = core::suggest(text, texts)) {
    add_note(d, fmt::format("did you mean '{}'?", *near));
  }
}

void DeckChecker::check_choice_answer(const Entry& entry, CardDraft& draft) {
  const YamlNode& value = *entry.value;
  if (value.kind == Kind::kSequence) {
    auto& d = error(value, "a choice card has exactly one answer, not a list");
    add_note(d, "for several right choices, use 'type: multi' (or drop 'type')");
    return;
  }
  const auto text = read_text(entry, "answer");
  if (!text) return;
  draft.card.answers.push_back(*text);
  if (!draft.card.choices.empty()) check_answer_among_choices(value, *text, draft);
}

void DeckChecker::check_multi_answer(const Entry& entry, CardDraft& draft) {
  const YamlNode& value = *entry.value;
  if (value.kind != Kind::kSequence) {
    auto& d = error(where(entry), fmt::format("a multi card's answer must be a list of choices, "
                                              "not {}",
                                              kind_name(value)));
    if (value.kind == Kind::kScalar) add_note(d, fmt::format("write answer: [{}]", value.text));
    return;
  }
  if (value.items.empty()) {
    error(value, "a multi card needs at least one right choice in 'answer'");
    return;
  }
  for (const auto& item : value.items) {
    if (item.kind != Kind::kScalar || core::is_blank(item.text)) {
      error(item.has_position ? item : value,
            item.kind == Kind::kScalar || item.kind == Kind::kNull
                ? std::string("an answer cannot be empty")
                : fmt::format("an answer must be text, not {}", kind_name(item)));
      continue;
    }
    const std::string text = strip_final_line_breaks(item.text);
    if (std::find(draft.card.answers.begin(), draft.card.answers.end(), text) !=
        draft.card.answers.end()) {
      error(item, fmt::format("answer '{}' is listed twice", text));
      continue;
    }
    draft.card.answers.push_back(text);
    if (!draft.card.choices.empty()) check_answer_among_choices(item, text, draft);
  }
}

void DeckChecker::check_short_answer(const Entry& entry, CardDraft& draft, bool type_given) {
  const YamlNode& value = *entry.value;
  auto take = [&](const YamlNode& item) {
    if (item.kind != Kind::kScalar || core::is_blank(item.text)) {
      error(item.has_position ? item : where(entry),
            item.kind == Kind::kScalar || item.kind == Kind::kNull
                ? std::string("an answer cannot be empty")
                : fmt::format("an answer must be text, not {}", kind_name(item)));
      return;
    }
    draft.card.answers.push_back(strip_final_line_breaks(item.text));
    if (type_given) return;
    if (item.plain && is_yaml11_bool_word(item.text)) {
      auto& d =
          warning(item, fmt::format("'{}' is read as the text '{}', so this is a short-answer "
                                    "card",
                                    item.text, item.text));
      add_note(d, "for a true/false card write true or false; to keep the text, quote it");
    } else if (!item.plain && plain_bool(item.text)) {
      auto& d = warning(item, fmt::format("quoted '{}' makes this a short-answer card", item.text));
      add_note(d, "remove the quotes for a true/false card");
    }
  };
  if (value.kind == Kind::kSequence) {
    if (value.items.empty()) error(value, "'answer' must list at least one accepted answer");
    for (const auto& item : value.items) take(item);
  } else {
    take(value);
  }
}

std::optional<CardDraft> DeckChecker::check_card(const YamlNode& node, const Deck& deck) {
  if (node.kind != Kind::kMap) {
    error(node.has_position ? node : node,
          fmt::format("a card must be a map of keys (question:, answer:, ...), not {}",
                      kind_name(node)));
    return std::nullopt;
  }
  const int errors_before = errors_;
  const Entries keys = read_map(node, kCardKeys, "a card");
  const auto type = card_type(node, keys);
  if (!type) return std::nullopt;

  CardDraft draft;
  draft.node = &node;
  Card& card = draft.card;
  card.type = *type;
  const auto at = source_.locate(node.offset);
  card.pos = {at.line, at.column};
  card.tags = deck.tags;
  card.shuffle = deck.shuffle;
  const bool type_given = keys.contains("type");

  for (const auto& [name, entry] : keys) {
    if (!key_applies(name, card.type)) {
      auto& d = error(*entry.key, fmt::format("'{}' does not apply to a {} card", name,
                                              card_type_name(card.type)));
      if (!type_given) {
        add_note(d, card.type == CardType::kFlash
                        ? "it is a flash card because it has 'front' or 'back'"
                    : card.type == CardType::kCloze ? "it is a cloze card because it has 'cloze'"
                                                    : "set 'type' to say which kind of card it is");
      }
    }
  }
  for (const auto name : required_keys(card.type)) {
    if (!keys.contains(name)) {
      error(node, fmt::format("a {} card needs '{}'", card_type_name(card.type), name));
    }
  }
  auto find = [&](std::string_view name) -> const Entry* {
    const auto it = keys.find(name);
    return it == keys.end() || !key_applies(name, card.type) ? nullptr : &it->second;
  };

  if (const Entry* e = find("id")) {
    if (const auto id = read_text(*e, "id")) {
      if (const std::string problem = check_card_id(*id); !problem.empty()) {
        error(*e->value, fmt::format("invalid card id '{}': {}", *id, problem));
      } else {
        card.id = *id;
        card.id_given = true;
        draft.id_node = e->value;
      }
    }
  }
  if (const Entry* e = find("shuffle")) {
    if (const auto flag = read_bool(*e, "shuffle")) card.shuffle = *flag;
  }
  if (const Entry* e = find("question")) {
    if (const auto text = read_text(*e, "question")) card.prompt = *text;
  }
  if (const Entry* e = find("choices")) check_choices(*e, draft);
  if (const Entry* e = find("answer")) {
    switch (card.type) {
      case CardType::kChoice:
        check_choice_answer(*e, draft);
        break;
      case CardType::kMulti:
        check_multi_answer(*e, draft);
        break;
      case CardType::kShort:
        check_short_answer(*e, draft, type_given);
        break;
      case CardType::kTrueFalse: {
        const YamlNode& value = *e->value;
        const auto flag = value.kind == Kind::kScalar && value.plain && value.tag.empty()
                              ? plain_bool(value.text)
                              : std::nullopt;
        if (flag) {
          card.truth = *flag;
        } else {
          auto& d = error(where(*e), "a truefalse card's answer must be true or false");
          if (value.kind == Kind::kScalar && is_yaml11_bool_word(value.text)) {
            add_note(d, "quizdeck reads YAML 1.2: yes, no, on and off are text, not booleans");
          }
        }
        break;
      }
      case CardType::kNumeric:
        if (const auto number = read_number(*e, "answer")) card.number = *number;
        break;
      default:
        break;
    }
  }
  if (const Entry* e = find("tolerance")) {
    if (const auto tolerance = read_number(*e, "tolerance")) {
      if (*tolerance < 0) {
        error(*e->value, "'tolerance' cannot be negative");
      } else {
        card.tolerance = *tolerance;
      }
    }
  }
  if (const Entry* e = find("match")) {
    if (const auto name = read_text(*e, "match")) {
      if (*name == "normalized") {
        card.match = MatchRule::kNormalized;
      } else if (*name == "exact") {
        card.match = MatchRule::kExact;
      } else if (*name == "fuzzy") {
        card.match = MatchRule::kFuzzy;
      } else {
        auto& d = error(*e->value, fmt::format("unknown match rule '{}'", *name));
        if (const auto near = core::suggest(*name, kMatchNames)) {
          add_note(d, fmt::format("did you mean '{}'?", *near));
        } else {
          add_note(d, "match rules: normalized (the default), exact, fuzzy");
        }
      }
    }
  }
  if (const Entry* e = find("front")) {
    if (const auto text = read_text(*e, "front")) card.prompt = *text;
  }
  if (const Entry* e = find("back")) {
    if (const auto text = read_text(*e, "back")) card.back = *text;
  }
  if (const Entry* e = find("cloze")) {
    if (const auto text = read_text(*e, "cloze")) {
      card.cloze_text = *text;
      card.prompt = *text;
      auto blanks = parse_blanks(*text);
      if (!blanks.error.empty()) {
        error(*e->value, blanks.error);
      } else {
        draft.blanks = std::move(blanks.blanks);
      }
    }
  }
  if (const Entry* e = find("explain")) {
    if (const auto text = read_text(*e, "explain")) card.explain = *text;
  }
  if (const Entry* e = find("hint")) {
    if (const auto text = read_text(*e, "hint")) card.hint = *text;
  }
  if (const Entry* e = find("tags")) {
    if (const auto tags = read_tags(*e)) {
      for (const auto& tag : *tags) {
        if (std::find(card.tags.begin(), card.tags.end(), tag) == card.tags.end()) {
          card.tags.push_back(tag);
        }
      }
    }
  }
  if (const Entry* e = find("points")) {
    if (const auto points = read_number(*e, "points")) {
      if (*points <= 0) {
        error(*e->value, "'points' must be a positive number");
      } else {
        card.points = *points;
      }
    }
  }
  draft.valid = errors_ == errors_before;
  if (!card.id_given && !card.prompt.empty()) card.id = derive_card_id(card.type, card.prompt);
  return draft;
}

void DeckChecker::check_ids(const std::vector<CardDraft>& drafts) {
  std::unordered_map<std::string, const CardDraft*> first_use;
  for (const auto& draft : drafts) {
    if (draft.card.id.empty()) continue;
    const auto [it, inserted] = first_use.try_emplace(draft.card.id, &draft);
    if (inserted) continue;
    const CardDraft& first = *it->second;
    if (draft.card.id_given && first.card.id_given) {
      auto& d = error(*draft.id_node, fmt::format("duplicate card id '{}'", draft.card.id));
      add_note_at(d, *first.id_node, "first used here");
      continue;
    }
    auto& d = error(draft.id_node ? *draft.id_node : *draft.node,
                    fmt::format("this card gets the id '{}', which the card on line {} has too",
                                draft.card.id, first.card.pos.line));
    add_note(d, draft.card.id_given || first.card.id_given
                    ? "a card without 'id' gets one from its type and question; pick another id"
                    : "both cards ask the same question; give them distinct 'id's");
  }
}

std::optional<Deck> DeckChecker::check(const YamlNode& root, std::string path) {
  if (root.kind != Kind::kMap) {
    error(root,
          fmt::format("a deck must be a map with 'title' and 'cards', not {}", kind_name(root)));
    return std::nullopt;
  }
  Deck deck;
  deck.path = std::move(path);
  const Entries keys = read_map(root, kDeckKeys, "the deck");
  auto find = [&](std::string_view name) -> const Entry* {
    const auto it = keys.find(name);
    return it == keys.end() ? nullptr : &it->second;
  };
  if (const Entry* e = find("title")) {
    if (const auto text = read_text(*e, "title")) deck.title = *text;
  } else {
    error(root, "the deck has no 'title'");
  }
  if (const Entry* e = find("id")) {
    if (const auto id = read_text(*e, "id")) {
      if (is_valid_deck_id(*id)) {
        deck.id = *id;
        deck.id_given = true;
        const auto at = source_.locate(e->value->offset);
        deck.id_pos = {at.line, at.column};
      } else {
        auto& d = error(*e->value, fmt::format("invalid deck id '{}'", *id));
        add_note(d,
                 "deck ids are lower-case letters, digits, '.', '_' and '-', starting with a "
                 "letter or digit");
      }
    }
  } else {
    deck.id = deck_id_from_file_name(deck.path);
    if (deck.id.empty()) {
      error(root, "cannot make a deck id from the file name; add an 'id:' key");
    }
  }
  for (const auto name : {"description", "author", "source"}) {
    if (const Entry* e = find(name)) {
      if (auto text = read_text(*e, name)) {
        (name == std::string_view("description") ? deck.description
         : name == std::string_view("author")    ? deck.author
                                                 : deck.source) = std::move(*text);
      }
    }
  }
  if (const Entry* e = find("tags")) {
    if (auto tags = read_tags(*e)) deck.tags = std::move(*tags);
  }
  if (const Entry* e = find("shuffle")) {
    if (const auto flag = read_bool(*e, "shuffle")) deck.shuffle = *flag;
  }
  if (const Entry* e = find("exam")) read_exam(*e, deck.exam);

  std::vector<CardDraft> drafts;
  if (const Entry* e = find("cards")) {
    const YamlNode& cards = *e->value;
    if (cards.kind != Kind::kSequence) {
      error(where(*e), fmt::format("'cards' must be a list of cards, not {}", kind_name(cards)));
    } else if (cards.items.empty()) {
      error(cards, "'cards' is empty; a deck needs at least one card");
    } else {
      for (const auto& item : cards.items) {
        if (auto draft = check_card(item.has_position ? item : cards, deck)) {
          drafts.push_back(std::move(*draft));
        }
      }
    }
  } else {
    error(root, "the deck has no 'cards'");
  }
  check_ids(drafts);
  if (errors_ > 0) return std::nullopt;

  for (auto& draft : drafts) {
    if (draft.card.type != CardType::kCloze) {
      deck.cards.push_back(std::move(draft.card));
      continue;
    }
    for (std::size_t i = 0; i < draft.blanks.size(); ++i) {
      Card blank = draft.card;
      blank.id = fmt::format("{}#{}", draft.card.id, i + 1);
      blank.blank = static_cast<int>(i) + 1;
      blank.prompt = cloze_prompt(draft.card.cloze_text, draft.blanks, i);
      blank.answers = draft.blanks[i].answers;
      deck.cards.push_back(std::move(blank));
    }
  }
  return deck;
}

}  // namespace

DeckParse parse_deck(std::string path, std::string_view text) {
  DeckParse result;
  // A UTF-8 byte order mark is allowed and not part of the text (nor of column numbers).
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const core::SourceText source(path, std::string(text));
  YamlParse yaml = parse_yaml(source);
  result.diagnostics = std::move(yaml.diagnostics);
  if (yaml.root) {
    DeckChecker checker(source, result.diagnostics);
    auto deck = checker.check(*yaml.root, std::move(path));
    const bool has_error =
        std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::kError; });
    if (!has_error) result.deck = std::move(deck);
  }
  core::sort_diagnostics(result.diagnostics);
  return result;
}

}  // namespace quizdeck::deck
