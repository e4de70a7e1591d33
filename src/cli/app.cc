// SPDX-License-Identifier: MIT
// The only translation unit that includes CLI11 (it costs seconds of compile time).
#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/cmd_cards.h"
#include "cli/cmd_check.h"
#include "core/exit_code.h"
#include "core/suggest.h"

#ifndef QUIZDECK_VERSION
#define QUIZDECK_VERSION "0.0.0"
#endif

namespace quizdeck::cli {
namespace {

// Parsed options of every command; only the one that runs is read.
struct Options {
  CheckOptions check;
  CardsOptions cards;
  std::string help_topic;
};

// The command table: name, one-line summary, how its options are declared, how it runs.
struct Command {
  std::string_view name;
  std::string_view summary;
  std::function<void(CLI::App&, Options&)> declare;
  std::function<ExitCode(Options&, Output&)> run;
};

const std::vector<Command>& commands() {
  static const std::vector<Command> table{
      {"check", "check decks for errors, like a compiler",
       [](CLI::App& cmd, Options& o) {
         cmd.add_option("PATH", o.check.paths, "deck files, or directories to search for decks")
             ->required()
             ->type_name("");
         cmd.add_option("--format", o.check.format, "output format: text or json")
             ->check(CLI::IsMember({"text", "json"}))
             ->type_name("FORMAT");
       },
       [](Options& o, Output& out) { return run_check(o.check, out); }},
      {"cards", "list the cards of a deck",
       [](CLI::App& cmd, Options& o) {
         cmd.add_option("DECK", o.cards.path, "the deck file")->required()->type_name("");
         cmd.add_flag("--json", o.cards.json, "print JSON for scripts");
       },
       [](Options& o, Output& out) { return run_cards(o.cards, out); }},
  };
  return table;
}

std::vector<std::string> command_names() {
  std::vector<std::string> names{"help"};
  for (const auto& command : commands()) names.emplace_back(command.name);
  return names;
}

ExitCode unknown_command(std::string_view name, Output& output) {
  output.err << fmt::format("quizdeck: error: unknown command '{}'\n", name);
  if (const auto near = core::suggest(name, command_names())) {
    output.err << fmt::format("quizdeck: note: did you mean '{}'?\n", *near);
  }
  output.err << "Run 'quizdeck --help' for the list of commands.\n";
  return ExitCode::kUsage;
}

// CLI11 says "The following arguments were not expected"; name the flag and a likely fix.
ExitCode unexpected_arguments(const CLI::App& app, Output& output) {
  const CLI::App* command = &app;
  for (const CLI::App* sub : app.get_subcommands()) command = sub;
  const std::string where =
      command == &app ? std::string("quizdeck") : fmt::format("quizdeck {}", command->get_name());
  std::vector<std::string> flags;
  for (const CLI::Option* option : command->get_options()) {
    for (const auto& name : option->get_lnames()) flags.push_back("--" + name);
    for (const auto& name : option->get_snames()) flags.push_back("-" + name);
  }
  for (const auto& extra : command->remaining()) {
    if (extra.starts_with("-")) {
      const std::string flag = extra.substr(0, extra.find('='));
      output.err << fmt::format("quizdeck: error: unknown option '{}' for '{}'\n", flag, where);
      if (const auto near = core::suggest(flag, flags)) {
        output.err << fmt::format("quizdeck: note: did you mean '{}'?\n", *near);
      }
    } else {
      output.err << fmt::format("quizdeck: error: unexpected argument '{}' for '{}'\n", extra,
                                where);
    }
  }
  output.err << fmt::format("Run '{}' for usage.\n",
                            command == &app ? std::string("quizdeck --help")
                                            : fmt::format("quizdeck help {}", command->get_name()));
  return ExitCode::kUsage;
}

// CLI11 2.1 names a subcommand's usage line after the subcommand alone.
std::string help_text(const CLI::App& command) {
  std::string text = command.help();
  if (command.get_parent() != nullptr) {
    const std::string from = "Usage: " + command.get_name() + " ";
    if (const auto at = text.find(from); at != std::string::npos) {
      text.replace(at, from.size(), "Usage: quizdeck " + command.get_name() + " ");
    }
  }
  return text;
}

}  // namespace

int run(int argc, const char* const* argv, Output& output) {
  CLI::App app{"quizdeck: exam practice and spaced-repetition flashcards in the terminal",
               "quizdeck"};
  app.set_version_flag("--version", std::string("quizdeck ") + QUIZDECK_VERSION,
                       "print the version and exit");
  app.require_subcommand(0, 1);
  app.footer(std::string("\nRun 'quizdeck help COMMAND' for a command's options.\n\n") +
             kExitCodeHelp);

  Options options;
  std::vector<std::pair<CLI::App*, const Command*>> subcommands;
  for (const auto& command : commands()) {
    CLI::App* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
    command.declare(*sub, options);
    sub->footer(kExitCodeHelp);
    subcommands.emplace_back(sub, &command);
  }
  CLI::App* help = app.add_subcommand("help", "show help for quizdeck or for one command");
  help->add_option("COMMAND", options.help_topic, "the command to explain")->type_name("");

  if (argc <= 1) {
    output.err << help_text(app);
    return to_int(ExitCode::kUsage);
  }
  const std::string first = argv[1];
  if (!first.starts_with("-")) {
    const auto names = command_names();
    if (std::find(names.begin(), names.end(), first) == names.end()) {
      return to_int(unknown_command(first, output));
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    const CLI::App* command = &app;
    for (const CLI::App* sub : app.get_subcommands()) command = sub;
    output.out << help_text(*command);
    return to_int(ExitCode::kOk);
  } catch (const CLI::CallForVersion& e) {
    output.out << e.what() << '\n';
    return to_int(ExitCode::kOk);
  } catch (const CLI::ExtrasError&) {
    return to_int(unexpected_arguments(app, output));
  } catch (const CLI::ParseError& e) {
    const CLI::App* command = &app;
    for (const CLI::App* sub : app.get_subcommands()) command = sub;
    output.err << fmt::format("quizdeck: error: {}\n", e.what());
    output.err << fmt::format("Run '{}' for usage.\n",
                              command == &app
                                  ? std::string("quizdeck --help")
                                  : fmt::format("quizdeck help {}", command->get_name()));
    return to_int(ExitCode::kUsage);
  }

  if (help->parsed()) {
    if (options.help_topic.empty()) {
      output.out << help_text(app);
      return to_int(ExitCode::kOk);
    }
    for (const auto& [sub, command] : subcommands) {
      if (command->name == options.help_topic) {
        output.out << help_text(*sub);
        return to_int(ExitCode::kOk);
      }
    }
    if (options.help_topic == "help") {
      output.out << help_text(*help);
      return to_int(ExitCode::kOk);
    }
    return to_int(unknown_command(options.help_topic, output));
  }
  for (const auto& [sub, command] : subcommands) {
    if (sub->parsed()) return to_int(command->run(options, output));
  }
  output.err << help_text(app);
  return to_int(ExitCode::kUsage);
}

}  // namespace quizdeck::cli
