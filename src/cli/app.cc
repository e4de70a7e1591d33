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
#include "cli/cmd_config.h"
#include "cli/cmd_fsrs.h"
#include "cli/cmd_history.h"
#include "cli/cmd_relink.h"
#include "cli/cmd_report.h"
#include "cli/cmd_reset.h"
#include "cli/cmd_stats.h"
#include "cli/cmd_status.h"
#include "cli/cmd_store.h"
#include "cli/cmd_study.h"
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
  FsrsReplayOptions fsrs_replay;
  FsrsPreviewOptions fsrs_preview;
  CLI::App* fsrs_replay_command = nullptr;
  CLI::App* fsrs_preview_command = nullptr;
  StoreOptions store;  // --store and --now, for every command that uses them
  StorePruneOptions store_prune;
  CLI::App* store_path_command = nullptr;
  CLI::App* store_check_command = nullptr;
  CLI::App* store_rebuild_command = nullptr;
  StudyOptions study;
  StatsOptions stats;
  StatusOptions status;
  ReportOptions report;
  RelinkOptions relink;
  HistoryOptions history;
  ResetOptions reset;
  ConfigOptions config;
  std::string help_topic;
};

// The command table: name, one-line summary, how its options are declared, how it runs.
struct Command {
  std::string_view name;
  std::string_view summary;
  std::function<void(CLI::App&, Options&)> declare;
  std::function<ExitCode(Options&, Streams&)> run;
};

// Options every study mode takes.
void declare_study_flags(CLI::App& cmd, StudyOptions& o) {
  cmd.add_option("PATH", o.paths, "deck files, or directories of decks")->required()->type_name("");
  cmd.add_option("--tag", o.tags, "only cards with this tag (repeatable)")->type_name("TAG");
  cmd.add_option("--card", o.card, "only this card")->type_name("ID");
  cmd.add_option("--seed", o.seed, "seed for the order of cards and choices")->type_name("N");
  cmd.add_flag("--repeat-wrong", o.repeat_wrong,
               "ask missed cards again at the end until each is right once");
  cmd.add_flag("--json", o.json, "scripted: print JSON Lines events");
  cmd.add_flag("--script", o.script, "read answers from standard input even on a terminal");
  cmd.add_option("--color", o.color, "colours: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
}

void declare_scheduler_flags(CLI::App& cmd, schedule::SettingsText& flags) {
  cmd.add_option("--retention", flags.retention, "desired retention, in (0, 1) (default 0.9)")
      ->type_name("R");
  cmd.add_option("--params", flags.params, "FSRS weights: 21, 19 or 17 comma-separated numbers")
      ->type_name("W0,W1,...");
  cmd.add_option("--learning-steps", flags.learning_steps, "learning steps (default 1m,10m; none)")
      ->type_name("LIST");
  cmd.add_option("--relearning-steps", flags.relearning_steps,
                 "relearning steps (default 10m; none)")
      ->type_name("LIST");
  cmd.add_option("--max-interval", flags.max_interval, "maximum interval in days (default 36500)")
      ->type_name("DAYS");
  cmd.add_option("--fuzz", flags.fuzz, "interval fuzz, as ts-fsrs does it (default off)")
      ->type_name("on|off");
  cmd.add_option("--short-term", flags.short_term,
                 "short-term scheduler with steps (default on); off: long-term scheduler")
      ->type_name("on|off");
}

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
         cmd.add_flag("--store", o.check.compare_store,
                      "also name cards of the store that left their decks (the store is the "
                      "one 'quizdeck --store PATH check' names, or the default)");
       },
       [](Options& o, Streams& out) {
         o.check.store = o.store;
         return run_check(o.check, out);
       }},
      {"cards", "list the cards of a deck",
       [](CLI::App& cmd, Options& o) {
         cmd.add_option("DECK", o.cards.path, "the deck file")->required()->type_name("");
         cmd.add_flag("--json", o.cards.json, "print JSON for scripts");
       },
       [](Options& o, Streams& out) {
         o.cards.store = o.store;
         return run_cards(o.cards, out);
       }},
      {"fsrs", "FSRS scheduler plumbing: replay review histories, preview a review",
       [](CLI::App& cmd, Options& o) {
         cmd.require_subcommand(1);
         CLI::App* replay = cmd.add_subcommand(
             "replay", "replay review histories (JSON Lines in the FSRS oracle's format)");
         replay->add_option("FILE", o.fsrs_replay.input, "JSON Lines input, - for standard input")
             ->type_name("");
         replay->add_flag("--with-preview", o.fsrs_replay.with_preview,
                          "also record all four outcomes at every review");
         replay->add_option("--jobs", o.fsrs_replay.jobs, "threads to use (default: one per core)")
             ->check(CLI::Range(1, 64))
             ->type_name("N");
         declare_scheduler_flags(*replay, o.fsrs_replay.scheduler);
         o.fsrs_replay_command = replay;
         CLI::App* preview =
             cmd.add_subcommand("preview", "show what Again, Hard, Good and Easy would do");
         preview
             ->add_option("--card", o.fsrs_preview.card,
                          "the card as JSON (oracle card fields; default: a new card)")
             ->type_name("JSON");
         preview->add_option("--now", o.fsrs_preview.now, "time of the review (ISO 8601)")
             ->required()
             ->type_name("TIME");
         preview->add_flag("--json", o.fsrs_preview.json,
                           "print JSON in the oracle's preview shape");
         declare_scheduler_flags(*preview, o.fsrs_preview.scheduler);
         o.fsrs_preview_command = preview;
       },
       [](Options& o, Streams& out) {
         if (o.fsrs_replay_command->parsed()) return run_fsrs_replay(o.fsrs_replay, out);
         return run_fsrs_preview(o.fsrs_preview, out);
       }},
      {"drill", "study: due cards first, then new ones; every answer updates the schedule",
       [](CLI::App& cmd, Options& o) {
         declare_study_flags(cmd, o.study);
         cmd.add_option("--new", o.study.new_per_day, "new cards per deck per day (default 20)")
             ->check(CLI::NonNegativeNumber)
             ->type_name("N");
         cmd.add_option("--max", o.study.max, "at most this many cards in the session")
             ->check(CLI::PositiveNumber)
             ->type_name("N");
         cmd.add_flag("--ahead", o.study.ahead,
                      "nothing due: review the cards due soonest (still scheduled)");
       },
       [](Options& o, Streams& out) {
         return run_study(session::Mode::kDrill, o.store, o.study, out);
       }},
      {"exam", "a practice exam: sampled questions, a timer, a pass mark, a scored report",
       [](CLI::App& cmd, Options& o) {
         declare_study_flags(cmd, o.study);
         cmd.add_option("--questions", o.study.questions,
                        "how many questions (default: the deck's exam.questions, else all)")
             ->check(CLI::PositiveNumber)
             ->type_name("N");
         cmd.add_flag("--by-tag", o.study.by_tag, "spread the questions over tags in proportion");
         cmd.add_option("--time", o.study.time, "time limit such as 30m or 1h30m")
             ->type_name("DURATION");
         cmd.add_option("--pass", o.study.pass, "pass mark such as 70%")->type_name("PERCENT");
         cmd.add_flag("--feedback", o.study.feedback, "show right or wrong after each answer");
         cmd.add_flag("--no-schedule", o.study.no_schedule,
                      "record the answers without updating the schedule");
       },
       [](Options& o, Streams& out) {
         return run_study(session::Mode::kExam, o.store, o.study, out);
       }},
      {"cram", "practise any cards without touching the schedule",
       [](CLI::App& cmd, Options& o) {
         declare_study_flags(cmd, o.study);
         cmd.add_option("--wrong", o.study.wrong_days, "cards missed in the last N days")
             ->check(CLI::PositiveNumber)
             ->type_name("DAYS");
         cmd.add_option("--weakest", o.study.weakest, "the N cards least likely recalled now")
             ->check(CLI::PositiveNumber)
             ->type_name("N");
         cmd.add_flag("--all", o.study.all, "every card (the default without --wrong/--weakest)");
         cmd.add_option("--max", o.study.max, "at most this many cards")
             ->check(CLI::PositiveNumber)
             ->type_name("N");
       },
       [](Options& o, Streams& out) {
         return run_study(session::Mode::kCram, o.store, o.study, out);
       }},
      {"stats", "progress: cards, due, forecast, reviews by day, retention, tags, exams",
       [](CLI::App& cmd, Options& o) {
         cmd.add_option("PATH", o.stats.paths, "decks (default: every deck the store has seen)")
             ->type_name("");
         cmd.add_option("--days", o.stats.days, "days of history the calendar shows (default 365)")
             ->check(CLI::Range(7, 365))
             ->type_name("N");
         cmd.add_flag("--json", o.stats.json, "every figure as JSON");
         cmd.add_option("--color", o.stats.color, "colours: auto, always or never")
             ->check(CLI::IsMember({"auto", "always", "never"}))
             ->type_name("WHEN");
         cmd.add_option("--width", o.stats.width, "chart width (default: the terminal's)")
             ->check(CLI::Range(40, 400))
             ->type_name("COLUMNS");
       },
       [](Options& o, Streams& out) { return run_stats(o.store, o.stats, out); }},
      {"status", "one line per deck for prompts and scripts; exit 6 when nothing is due",
       [](CLI::App& cmd, Options& o) {
         cmd.add_option("PATH", o.status.paths, "decks (default: every deck the store has seen)")
             ->type_name("");
         cmd.add_option("--new", o.status.new_per_day, "new cards per deck per day (default 20)")
             ->check(CLI::NonNegativeNumber)
             ->type_name("N");
       },
       [](Options& o, Streams& out) { return run_status(o.store, o.status, out); }},
      {"report", "write a self-contained HTML progress report",
       [](CLI::App& cmd, Options& o) {
         cmd.add_option("PATH", o.report.paths, "decks (default: every deck the store has seen)")
             ->type_name("");
         cmd.add_option("-o,--output", o.report.output,
                        "the HTML file to write (default quizdeck-report.html)")
             ->type_name("FILE");
       },
       [](Options& o, Streams& out) { return run_report(o.store, o.report, out); }},
      {"store", "the score store: where it is, check it, rebuild card states, prune",
       [](CLI::App& cmd, Options& o) {
         cmd.require_subcommand(1);
         o.store_path_command = cmd.add_subcommand("path", "print where the store is");
         o.store_check_command = cmd.add_subcommand(
             "check", "check the store: SQLite's integrity check and quizdeck's own");
         o.store_rebuild_command =
             cmd.add_subcommand("rebuild", "recompute every card's state from the review log");
         CLI::App* prune =
             cmd.add_subcommand("prune", "remove cards that left their decks, with their reviews");
         prune
             ->add_option("PATH", o.store_prune.paths,
                          "deck files to compare with (default: where each deck was last seen)")
             ->type_name("");
         prune->add_flag("--yes,-y", o.store_prune.yes, "do not ask for confirmation");
       },
       [](Options& o, Streams& out) {
         if (o.store_path_command->parsed()) return run_store_path(o.store, out);
         if (o.store_check_command->parsed()) return run_store_check(o.store, out);
         if (o.store_rebuild_command->parsed()) return run_store_rebuild(o.store, out);
         return run_store_prune(o.store, o.store_prune, out);
       }},
      {"history", "show the review log",
       [](CLI::App& cmd, Options& o) {
         cmd.add_option("DECK", o.history.deck, "a deck id or deck file (default: every deck)")
             ->type_name("");
         cmd.add_option("--card", o.history.card, "only this card")->type_name("ID");
         cmd.add_option("--since", o.history.since, "only reviews from this date or time on")
             ->type_name("DATE");
         cmd.add_flag("--json", o.history.json, "print JSON Lines");
         cmd.add_flag("--csv", o.history.csv, "print CSV");
       },
       [](Options& o, Streams& out) { return run_history(o.store, o.history, out); }},
      {"reset", "forget the progress of a deck or card (the reviews are kept)",
       [](CLI::App& cmd, Options& o) {
         cmd.add_option("DECK", o.reset.deck, "a deck id or deck file")->required()->type_name("");
         cmd.add_option("--card", o.reset.card, "only this card")->type_name("ID");
         cmd.add_flag("--yes,-y", o.reset.yes, "do not ask for confirmation");
       },
       [](Options& o, Streams& out) { return run_reset(o.store, o.reset, out); }},
      {"relink", "move a card's history to its new id after an edit",
       [](CLI::App& cmd, Options& o) {
         cmd.add_option("DECK", o.relink.deck, "a deck id or deck file")->required()->type_name("");
         cmd.add_option("OLD_ID", o.relink.old_id, "the id the history is under")
             ->required()
             ->type_name("");
         cmd.add_option("NEW_ID", o.relink.new_id, "the card's id now")->required()->type_name("");
       },
       [](Options& o, Streams& out) { return run_relink(o.store, o.relink, out); }},
      {"config", "show or change scheduler settings, globally or per deck",
       [](CLI::App& cmd, Options& o) {
         cmd.add_option("KEY", o.config.key,
                        "retention, max-interval, learning-steps, relearning-steps, fuzz, "
                        "short-term or params")
             ->type_name("");
         cmd.add_option("VALUE", o.config.value, "the new value")->type_name("");
         cmd.add_option("--deck", o.config.deck, "for this deck only (a deck id or deck file)")
             ->type_name("DECK");
         cmd.add_flag("--unset", o.config.unset, "remove the setting (the default applies)");
       },
       [](Options& o, Streams& out) { return run_config(o.store, o.config, out); }},
  };
  return table;
}

std::vector<std::string> command_names() {
  std::vector<std::string> names{"help"};
  for (const auto& command : commands()) names.emplace_back(command.name);
  return names;
}

std::string help_text(const CLI::App& command);
std::string full_name(const CLI::App& command);
const CLI::App* innermost(const CLI::App& app);

ExitCode unknown_command(std::string_view name, Streams& io) {
  io.err << fmt::format("quizdeck: error: unknown command '{}'\n", name);
  if (const auto near = core::suggest(name, command_names())) {
    io.err << fmt::format("quizdeck: note: did you mean '{}'?\n", *near);
  }
  io.err << "Run 'quizdeck --help' for the list of commands.\n";
  return ExitCode::kUsage;
}

// CLI11 says "The following arguments were not expected"; name the flag and a likely fix.
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
ExitCode unexpected_arguments(const CLI::App& app, Streams& io) {
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
  for (const CLI::App* sub : command->get_subcommands({}))
    subcommand_names.push_back(sub->get_name());
  for (const auto& extra : leftovers(app)) {
    if (!extra.starts_with("-") && !subcommand_names.empty()) {
      io.err << fmt::format("quizdeck: error: unknown command '{} {}'\n", where, extra);
      if (const auto near = core::suggest(extra, subcommand_names)) {
        io.err << fmt::format("quizdeck: note: did you mean '{} {}'?\n", where, *near);
      }
      break;
    }
    if (extra.starts_with("-")) {
      const std::string flag = extra.substr(0, extra.find('='));
      io.err << fmt::format("quizdeck: error: unknown option '{}' for '{}'\n", flag, where);
      if (const auto near = core::suggest(flag, flags)) {
        io.err << fmt::format("quizdeck: note: did you mean '{}'?\n", *near);
      }
    } else {
      io.err << fmt::format("quizdeck: error: unexpected argument '{}' for '{}'\n", extra, where);
    }
  }
  io.err << fmt::format("Run '{} --help' for usage.\n", where);
  return ExitCode::kUsage;
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

}  // namespace

int run(int argc, const char* const* argv, Streams& io) {
  CLI::App app{"quizdeck: exam practice and spaced-repetition flashcards in the terminal",
               "quizdeck"};
  app.set_version_flag("--version", std::string("quizdeck ") + QUIZDECK_VERSION,
                       "print the version and exit");
  app.require_subcommand(0, 1);
  app.footer(std::string("\nRun 'quizdeck help COMMAND' for a command's options.\n\n") +
             kExitCodeHelp);

  Options options;
  app.add_option("--store", options.store.path,
                 "the store file (default: $QUIZDECK_STORE, else "
                 "$XDG_DATA_HOME/quizdeck/quizdeck.db, else ~/.local/share/quizdeck/quizdeck.db)")
      ->type_name("PATH");
  app.add_option("--now", options.store.now,
                 "act as if it were this time (ISO 8601; default: $QUIZDECK_NOW, else the clock)")
      ->type_name("TIME");
  app.add_flag("--no-cache", options.store.no_cache,
               "parse every deck file, neither using nor filling the deck cache");
  std::vector<std::pair<CLI::App*, const Command*>> subcommands;
  for (const auto& command : commands()) {
    CLI::App* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
    command.declare(*sub, options);
    sub->footer(std::string("\nAlso: --store PATH (the store file), --now TIME and --no-cache "
                            "(parse every deck), before or after the command.\n\n") +
                kExitCodeHelp);
    // --store, --now and --no-cache may also follow the command.
    sub->fallthrough();
    for (CLI::App* nested : sub->get_subcommands({})) {
      nested->fallthrough();
      nested->footer(kExitCodeHelp);
    }
    subcommands.emplace_back(sub, &command);
  }
  CLI::App* help = app.add_subcommand("help", "show help for quizdeck or for one command");
  help->add_option("COMMAND", options.help_topic, "the command to explain")->type_name("");

  if (argc <= 1) {
    io.err << help_text(app);
    return to_int(ExitCode::kUsage);
  }
  const std::string first = argv[1];
  if (!first.starts_with("-")) {
    const auto names = command_names();
    if (std::find(names.begin(), names.end(), first) == names.end()) {
      return to_int(unknown_command(first, io));
    }
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
    return to_int(unexpected_arguments(app, io));
  } catch (const CLI::ParseError& e) {
    const CLI::App* command = innermost(app);
    const std::string message = e.what();
    if (message.starts_with("A subcommand is required")) {
      // `quizdeck fsrs replya`: CLI11 reports the missing subcommand, not the unknown word.
      if (!leftovers(app).empty()) return to_int(unexpected_arguments(app, io));
      io.err << fmt::format("quizdeck: error: '{}' needs a command\n", full_name(*command));
    } else {
      io.err << fmt::format("quizdeck: error: {}\n", message);
    }
    io.err << fmt::format("Run '{} --help' for usage.\n", full_name(*command));
    return to_int(ExitCode::kUsage);
  }

  if (help->parsed()) {
    if (options.help_topic.empty()) {
      io.out << help_text(app);
      return to_int(ExitCode::kOk);
    }
    for (const auto& [sub, command] : subcommands) {
      if (command->name == options.help_topic) {
        io.out << help_text(*sub);
        return to_int(ExitCode::kOk);
      }
    }
    if (options.help_topic == "help") {
      io.out << help_text(*help);
      return to_int(ExitCode::kOk);
    }
    return to_int(unknown_command(options.help_topic, io));
  }
  for (const auto& [sub, command] : subcommands) {
    if (sub->parsed()) return to_int(command->run(options, io));
  }
  io.err << help_text(app);
  return to_int(ExitCode::kUsage);
}

}  // namespace quizdeck::cli
