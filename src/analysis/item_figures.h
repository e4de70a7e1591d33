// SPDX-License-Identifier: MIT
// The figures of one population of attempts at an item (exam sittings or drill learners),
// from what item analysis counted of them. Pure.
#pragma once

#include "analysis/item_analysis.h"
#include "analysis/observations.h"

namespace quizdeck::analysis {

ItemFigures item_figures(const Item& item, const Population& population);

}  // namespace quizdeck::analysis
