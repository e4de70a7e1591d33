// SPDX-License-Identifier: MIT
// Scheduler settings as text (command-line flags, or values a store keeps) -> parameters,
// with every value checked: a retention outside (0, 1), a malformed step or a weight that
// is not a finite number is an error, not silently clamped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schedule/parameters.h"

namespace quizdeck::schedule {

// Unset ones keep their defaults. Names as in `--retention` or `quizdeck config retention`.
struct SettingsText {
  std::optional<std::string> retention;
  std::optional<std::string> params;  // comma-separated weights
  std::optional<std::string> learning_steps;
  std::optional<std::string> relearning_steps;
  std::optional<std::string> max_interval;
  std::optional<std::string> fuzz;        // on|off
  std::optional<std::string> short_term;  // on|off
};

// The scheduler's settings: the one list of their names, what `quizdeck config` and the
// fsrs commands' flags take, with a line of help each.
struct SettingKey {
  std::string_view name;        // "retention", as in `config retention` and `--retention`
  std::string_view value_name;  // "R", for help
  std::string_view help;
  std::optional<std::string> SettingsText::*field;
};
const std::vector<SettingKey>& scheduler_settings();
bool is_scheduler_setting(std::string_view name);

// Sets the field a setting name stands for; false for names that are not scheduler
// settings.
bool set_setting_text(SettingsText& settings, std::string_view name, std::string value);

// The parameters, or a failure (kUsage) naming the setting as `prefix` + its name
// ("--retention" for flags). `w_input` receives the weights as given with params.
core::Expected<Parameters> parameters_from_settings(const SettingsText& settings,
                                                    std::vector<double>* w_input = nullptr,
                                                    std::string_view prefix = "--");

}  // namespace quizdeck::schedule
