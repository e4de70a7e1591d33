// SPDX-License-Identifier: MIT
// Where a command reads and writes: handed to every command so tests can drive it.
#pragma once

#include <istream>
#include <ostream>

namespace quizdeck::cli {

struct Streams {
  std::istream& in;   // scripted input
  std::ostream& out;  // results
  std::ostream& err;  // diagnostics and errors
};

}  // namespace quizdeck::cli
