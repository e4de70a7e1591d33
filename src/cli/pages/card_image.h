// SPDX-License-Identifier: MIT
// A card's image inside an HTML page (a data URI), so the page is one file: the report and
// the printed handout or exam show images beside their question this same way.
#pragma once

#include <string>

#include "deck/deck.h"

namespace quizdeck::cli {

// Images larger than this are named instead of embedded.
inline constexpr std::size_t kMaxEmbeddedImageBytes = std::size_t{2} << 20;

// An <img class="card-image"> holding the image's bytes; an image that cannot be found
// (or is empty, or over kMaxEmbeddedImageBytes) is named instead. Empty for no image.
std::string embedded_image_html(const deck::Deck& deck, const deck::Media& image);

}  // namespace quizdeck::cli
