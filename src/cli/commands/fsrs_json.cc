// SPDX-License-Identifier: MIT
#include "cli/commands/fsrs_json.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/time.h"

namespace quizdeck::cli {
namespace {

using core::JsonValue;

JsonValue steps_to_json(const std::vector<schedule::Step>& steps) {
  JsonValue list;
  list.kind = JsonValue::Kind::kArray;
  for (const auto& step : steps) list.items.push_back(JsonValue::make_string(step.text));
  return list;
}

core::Expected<std::vector<schedule::Step>> steps_from_json(const JsonValue& list,
                                                            std::string_view name) {
  const auto bad = [](std::string message) { return core::fail(ExitCode::kInvalidInput, message); };
  if (!list.is_array()) return bad(fmt::format("'{}' must be a list of steps", name));
  std::vector<schedule::Step> out;
  for (const auto& item : list.items) {
    if (!item.is_string()) {
      return bad(fmt::format("'{}' must be a list of steps such as \"10m\"", name));
    }
    auto step = schedule::parse_step(item.text);
    if (!step) return step.error().with_code(ExitCode::kInvalidInput);
    out.push_back(std::move(*step));
  }
  return out;
}

}  // namespace

core::Expected<schedule::Parameters> parameters_from_config(const JsonValue& config) {
  const auto bad = [](std::string message) { return core::fail(ExitCode::kInvalidInput, message); };
  schedule::Parameters out;
  if (!config.is_object()) return bad("'config' must be an object");
  if (const JsonValue* v = config.find("request_retention"); v && !v->is_null()) {
    if (!v->is_number()) return bad("'request_retention' must be a number");
    if (auto checked = schedule::check_retention(v->number); !checked) {
      return checked.error().with_code(ExitCode::kInvalidInput);
    }
    out.request_retention = v->number;
  }
  if (const JsonValue* v = config.find("maximum_interval"); v && !v->is_null()) {
    if (!v->is_number()) return bad("'maximum_interval' must be a number");
    if (auto checked = schedule::check_maximum_interval(v->number); !checked) {
      return checked.error().with_code(ExitCode::kInvalidInput);
    }
    out.maximum_interval = static_cast<int>(v->number);
  }
  if (const JsonValue* v = config.find("enable_fuzz"); v && !v->is_null()) {
    if (v->kind != JsonValue::Kind::kBool) return bad("'enable_fuzz' must be true or false");
    out.enable_fuzz = v->boolean;
  }
  if (const JsonValue* v = config.find("enable_short_term"); v && !v->is_null()) {
    if (v->kind != JsonValue::Kind::kBool) return bad("'enable_short_term' must be true or false");
    out.enable_short_term = v->boolean;
  }
  if (const JsonValue* v = config.find("learning_steps")) {
    auto steps = steps_from_json(*v, "learning_steps");
    if (!steps) return steps.error();
    out.learning_steps = std::move(*steps);
  }
  if (const JsonValue* v = config.find("relearning_steps")) {
    auto steps = steps_from_json(*v, "relearning_steps");
    if (!steps) return steps.error();
    out.relearning_steps = std::move(*steps);
  }
  std::vector<double> weights(schedule::kDefaultWeights.begin(), schedule::kDefaultWeights.end());
  if (const JsonValue* v = config.find("w_input"); v && !v->is_null()) {
    if (!v->is_array()) return bad("'w_input' must be a list of numbers or null");
    weights.clear();
    for (const auto& item : v->items) {
      if (!item.is_number()) return bad("'w_input' must be a list of numbers");
      weights.push_back(item.number);
    }
    if (auto checked = schedule::check_weights(weights); !checked) {
      return checked.error().with_code(ExitCode::kInvalidInput);
    }
  }
  out.w = schedule::prepare_weights(weights, out.relearning_steps.size(), out.enable_short_term);
  return out;
}

JsonValue config_to_json(const schedule::Parameters& p, const std::vector<double>& w_input) {
  JsonValue config;
  config.kind = JsonValue::Kind::kObject;
  config.set("library", JsonValue::make_string("quizdeck FSRS-6 (ts-fsrs 5.4.2 compatible)"));
  config.set("request_retention", JsonValue::make_number(p.request_retention));
  config.set("maximum_interval", JsonValue::make_integer(p.maximum_interval));
  config.set("enable_fuzz", JsonValue::make_bool(p.enable_fuzz));
  config.set("enable_short_term", JsonValue::make_bool(p.enable_short_term));
  config.set("learning_steps", steps_to_json(p.learning_steps));
  config.set("relearning_steps", steps_to_json(p.relearning_steps));
  if (w_input.empty()) {
    config.set("w_input", JsonValue{});
  } else {
    JsonValue given;
    given.kind = JsonValue::Kind::kArray;
    for (const double weight : w_input) given.items.push_back(JsonValue::make_number(weight));
    config.set("w_input", std::move(given));
  }
  JsonValue w;
  w.kind = JsonValue::Kind::kArray;
  for (const double weight : p.w) w.items.push_back(JsonValue::make_number(weight));
  config.set("w", std::move(w));
  return config;
}

JsonValue card_to_json(const schedule::CardState& card) {
  JsonValue json;
  json.kind = JsonValue::Kind::kObject;
  json.members.reserve(10);
  json.members.emplace_back("due", JsonValue::make_string(core::format_iso8601(card.due)));
  json.members.emplace_back("stability", JsonValue::make_number(card.stability));
  json.members.emplace_back("difficulty", JsonValue::make_number(card.difficulty));
  json.members.emplace_back("elapsed_days", JsonValue::make_integer(card.elapsed_days));
  json.members.emplace_back("scheduled_days", JsonValue::make_integer(card.scheduled_days));
  json.members.emplace_back("learning_steps", JsonValue::make_integer(card.learning_steps));
  json.members.emplace_back("reps", JsonValue::make_integer(card.reps));
  json.members.emplace_back("lapses", JsonValue::make_integer(card.lapses));
  json.members.emplace_back("state", JsonValue::make_string(schedule::state_name(card.state)));
  json.members.emplace_back("last_review",
                            card.last_review
                                ? JsonValue::make_string(core::format_iso8601(*card.last_review))
                                : JsonValue{});
  return json;
}

void append_card_json(std::string& out, const schedule::CardState& card) {
  out += "{\"due\":\"";
  core::append_iso8601(out, card.due);
  out += "\",\"stability\":";
  core::append_number(out, card.stability);
  out += ",\"difficulty\":";
  core::append_number(out, card.difficulty);
  const auto integer = [&](const char* key, int value) {
    out += key;
    char buffer[16];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
  };
  integer(",\"elapsed_days\":", card.elapsed_days);
  integer(",\"scheduled_days\":", card.scheduled_days);
  integer(",\"learning_steps\":", card.learning_steps);
  integer(",\"reps\":", card.reps);
  integer(",\"lapses\":", card.lapses);
  out += ",\"state\":\"";
  out += schedule::state_name(card.state);
  out += "\",\"last_review\":";
  if (card.last_review) {
    out += '"';
    core::append_iso8601(out, *card.last_review);
    out += "\"}";
  } else {
    out += "null}";
  }
}

std::optional<std::int64_t> time_from_json(const JsonValue& json) {
  if (json.is_string()) return core::parse_iso8601(json.text);
  if (json.is_number() && json.number == std::floor(json.number) && std::fabs(json.number) < 1e16) {
    return static_cast<std::int64_t>(json.number);
  }
  return std::nullopt;
}

std::optional<schedule::Rating> rating_from_json(const JsonValue& json) {
  if (json.is_string() || json.is_number()) return schedule::parse_rating(json.text);
  return std::nullopt;
}

core::Expected<schedule::CardState> card_from_json(const JsonValue& json, std::int64_t now) {
  const auto bad = [](std::string message) { return core::fail(ExitCode::kUsage, message); };
  if (!json.is_object()) return bad("a card must be a JSON object");
  schedule::CardState out = schedule::new_card(now);
  for (const auto& [name, value] : json.members) {
    if (name == "due" || name == "last_review") {
      if (value.is_null()) {
        if (name == "last_review") out.last_review.reset();
        continue;
      }
      const auto time = time_from_json(value);
      if (!time) return bad(fmt::format("'{}' must be an ISO 8601 time or milliseconds", name));
      (name == "due" ? out.due : out.last_review.emplace()) = *time;
    } else if (name == "stability" || name == "difficulty") {
      if (!value.is_number() || value.number < 0) {
        return bad(fmt::format("'{}' must be a number of at least 0", name));
      }
      (name == "stability" ? out.stability : out.difficulty) = value.number;
    } else if (name == "elapsed_days" || name == "scheduled_days" || name == "learning_steps" ||
               name == "reps" || name == "lapses") {
      if (!value.is_number() || value.number != std::floor(value.number) || value.number < 0 ||
          value.number > 1e9) {
        return bad(fmt::format("'{}' must be a whole number of at least 0", name));
      }
      const int number = static_cast<int>(value.number);
      if (name == "elapsed_days") out.elapsed_days = number;
      if (name == "scheduled_days") out.scheduled_days = number;
      if (name == "learning_steps") out.learning_steps = number;
      if (name == "reps") out.reps = number;
      if (name == "lapses") out.lapses = number;
    } else if (name == "state") {
      const auto state =
          value.is_string() || value.is_number() ? schedule::parse_state(value.text) : std::nullopt;
      if (!state) return bad("'state' must be New, Learning, Review, Relearning or 0-3");
      out.state = *state;
    } else {
      return bad(fmt::format("unknown card field '{}'", name));
    }
  }
  return out;
}

}  // namespace quizdeck::cli
