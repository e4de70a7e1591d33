// SPDX-License-Identifier: MIT
// Card identity. A card without an `id` gets one derived from its type and its normalized
// prompt, so editing an explanation, a hint, tags or choices keeps its progress, and
// editing the question (beyond case, spacing and trailing punctuation) starts afresh:
//
//   <type>-<h>   h = the low 48 bits, as 12 lower-case hex digits, of the 64-bit FNV-1a
//                hash of the UTF-8 bytes of normalize_text(prompt)
//
// where the prompt is the question, a flash card's front, or a cloze entry's whole text
// (its blanks then get `#1`, `#2`, ... appended); for a matching card the question is
// followed by each pair's prompt, for an ordering card by each item, each after a line
// break (their questions, such as "Put these in order", are often the same). Example:
// `choice-3f9a0c2b7d41`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/expected.h"
#include "deck/deck.h"

namespace quizdeck::deck {

std::uint64_t fnv1a64(std::string_view bytes);

std::string derive_card_id(CardType type, std::string_view prompt);

// A card's content: the 32 hex digits of core::content_hash over what it asks and what
// counts as right (type, question, choices and their order as written, key, pairs, truth,
// number and tolerance, match rule, back, cloze text and blank, image, audio, points), each
// field length-prefixed. Explanations, whys, hints, tags and self-tests are left out: they
// change no answer. Item analysis keeps answers to different contents of one card apart.
std::string card_content_hash(const Card& card);

// What a card asks, as a learner saw it: the 32 hex digits of core::content_hash over the
// type, question (a cloze blank's: the text as asked), choices and their order, pairs,
// blank, image and audio, without what counts as right (the key of choices is not in either hash;
// here also the accepted answers, truth, number and tolerance, match rule and back) nor the points.
// An answer asked with the same question is graded again by the card as it is now, though its
// content has changed: accepting another answer after an exam is a deck edit, then a
// regrade.
std::string card_question_hash(const Card& card);

// Explicit ids: 1 to 128 characters, no white space, no control characters, no '#'
// (reserved for cloze blanks). Returns an explanation when `id` is not valid.
core::Expected<void> check_card_id(std::string_view id);

// What a card's siblings share: the cards made from one note (the blanks `<id>#1`,
// `<id>#2`, ... of a cloze entry share `<id>`); empty for a card that has none.
std::string_view sibling_key(std::string_view card_id);

// Deck ids: [a-z0-9][a-z0-9._-]*.
bool is_valid_deck_id(std::string_view id);

// The default deck id from a file name: its stem lower-cased; characters outside
// [a-z0-9._-] become '-', runs of '-' fold to one, and leading punctuation is dropped.
std::string deck_id_from_file_name(std::string_view path);

}  // namespace quizdeck::deck
