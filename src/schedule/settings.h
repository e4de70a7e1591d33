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

// Sets the field a setting name ("retention", "max-interval", "learning-steps",
// "relearning-steps", "fuzz", "short-term", "params") stands for; false for other names.
bool set_setting_text(SettingsText& settings, std::string_view name, std::string value);

// Empty on success, else what is wrong, naming the setting as `prefix` + its name
// ("--retention" for flags). `w_input` receives the weights as given with params.
std::string parameters_from_settings(const SettingsText& settings, Parameters& out,
                                     std::vector<double>* w_input = nullptr,
                                     std::string_view prefix = "--");

}  // namespace quizdeck::schedule
