// SPDX-License-Identifier: MIT
// Writing a package of files a command makes (a QTI content package) into a directory,
// without harm and without a sync per file. The files are written into a fresh directory
// beside the target, made durable together (one sync of the file system), then put in
// place: a missing or empty target directory is replaced at once by a rename, so it holds
// either nothing or the whole package, even after a crash; into a directory that already
// has files, the package's files are renamed in one by one, each whole, and files the
// package does not write are left as they are. Every folder on the way, the target and
// the package's own folders in it ("items", "media") included, is opened without
// following links (cli/files/output_place.h), and every file is checked by the guard
// (cli/files/output_guard.h) before anything moves.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cli/files/output_guard.h"
#include "core/expected.h"

namespace quizdeck::cli {

core::Expected<void> write_output_directory(
    const std::string& path, const std::vector<std::pair<std::string, std::string>>& files,
    const OutputGuard& guard);

}  // namespace quizdeck::cli
