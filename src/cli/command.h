// SPDX-License-Identifier: MIT
// The command table's row: a command's name and summary, the arguments it declares, what
// it needs before it runs (the clock, the store, decks; ninja's RUN_AFTER_LOAD is the
// model), an optional check of its options, and the function that runs it with a Context
// holding what it asked for. app.cc provides the needs once for every command.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cli/context.h"
#include "cli/declare.h"
#include "core/expected.h"

namespace quizdeck::cli {

struct Command {
  std::string name;
  std::string summary;
  std::function<void(Declare&)> declare;
  std::function<Needs()> needs;                    // read after the options are parsed
  std::function<core::Expected<void>()> validate;  // before anything is opened or read
  std::function<core::Expected<ExitCode>(Context&)> run;
  std::vector<Command> subcommands;  // a group ("store", "fsrs") runs one of them
};

// A row for a command whose options live in `Options`: one instance per table, shared by
// the declaration (which binds its fields), the needs, the check and the run.
template <typename Options>
Command make_command(std::string name, std::string summary, void (*declare)(Declare&, Options&),
                     Needs (*needs)(const Options&),
                     core::Expected<ExitCode> (*run)(Context&, const Options&),
                     core::Expected<void> (*validate)(const Options&) = nullptr) {
  auto options = std::make_shared<Options>();
  Command command;
  command.name = std::move(name);
  command.summary = std::move(summary);
  command.declare = [options, declare](Declare& d) { declare(d, *options); };
  command.needs = [options, needs] { return needs(*options); };
  if (validate != nullptr) {
    command.validate = [options, validate] { return validate(*options); };
  }
  command.run = [options, run](Context& context) { return run(context, *options); };
  return command;
}

// A group: its subcommands do the work.
Command make_group(std::string name, std::string summary, std::vector<Command> subcommands);

// Every command, in the order `quizdeck --help` lists them ("help" and "completion" are
// added by app.cc, which knows the table).
std::vector<Command> command_table();

}  // namespace quizdeck::cli
