// SPDX-License-Identifier: MIT
#include "cli/declare.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include <fmt/format.h>

#include "core/suggest.h"

namespace quizdeck::cli {
namespace {

std::vector<std::string> split_names(std::string_view names) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= names.size()) {
    const std::size_t comma = names.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? names.size() : comma;
    if (end > start) out.emplace_back(names.substr(start, end - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t value = 0;
  const char* first = text.data();
  if (!text.empty() && text.front() == '+') ++first;
  const auto [end, ec] = std::from_chars(first, text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || first == end) return std::nullopt;
  return value;
}

core::Failure bad_value(const Arg& arg, const std::string& what) {
  return core::fail(ExitCode::kUsage, fmt::format("{} {}", arg.display_name(), what));
}

// What a number must be, in words, for messages.
std::string number_range(const Arg& arg) {
  if (arg.minimum && arg.maximum) {
    return fmt::format("a whole number from {} to {}", *arg.minimum, *arg.maximum);
  }
  if (arg.minimum && *arg.minimum == 0) return "a whole number of 0 or more";
  if (arg.minimum && *arg.minimum == 1) return "a whole number of 1 or more";
  if (arg.minimum) return fmt::format("a whole number of {} or more", *arg.minimum);
  return "a whole number";
}

core::Expected<int> to_number(const Arg& arg, const std::string& text) {
  const auto value = whole_number(text);
  const std::int64_t largest = std::numeric_limits<int>::max();
  if (!value || (arg.minimum && *value < *arg.minimum) || (arg.maximum && *value > *arg.maximum) ||
      *value > largest || *value < -largest) {
    return bad_value(arg, fmt::format("takes {}, not '{}'", number_range(arg), text));
  }
  return static_cast<int>(*value);
}

core::Expected<void> check_value(const Arg& arg, const std::string& text) {
  if (!arg.allowed.empty() &&
      std::find(arg.allowed.begin(), arg.allowed.end(), text) == arg.allowed.end()) {
    std::string list;
    for (std::size_t i = 0; i < arg.allowed.size(); ++i) {
      list += i == 0 ? "" : i + 1 == arg.allowed.size() ? " or " : ", ";
      list += arg.allowed[i];
    }
    auto failure = bad_value(arg, fmt::format("takes {}, not '{}'", list, text));
    if (const auto near = core::suggest(text, arg.allowed)) {
      failure.note(fmt::format("did you mean '{}'?", *near));
    }
    return failure;
  }
  if (arg.check_text) {
    if (const auto problem = arg.check_text(text)) {
      return core::fail(ExitCode::kUsage, *problem);
    }
  }
  return {};
}

}  // namespace

std::string Arg::display_name() const {
  if (positional) return names;
  const auto longs = long_names();
  if (!longs.empty()) return "--" + longs.front();
  const auto shorts = short_names();
  return shorts.empty() ? names : "-" + shorts.front();
}

std::vector<std::string> Arg::long_names() const {
  std::vector<std::string> out;
  for (const auto& name : split_names(names)) {
    if (name.starts_with("--")) out.push_back(name.substr(2));
  }
  return out;
}

std::vector<std::string> Arg::short_names() const {
  std::vector<std::string> out;
  for (const auto& name : split_names(names)) {
    if (name.starts_with("-") && !name.starts_with("--")) out.push_back(name.substr(1));
  }
  return out;
}

Arg& Declare::positional(std::string name, Target target, std::string help) {
  Arg& arg = args_.emplace_back();
  arg.names = std::move(name);
  arg.help = std::move(help);
  arg.target = target;
  arg.positional = true;
  return arg;
}

Arg& Declare::option(std::string names, Target target, std::string value_name, std::string help) {
  Arg& arg = args_.emplace_back();
  arg.names = std::move(names);
  arg.value_name = std::move(value_name);
  arg.help = std::move(help);
  arg.target = target;
  return arg;
}

Arg& Declare::flag(std::string names, bool* target, std::string help) {
  Arg& arg = args_.emplace_back();
  arg.names = std::move(names);
  arg.help = std::move(help);
  arg.target = target;
  return arg;
}

core::Expected<void> assign(const Arg& arg, const std::vector<std::string>& values) {
  if (values.empty()) return {};
  if (auto* many = std::get_if<std::vector<std::string>*>(&arg.target)) {
    for (const auto& value : values) {
      if (auto checked = check_value(arg, value); !checked) return checked;
    }
    **many = values;
    return {};
  }
  const std::string& text = values.back();
  if (auto* flag = std::get_if<bool*>(&arg.target)) {
    **flag = true;
    return {};
  }
  if (auto checked = check_value(arg, text); !checked) return checked;
  if (auto* single = std::get_if<std::string*>(&arg.target)) {
    **single = text;
  } else if (auto* maybe = std::get_if<std::optional<std::string>*>(&arg.target)) {
    **maybe = text;
  } else if (auto* number = std::get_if<int*>(&arg.target)) {
    auto value = to_number(arg, text);
    if (!value) return value.error();
    **number = *value;
  } else if (auto* maybe_number = std::get_if<std::optional<int>*>(&arg.target)) {
    auto value = to_number(arg, text);
    if (!value) return value.error();
    **maybe_number = *value;
  } else if (auto* seed = std::get_if<std::optional<std::uint64_t>*>(&arg.target)) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return bad_value(arg, fmt::format("takes a whole number of 0 or more, not '{}'", text));
    }
    **seed = value;
  }
  return {};
}

}  // namespace quizdeck::cli
