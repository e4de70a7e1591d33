// SPDX-License-Identifier: MIT
#include "support/child.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace quizdeck::test {

Child::Child(const std::vector<std::string>& argv, const std::string& err_path) {
  int in[2];
  int out[2];
  if (::pipe(in) != 0 || ::pipe(out) != 0) throw std::runtime_error("pipe");
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    const int err = ::open(err_path.empty() ? "/dev/null" : err_path.c_str(),
                           O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(err, 2);
    ::close(in[1]);
    ::close(out[0]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  to_child_ = in[1];
  from_child_ = out[0];
}

Child::~Child() {
  close_input();
  if (from_child_ >= 0) ::close(from_child_);
  if (!status_) wait();
}

std::optional<std::string> Child::read_line() {
  char buffer[4096];
  while (true) {
    const auto at = pending_.find('\n');
    if (at != std::string::npos) {
      std::string line = pending_.substr(0, at);
      pending_.erase(0, at + 1);
      return line;
    }
    const ssize_t got = ::read(from_child_, buffer, sizeof buffer);
    if (got <= 0) return std::nullopt;
    pending_.append(buffer, static_cast<std::size_t>(got));
  }
}

void Child::write_line(const std::string& line) {
  const std::string text = line + "\n";
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(to_child_, text.data() + written, text.size() - written);
    if (n <= 0) return;  // the child is gone; its exit code tells
    written += static_cast<std::size_t>(n);
  }
}

void Child::close_input() {
  if (to_child_ >= 0) ::close(to_child_);
  to_child_ = -1;
}

int Child::wait() {
  if (status_) return *status_;
  int status = 0;
  ::waitpid(pid_, &status, 0);
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return *status_;
}

}  // namespace quizdeck::test
