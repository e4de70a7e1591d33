// SPDX-License-Identifier: MIT
// `import --with-history`: an Anki package's review log into the store, for the cards of
// the deck just written (or of the deck kept, when it exists and --force is not given),
// replayed through quizdeck's scheduler; a review already in the store is not added again,
// so a second import adds nothing. The package's suspension and flags come with it.
#pragma once

#include <cstddef>
#include <string>

#include "cli/context.h"

namespace quizdeck::cli {

// Within this of a review the store has of the same card, a review is that review: Anki
// moves a review by a millisecond when two share a time (its revlog ids are unique), and
// quizdeck's own package does the same.
inline constexpr std::int64_t kSameReviewMs = 100;

// `deck_text` is the deck at `deck_path` the history is for. Returns how many reviews were
// refused as malformed (an impossible time), each reported with its revlog row.
core::Expected<std::size_t> import_history(Context& context, const std::string& package,
                                           const std::string& deck_path,
                                           const std::string& deck_text);

}  // namespace quizdeck::cli
