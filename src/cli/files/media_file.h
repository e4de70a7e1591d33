// SPDX-License-Identifier: MIT
// A deck's media (the `image:` and `audio:` files of its cards), found relative to the deck
// file and kept inside the deck's directory: the path is resolved with every symlink
// followed and must still lie under the directory, so "../secret" and a link pointing out
// are refused, not read.
#pragma once

#include <string>

#include "core/expected.h"

namespace quizdeck::cli {

// The real path of `relative`, a file of the deck at `deck_path`; a failure's message says
// why not, to follow the path ("does not exist", "is outside the deck's directory", "is
// not a file").
core::Expected<std::string> media_file(const std::string& deck_path, const std::string& relative);

// Plays a sound file in the background with `command` (a shell command; the file is
// passed as its last argument, never spliced into the command text), its output
// discarded; does not wait for it.
void play_media(const std::string& command, const std::string& file);

}  // namespace quizdeck::cli
