// SPDX-License-Identifier: MIT
// A bank entry's card id on its way out and back in: exports write the id a card has
// (its own, or the one its deck derives from its prompt), and imports give an entry an id
// only where the deck would not derive that same one, so every card keeps its id, and
// with it its learners' progress, through a round trip. QTI identifiers carry ids in a
// reversible encoding (qti_identifier).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interchange/bank.h"

namespace quizdeck::interchange {

// The id a deck gives `e`: its own, else the one derived from its prompt (deck/card_id.h;
// for a cloze, what its blanks' ids share).
std::string entry_card_id(const Entry& e);

// An id a source gives `e`: empty when it is the one the deck derives from `e` anyway (the
// entry keeps no written id, as it had none when it went out), else `id`.
std::string written_id(const Entry& e, std::string id);

// A name from a source (a Moodle question's name, a QTI item's title) as a card id: as it
// is when it can be one; else runs of white space as '-', '#' and control characters as
// '-', cut to 128 characters. Letters of every script and case stay. Empty when nothing is
// left.
std::string id_from_name(std::string_view name);

// Ids of a bank's questions made unique, stably: the first of several equal ids keeps it,
// and each later one gets the first numbered form ("q-2", "q-3" ...) that no id of the
// list has, so a question keeps its own id whatever comes before it. Empty ones stay
// empty (the deck derives those).
void make_unique(std::vector<std::string>& ids);

// A card id as a QTI identifier (an XML NCName, ASCII only): each character of
// [A-Za-z0-9.-] stands for itself (the first only when a letter), and every other one,
// '_' included, is written '_' + its code point in lower-case hex without leading zeros
// + '_'. "q1" -> "q1", "1st" -> "_31_st", "x_y" -> "x_5f_y", "über" -> "_fc_ber".
std::string qti_identifier(std::string_view id);

// The card id an identifier encodes, or nothing when qti_identifier makes no identifier
// like it (a package written by another tool).
std::optional<std::string> id_of_qti_identifier(std::string_view identifier);

}  // namespace quizdeck::interchange
