// SPDX-License-Identifier: MIT
// How a command says which arguments it takes, without naming the argument library: each
// command fills a Declare with its positionals, options and flags, bound to fields of its
// own options struct. The parser (app.cc, the only user of CLI11) reads them as text and
// converts them here, so every bad value gets our message, and the completion scripts are
// generated from the same declarations.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/expected.h"

namespace quizdeck::cli {

// What a shell should offer for an argument's value.
enum class Complete { kNone, kDeckFile, kDeckOrId, kFile, kSetting, kChoices };

using Target = std::variant<std::string*, std::optional<std::string>*, std::vector<std::string>*,
                            int*, std::optional<int>*, std::optional<std::uint64_t>*, bool*>;

struct Arg {
  std::string names;       // "--new", "-o,--output", "--yes,-y"; a positional: "PATH"
  std::string value_name;  // "N", "TIME" (empty for flags and positionals)
  std::string help;
  Target target;
  bool positional = false;
  bool is_required = false;
  std::vector<std::string> allowed;     // the only values taken, when not empty
  std::optional<std::int64_t> minimum;  // numbers: the range taken
  std::optional<std::int64_t> maximum;
  // A further check of the value's text: a message saying what is wrong, or nothing.
  std::function<std::optional<std::string>(const std::string&)> check_text;
  Complete completion = Complete::kNone;
  // Where the command writes (-o FILE): every other file argument is one it reads, which
  // no output of it may replace (cli/files/output_guard.h).
  bool is_output = false;

  Arg& required() {
    is_required = true;
    return *this;
  }
  Arg& one_of(std::vector<std::string> values) {
    allowed = std::move(values);
    if (completion == Complete::kNone) completion = Complete::kChoices;
    return *this;
  }
  Arg& at_least(std::int64_t value) {
    minimum = value;
    return *this;
  }
  Arg& between(std::int64_t low, std::int64_t high) {
    minimum = low;
    maximum = high;
    return *this;
  }
  Arg& check(std::function<std::optional<std::string>(const std::string&)> checker) {
    check_text = std::move(checker);
    return *this;
  }
  Arg& completes(Complete what) {
    completion = what;
    return *this;
  }
  Arg& writes() {
    is_output = true;
    if (completion == Complete::kNone) completion = Complete::kFile;
    return *this;
  }
  bool is_flag() const { return std::holds_alternative<bool*>(target); }
  bool takes_many() const { return std::holds_alternative<std::vector<std::string>*>(target); }
  // "--new" of "-n,--new": the name messages use.
  std::string display_name() const;
  std::vector<std::string> long_names() const;   // without dashes
  std::vector<std::string> short_names() const;  // without dashes
};

class Declare {
 public:
  Arg& positional(std::string name, Target target, std::string help);
  Arg& option(std::string names, Target target, std::string value_name, std::string help);
  Arg& flag(std::string names, bool* target, std::string help);
  const std::deque<Arg>& args() const { return args_; }
  std::deque<Arg>& args() { return args_; }

 private:
  std::deque<Arg> args_;  // a deque: the Arg& handed out stay valid
};

// Converts the text given for `arg` (one value, or several for a list) and stores it in its
// target; a failure (kUsage) names the argument and what it takes.
core::Expected<void> assign(const Arg& arg, const std::vector<std::string>& values);

}  // namespace quizdeck::cli
