// SPDX-License-Identifier: MIT
// A card's answers in JSON, shared by the scripted protocol and `cards --json`: what a
// driver needs to check or give an answer without reading the deck's YAML itself.
#pragma once

#include <cstddef>
#include <vector>

#include "core/json_writer.h"
#include "deck/card.h"

namespace quizdeck::cli {

// The right answer as asked: for choice and multi the keys' letters as shown (`order`)
// and their texts; for true/false, short and cloze the accepted answers; for numeric the
// number and tolerance; for a flash card its back. Written as the value of the current key.
void write_expected(core::JsonWriter& json, const deck::Card& card,
                    const std::vector<std::size_t>& order);

// Everything that grades the card, in deck order: choices (text and why), keys, accepted
// answers and match rule, truth, number and tolerance, back.
void write_answer_data(core::JsonWriter& json, const deck::Card& card);

}  // namespace quizdeck::cli
