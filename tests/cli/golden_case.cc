// SPDX-License-Identifier: MIT
// Runs one golden CLI case: `quizdeck_golden CASE_DIR`. CTest has one test per case
// (tests/CMakeLists.txt lists them), so `ctest -R 'golden: study/'` picks a group and one
// failure hides nothing else. A case folder tests/golden/<group>/<case>/ holds:
//   args      the arguments, one per line (the binary is prepended)
//   stdin     optional standard input
//   setup     optional commands run first, one per line, words split on spaces, an
//             optional "< FILE" last; `store_writer`, `anki_package` and `quizdeck` name
//             the binaries; "include NAME" runs the lines of the group's _fixtures/NAME.setup;
//             "exit N COMMAND" runs a command that must exit N (an import that leaves
//             questions out, say) instead of 0
//   env       optional NAME=VALUE lines for the environment
//   unchanged optional file names that must keep every byte through the run
//   absent    optional file names that must not exist after the run
//   stdout, stderr, exit   what quizdeck must print and return (missing: empty, 0)
// plus any input files. The case runs in a fresh directory holding the group's shared
// inputs (tests/golden/<group>/_fixtures/, *.setup files aside) and then the case's own
// files on top, with TZ=UTC and no colour. QUIZDECK_UPDATE_GOLDEN=1 rewrites the
// expectations from the actual output (review the diff before committing it).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "support/process.h"

namespace {

namespace fs = std::filesystem;
using quizdeck::test::ProcessOptions;
using quizdeck::test::ProcessResult;
using quizdeck::test::read_text_file;
using quizdeck::test::run_process;
using quizdeck::test::write_text_file;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < line.size()) {
    const std::size_t end = std::min(line.find(' ', start), line.size());
    if (end > start) words.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// The setup lines with "include NAME" replaced by the shared setup's lines.
std::vector<std::string> setup_lines(const fs::path& dir, const fs::path& fixtures) {
  std::vector<std::string> lines;
  for (const auto& line : split_lines(read_text_file((dir / "setup").string()))) {
    if (line.starts_with("include ")) {
      const fs::path shared = fixtures / (line.substr(8) + ".setup");
      if (!fs::exists(shared)) throw std::runtime_error("no shared setup " + shared.string());
      for (const auto& included : split_lines(read_text_file(shared.string()))) {
        lines.push_back(included);
      }
    } else {
      lines.push_back(line);
    }
  }
  return lines;
}

int fail(const std::string& message) {
  std::cerr << message << '\n';
  return 1;
}

// Differences between expected and actual text, line by line, for the log.
void show_difference(const std::string& what, const std::string& expected,
                     const std::string& actual) {
  std::cerr << "--- " << what << " differs; expected:\n"
            << expected << "--- actual:\n"
            << actual << "---\n";
}

struct Case {
  fs::path dir;
  fs::path fixtures;
  fs::path work;
  std::map<std::string, std::string> env;
};

// A fresh directory with the group's shared inputs, then the case's own files on top.
Case prepare(const fs::path& dir) {
  Case c;
  c.dir = dir;
  c.fixtures = dir.parent_path() / "_fixtures";
  c.work = fs::temp_directory_path() /
           ("quizdeck-golden-" + std::to_string(::getpid()) + "-" +
            dir.parent_path().filename().string() + "-" + dir.filename().string());
  fs::remove_all(c.work);
  fs::create_directories(c.work);
  if (fs::exists(c.fixtures)) {
    for (const auto& entry : fs::directory_iterator(c.fixtures)) {
      if (entry.path().extension() == ".setup") continue;
      fs::copy(entry.path(), c.work / entry.path().filename(), fs::copy_options::recursive);
    }
  }
  fs::copy(dir, c.work, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  c.env = {{"NO_COLOR", "1"},
           {"COLUMNS", "80"},
           {"TZ", "UTC"},
           {"LC_ALL", "C.UTF-8"},
           {"QUIZDECK_STORE", (c.work / "default.db").string()},
           {"QUIZDECK_NOW", ""}};
  for (const auto& line : split_lines(read_text_file((dir / "env").string()))) {
    const auto equals = line.find('=');
    if (equals != std::string::npos) c.env[line.substr(0, equals)] = line.substr(equals + 1);
  }
  return c;
}

// Runs the setup lines; a failing one ends the case.
bool run_setup(const Case& c) {
  for (const auto& line : setup_lines(c.dir, c.fixtures)) {
    std::vector<std::string> words = split_words(line);
    if (words.empty()) continue;
    int expected_exit = 0;
    if (words.size() >= 3 && words[0] == "exit") {
      expected_exit = std::stoi(words[1]);
      words.erase(words.begin(), words.begin() + 2);
    }
    ProcessOptions setup;
    if (words.size() >= 2 && words[words.size() - 2] == "<") {
      setup.stdin_text = read_text_file((c.work / words.back()).string());
      words.resize(words.size() - 2);
    }
    if (words[0] == "store_writer") words[0] = QUIZDECK_STORE_WRITER;
    if (words[0] == "anki_package") words[0] = QUIZDECK_ANKI_PACKAGE;
    if (words[0] == "quizdeck") words[0] = quizdeck::test::quizdeck_binary();
    setup.cwd = c.work.string();
    setup.env = c.env;
    const ProcessResult result = run_process(words, setup);
    if (result.exit_code != expected_exit) {
      std::cerr << "setup failed (exit " << result.exit_code << "): " << line << "\n"
                << result.err << '\n';
      return false;
    }
  }
  return true;
}

// Files that must be gone, or must keep every byte: the number of broken promises.
int check_files(const Case& c, const std::map<std::string, std::string>& kept) {
  int failures = 0;
  for (const auto& name : split_lines(read_text_file((c.dir / "absent").string()))) {
    if (fs::exists(c.work / name)) {
      std::cerr << "file " << name << " exists but must not\n";
      ++failures;
    }
  }
  for (const auto& [name, bytes] : kept) {
    if (read_text_file((c.work / name).string()) != bytes) {
      std::cerr << "file " << name << " changed but must keep every byte\n";
      ++failures;
    }
  }
  return failures;
}

void save_expectations(const fs::path& dir, const ProcessResult& result) {
  const auto save = [&](const char* name, const std::string& text) {
    const fs::path path = dir / name;
    if (text.empty()) {
      fs::remove(path);
    } else {
      write_text_file(path.string(), text);
    }
  };
  save("stdout", result.out);
  save("stderr", result.err);
  save("exit", result.exit_code == 0 ? std::string() : std::to_string(result.exit_code) + "\n");
}

int compare(const fs::path& dir, const ProcessResult& result) {
  int failures = 0;
  const auto same = [&](const char* what, const std::string& expected, const std::string& actual) {
    if (expected == actual) return;
    show_difference(what, expected, actual);
    ++failures;
  };
  same("stdout", read_text_file((dir / "stdout").string()), result.out);
  same("stderr", read_text_file((dir / "stderr").string()), result.err);
  std::string expected_exit = read_text_file((dir / "exit").string());
  if (expected_exit.empty()) expected_exit = "0\n";
  same("exit code", expected_exit, std::to_string(result.exit_code) + "\n");
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return fail("usage: quizdeck_golden CASE_DIR");
  const Case c = prepare(argv[1]);
  if (!run_setup(c)) return 1;
  std::map<std::string, std::string> kept;
  for (const auto& name : split_lines(read_text_file((c.dir / "unchanged").string()))) {
    kept[name] = read_text_file((c.work / name).string());
  }
  std::vector<std::string> args{quizdeck::test::quizdeck_binary()};
  for (const auto& arg : split_lines(read_text_file((c.dir / "args").string()))) {
    args.push_back(arg);
  }
  ProcessOptions options;
  options.cwd = c.work.string();
  options.stdin_text = read_text_file((c.dir / "stdin").string());
  options.env = c.env;
  const ProcessResult result = run_process(args, options);
  int failures = check_files(c, kept);
  fs::remove_all(c.work);
  if (std::getenv("QUIZDECK_UPDATE_GOLDEN") != nullptr) {
    save_expectations(c.dir, result);
  } else {
    failures += compare(c.dir, result);
  }
  return failures == 0 ? 0 : 1;
}
