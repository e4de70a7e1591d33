// SPDX-License-Identifier: MIT
// The deck-level checks: the deck's own keys, its exam defaults, its cards (each checked by
// CardChecker), ids unique across the deck, the clozes' cost, and cloze cards expanded into
// one per blank.
#include "deck/parse_deck.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/suggest.h"
#include "deck/card_checks.h"
#include "deck/card_id.h"
#include "deck/cloze.h"
#include "deck/field_reader.h"
#include "deck/item_checks.h"
#include "deck/scalar.h"
#include "deck/yaml_tree.h"

namespace quizdeck::deck {
namespace {

using core::Diagnostic;
using core::Severity;
using Kind = YamlNode::Kind;

const std::vector<std::string> kDeckKeys{"title", "id",      "description", "author", "source",
                                         "tags",  "shuffle", "exam",        "cards",  "allow"};
const std::vector<std::string> kExamKeys{"questions", "time", "pass", "blueprint"};

// How many blanks a cloze text that could not be read opens ('{{' not inside another).
std::size_t count_openings(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t at = text.find("{{"); at != std::string_view::npos;
       at = text.find("{{", at + 2)) {
    ++count;
  }
  return count;
}

class DeckChecker {
 public:
  DeckChecker(const core::SourceText& source, std::vector<Diagnostic>& diagnostics)
      : fields_(source, diagnostics) {}

  // The deck, with errors or not (nothing when the text is not a map).
  std::optional<Deck> check(const YamlNode& root, std::string path);

 private:
  void read_header(const YamlNode& root, const Entries& keys, Deck& deck);
  void read_exam(const Entry& entry, ExamDefaults& exam);
  void read_blueprint(const Entry& entry, ExamDefaults& exam);
  void check_blueprint(const Deck& deck);
  void check_ids(const std::vector<CardDraft>& drafts);
  void check_cloze_cost(std::vector<CardDraft>& drafts);
  void check_exam_size(const Deck& deck, std::size_t cards, bool exact);
  static void expand_clozes(std::vector<CardDraft>& drafts, Deck& deck);

  FieldReader fields_;
  // The blueprint's tags (keys) as written, in order, and the 'blueprint' entry.
  std::vector<const YamlNode*> blueprint_tags_;
  const Entry* blueprint_entry_ = nullptr;
  const YamlNode* questions_node_ = nullptr;  // the exam's `questions` value
};

// `blueprint:` under `exam:`: a map of tag to a percentage ("25%") or a count (19), all
// of one kind; percentages add up to 100% and need `questions`; counts add up to
// `questions` (or set it).
void DeckChecker::read_blueprint(const Entry& entry, ExamDefaults& exam) {
  const YamlNode& value = *entry.value;
  blueprint_entry_ = &entry;
  if (value.kind != Kind::kMap || value.entries.empty()) {
    auto& d = fields_.error(
        FieldReader::where(entry),
        fmt::format("'blueprint' must be a map of tags to shares, not {}",
                    value.kind == Kind::kMap ? "an empty map" : std::string(kind_name(value))));
    FieldReader::add_note(d,
                          "write blueprint: {advocacy: 25%, ethics: 75%} or counts such as "
                          "{advocacy: 10, ethics: 30}");
    return;
  }
  Blueprint blueprint;
  bool ok = true;
  std::optional<bool> percent;  // the kind of the first share
  for (const auto& entry_node : value.entries) {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    const YamlNode& key = entry_node.first;
    const YamlNode& share = entry_node.second;
    if (key.kind != Kind::kScalar || key.text.empty() ||
        key.text.find_first_of(" \t\n") != std::string::npos) {
      fields_.error(key, "a blueprint key must be a tag: one word such as 'ethics'");
      ok = false;
      continue;
    }
    const auto duplicate = std::find_if(blueprint.shares.begin(), blueprint.shares.end(),
                                        [&](const BlueprintShare& s) { return s.tag == key.text; });
    if (duplicate != blueprint.shares.end()) {
      fields_.error(key, fmt::format("tag '{}' is listed twice in the blueprint", key.text));
      ok = false;
      continue;
    }
    std::optional<double> amount;
    bool is_percent = false;
    if (share.kind == Kind::kScalar && share.text.ends_with('%')) {
      is_percent = true;
      amount = parse_percent(share.text);
      if (!amount) {
        fields_.error(
            share, fmt::format("'{}' is not a percentage above 0% and at most 100%", share.text));
      }
    } else if (share.kind == Kind::kScalar && share.plain) {
      if (const auto number = plain_number(share.text);
          number && *number >= 1 && *number <= 1000000 && *number == std::floor(*number)) {
        amount = *number;
      } else {
        fields_.error(share, fmt::format("'{}' is neither a count of questions (a whole number "
                                         "of at least 1) nor a percentage such as 25%",
                                         share.text));
      }
    } else {
      auto& d =
          fields_.error(share.has_position ? share : key,
                        fmt::format("the share of '{}' must be a count or a percentage", key.text));
      FieldReader::add_note(d, "such as 19 or 25%");
    }
    if (!amount) {
      ok = false;
      continue;
    }
    if (percent && *percent != is_percent) {
      auto& d = fields_.error(share,
                              "a blueprint gives all its shares as percentages or all "
                              "as counts, not both");
      fields_.add_note_at(
          d, *blueprint_tags_.front(),
          fmt::format("the first share is a {}", *percent ? "percentage" : "count"));
      ok = false;
      continue;
    }
    percent = is_percent;
    blueprint_tags_.push_back(&key);
    blueprint.shares.push_back({key.text, *amount, fields_.position(key)});
  }
  if (!ok || blueprint.shares.empty()) return;
  blueprint.percent = *percent;
  double total = 0;
  for (const auto& s : blueprint.shares) total += s.amount;
  if (blueprint.percent) {
    if (std::fabs(total - 100) > 1e-6) {
      fields_.error(*entry.key, fmt::format("the blueprint's shares add up to {}%, not 100%",
                                            core::format_number(total)));
      return;
    }
    if (!exam.questions) {
      auto& d = fields_.error(*entry.key, "a blueprint in percentages needs 'questions'");
      FieldReader::add_note(d, "say how many questions the exam asks, such as questions: 75");
      return;
    }
  } else if (!exam.questions) {
    exam.questions = static_cast<int>(total);
  } else if (static_cast<int>(total) != *exam.questions) {
    fields_.error(
        *entry.key,
        fmt::format("the blueprint's counts add up to {} questions, but 'questions' is {}",
                    core::format_number(total), *exam.questions));
    return;
  }
  exam.blueprint = std::move(blueprint);
}

// Every blueprint tag is carried by enough cards: as many as its count, not counting the
// cards an earlier tag of the blueprint draws from.
void DeckChecker::check_blueprint(const Deck& deck) {
  const Blueprint& blueprint = deck.exam.blueprint;
  if (blueprint.empty() || blueprint_tags_.size() != blueprint.shares.size()) return;
  const std::vector<int> counts = blueprint_counts(blueprint, *deck.exam.questions);
  std::vector<std::string> all_tags;
  std::vector<bool> claimed(deck.cards.size(), false);
  for (std::size_t i = 0; i < deck.cards.size(); ++i) {
    for (const auto tag : deck.cards.tags(i)) {
      if (std::find(all_tags.begin(), all_tags.end(), tag) == all_tags.end()) {
        all_tags.emplace_back(tag);
      }
    }
  }
  for (std::size_t s = 0; s < blueprint.shares.size(); ++s) {
    const std::string& tag = blueprint.shares[s].tag;
    int cards = 0;
    for (std::size_t i = 0; i < deck.cards.size(); ++i) {
      if (claimed[i]) continue;
      const auto tags = deck.cards.tags(i);
      if (std::find(tags.begin(), tags.end(), tag) == tags.end()) continue;
      claimed[i] = true;
      ++cards;
    }
    if (cards == 0) {
      auto& d = fields_.error(*blueprint_tags_[s], fmt::format("no card has the tag '{}'", tag));
      if (const auto near = core::suggest(tag, all_tags)) {
        FieldReader::add_note(d, fmt::format("did you mean '{}'?", *near));
      }
    } else if (cards < counts[s]) {
      fields_.error(*blueprint_tags_[s],
                    fmt::format("the blueprint draws {} questions tagged '{}', but {} {} it{}",
                                counts[s], tag, cards, cards == 1 ? "card has" : "cards have",
                                s > 0 ? " (not counting those an earlier tag draws from)" : ""));
    }
  }
}

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
  if (const auto it = keys.find("blueprint"); it != keys.end()) read_blueprint(it->second, exam);
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
// ask them all), whatever else is wrong with the deck. `cards` is exact, or (a cloze whose
// blanks could not be read) the most the deck can have.
void DeckChecker::check_exam_size(const Deck& deck, std::size_t cards, bool exact) {
  if (questions_node_ == nullptr || cards == 0 || !deck.exam.questions ||
      static_cast<std::size_t>(*deck.exam.questions) <= cards) {
    return;
  }
  const std::string most = exact ? "" : "at most ";
  auto& d = fields_.warning(
      *questions_node_,
      fmt::format("'questions' is {}, but the deck has {}{} card{}: its "
                  "exams will ask {}{}",
                  *deck.exam.questions, most, cards, cards == 1 ? "" : "s", most, cards));
  if (exact) {
    FieldReader::add_note(
        d, fmt::format("write questions: {} to ask every card, or add cards", cards));
  } else {
    FieldReader::add_note(d, "each '{{' of a cloze whose blanks cannot be read counted as a blank");
  }
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
  if (const Entry* e = find("allow")) deck.allow = read_allow(fields_, *e);
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
          drafts.push_back(std::move(*draft));
        }
      }
    }
  } else {
    fields_.error(root, "the deck has no 'cards'");
  }
  check_ids(drafts);
  check_cloze_cost(drafts);
  // How many cards the deck has (a cloze one per blank, each item of `cards` that could not
  // be read one), before the checks below clear what a card with an error holds; at most
  // that many when a cloze's blanks could not be read (one per '{{' its text has).
  std::size_t cards_counted = cards_listed - drafts.size();
  bool exact = true;
  for (const auto& draft : drafts) {
    if (draft.card.type != CardType::kCloze) {
      ++cards_counted;
    } else if (!draft.blanks.empty()) {
      cards_counted += draft.blanks.size();
    } else {
      exact = false;
      cards_counted += std::max<std::size_t>(1, count_openings(draft.card.cloze_text));
    }
  }
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
  expand_clozes(drafts, deck);
  // Tags and their cards are known only for a deck that could be read whole.
  if (fields_.errors() == 0) check_blueprint(deck);
  check_exam_size(deck, cards_counted, exact);
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
