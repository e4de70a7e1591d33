// SPDX-License-Identifier: MIT
// Writing a file a command makes (a report, an export) without harm: "-" is standard
// output; a symbolic link, a directory, a FIFO or a device is refused with the reason; so
// is any file the command read (a deck, the store and the files beside it), compared by
// identity, not by name. The bytes go to a temporary file beside the target, which is then
// renamed over it: a reader never sees half a file, and a failure leaves the old file as
// it was. An existing regular file is replaced.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace quizdeck::cli {

core::Expected<void> write_output_file(const std::string& path, std::string_view bytes,
                                       const std::vector<std::string>& inputs,
                                       std::ostream& standard_output);

// The same for a file of a set written together (a package's files, an imported deck's
// media): its directory is made first, with its parents.
core::Expected<void> write_output_file_in(const std::string& path, std::string_view bytes,
                                          const std::vector<std::string>& inputs,
                                          std::ostream& standard_output);

}  // namespace quizdeck::cli
