// SPDX-License-Identifier: MIT
// The one list of process exit codes; `quizdeck --help` and quizdeck(1) print the same list.
#pragma once

namespace quizdeck {

enum class ExitCode : int {
  kOk = 0,             // success
  kInvalidInput = 1,   // a deck (or other input file) has errors
  kUsage = 2,          // bad command line: unknown command or flag, bad value
  kIoError = 3,        // a file or the store could not be read or written
  kInternal = 4,       // a bug in quizdeck: please report it
  kExamFailed = 5,     // an exam finished below its pass mark
  kNothingDue = 6,     // status: no deck has cards to study now
  kLeftOut = 7,        // import, responses: written, with parts of the input left out
  kInterrupted = 130,  // a session ended by Ctrl-C (after its summary), or by SIGINT
};

inline int to_int(ExitCode code) {
  return static_cast<int>(code);
}

// One line per code, for --help and tests that keep the man page honest.
inline constexpr const char* kExitCodeHelp =
    "Exit codes:\n"
    "  0  success\n"
    "  1  invalid input: a deck has errors\n"
    "  2  usage error: unknown command or flag, bad option value\n"
    "  3  I/O or store error: a file could not be read or written\n"
    "  4  internal error (a bug; please report it)\n"
    "  5  exam below the pass mark\n"
    "  6  status: nothing to study now\n"
    "  7  import, responses: written, but some of the input was left out (each is reported)\n"
    "  130  interrupted: Ctrl-C ended a session (what was answered is saved)\n";

}  // namespace quizdeck
