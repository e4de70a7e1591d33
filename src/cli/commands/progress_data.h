// SPDX-License-Identifier: MIT
// What stats, status and report share: their needs (the decks given, else every deck the
// store has seen; an empty store in memory before any study) and the figures computed
// from the store's rows for those decks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/context.h"
#include "stats/stats.h"

namespace quizdeck::cli {

Needs progress_needs(const std::vector<std::string>& paths);

// The figures for the context's decks at its time (the context provided progress_needs).
// A failure: a deck's stored study settings are not valid. `new_per_day` replaces each
// deck's new-per-day setting (status --new).
core::Expected<stats::Progress> load_progress(Context& context,
                                              std::optional<int> new_per_day = std::nullopt);

// Whether the locale speaks UTF-8 (LC_ALL, else LC_CTYPE, else LANG).
bool utf8_locale();

}  // namespace quizdeck::cli
