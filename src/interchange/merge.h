// SPDX-License-Identifier: MIT
// Banks going into one deck: their entries in order with ids unique across all of them
// (a later duplicate numbered, `id-2`), their media renamed into one folder beside the
// deck (each name once, as a slug), and their counts and diagnostics added up. Pure.
#pragma once

#include <string>
#include <vector>

#include "interchange/bank.h"

namespace quizdeck::interchange {

struct Merged {
  // The deck's bank: `media` holds each file by its path relative to the deck's folder
  // ("<media_dir>/<name>"), and every entry's image and audio point there.
  Bank bank;
  std::size_t media_dropped = 0;  // files not kept (no media_dir): their entries name none
};

// `media_dir` empty: the banks' media are dropped (a deck written to standard output has
// nowhere to keep them). The banks are moved from.
Merged merge_banks(std::vector<Bank>& banks, const std::string& media_dir);

}  // namespace quizdeck::interchange
