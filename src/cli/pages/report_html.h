// SPDX-License-Identifier: MIT
// The HTML progress report: one self-contained page (inline CSS and SVG, no scripts, a
// Content-Security-Policy that loads nothing) with the figures, charts, tags, exams and
// the cards missed most often.
#pragma once

#include <string>
#include <vector>

#include "deck/deck.h"
#include "stats/stats.h"

namespace quizdeck::cli {

std::string report_html(const stats::Progress& data, const std::vector<deck::Deck>& decks);

}  // namespace quizdeck::cli
