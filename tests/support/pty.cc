// SPDX-License-Identifier: MIT
#include "support/pty.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

namespace quizdeck::test {

Pty open_pty() {
  Pty pty;
  pty.master = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (pty.master < 0 || ::grantpt(pty.master) != 0 || ::unlockpt(pty.master) != 0) std::abort();
  pty.slave = ::open(::ptsname(pty.master), O_RDWR | O_NOCTTY);
  if (pty.slave < 0) std::abort();
  std::thread([master = pty.master] {
    char drawn[4096];
    while (::read(master, drawn, sizeof drawn) > 0) {
    }
  }).detach();
  return pty;
}

void make_raw(const Pty& pty) {
  termios raw{};
  if (::tcgetattr(pty.slave, &raw) != 0) std::abort();
  raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO | ISIG | IEXTEN));
  raw.c_iflag &= static_cast<tcflag_t>(~(IXON | ICRNL));
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  if (::tcsetattr(pty.slave, TCSANOW, &raw) != 0) std::abort();
}

}  // namespace quizdeck::test
