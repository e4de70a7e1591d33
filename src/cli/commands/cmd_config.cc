// SPDX-License-Identifier: MIT
// `quizdeck config [--deck DECK] [KEY [VALUE]]`: settings kept in the store, global or per
// deck: the scheduler's and the study rules (daily limits, day start, siblings, leeches);
// every value is checked the way it will be read.
#include <algorithm>
#include <array>
#include <filesystem>

#include <fmt/format.h>

#include "classroom/class_url.h"
#include "cli/commands.h"
#include "cli/deck_files.h"
#include "cli/files/class_queue.h"
#include "core/suggest.h"
#include "core/visible.h"
#include "schedule/settings.h"
#include "session/queue.h"
#include "session/study_settings.h"

namespace quizdeck::cli {
namespace {

struct ConfigOptions {
  std::optional<std::string> key;
  std::optional<std::string> value;
  std::optional<std::string> deck;
  bool unset = false;
};

std::vector<std::string> setting_names() {
  std::vector<std::string> names;
  for (const auto& key : schedule::scheduler_settings()) names.emplace_back(key.name);
  for (const auto& key : session::study_setting_keys()) names.emplace_back(key.name);
  names.emplace_back(kClassKey);
  names.emplace_back(kClassDrillKey);
  return names;
}

bool is_class_setting(std::string_view name) {
  return name == kClassKey || name == kClassDrillKey;
}

bool is_setting(std::string_view name) {
  return schedule::is_scheduler_setting(name) || session::is_study_setting(name) ||
         is_class_setting(name);
}

// The class address is shown with its password masked, here as everywhere.
void print_setting(std::ostream& out, std::string_view key, std::string_view value,
                   std::string_view deck) {
  std::string line = fmt::format(
      "{} = {}", key, key == kClassKey ? classroom::masked_url(std::string(value)) : value);
  if (!deck.empty()) line += fmt::format(" (deck {})", deck);
  out << core::visible(line, core::Lines::kShow) << '\n';
}

void declare_config(Declare& d, ConfigOptions& o) {
  std::string keys;
  for (const auto& name : setting_names()) keys += (keys.empty() ? "" : ", ") + name;
  d.positional("KEY", &o.key, keys).completes(Complete::kSetting);
  d.positional("VALUE", &o.value, "the new value");
  d.option("--deck", &o.deck, "DECK", "for this deck only (a deck id or deck file)")
      .completes(Complete::kDeckOrId);
  d.flag("--unset", &o.unset, "remove the setting (the default applies)");
}

core::Expected<void> validate(const ConfigOptions& o) {
  const auto names = setting_names();
  if (o.key && !is_setting(*o.key)) {
    auto failure = core::fail(ExitCode::kUsage, fmt::format("unknown setting '{}'", *o.key));
    if (const auto near = core::suggest(*o.key, names)) {
      failure.note(fmt::format("did you mean '{}'?", *near));
    } else {
      std::string list;
      for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
      failure.note(fmt::format("settings: {}", list));
    }
    return failure;
  }
  if (o.unset && (!o.key || o.value)) {
    return core::fail(ExitCode::kUsage, "--unset takes a setting name and no value");
  }
  if (o.key && is_class_setting(*o.key) && o.deck) {
    return core::fail(ExitCode::kUsage,
                      fmt::format("'{}' is a setting of the whole store, not of a deck", *o.key));
  }
  if (o.value && *o.key == kClassKey) {
    if (auto parsed = classroom::parse_class_url(*o.value); !parsed) return parsed.error();
    return {};
  }
  if (o.value && *o.key == kClassDrillKey) {
    if (*o.value == "yes" || *o.value == "no") return {};
    return core::fail(ExitCode::kUsage, fmt::format("class-drill is yes or no, not '{}'",
                                                    core::visible(*o.value, core::Lines::kShow)));
  }
  if (o.value && session::is_study_setting(*o.key)) {
    session::StudySettings settings;
    return session::apply_study_setting(settings, *o.key, *o.value);
  }
  if (o.value) {
    schedule::SettingsText text;
    schedule::set_setting_text(text, *o.key, *o.value);
    if (auto checked = schedule::parameters_from_settings(text, nullptr, ""); !checked) {
      return checked.error();
    }
  }
  return {};
}

Needs needs(const ConfigOptions& o) {
  Needs n;
  const bool writes = o.value || o.unset;
  n.store = writes ? StoreNeed::kWrite : StoreNeed::kRead;
  n.clock = writes && o.deck.has_value();  // a deck file named is recorded in the store
  return n;
}

// The deck `--deck` names: a deck file (recorded in the store when a setting is written, so
// its id names it from then on, before any study), a deck the store knows, or one that
// already has settings of its own.
core::Expected<std::string> deck_scope(Context& context, const std::string& argument, bool writes) {
  std::error_code ec;
  if (writes && std::filesystem::is_regular_file(argument, ec)) {
    const std::array<std::string, 1> paths{argument};
    const LoadedDecks loaded = load_decks(paths);
    for (const auto& d : loaded.diagnostics) context.report(d);
    if (loaded.decks.empty()) return core::reported(ExitCode::kUsage);
    session::sync_deck(context.store(), loaded.decks.front(), context.now);
    return loaded.decks.front().id;
  }
  const auto scopes = context.store().setting_scopes();
  if (std::find(scopes.begin(), scopes.end(), argument) != scopes.end()) return argument;
  auto id = context.resolve_deck(argument);
  if (!id) {
    id.error().note(
        "a deck not studied yet is named by its file: quizdeck config --deck DECK.yaml ...");
  }
  return id;
}

core::Expected<ExitCode> run_config(Context& context, const ConfigOptions& o) {
  store::Store& store = context.store();
  std::string scope;
  if (o.deck) {
    auto deck_id = deck_scope(context, *o.deck, o.value || o.unset);
    if (!deck_id) return deck_id.error();
    scope = *deck_id;
  }
  if (o.unset) {
    store.unset_setting(scope, *o.key);
    context.io.out << core::visible(fmt::format("{} unset{}: the default applies", *o.key,
                                                scope.empty() ? std::string()
                                                              : fmt::format(" (deck {})", scope)),
                                    core::Lines::kShow)
                   << '\n';
    return ExitCode::kOk;
  }
  if (o.value) {
    store.set_setting(scope, *o.key, *o.value);
    print_setting(context.io.out, *o.key, *o.value, scope);
    return ExitCode::kOk;
  }
  const auto global = store.settings("");
  const auto known = [](const auto& entry) { return is_setting(entry.first); };
  if (scope.empty() && !o.key) {
    // Everything set: the global values, then each deck's own.
    for (const auto& entry : global) {
      if (known(entry)) print_setting(context.io.out, entry.first, entry.second, "");
    }
    for (const auto& deck : store.setting_scopes()) {
      for (const auto& entry : store.settings(deck)) {
        if (known(entry)) print_setting(context.io.out, entry.first, entry.second, deck);
      }
    }
    return ExitCode::kOk;
  }
  // One deck (its own values over the global ones) or one key.
  const auto local = scope.empty() ? decltype(global){} : store.settings(scope);
  for (const auto& key : setting_names()) {
    if (o.key && *o.key != key) continue;
    if (const auto it = local.find(key); it != local.end()) {
      print_setting(context.io.out, key, it->second, scope);
    } else if (const auto g = global.find(key); g != global.end()) {
      print_setting(context.io.out, key, g->second, "");
    } else if (o.key) {
      context.io.out << fmt::format("{} is not set (the default applies)\n", key);
    }
  }
  return ExitCode::kOk;
}

}  // namespace

Command config_command() {
  return make_command<ConfigOptions>(
      "config",
      "show or change settings (scheduler, daily limits, study rules), globally or per deck",
      declare_config, needs, run_config, validate);
}

}  // namespace quizdeck::cli
