// SPDX-License-Identifier: MIT
// Shell completion scripts for bash, zsh and fish, generated from the command table: the
// commands and subcommands, each command's flags (with their values: fixed choices, files,
// deck files, deck ids the store knows, setting names) and its positional arguments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/declare.h"

namespace quizdeck::cli {

struct CompletionArg {
  std::vector<std::string> names;  // "--new", "-o"; empty for a positional
  std::string help;
  bool takes_value = false;
  Complete completion = Complete::kNone;
  std::vector<std::string> choices;
};

struct CompletionCommand {
  std::string path;  // "drill", "store prune"
  std::string summary;
  std::vector<CompletionArg> args;
  bool is_group = false;  // has subcommands; takes none of its own arguments
};

struct CompletionSpec {
  std::vector<CompletionArg> global;  // before or after any command
  std::vector<CompletionCommand> commands;
  std::vector<std::string> settings;  // what Complete::kSetting offers
};

CompletionArg completion_arg(const Arg& arg);

// The script for "bash", "zsh" or "fish"; it asks `quizdeck completion --list deck-ids`
// for the deck ids when a command takes one.
std::string completion_script(std::string_view shell, const CompletionSpec& spec);

}  // namespace quizdeck::cli
