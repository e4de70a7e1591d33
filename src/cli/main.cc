// SPDX-License-Identifier: MIT
#include <exception>
#include <iostream>

#include "cli/app.h"
#include "core/exit_code.h"

int main(int argc, char** argv) {
  quizdeck::cli::Output output{std::cout, std::cerr};
  try {
    return quizdeck::cli::run(argc, argv, output);
  } catch (const std::exception& e) {
    std::cerr << "quizdeck: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "quizdeck: internal error\n";
  }
  return quizdeck::to_int(quizdeck::ExitCode::kInternal);
}
