// SPDX-License-Identifier: MIT
// `quizdeck config [--deck DECK] [KEY [VALUE]]`: scheduler settings kept in the store,
// global or per deck; every value is checked the way the scheduler will read it.
#include <fmt/format.h>

#include "cli/commands.h"
#include "core/suggest.h"
#include "core/visible.h"
#include "schedule/settings.h"

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
  return names;
}

void declare(Declare& d, ConfigOptions& o) {
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
  if (o.key && !schedule::is_scheduler_setting(*o.key)) {
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
  n.store = o.value || o.unset ? StoreNeed::kWrite : StoreNeed::kRead;
  return n;
}

core::Expected<ExitCode> run(Context& context, const ConfigOptions& o) {
  store::Store& store = context.store();
  std::string scope;
  if (o.deck) {
    auto deck_id = context.resolve_deck(*o.deck);
    if (!deck_id) return deck_id.error();
    scope = *deck_id;
  }
  if (o.unset) {
    store.unset_setting(scope, *o.key);
    return ExitCode::kOk;
  }
  if (o.value) {
    store.set_setting(scope, *o.key, *o.value);
    return ExitCode::kOk;
  }
  const auto global = store.settings("");
  const auto local = scope.empty() ? decltype(global){} : store.settings(scope);
  for (const auto& key : setting_names()) {
    if (o.key && *o.key != key) continue;
    if (const auto it = local.find(key); it != local.end()) {
      context.io.out << core::visible(fmt::format("{} = {} (deck {})", key, it->second, scope),
                                      core::Lines::kShow)
                     << '\n';
    } else if (const auto g = global.find(key); g != global.end()) {
      context.io.out << core::visible(fmt::format("{} = {}", key, g->second), core::Lines::kShow)
                     << '\n';
    } else if (o.key) {
      context.io.out << fmt::format("{} is not set (the default applies)\n", key);
    }
  }
  return ExitCode::kOk;
}

}  // namespace

Command config_command() {
  return make_command<ConfigOptions>("config",
                                     "show or change scheduler settings, globally or per deck",
                                     declare, needs, run, validate);
}

}  // namespace quizdeck::cli
