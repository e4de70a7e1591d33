// SPDX-License-Identifier: MIT
// The printed handout or paper exam: numbered questions with their choices in the order
// given, each image beside its question, space to answer, and the answer key (every
// accepted answer, and how typed answers are matched) on a page of its own. One
// self-contained HTML page (no scripts, no network, images as data URIs) for A4 or Letter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/expected.h"
#include "deck/deck.h"

namespace quizdeck::cli {

struct PrintedCard {
  const deck::Card* card;
  std::vector<std::size_t> order;  // the choices (or matching answers) in the order shown
  std::string image_html = {};     // the card's image, embedded (embedded_image_html)
};

// The largest page print_html makes: a deck's clozes may come to 256 MiB of card text
// (each blank a card holding its cloze's whole text), more than a handout should hold.
inline constexpr std::size_t kMaxPrintBytes = 64ULL * 1024 * 1024;

// `exam_form`: a paper exam and the label of its form (the questions and their order, as
// its seed drew them), printed on the exam and its key so a sheet of answers can name it;
// none: a handout. An exam shows each question's points and their total. `paper` is a CSS
// page size ("A4", "letter"). A page that would pass `max_bytes` is not made: an error
// (kInvalidInput) says at which question it crossed it.
core::Expected<std::string> print_html(const deck::Deck& deck,
                                       const std::vector<PrintedCard>& printed,
                                       const std::optional<std::string>& exam_form,
                                       const std::string& paper,
                                       std::size_t max_bytes = kMaxPrintBytes);

}  // namespace quizdeck::cli
