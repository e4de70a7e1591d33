// SPDX-License-Identifier: MIT
// Writing the files a command makes (a report, an export, an imported deck and its media)
// without harm: "-" is standard output; every other path goes through the command's
// OutputGuard (cli/files/output_guard.h), which refuses the store and its files, what the
// command reads, links and what is not a regular file, and its folders are opened without
// following links (cli/files/output_place.h). The bytes go to a temporary file beside the
// target, synced, then renamed over it: a reader never sees half a file, and a failure
// leaves the old file as it was. An existing regular file is replaced.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/files/output_guard.h"
#include "core/expected.h"

namespace quizdeck::cli {

core::Expected<void> write_output_file(const std::string& path, std::string_view bytes,
                                       const OutputGuard& guard, std::ostream& standard_output);

// Files written together (an imported deck and its media): every place is opened and
// checked, and every file written to its temporary, before any is put in place; then they
// are renamed in the order given (media before the deck that names them). On a failure
// nothing this call wrote stays behind: no temporary, no file that was not there before,
// no folder it made. With `make_folders`, missing folders on the way are made.
struct OutputFile {
  std::string path;
  std::string_view bytes;
};
core::Expected<void> write_output_files(const std::vector<OutputFile>& files, bool make_folders,
                                        const OutputGuard& guard);

}  // namespace quizdeck::cli
