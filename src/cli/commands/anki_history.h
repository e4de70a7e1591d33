// SPDX-License-Identifier: MIT
// `import --with-history`: an Anki package's review log into the store, for the cards of
// the deck just written, replayed through quizdeck's scheduler; a review already in the
// store is not added again, so a second import adds nothing.
#pragma once

#include <string>

#include "cli/context.h"

namespace quizdeck::cli {

// `deck_text` is the deck just written at `deck_path` from `package`.
core::Expected<void> import_history(Context& context, const std::string& package,
                                    const std::string& deck_path, const std::string& deck_text);

}  // namespace quizdeck::cli
