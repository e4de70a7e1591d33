// SPDX-License-Identifier: MIT
// The item analysis as one self-contained HTML page (inline CSS and SVG charts, no
// scripts, a Content-Security-Policy that loads nothing): the problems first, a chart of
// facility against discrimination, each card's figures and choice shares, and each exam's
// reliability and score distribution.
#pragma once

#include <string>

#include "analysis/item_analysis.h"
#include "deck/deck.h"

namespace quizdeck::cli {

std::string analysis_html(const analysis::Report& report, const deck::Deck& deck);

}  // namespace quizdeck::cli
