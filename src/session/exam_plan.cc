// SPDX-License-Identifier: MIT
#include "session/exam_plan.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/json.h"
#include "core/json_writer.h"

namespace quizdeck::session {
namespace {

constexpr int kVersion = 1;

std::optional<std::int64_t> whole(const core::JsonValue* value) {
  if (value == nullptr || !value->is_number() || value->number != std::floor(value->number) ||
      std::abs(value->number) > 9e15) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(value->number);
}

}  // namespace

std::string write_exam_plan(const ExamPlan& plan) {
  core::JsonWriter json;
  json.begin_object();
  json.key("version").value(kVersion);
  json.key("questions").begin_array();
  for (const auto& item : plan.items) {
    json.begin_object();
    json.key("deck").value(item.deck_id);
    json.key("card").value(item.card_id);
    json.key("order").begin_array();
    for (const std::size_t i : item.order) json.value(static_cast<std::int64_t>(i));
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.key("time_limit_ms").value(plan.time_limit_ms);
  json.key("used_ms").value(plan.used_ms);
  json.key("sitting_started_ms").value(plan.sitting_started_ms);
  json.key("pass_percent").value(plan.pass_percent);
  json.key("schedule").value(plan.schedule);
  json.key("seed").value(std::to_string(plan.seed));
  if (plan.discarded_ms) json.key("discarded_ms").value(*plan.discarded_ms);
  json.end_object();
  return json.str();
}

std::optional<ExamPlan> read_exam_plan(std::string_view text) {
  core::JsonError error;
  const auto value = core::parse_json(text, error);
  if (!value || !value->is_object() || whole(value->find("version")) != kVersion) {
    return std::nullopt;
  }
  ExamPlan plan;
  const core::JsonValue* questions = value->find("questions");
  if (questions == nullptr || !questions->is_array()) return std::nullopt;
  for (const auto& question : questions->items) {
    const core::JsonValue* deck = question.find("deck");
    const core::JsonValue* card = question.find("card");
    const core::JsonValue* order = question.find("order");
    if (deck == nullptr || !deck->is_string() || card == nullptr || !card->is_string() ||
        order == nullptr || !order->is_array()) {
      return std::nullopt;
    }
    ExamPlan::Item item{deck->text, card->text, {}};
    for (const auto& index : order->items) {
      const auto i = whole(&index);
      if (!i || *i < 0 || *i > 1'000'000) return std::nullopt;
      item.order.push_back(static_cast<std::size_t>(*i));
    }
    plan.items.push_back(std::move(item));
  }
  if (const core::JsonValue* limit = value->find("time_limit_ms"); limit && !limit->is_null()) {
    plan.time_limit_ms = whole(limit);
    if (!plan.time_limit_ms || *plan.time_limit_ms <= 0) return std::nullopt;
  }
  const auto used = whole(value->find("used_ms"));
  const auto sitting = whole(value->find("sitting_started_ms"));
  if (!used || !sitting || *used < 0 || *sitting < 0) return std::nullopt;
  plan.used_ms = *used;
  plan.sitting_started_ms = *sitting;
  if (const core::JsonValue* pass = value->find("pass_percent"); pass && !pass->is_null()) {
    if (!pass->is_number() || !(pass->number >= 0 && pass->number <= 100)) return std::nullopt;
    plan.pass_percent = pass->number;
  }
  const core::JsonValue* schedule = value->find("schedule");
  if (schedule == nullptr || schedule->kind != core::JsonValue::Kind::kBool) return std::nullopt;
  plan.schedule = schedule->boolean;
  // The seed, as text (it may not fit a JSON number); absent in plans without it.
  if (const core::JsonValue* seed = value->find("seed"); seed != nullptr) {
    if (!seed->is_string() || seed->text.empty() || seed->text.size() > 20 ||
        seed->text.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    try {
      plan.seed = std::stoull(seed->text);
    } catch (const std::out_of_range&) {
      return std::nullopt;
    }
  }
  if (const core::JsonValue* discarded = value->find("discarded_ms"); discarded != nullptr) {
    plan.discarded_ms = whole(discarded);
    if (!plan.discarded_ms) return std::nullopt;
  }
  return plan;
}

}  // namespace quizdeck::session
