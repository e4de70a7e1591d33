// SPDX-License-Identifier: MIT
#include "support/process.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace quizdeck::test {

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string quizdeck_binary() {
  return QUIZDECK_BIN;
}
std::string golden_dir() {
  return QUIZDECK_GOLDEN_DIR;
}
std::string source_dir() {
  return QUIZDECK_SOURCE_DIR;
}
std::string corpus_dir() {
  return QUIZDECK_CORPUS_DIR;
}

namespace {
constexpr uid_t kNobody = 65534;
}  // namespace

void give_to_unprivileged(const std::string& path) {
  if (::geteuid() != 0) return;
  namespace fs = std::filesystem;
  if (::lchown(path.c_str(), kNobody, kNobody) != 0) return;
  if (!fs::is_directory(fs::symlink_status(path))) return;
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    (void)::lchown(entry.path().c_str(), kNobody, kNobody);
  }
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("quizdeck-test-" + std::to_string(::getpid()) +
                                                    "-" + std::to_string(std::rand()));
  fs::create_directories(dir);
  const std::string in_path = (dir / "stdin").string();
  const std::string out_path = (dir / "stdout").string();
  const std::string err_path = (dir / "stderr").string();
  write_text_file(in_path, options.stdin_text);

  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('='));
    if (!options.env.contains(name)) env_strings.push_back(entry);
  }
  for (const auto& [name, value] : options.env) env_strings.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> c_args;
  for (auto& arg : args) c_args.push_back(arg.data());
  c_args.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid == 0) {
    if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) ::_exit(126);
    const int in = ::open(in_path.c_str(), O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (options.unprivileged && ::geteuid() == 0) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0) {
        ::_exit(125);
      }
    }
    ::execve(c_args[0], c_args.data(), envp.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ProcessResult result;
  result.out = read_text_file(out_path);
  result.err = read_text_file(err_path);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return result;
}

}  // namespace quizdeck::test
