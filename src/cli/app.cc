// SPDX-License-Identifier: MIT
// The only translation unit that includes CLI11 (it costs seconds of compile time): it
// turns the command table into CLI11 subcommands, parses, converts the values into each
// command's options, provides what the command needs, runs it, and renders any failure.
#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <deque>
#include <optional>
#include <regex>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/version.h"
#include "core/exit_code.h"
#include "core/suggest.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

// One declared argument as CLI11 holds it: the text it collected.
struct Binding {
  const Arg* arg = nullptr;
  CLI::Option* option = nullptr;
  std::string single;
  std::vector<std::string> many;
};

// A command of the table with its CLI11 subcommand and its arguments' bindings.
struct Node {
  const Command* command = nullptr;
  CLI::App* app = nullptr;
  Declare declared;
  std::deque<Binding> bindings;
};

void render(const core::Failure& failure, Streams& io) {
  if (!failure.diagnostic.message.empty()) io.err << core::render_text(failure.diagnostic);
  if (!failure.hint.empty()) io.err << core::visible(failure.hint) << '\n';
}

void bind(Node& node) {
  for (const Arg& arg : node.declared.args()) {
    Binding& binding = node.bindings.emplace_back();
    binding.arg = &arg;
    if (arg.is_flag()) {
      binding.option = node.app->add_flag(arg.names, *std::get<bool*>(arg.target), arg.help);
    } else if (arg.takes_many()) {
      binding.option = node.app->add_option(arg.names, binding.many, arg.help);
    } else {
      binding.option = node.app->add_option(arg.names, binding.single, arg.help);
    }
    if (!arg.is_flag()) {
      std::string type = arg.positional ? "" : arg.value_name;
      if (!arg.allowed.empty() && !arg.positional) {
        std::string list;
        for (const auto& value : arg.allowed) list += (list.empty() ? "" : ",") + value;
        type += ":{" + list + "}";
      }
      binding.option->type_name(type);
    }
    if (arg.is_required) binding.option->required();
  }
}

// The values CLI11 collected, converted into the command's options.
core::Expected<void> assign_all(Node& node) {
  for (Binding& binding : node.bindings) {
    if (binding.arg->is_flag() || binding.option->count() == 0) continue;
    const std::vector<std::string> values =
        binding.arg->takes_many() ? binding.many : std::vector<std::string>{binding.single};
    if (auto assigned = assign(*binding.arg, values); !assigned) return assigned;
  }
  return {};
}

// "quizdeck fsrs replay": the command's full name.
std::string full_name(const CLI::App& command) {
  std::string name = command.get_name();
  for (const CLI::App* parent = command.get_parent(); parent != nullptr;
       parent = parent->get_parent()) {
    name = parent->get_name() + " " + name;
  }
  return name;
}

// CLI11 2.1 names a subcommand's usage line after the subcommand alone.
std::string help_text(const CLI::App& command) {
  std::string text = command.help();
  if (command.get_parent() != nullptr) {
    const std::string from = "Usage: " + command.get_name() + " ";
    if (const auto at = text.find(from); at != std::string::npos) {
      text.replace(at, from.size(), "Usage: " + full_name(command) + " ");
    }
  }
  return text;
}

// The innermost command that was parsed.
const CLI::App* innermost(const CLI::App& app) {
  const CLI::App* command = &app;
  while (true) {
    const auto subs = command->get_subcommands();
    if (subs.empty()) return command;
    command = subs.back();
  }
}

std::string usage_hint(const CLI::App& command) {
  return fmt::format("Run '{} --help' for usage.", full_name(command));
}

core::Failure unknown_command(std::string_view name, const std::vector<std::string>& names) {
  auto failure = core::fail(ExitCode::kUsage, fmt::format("unknown command '{}'", name));
  if (const auto near = core::suggest(name, names)) {
    failure.note(fmt::format("did you mean '{}'?", *near));
  }
  failure.hint = "Run 'quizdeck --help' for the list of commands.";
  return failure;
}

// Arguments nobody took: with fallthrough they may sit with the command or any parent.
std::vector<std::string> leftovers(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::App* c = innermost(app); c != nullptr; c = c->get_parent()) {
    for (const auto& arg : c->remaining()) {
      if (std::find(out.begin(), out.end(), arg) == out.end()) out.push_back(arg);
    }
  }
  return out;
}

// CLI11 says "The following arguments were not expected"; name the flag and a likely fix.
void unexpected_arguments(const CLI::App& app, Streams& io) {
  const CLI::App* command = innermost(app);
  const std::string where = full_name(*command);
  std::vector<std::string> flags;
  for (const CLI::App* c = command; c != nullptr; c = c->get_parent()) {
    for (const CLI::Option* option : c->get_options()) {
      for (const auto& name : option->get_lnames()) flags.push_back("--" + name);
      for (const auto& name : option->get_snames()) flags.push_back("-" + name);
    }
  }
  std::vector<std::string> subcommand_names;
  for (const CLI::App* sub : command->get_subcommands({})) {
    subcommand_names.push_back(sub->get_name());
  }
  for (const auto& extra : leftovers(app)) {
    if (!extra.starts_with("-") && !subcommand_names.empty()) {
      auto failure =
          core::fail(ExitCode::kUsage, fmt::format("unknown command '{} {}'", where, extra));
      if (const auto near = core::suggest(extra, subcommand_names)) {
        failure.note(fmt::format("did you mean '{} {}'?", where, *near));
      }
      render(failure, io);
      break;
    }
    if (extra.starts_with("-")) {
      const std::string flag = extra.substr(0, extra.find('='));
      auto failure =
          core::fail(ExitCode::kUsage, fmt::format("unknown option '{}' for '{}'", flag, where));
      if (const auto near = core::suggest(flag, flags)) {
        failure.note(fmt::format("did you mean '{}'?", *near));
      }
      render(failure, io);
    } else {
      render(core::fail(ExitCode::kUsage,
                        fmt::format("unexpected argument '{}' for '{}'", extra, where)),
             io);
    }
  }
  io.err << usage_hint(*command) << '\n';
}

// The files a command's arguments name, but the ones it writes: what it reads.
std::vector<std::string> named_inputs(const Declare& declared) {
  std::vector<std::string> paths;
  for (const Arg& arg : declared.args()) {
    if (arg.is_output ||
        (arg.completion != Complete::kFile && arg.completion != Complete::kDeckFile &&
         arg.completion != Complete::kDeckOrId)) {
      continue;
    }
    if (const auto* one = std::get_if<std::string*>(&arg.target)) {
      paths.push_back(**one);
    } else if (const auto* maybe = std::get_if<std::optional<std::string>*>(&arg.target)) {
      if (**maybe) paths.push_back(***maybe);
    } else if (const auto* many = std::get_if<std::vector<std::string>*>(&arg.target)) {
      paths.insert(paths.end(), (*many)->begin(), (*many)->end());
    }
  }
  return paths;
}

// Provides the command's needs and runs it; a store failure anywhere ends up here too.
ExitCode run_command(Node& root, Node& node, const GlobalOptions& global, Streams& io) {
  const Command& command = *node.command;
  if (auto assigned = assign_all(root); !assigned) {
    assigned.error().hint = usage_hint(*node.app);
    render(assigned.error(), io);
    return assigned.error().code;
  }
  if (auto assigned = assign_all(node); !assigned) {
    assigned.error().hint = usage_hint(*node.app);
    render(assigned.error(), io);
    return assigned.error().code;
  }
  if (command.validate) {
    if (auto valid = command.validate(); !valid) {
      render(valid.error(), io);
      return valid.error().code;
    }
  }
  Context context(io, global);
  context.named_inputs = named_inputs(node.declared);
  try {
    if (auto provided = context.provide(command.needs()); !provided) {
      render(provided.error(), io);
      return provided.error().code;
    }
    auto result = command.run(context);
    if (!result) {
      render(result.error(), io);
      return result.error().code;
    }
    return *result;
  } catch (const store::StoreError& error) {
    const core::Failure failure = store_failure(error);
    render(failure, io);
    return failure.code;
  } catch (const deck::CardsUnavailable& error) {
    const core::Failure failure = core::fail(ExitCode::kIoError, error.what());
    render(failure, io);
    return failure.code;
  }
}

// The global options, then one subcommand per row of the table (and its group's rows).
void build(CLI::App& app, GlobalOptions& global, const std::vector<Command>& table,
           std::deque<Node>& nodes) {
  app.set_version_flag("--version", version_line(),
                       "print the version and the source revision, and exit");
  app.require_subcommand(0, 1);
  app.footer(std::string("\nRun 'quizdeck help COMMAND' for a command's options.\n\n") +
             kExitCodeHelp);
  Node& root = nodes.emplace_back();
  root.app = &app;
  declare_global(root.declared, global);
  bind(root);
  const auto add = [&](CLI::App& parent, const Command& command) -> Node& {
    Node& node = nodes.emplace_back();
    node.command = &command;
    node.app = parent.add_subcommand(command.name, command.summary);
    command.declare(node.declared);
    bind(node);
    // --store, --now and --no-cache may also follow the command.
    node.app->fallthrough();
    return node;
  };
  for (const Command& command : table) {
    Node& node = add(app, command);
    node.app->footer(std::string("\nAlso: --store PATH (the store file), --now TIME and "
                                 "--no-cache (parse every deck), before or after the "
                                 "command.\n\n") +
                     kExitCodeHelp);
    if (!command.subcommands.empty()) node.app->require_subcommand(1);
    CLI::App& group = *node.app;
    for (const Command& sub : command.subcommands) add(group, sub).app->footer(kExitCodeHelp);
  }
}

// CLI11's messages about counts, in words: "--card: At Most 1 required but received 2"
// says "--card is given once, not 2 times"; "--max: 1 required N missing" says "--max
// needs a value (--max N)". Others are kept.
std::string reworded(const std::string& message) {
  static const std::regex kAtMost(R"(^(\S+): At Most 1 required but received (\d+)$)");
  static const std::regex kMissing(R"(^(\S+): (\d+) required (\S+) missing$)");
  std::smatch match;
  if (std::regex_match(message, match, kAtMost)) {
    return fmt::format("{} is given once, not {} times", match[1].str(), match[2].str());
  }
  if (std::regex_match(message, match, kMissing)) {
    return fmt::format("{} needs a value ({} {})", match[1].str(), match[1].str(), match[3].str());
  }
  return message;
}

// What CLI11 refused, in our words.
void parse_failed(const CLI::App& app, const CLI::ParseError& error, Streams& io) {
  const CLI::App* command = innermost(app);
  const std::string message = error.what();
  core::Failure failure;
  if (message.starts_with("A subcommand is required")) {
    // `quizdeck fsrs replya`: CLI11 reports the missing subcommand, not the unknown word.
    if (!leftovers(app).empty()) return unexpected_arguments(app, io);
    failure =
        core::fail(ExitCode::kUsage, fmt::format("'{}' needs a command", full_name(*command)));
  } else {
    failure = core::fail(ExitCode::kUsage, reworded(message));
  }
  failure.hint = usage_hint(*command);
  render(failure, io);
}

// `quizdeck help [COMMAND]`.
ExitCode show_help(const CLI::App& app, const CLI::App& help, const std::string& topic,
                   const std::vector<std::string>& names, Streams& io) {
  if (topic.empty()) {
    io.out << help_text(app);
    return ExitCode::kOk;
  }
  if (topic == "help") {
    io.out << help_text(help);
    return ExitCode::kOk;
  }
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == topic) {
      io.out << help_text(*sub);
      return ExitCode::kOk;
    }
  }
  render(unknown_command(topic, names), io);
  return ExitCode::kUsage;
}

}  // namespace

int run(int argc, const char* const* argv, Streams& io) {
  CLI::App app{"quizdeck: exam practice and spaced-repetition flashcards in the terminal",
               "quizdeck"};
  GlobalOptions global;
  const std::vector<Command> table = command_table();
  std::deque<Node> nodes;
  build(app, global, table, nodes);
  std::string help_topic;
  CLI::App* help = app.add_subcommand("help", "show help for quizdeck or for one command");
  help->add_option("COMMAND", help_topic, "the command to explain")->type_name("");
  std::vector<std::string> names{"help"};
  for (const Command& command : table) names.push_back(command.name);

  if (argc <= 1) {
    io.err << help_text(app);
    return to_int(ExitCode::kUsage);
  }
  const std::string first = argv[1];
  if (!first.starts_with("-") && std::find(names.begin(), names.end(), first) == names.end()) {
    render(unknown_command(first, names), io);
    return to_int(ExitCode::kUsage);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    io.out << help_text(*innermost(app));
    return to_int(ExitCode::kOk);
  } catch (const CLI::CallForVersion& e) {
    io.out << e.what() << '\n';
    return to_int(ExitCode::kOk);
  } catch (const CLI::ExtrasError&) {
    unexpected_arguments(app, io);
    return to_int(ExitCode::kUsage);
  } catch (const CLI::ParseError& e) {
    parse_failed(app, e, io);
    return to_int(ExitCode::kUsage);
  }
  if (help->parsed()) return to_int(show_help(app, *help, help_topic, names, io));
  const CLI::App* chosen = innermost(app);
  for (Node& node : nodes) {
    if (node.app == chosen && node.command != nullptr && node.command->run) {
      return to_int(run_command(nodes.front(), node, global, io));
    }
  }
  io.err << help_text(app);
  return to_int(ExitCode::kUsage);
}

}  // namespace quizdeck::cli
