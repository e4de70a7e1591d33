// SPDX-License-Identifier: MIT
// Judging an item: the problems its figures show (negative discrimination, below guessing,
// distractors that attract the strong or nobody, too hard, too easy), worst first, or a note
// saying why it is not judged.
#pragma once

#include "analysis/item_analysis.h"

namespace quizdeck::analysis {

// `guess` is the share a random guess earns (0: not worked out); `min_group` the attempts
// each 27% group needs before a distractor is flagged for drawing the strong.
void judge(ItemReport& item, double guess, int min_group = kMinFlagGroup);

}  // namespace quizdeck::analysis
