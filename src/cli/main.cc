// SPDX-License-Identifier: MIT
#include <exception>
#include <iostream>

#include "cli/app.h"
#include "core/exit_code.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  quizdeck::cli::Streams io{std::cin, std::cout, std::cerr};
  try {
    return quizdeck::cli::run(argc, argv, io);
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "quizdeck: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cout.flush();
    std::cerr << "quizdeck: internal error\n";
  }
  return quizdeck::to_int(quizdeck::ExitCode::kInternal);
}
