// SPDX-License-Identifier: MIT
// The deck-level checks: the deck's own keys, its exam defaults, its cards (each checked by
// CardChecker), ids unique across the deck, the clozes' cost, and cloze cards expanded into
// one per blank.
#include "deck/parse_deck.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "deck/card_checks.h"
#include "deck/card_id.h"
#include "deck/cloze.h"
#include "deck/field_reader.h"
#include "deck/scalar.h"
#include "deck/yaml_tree.h"

namespace quizdeck::deck {
namespace {

using core::Diagnostic;
using core::Severity;
using Kind = YamlNode::Kind;

const std::vector<std::string> kDeckKeys{"title", "id",      "description", "author", "source",
                                         "tags",  "shuffle", "exam",        "cards"};
const std::vector<std::string> kExamKeys{"questions", "time", "pass"};

class DeckChecker {
 public:
  DeckChecker(const core::SourceText& source, std::vector<Diagnostic>& diagnostics)
      : fields_(source, diagnostics) {}

  // The deck, with errors or not (nothing when the text is not a map).
  std::optional<Deck> check(const YamlNode& root, std::string path);

 private:
  void read_header(const YamlNode& root, const Entries& keys, Deck& deck);
  void read_exam(const Entry& entry, ExamDefaults& exam);
  void check_ids(const std::vector<CardDraft>& drafts);
  void check_cloze_cost(std::vector<CardDraft>& drafts);
  void check_exam_size(const Deck& deck, std::size_t cards);
  static void expand_clozes(std::vector<CardDraft>& drafts, Deck& deck);

  FieldReader fields_;
  const YamlNode* questions_node_ = nullptr;  // the exam's `questions` value
};

void DeckChecker::read_exam(const Entry& entry, ExamDefaults& exam) {
  const YamlNode& value = *entry.value;
  if (value.kind != Kind::kMap) {
    fields_.error(
        FieldReader::where(entry),
        fmt::format("'exam' must be a map (questions:, time:, pass:), not {}", kind_name(value)));
    return;
  }
  const Entries keys = fields_.read_map(value, kExamKeys, "'exam'");
  if (const auto it = keys.find("questions"); it != keys.end()) {
    if (const auto count = fields_.read_number(it->second, "questions")) {
      if (*count < 1 || *count != static_cast<int>(*count) || *count > 1000000) {
        fields_.error(*it->second.value, "'questions' must be a whole number of at least 1");
      } else {
        exam.questions = static_cast<int>(*count);
        questions_node_ = it->second.value;
      }
    }
  }
  if (const auto it = keys.find("time"); it != keys.end()) {
    const YamlNode& time = *it->second.value;
    if (time.kind == Kind::kScalar && time.plain && plain_number(time.text)) {
      auto& d =
          fields_.error(time, fmt::format("'time' needs a unit: write {}m for minutes", time.text));
      FieldReader::add_note(d, "durations look like 30m, 1h30m or 90s");
    } else if (const auto text = fields_.read_text(it->second, "time")) {
      if (const auto seconds = parse_duration(*text)) {
        exam.time_seconds = seconds;
      } else {
        auto& d = fields_.error(time, fmt::format("'{}' is not a duration", *text));
        FieldReader::add_note(d, "durations look like 30m, 1h30m or 90s (at most a week)");
      }
    }
  }
  if (const auto it = keys.find("pass"); it != keys.end()) {
    const YamlNode& pass = *it->second.value;
    if (pass.kind == Kind::kScalar && pass.plain && plain_number(pass.text)) {
      auto& d = fields_.error(pass, fmt::format("'pass' is a percentage: write {}%", pass.text));
      FieldReader::add_note(d, "the pass mark is a percentage of the points, such as 70%");
    } else if (const auto text = fields_.read_text(it->second, "pass")) {
      if (const auto percent = parse_percent(*text)) {
        exam.pass_percent = percent;
      } else {
        fields_.error(pass, fmt::format("'{}' is not a percentage between 0% and 100%", *text));
      }
    }
  }
}

// The clozes' cards together hold at most kMaxClozeCardBytes of text: the deck costs no
// more memory than its cards' text, whatever its clozes.
void DeckChecker::check_cloze_cost(std::vector<CardDraft>& drafts) {
  std::size_t bytes = 0;
  for (auto& draft : drafts) {
    if (draft.blanks.empty()) continue;
    bytes += draft.card.cloze_text.size() * draft.blanks.size();
    if (bytes <= kMaxClozeCardBytes) continue;
    auto& d = fields_.error(*draft.cloze_node,
                            fmt::format("a cloze past the deck's limit: its clozes expand to more "
                                        "than {} MiB of card text here",
                                        kMaxClozeCardBytes >> 20));
    FieldReader::add_note(d,
                          "each blank is a card holding its cloze's whole text; split long "
                          "clozes with many blanks, or the deck");
    draft.valid = false;
    draft.blanks.clear();
    return;
  }
}

// An exam asks at most every card: `questions` beyond them is a warning (the exam will
// ask them all).
void DeckChecker::check_exam_size(const Deck& deck, std::size_t cards) {
  if (questions_node_ == nullptr || cards == 0 || !deck.exam.questions ||
      static_cast<std::size_t>(*deck.exam.questions) <= cards) {
    return;
  }
  auto& d = fields_.warning(*questions_node_,
                            fmt::format("'questions' is {}, but the deck has {} card{}: its "
                                        "exams will ask {}",
                                        *deck.exam.questions, cards, cards == 1 ? "" : "s", cards));
  FieldReader::add_note(d,
                        fmt::format("write questions: {} to ask every card, or add cards", cards));
}

void DeckChecker::check_ids(const std::vector<CardDraft>& drafts) {
  std::unordered_map<std::string, const CardDraft*> first_use;
  for (const auto& draft : drafts) {
    if (draft.card.id.empty()) continue;
    const auto [it, inserted] = first_use.try_emplace(draft.card.id, &draft);
    if (inserted) continue;
    const CardDraft& first = *it->second;
    if (draft.card.id_given && first.card.id_given) {
      auto& d = fields_.error(*draft.id_node, fmt::format("duplicate card id '{}'", draft.card.id));
      fields_.add_note_at(d, *first.id_node, "first used here");
      continue;
    }
    auto& d =
        fields_.error(draft.id_node ? *draft.id_node : *draft.node,
                      fmt::format("this card gets the id '{}', which the card on line {} has too",
                                  draft.card.id, first.card.pos.line));
    FieldReader::add_note(
        d, draft.card.id_given || first.card.id_given
               ? "a card without 'id' gets one from its type and question; pick another id"
               : "both cards ask the same question; give them distinct 'id's");
  }
}

// The deck's own fields: title, id (given, or from the file name), texts, tags, shuffle,
// exam defaults.
void DeckChecker::read_header(const YamlNode& root, const Entries& keys, Deck& deck) {
  const auto find = [&](std::string_view name) { return find_entry(keys, name); };
  if (const Entry* e = find("title")) {
    if (const auto text = fields_.read_text(*e, "title")) deck.title = *text;
  } else {
    fields_.error(root, "the deck has no 'title'");
  }
  if (const Entry* e = find("id")) {
    if (const auto id = fields_.read_text(*e, "id")) {
      if (is_valid_deck_id(*id)) {
        deck.id = *id;
        deck.id_given = true;
        const auto at = fields_.source().locate(e->value->offset);
        deck.id_pos = {at.line, at.column};
      } else {
        auto& d = fields_.error(*e->value, fmt::format("invalid deck id '{}'", *id));
        FieldReader::add_note(
            d,
            "deck ids are lower-case letters, digits, '.', '_' and '-', starting with a "
            "letter or digit");
      }
    }
  } else {
    deck.id = deck_id_from_file_name(deck.path);
    if (deck.id.empty()) {
      fields_.error(root, "cannot make a deck id from the file name; add an 'id:' key");
    }
  }
  for (const auto name : {"description", "author", "source"}) {
    if (const Entry* e = find(name)) {
      if (auto text = fields_.read_text(*e, name)) {
        (name == std::string_view("description") ? deck.description
         : name == std::string_view("author")    ? deck.author
                                                 : deck.source) = std::move(*text);
      }
    }
  }
  if (const Entry* e = find("tags")) {
    if (auto tags = fields_.read_tags(*e)) deck.tags = std::move(*tags);
  }
  if (const Entry* e = find("shuffle")) {
    if (const auto flag = fields_.read_bool(*e, "shuffle")) deck.shuffle = *flag;
  }
  if (const Entry* e = find("exam")) read_exam(*e, deck.exam);
}

std::optional<Deck> DeckChecker::check(const YamlNode& root, std::string path) {
  fields_.warn_control_characters(root);
  fields_.check_tags(root);
  if (root.kind != Kind::kMap) {
    fields_.error(root, fmt::format("a deck must be a map with 'title' and 'cards', not {}",
                                    kind_name(root)));
    return std::nullopt;
  }
  Deck deck;
  deck.path = std::move(path);
  const Entries keys = fields_.read_map(
      root, kDeckKeys, "the deck", [](const std::string& key) -> std::optional<std::string> {
        const auto& card = card_keys();
        if (std::find(card.begin(), card.end(), key) == card.end()) return std::nullopt;
        return fmt::format("'{}' is a card key; cards go in the list under 'cards'", key);
      });
  read_header(root, keys, deck);
  const auto find = [&](std::string_view name) { return find_entry(keys, name); };
  std::vector<CardDraft> drafts;
  std::size_t cards_listed = 0;
  bool counted = true;  // how many cards the deck has is known: each cloze's blanks read
  CardChecker card_checker(fields_);
  if (const Entry* e = find("cards")) {
    const YamlNode& cards = *e->value;
    if (cards.kind != Kind::kSequence) {
      fields_.error(FieldReader::where(*e),
                    fmt::format("'cards' must be a list of cards, not {}", kind_name(cards)));
    } else if (cards.items.empty()) {
      fields_.error(cards, "'cards' is empty; a deck needs at least one card");
    } else {
      cards_listed = cards.items.size();
      for (const auto& item : cards.items) {
        if (auto draft = card_checker.check_card(item.has_position ? item : cards, deck)) {
          if (draft->card.type == CardType::kCloze && draft->blanks.empty()) counted = false;
          drafts.push_back(std::move(*draft));
        }
      }
    }
  } else {
    fields_.error(root, "the deck has no 'cards'");
  }
  check_ids(drafts);
  check_cloze_cost(drafts);
  if (fields_.errors() > 0) {
    // Only what `check` still looks at: the media of every card, the self-tests of cards
    // without an error.
    for (auto& draft : drafts) {
      if (draft.valid) continue;
      draft.card.accept.clear();
      draft.card.reject.clear();
      draft.blanks.clear();
    }
  }
  // Each item of `cards` is one card (a cloze one per blank), whether it could be read
  // or not.
  const std::size_t unread = cards_listed - drafts.size();
  expand_clozes(drafts, deck);
  if (counted) check_exam_size(deck, deck.cards.size() + unread);
  return deck;
}

// A cloze entry with n blanks becomes n cards, <id>#1 ... <id>#n (one without blanks, in a
// deck with errors, stays one card).
void DeckChecker::expand_clozes(std::vector<CardDraft>& drafts, Deck& deck) {
  for (auto& draft : drafts) {
    if (draft.card.type != CardType::kCloze || draft.blanks.empty()) {
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
    (has_error ? result.rejected : result.deck) = std::move(deck);
  }
  core::sort_diagnostics(result.diagnostics);
  return result;
}

}  // namespace quizdeck::deck
