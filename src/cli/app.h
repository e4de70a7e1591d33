// SPDX-License-Identifier: MIT
// The command line: parses arguments, runs one command, returns the process exit code.
#pragma once

#include "cli/output.h"

namespace quizdeck::cli {

int run(int argc, const char* const* argv, Output& output);

}  // namespace quizdeck::cli
