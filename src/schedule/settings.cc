// SPDX-License-Identifier: MIT
#include "schedule/settings.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "core/number.h"

namespace quizdeck::schedule {
namespace {

std::optional<double> parse_double(std::string_view text) {
  double value = 0;
  const auto result = core::parse_double(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

core::Expected<void> on_off(const std::optional<std::string>& flag, const std::string& name,
                            bool& out) {
  if (!flag) return {};
  if (*flag == "on" || *flag == "true" || *flag == "1") {
    out = true;
  } else if (*flag == "off" || *flag == "false" || *flag == "0") {
    out = false;
  } else {
    return core::fail(ExitCode::kUsage, fmt::format("{} takes on or off, not '{}'", name, *flag));
  }
  return {};
}

}  // namespace

const std::vector<SettingKey>& scheduler_settings() {
  static const std::vector<SettingKey> keys{
      {"retention", "R", "desired retention, in (0, 1) (default 0.9)", &SettingsText::retention},
      {"max-interval", "DAYS", "maximum interval in days (default 36500)",
       &SettingsText::max_interval},
      {"learning-steps", "LIST", "learning steps (default 1m,10m; none)",
       &SettingsText::learning_steps},
      {"relearning-steps", "LIST", "relearning steps (default 10m; none)",
       &SettingsText::relearning_steps},
      {"fuzz", "on|off", "interval fuzz, as ts-fsrs does it (default off)", &SettingsText::fuzz},
      {"short-term", "on|off",
       "short-term scheduler with steps (default on); off: long-term scheduler",
       &SettingsText::short_term},
      {"params", "W0,W1,...", "FSRS weights: 21, 19 or 17 comma-separated numbers",
       &SettingsText::params},
  };
  return keys;
}

bool is_scheduler_setting(std::string_view name) {
  for (const auto& key : scheduler_settings()) {
    if (key.name == name) return true;
  }
  return false;
}

bool set_setting_text(SettingsText& settings, std::string_view name, std::string value) {
  for (const auto& key : scheduler_settings()) {
    if (key.name == name) {
      settings.*(key.field) = std::move(value);
      return true;
    }
  }
  return false;
}

core::Expected<Parameters> parameters_from_settings(const SettingsText& flags,
                                                    std::vector<double>* w_input,
                                                    std::string_view prefix) {
  const auto name = [&](std::string_view key) { return fmt::format("{}{}", prefix, key); };
  const auto named = [&](std::string_view key, core::Failure failure) {
    failure.diagnostic.message = name(key) + ": " + failure.diagnostic.message;
    return failure;
  };
  Parameters out;
  if (flags.retention) {
    const auto value = parse_double(*flags.retention);
    if (!value) {
      return core::fail(ExitCode::kUsage, fmt::format("{} takes a number, not '{}'",
                                                      name("retention"), *flags.retention));
    }
    if (auto checked = check_retention(*value); !checked) return checked.error();
    out.request_retention = *value;
  }
  if (flags.max_interval) {
    const auto value = parse_double(*flags.max_interval);
    if (!value) {
      return core::fail(ExitCode::kUsage, fmt::format("{} takes a number of days, not '{}'",
                                                      name("max-interval"), *flags.max_interval));
    }
    if (auto checked = check_maximum_interval(*value); !checked) return checked.error();
    out.maximum_interval = static_cast<int>(*value);
  }
  if (flags.learning_steps) {
    auto steps = parse_steps(*flags.learning_steps);
    if (!steps) return named("learning-steps", steps.error());
    out.learning_steps = std::move(*steps);
  }
  if (flags.relearning_steps) {
    auto steps = parse_steps(*flags.relearning_steps);
    if (!steps) return named("relearning-steps", steps.error());
    out.relearning_steps = std::move(*steps);
  }
  if (auto fuzz = on_off(flags.fuzz, name("fuzz"), out.enable_fuzz); !fuzz) return fuzz.error();
  if (auto short_term = on_off(flags.short_term, name("short-term"), out.enable_short_term);
      !short_term) {
    return short_term.error();
  }
  std::vector<double> weights(kDefaultWeights.begin(), kDefaultWeights.end());
  if (flags.params) {
    weights.clear();
    std::string_view list = *flags.params;
    std::size_t start = 0;
    while (start <= list.size()) {
      const std::size_t comma = list.find(',', start);
      std::string_view item =
          list.substr(start, comma == std::string_view::npos ? list.npos : comma - start);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      const auto value = parse_double(item);
      if (!value) {
        return core::fail(ExitCode::kUsage,
                          fmt::format("{}: '{}' is not a finite number", name("params"), item));
      }
      weights.push_back(*value);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (auto checked = check_weights(weights); !checked) return named("params", checked.error());
    if (w_input != nullptr) *w_input = weights;
  }
  out.w = prepare_weights(weights, out.relearning_steps.size(), out.enable_short_term);
  return out;
}

}  // namespace quizdeck::schedule
