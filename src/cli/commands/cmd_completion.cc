// SPDX-License-Identifier: MIT
// `quizdeck completion bash|zsh|fish`: a completion script, generated from the command
// table. `quizdeck completion --list deck-ids` is what the scripts call for the deck ids
// the store knows (nothing, quietly, when there is no store).
#include "cli/commands.h"
#include "cli/completion.h"
#include "core/visible.h"
#include "schedule/settings.h"
#include "session/study_settings.h"

namespace quizdeck::cli {
namespace {

struct CompletionOptions {
  std::optional<std::string> shell;
  std::optional<std::string> list;
};

void declare_completion(Declare& d, CompletionOptions& o) {
  d.positional("SHELL", &o.shell, "bash, zsh or fish").one_of({"bash", "zsh", "fish"});
  d.option("--list", &o.list, "WHAT", "print completion values: deck-ids").one_of({"deck-ids"});
}

core::Expected<void> validate(const CompletionOptions& o) {
  if (o.shell.has_value() == o.list.has_value()) {
    return core::fail(ExitCode::kUsage, "name a shell (bash, zsh or fish), or --list deck-ids");
  }
  return {};
}

Needs needs(const CompletionOptions& o) {
  Needs n;
  if (o.list) n.store = StoreNeed::kReadIfExists;
  return n;
}

void add_commands(const std::string& prefix, const std::vector<Command>& commands,
                  CompletionSpec& spec) {
  for (const Command& command : commands) {
    CompletionCommand entry;
    entry.path = prefix.empty() ? command.name : prefix + " " + command.name;
    entry.summary = command.summary;
    entry.is_group = !command.subcommands.empty();
    Declare declared;
    command.declare(declared);
    for (const Arg& arg : declared.args()) entry.args.push_back(completion_arg(arg));
    // A copy: the recursion grows spec.commands, which may move the entry's path.
    const std::string path = entry.path;
    spec.commands.push_back(std::move(entry));
    add_commands(path, command.subcommands, spec);
  }
}

core::Expected<ExitCode> run_completion(Context& context, const CompletionOptions& o) {
  if (o.list) {
    if (context.has_store()) {
      for (const auto& deck : context.store().decks()) {
        context.io.out << core::visible(deck.id, core::Lines::kShow) << '\n';
      }
    }
    return ExitCode::kOk;
  }
  CompletionSpec spec;
  GlobalOptions global;
  Declare global_args;
  declare_global(global_args, global);
  for (const Arg& arg : global_args.args()) spec.global.push_back(completion_arg(arg));
  std::vector<Command> table = command_table();
  table.push_back(completion_command());
  add_commands("", table, spec);
  for (const auto& key : schedule::scheduler_settings()) spec.settings.emplace_back(key.name);
  for (const auto& key : session::study_setting_keys()) spec.settings.emplace_back(key.name);
  context.io.out << completion_script(*o.shell, spec);
  return ExitCode::kOk;
}

}  // namespace

Command completion_command() {
  return make_command<CompletionOptions>("completion",
                                         "print a shell completion script: bash, zsh or fish",
                                         declare_completion, needs, run_completion, validate);
}

}  // namespace quizdeck::cli
