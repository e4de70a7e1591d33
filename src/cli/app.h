// SPDX-License-Identifier: MIT
// The command line: parses arguments, runs one command, returns the process exit code.
#pragma once

#include "cli/streams.h"

namespace quizdeck::cli {

int run(int argc, const char* const* argv, Streams& io);

}  // namespace quizdeck::cli
