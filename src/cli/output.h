// SPDX-License-Identifier: MIT
// Where a command writes: handed to every command so tests can capture its output.
#pragma once

#include <ostream>

namespace quizdeck::cli {

struct Output {
  std::ostream& out;  // results
  std::ostream& err;  // diagnostics and errors
};

}  // namespace quizdeck::cli
