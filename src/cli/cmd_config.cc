// SPDX-License-Identifier: MIT
#include "cli/cmd_config.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/suggest.h"
#include "schedule/settings.h"
#include "session/card_state.h"

namespace quizdeck::cli {
namespace {

// Checks one value the way the scheduler will read it.
std::string check_value(const std::string& key, const std::string& value) {
  schedule::SettingsText text;
  schedule::set_setting_text(text, key, value);
  schedule::Parameters ignored;
  return schedule::parameters_from_settings(text, ignored, nullptr, "");
}

}  // namespace

ExitCode run_config(const StoreOptions& store_options, const ConfigOptions& options, Streams& io) {
  const auto& keys = session::kSettingKeys;
  if (options.key && std::find(keys.begin(), keys.end(), *options.key) == keys.end()) {
    io.err << fmt::format("quizdeck: error: unknown setting '{}'\n", *options.key);
    if (const auto near = core::suggest(*options.key, keys)) {
      io.err << fmt::format("quizdeck: note: did you mean '{}'?\n", *near);
    } else {
      std::string list;
      for (const auto& key : keys) list += (list.empty() ? "" : ", ") + key;
      io.err << fmt::format("quizdeck: note: settings: {}\n", list);
    }
    return ExitCode::kUsage;
  }
  if (options.unset && (!options.key || options.value)) {
    io.err << "quizdeck: error: --unset takes a setting name and no value\n";
    return ExitCode::kUsage;
  }
  if (options.value) {
    if (auto problem = check_value(*options.key, *options.value); !problem.empty()) {
      io.err << "quizdeck: error: " << problem << '\n';
      return ExitCode::kUsage;
    }
  }
  const bool writes = options.value.has_value() || options.unset;
  auto store = open_store(store_options, writes, io);
  if (!store) return ExitCode::kIoError;
  try {
    std::string scope;
    if (options.deck) {
      const auto deck_id = resolve_deck(*store, *options.deck, io);
      if (!deck_id) return ExitCode::kUsage;
      scope = *deck_id;
    }
    if (options.unset) {
      store->unset_setting(scope, *options.key);
      return ExitCode::kOk;
    }
    if (options.value) {
      store->set_setting(scope, *options.key, *options.value);
      return ExitCode::kOk;
    }
    const auto global = store->settings("");
    const auto local = scope.empty() ? decltype(global){} : store->settings(scope);
    for (const auto& key : keys) {
      if (options.key && *options.key != key) continue;
      if (const auto it = local.find(key); it != local.end()) {
        io.out << fmt::format("{} = {} (deck {})\n", key, it->second, scope);
      } else if (const auto g = global.find(key); g != global.end()) {
        io.out << fmt::format("{} = {}\n", key, g->second);
      } else if (options.key) {
        io.out << fmt::format("{} is not set (the default applies)\n", key);
      }
    }
    return ExitCode::kOk;
  } catch (const store::StoreError& error) {
    return report_store_error(error, io);
  }
}

}  // namespace quizdeck::cli
