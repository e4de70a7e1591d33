// SPDX-License-Identifier: MIT
// A pseudo-terminal for code that reads a terminal (the line editor): keys are written to
// `master`, the code reads and draws on `slave`.
#pragma once

namespace quizdeck::test {

struct Pty {
  int master = -1;
  int slave = -1;
};

// A new pseudo-terminal as a shell leaves it (cooked). What is drawn on it is read and
// thrown away by a thread of its own, so drawing never blocks. Never closed.
Pty open_pty();
// Makes it raw, as a session makes its terminal.
void make_raw(const Pty& pty);

}  // namespace quizdeck::test
