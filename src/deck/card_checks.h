// SPDX-License-Identifier: MIT
// The checks of one card: its type (given, or inferred from its keys), which keys each
// type takes and needs (one table, kCardRules), and each field's value; a cloze card is
// later expanded into one card per blank by the deck check.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deck/cloze.h"
#include "deck/deck.h"
#include "deck/field_reader.h"

namespace quizdeck::deck {

// Most pairs, and most distractors, of one matching card (quizdeck(1), LIMITS): the learner
// answers them all at once, by letter.
inline constexpr std::size_t kMaxPairs = 100;
inline constexpr std::size_t kMaxDistractors = 100;

// Every key a card may have.
const std::vector<std::string>& card_keys();

struct CardDraft {
  Card card;
  const YamlNode* node = nullptr;        // the card's map
  const YamlNode* id_node = nullptr;     // its `id` value, when given
  const YamlNode* cloze_node = nullptr;  // its `cloze` value
  std::vector<Blank> blanks;             // cloze
  bool valid = true;                     // no error in this card (its id is still checked)
};

class CardChecker {
 public:
  explicit CardChecker(FieldReader& fields) : fields_(fields) {}

  // The card at `node`, or nothing when it is not a map; errors go to the reader. A card
  // that cannot even be typed comes with only its media (and `valid` false).
  std::optional<CardDraft> check_card(const YamlNode& node, const Deck& deck);

  // Reads the `answer` of a card of one type (`type_given`: the card says its type); one
  // per type in the rules table.
  using AnswerCheck = void (CardChecker::*)(const Entry& entry, CardDraft& draft, bool type_given);
  void check_choice_answer(const Entry& entry, CardDraft& draft, bool type_given);
  void check_multi_answer(const Entry& entry, CardDraft& draft, bool type_given);
  void check_short_answer(const Entry& entry, CardDraft& draft, bool type_given);
  void check_truefalse_answer(const Entry& entry, CardDraft& draft, bool type_given);
  void check_numeric_answer(const Entry& entry, CardDraft& draft, bool type_given);

 private:
  std::optional<CardType> card_type(const YamlNode& node, const Entries& keys);
  void check_keys(const YamlNode& node, const Entries& keys, CardType type, bool type_given);
  void read_fields(const Entries& keys, CardDraft& draft, bool type_given);
  void read_match(const Entry& entry, Card& card);
  void check_choices(const Entry& entry, CardDraft& draft);
  void check_pairs(const Entry& entry, CardDraft& draft);
  void check_distractors(const Entry& entry, CardDraft& draft);
  void check_order(const Entry& entry, CardDraft& draft);
  static std::string identity(const Card& card);
  Media read_media(const Entry& entry, std::string_view name);
  void check_answer_among_choices(const YamlNode& answer, const std::string& text,
                                  const CardDraft& draft);

  FieldReader& fields_;
};

}  // namespace quizdeck::deck
