// SPDX-License-Identifier: MIT
#include "schedule/settings.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace quizdeck::schedule {
namespace {

std::optional<double> parse_double(std::string_view text) {
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string on_off(const std::optional<std::string>& flag, const std::string& name, bool& out) {
  if (!flag) return {};
  if (*flag == "on" || *flag == "true" || *flag == "1") {
    out = true;
  } else if (*flag == "off" || *flag == "false" || *flag == "0") {
    out = false;
  } else {
    return fmt::format("{} takes on or off, not '{}'", name, *flag);
  }
  return {};
}

}  // namespace

bool set_setting_text(SettingsText& settings, std::string_view name, std::string value) {
  std::optional<std::string>* field = name == "retention"          ? &settings.retention
                                      : name == "max-interval"     ? &settings.max_interval
                                      : name == "learning-steps"   ? &settings.learning_steps
                                      : name == "relearning-steps" ? &settings.relearning_steps
                                      : name == "fuzz"             ? &settings.fuzz
                                      : name == "short-term"       ? &settings.short_term
                                      : name == "params"           ? &settings.params
                                                                   : nullptr;
  if (field == nullptr) return false;
  *field = std::move(value);
  return true;
}

std::string parameters_from_settings(const SettingsText& flags, Parameters& out,
                                     std::vector<double>* w_input, std::string_view prefix) {
  const auto name = [&](std::string_view key) { return fmt::format("{}{}", prefix, key); };
  out = Parameters{};
  if (flags.retention) {
    const auto value = parse_double(*flags.retention);
    if (!value)
      return fmt::format("{} takes a number, not '{}'", name("retention"), *flags.retention);
    if (auto problem = check_retention(*value); !problem.empty()) return problem;
    out.request_retention = *value;
  }
  if (flags.max_interval) {
    const auto value = parse_double(*flags.max_interval);
    if (!value)
      return fmt::format("{} takes a number of days, not '{}'", name("max-interval"),
                         *flags.max_interval);
    if (auto problem = check_maximum_interval(*value); !problem.empty()) return problem;
    out.maximum_interval = static_cast<int>(*value);
  }
  std::string error;
  if (flags.learning_steps) {
    out.learning_steps = parse_steps(*flags.learning_steps, error);
    if (!error.empty()) return name("learning-steps") + ": " + error;
  }
  if (flags.relearning_steps) {
    out.relearning_steps = parse_steps(*flags.relearning_steps, error);
    if (!error.empty()) return name("relearning-steps") + ": " + error;
  }
  if (auto problem = on_off(flags.fuzz, name("fuzz"), out.enable_fuzz); !problem.empty())
    return problem;
  if (auto problem = on_off(flags.short_term, name("short-term"), out.enable_short_term);
      !problem.empty()) {
    return problem;
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
      if (!value) return fmt::format("{}: '{}' is not a finite number", name("params"), item);
      weights.push_back(*value);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (auto problem = check_weights(weights); !problem.empty()) {
      return name("params") + ": " + problem;
    }
    if (w_input != nullptr) *w_input = weights;
  }
  out.w = prepare_weights(weights, out.relearning_steps.size(), out.enable_short_term);
  return {};
}

}  // namespace quizdeck::schedule
