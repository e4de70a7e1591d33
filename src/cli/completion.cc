// SPDX-License-Identifier: MIT
#include "cli/completion.h"

#include <fmt/format.h>

namespace quizdeck::cli {
namespace {

// The value kinds, as the scripts name them.
std::string_view kind_name(Complete completion) {
  switch (completion) {
    case Complete::kDeckFile:
      return "deck-file";
    case Complete::kDeckOrId:
      return "deck-or-id";
    case Complete::kFile:
      return "file";
    case Complete::kSetting:
      return "setting";
    case Complete::kChoices:
      return "choices";
    case Complete::kNone:
      break;
  }
  return "none";
}

std::string join(const std::vector<std::string>& items, std::string_view separator = " ") {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// Text inside single quotes, for any of the three shells.
std::string shell_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// A description for zsh's _describe: "name:help" with ':' in the name escaped.
std::string described(std::string_view name, std::string_view help) {
  std::string out;
  for (const char c : name) {
    if (c == ':') out += '\\';
    out += c;
  }
  return shell_quoted(out + ":" + std::string(help));
}

std::vector<std::string> top_level(const CompletionSpec& spec) {
  std::vector<std::string> names;
  for (const auto& command : spec.commands) {
    if (command.path.find(' ') == std::string::npos) names.push_back(command.path);
  }
  return names;
}

std::vector<std::string> children(const CompletionSpec& spec, const std::string& group) {
  std::vector<std::string> names;
  for (const auto& command : spec.commands) {
    if (command.path.starts_with(group + " "))
      names.push_back(command.path.substr(group.size() + 1));
  }
  return names;
}

std::vector<std::string> flag_names(const std::vector<CompletionArg>& args) {
  std::vector<std::string> names;
  for (const auto& arg : args) names.insert(names.end(), arg.names.begin(), arg.names.end());
  return names;
}

std::vector<const CompletionArg*> positionals(const CompletionCommand& command) {
  std::vector<const CompletionArg*> out;
  for (const auto& arg : command.args) {
    if (arg.names.empty()) out.push_back(&arg);
  }
  return out;
}

// Shell code shared in spirit by bash and zsh: a walk over the words before the cursor that
// finds the command path and counts positional arguments, skipping flags and their values.
// `word` and `next` are how each shell spells a word and a skip.
std::string walk_cases(const CompletionSpec& spec) {
  std::string cases;
  for (const auto& command : spec.commands) {
    const auto space = command.path.find(' ');
    const std::string parent = space == std::string::npos ? "" : command.path.substr(0, space);
    const std::string last =
        space == std::string::npos ? command.path : command.path.substr(space + 1);
    cases += fmt::format("      {}) cmd={}; npos=0 ;;\n", shell_quoted(parent + "|" + last),
                         shell_quoted(command.path));
  }
  return cases;
}

// "cmd|--flag" patterns of every flag that takes a value, by the kind of value.
std::string value_cases(const CompletionSpec& spec, const std::string& indent,
                        const std::function<std::string(const CompletionArg&)>& action) {
  std::string cases;
  const auto add = [&](const std::string& cmd_pattern, const CompletionArg& arg) {
    if (!arg.takes_value || arg.names.empty()) return;
    std::vector<std::string> patterns;
    for (const auto& name : arg.names) patterns.push_back(shell_quoted(cmd_pattern + "|" + name));
    cases += fmt::format("{}{}) {} ;;\n", indent, join(patterns, "|"), action(arg));
  };
  for (const auto& command : spec.commands) {
    for (const auto& arg : command.args) add(command.path, arg);
  }
  for (const auto& arg : spec.global) {
    if (!arg.takes_value) continue;
    std::vector<std::string> patterns;
    for (const auto& name : arg.names) patterns.push_back("*'|" + name + "'");
    cases += fmt::format("{}{}) {} ;;\n", indent, join(patterns, "|"), action(arg));
  }
  return cases;
}

// The call that completes a value of this kind (see _quizdeck_values in each script).
std::string complete_value(const CompletionArg& arg) {
  return fmt::format("_quizdeck_values {} {}", kind_name(arg.completion),
                     shell_quoted(join(arg.choices)));
}

// The loop bash and zsh run over the words before the cursor, `loop` its bounds and `word`
// the i-th word: it finds the command being typed (`cmd`) and counts its positional
// arguments (`npos`), stepping over each flag's value; after it, the value of a flag just
// typed is completed.
std::string walk_words(const CompletionSpec& spec, std::string_view loop, std::string_view word) {
  std::string out = fmt::format(R"sh(  for (({}; i++)); do
    w={}
    if [[ $w == -* ]]; then
      case "$cmd|$w" in
)sh",
                                loop, word);
  out += value_cases(spec, "        ", [](const CompletionArg&) { return "((i++))"; });
  out += R"sh(      esac
      continue
    fi
    case "$cmd|$w" in
)sh";
  out += walk_cases(spec);
  out += R"sh(      *) ((npos++)) ;;
    esac
  done
  case "$cmd|$prev" in
)sh";
  out += value_cases(spec, "    ",
                     [](const CompletionArg& arg) { return complete_value(arg) + "; return"; });
  out += "  esac\n";
  return out;
}

// A command's positional arguments by their number, the last taking any after it.
std::string positional_cases(const CompletionCommand& command) {
  const auto args = positionals(command);
  if (args.empty()) return "";
  std::string out = fmt::format("    {})\n      case $npos in\n", shell_quoted(command.path));
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool last = i + 1 == args.size();
    out += fmt::format("        {}) {} ;;\n", last ? "*" : std::to_string(i),
                       complete_value(*args[i]));
  }
  out += "      esac\n      ;;\n";
  return out;
}

std::string bash_script(const CompletionSpec& spec) {
  std::string out = R"sh(# bash completion for quizdeck; generated by `quizdeck completion bash`.
_quizdeck_deck_ids() {
  local store=() i
  for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
    [[ ${COMP_WORDS[i]} == --store ]] && store=(--store "${COMP_WORDS[i + 1]}")
  done
  command quizdeck "${store[@]}" completion --list deck-ids 2>/dev/null
}

_quizdeck_values() {
  local kind=$1 choices=$2 cur=${COMP_WORDS[COMP_CWORD]} f
  case $kind in
    deck-file | deck-or-id)
      compopt -o filenames 2>/dev/null
      while IFS= read -r f; do
        [[ -d $f || $f == *.yaml || $f == *.yml ]] && COMPREPLY+=("$f")
      done < <(compgen -f -- "$cur")
      [[ $kind == deck-or-id ]] && COMPREPLY+=($(compgen -W "$(_quizdeck_deck_ids)" -- "$cur"))
      ;;
    file)
      compopt -o filenames 2>/dev/null
      COMPREPLY+=($(compgen -f -- "$cur"))
      ;;
    setting) COMPREPLY+=($(compgen -W ")sh" +
                    join(spec.settings) + R"sh(" -- "$cur")) ;;
    choices) COMPREPLY+=($(compgen -W "$choices" -- "$cur")) ;;
  esac
}

_quizdeck() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local cmd="" npos=0 i w
  COMPREPLY=()
)sh";
  out += walk_words(spec, "i = 1; i < COMP_CWORD", "${COMP_WORDS[i]}");
  out += "  if [[ $cur == -* ]]; then\n    case $cmd in\n";
  std::string flags_global = join(flag_names(spec.global));
  for (const auto& command : spec.commands) {
    out += fmt::format("      {}) COMPREPLY=($(compgen -W {} -- \"$cur\")) ;;\n",
                       shell_quoted(command.path),
                       shell_quoted(join(flag_names(command.args)) + " --help " + flags_global));
  }
  out += fmt::format(
      "      *) COMPREPLY=($(compgen -W {} -- \"$cur\")) ;;\n    esac\n    return\n  fi\n",
      shell_quoted(flags_global + " --help --version"));
  out += "  case $cmd in\n";
  out += fmt::format("    '') COMPREPLY=($(compgen -W {} -- \"$cur\")) ;;\n",
                     shell_quoted(join(top_level(spec)) + " help"));
  for (const auto& command : spec.commands) {
    if (command.is_group) {
      out +=
          fmt::format("    {}) COMPREPLY=($(compgen -W {} -- \"$cur\")) ;;\n",
                      shell_quoted(command.path), shell_quoted(join(children(spec, command.path))));
      continue;
    }
    out += positional_cases(command);
  }
  out += fmt::format("    help) COMPREPLY=($(compgen -W {} -- \"$cur\")) ;;\n",
                     shell_quoted(join(top_level(spec))));
  out += "  esac\n}\n\ncomplete -F _quizdeck quizdeck\n";
  return out;
}

std::string zsh_script(const CompletionSpec& spec) {
  std::string out = R"sh(#compdef quizdeck
# zsh completion for quizdeck; generated by `quizdeck completion zsh`.

_quizdeck_values() {
  local kind=$1 choices=$2
  case $kind in
    deck-file) _files -g '*.(yaml|yml)' ;;
    deck-or-id)
      _files -g '*.(yaml|yml)'
      local -a ids store
      local at=${words[(i)--store]}
      (( at < CURRENT - 1 )) && store=(--store ${words[at + 1]})
      ids=(${(f)"$(command quizdeck $store completion --list deck-ids 2>/dev/null)"})
      compadd -a ids
      ;;
    file) _files ;;
    setting) compadd -- )sh" +
                    join(spec.settings) + R"sh( ;;
    choices) compadd -- ${=choices} ;;
  esac
}

_quizdeck() {
  local cur=${words[CURRENT]} prev=${words[CURRENT-1]}
  local cmd="" npos=0 i w
)sh";
  out += walk_words(spec, "i = 2; i < CURRENT", "${words[i]}");
  out += "  local -a described\n  if [[ $cur == -* ]]; then\n    case $cmd in\n";
  const auto describe_flags = [](const std::vector<CompletionArg>& args) {
    std::vector<std::string> items;
    for (const auto& arg : args) {
      for (const auto& name : arg.names) items.push_back(described(name, arg.help));
    }
    return join(items);
  };
  const std::string global = describe_flags(spec.global);
  for (const auto& command : spec.commands) {
    out += fmt::format("      {}) described=({} {} {}) ;;\n", shell_quoted(command.path),
                       describe_flags(command.args), described("--help", "show help"), global);
  }
  out += fmt::format("      *) described=({} {} {}) ;;\n    esac\n", global,
                     described("--help", "show help"), described("--version", "print the version"));
  out += "    _describe 'option' described\n    return\n  fi\n  case $cmd in\n";
  std::vector<std::string> top;
  for (const auto& command : spec.commands) {
    if (command.path.find(' ') == std::string::npos) {
      top.push_back(described(command.path, command.summary));
    }
  }
  top.push_back(described("help", "show help for quizdeck or for one command"));
  out += fmt::format("    '') described=({}); _describe 'command' described ;;\n", join(top));
  for (const auto& command : spec.commands) {
    if (command.is_group) {
      std::vector<std::string> subs;
      for (const auto& sub : spec.commands) {
        if (sub.path.starts_with(command.path + " ")) {
          subs.push_back(described(sub.path.substr(command.path.size() + 1), sub.summary));
        }
      }
      out += fmt::format("    {}) described=({}); _describe 'command' described ;;\n",
                         shell_quoted(command.path), join(subs));
      continue;
    }
    out += positional_cases(command);
  }
  out += fmt::format("    help) compadd -- {} ;;\n  esac\n}}\n\n", join(top_level(spec)));
  out +=
      "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n  _quizdeck \"$@\"\nelse\n"
      "  compdef _quizdeck quizdeck\nfi\n";
  return out;
}

// The functions the completions call: which command is being typed, whether a
// positional argument comes next, the deck ids and deck files.
std::string fish_functions(const CompletionSpec& spec) {
  std::string out =
      "# fish completion for quizdeck; generated by `quizdeck completion fish`.\n"
      "function __quizdeck_cmd --description 'the quizdeck command being typed'\n"
      "    set -l words (commandline -opc)\n"
      "    set -l cmd ''\n"
      "    set -l skip 0\n"
      "    for w in $words[2..-1]\n"
      "        if test $skip -eq 1\n"
      "            set skip 0\n"
      "            continue\n"
      "        end\n"
      "        switch \"$cmd|$w\"\n";
  std::vector<std::string> valued;
  for (const auto& command : spec.commands) {
    for (const auto& arg : command.args) {
      if (!arg.takes_value) continue;
      for (const auto& name : arg.names) valued.push_back(shell_quoted(command.path + "|" + name));
    }
  }
  for (const auto& arg : spec.global) {
    if (!arg.takes_value) continue;
    for (const auto& name : arg.names) valued.push_back("'*|" + name + "'");
  }
  out += "            case " + join(valued) + "\n                set skip 1\n";
  out += "            case '*|-*'\n";
  for (const auto& command : spec.commands) {
    const auto space = command.path.find(' ');
    const std::string parent = space == std::string::npos ? "" : command.path.substr(0, space);
    const std::string last =
        space == std::string::npos ? command.path : command.path.substr(space + 1);
    out += fmt::format("            case {}\n                set cmd {}\n",
                       shell_quoted(parent + "|" + last), shell_quoted(command.path));
  }
  out += "        end\n    end\n    echo $cmd\nend\n\n";
  out +=
      "function __quizdeck_is --argument-names wanted\n"
      "    test (__quizdeck_cmd) = \"$wanted\"\nend\n\n";
  // A positional argument comes next unless the word before is a flag wanting a value.
  std::vector<std::string> value_flags;
  for (const auto& command : spec.commands) {
    for (const auto& arg : command.args) {
      if (arg.takes_value)
        value_flags.insert(value_flags.end(), arg.names.begin(), arg.names.end());
    }
  }
  for (const auto& arg : spec.global) {
    if (arg.takes_value) value_flags.insert(value_flags.end(), arg.names.begin(), arg.names.end());
  }
  out +=
      "function __quizdeck_positional --argument-names wanted\n"
      "    __quizdeck_is \"$wanted\"; or return 1\n"
      "    set -l words (commandline -opc)\n"
      "    not contains -- $words[-1] " +
      join(value_flags) +
      "\nend\n\n"
      "function __quizdeck_deck_ids --description 'deck ids the store knows'\n"
      "    set -l words (commandline -opc)\n"
      "    set -l store\n"
      "    set -l i (contains --index -- --store $words)\n"
      "    and set store --store $words[(math $i + 1)]\n"
      "    command quizdeck $store completion --list deck-ids 2>/dev/null\n"
      "end\n\n"
      "function __quizdeck_deck_files --description 'deck files and directories'\n"
      "    set -l token (commandline -ct)\n"
      "    for f in $token*\n"
      "        if test -d $f\n"
      "            echo $f/\n"
      "        else if string match -qr '\\.ya?ml$' -- $f\n"
      "            echo $f\n"
      "        end\n"
      "    end\n"
      "end\n\n";
  return out;
}

std::string fish_script(const CompletionSpec& spec) {
  std::string out = fish_functions(spec);
  out += "complete -c quizdeck -f\n";
  const auto values = [&](const CompletionArg& arg) -> std::string {
    switch (arg.completion) {
      case Complete::kDeckFile:
        return "-a '(__quizdeck_deck_files)'";
      case Complete::kDeckOrId:
        return "-a '(__quizdeck_deck_files; __quizdeck_deck_ids)'";
      case Complete::kFile:
        return "-F";
      case Complete::kSetting:
        return "-a " + shell_quoted(join(spec.settings));
      case Complete::kChoices:
        return "-a " + shell_quoted(join(arg.choices));
      case Complete::kNone:
        break;
    }
    return "";
  };
  const auto flag = [&](const std::string& condition, const CompletionArg& arg) {
    std::string line = "complete -c quizdeck -n " + shell_quoted(condition);
    for (const auto& name : arg.names) {
      line += name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1);
    }
    // -x: a value, and no file names; -r -F: a file name.
    if (arg.takes_value) {
      line += arg.completion == Complete::kFile ? " -r -F" : " -x " + values(arg);
    }
    return line + " -d " + shell_quoted(arg.help) + "\n";
  };
  for (const auto& arg : spec.global) out += flag("true", arg);
  for (const auto& command : spec.commands) {
    const auto space = command.path.find(' ');
    const std::string parent = space == std::string::npos ? "" : command.path.substr(0, space);
    const std::string last =
        space == std::string::npos ? command.path : command.path.substr(space + 1);
    out += fmt::format("complete -c quizdeck -n {} -a {} -d {}\n",
                       shell_quoted("__quizdeck_is " + shell_quoted(parent)), shell_quoted(last),
                       shell_quoted(command.summary));
    const std::string here = "__quizdeck_is " + shell_quoted(command.path);
    for (const auto& arg : command.args) {
      if (arg.names.empty()) {
        if (arg.completion != Complete::kNone) {
          out += fmt::format("complete -c quizdeck -n {} {}\n",
                             shell_quoted("__quizdeck_positional " + shell_quoted(command.path)),
                             values(arg));
        }
      } else {
        out += flag(here, arg);
      }
    }
  }
  out += fmt::format("complete -c quizdeck -n {} -a help -d {}\n", shell_quoted("__quizdeck_is ''"),
                     shell_quoted("show help for quizdeck or for one command"));
  out += fmt::format("complete -c quizdeck -n {} -a {}\n", shell_quoted("__quizdeck_is help"),
                     shell_quoted(join(top_level(spec))));
  return out;
}

}  // namespace

CompletionArg completion_arg(const Arg& arg) {
  CompletionArg out;
  if (!arg.positional) {
    for (const auto& name : arg.long_names()) out.names.push_back("--" + name);
    for (const auto& name : arg.short_names()) out.names.push_back("-" + name);
  }
  out.help = arg.help;
  out.takes_value = !arg.is_flag();
  out.completion = arg.completion;
  out.choices = arg.allowed;
  return out;
}

std::string completion_script(std::string_view shell, const CompletionSpec& spec) {
  if (shell == "bash") return bash_script(spec);
  if (shell == "zsh") return zsh_script(spec);
  return fish_script(spec);
}

}  // namespace quizdeck::cli
