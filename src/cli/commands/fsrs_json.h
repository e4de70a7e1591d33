// SPDX-License-Identifier: MIT
// The FSRS oracle's JSON shapes (../shared/fsrs/oracle/README.md) <-> scheduler values:
// card states, configs, review times and ratings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/expected.h"
#include "core/json.h"
#include "schedule/fsrs.h"
#include "schedule/settings.h"

namespace quizdeck::cli {

// A `config` object as the oracle prints it; `w_input` (null: defaults) is prepared the way
// ts-fsrs prepares it.
core::Expected<schedule::Parameters> parameters_from_config(const core::JsonValue& config);
// The oracle's config shape; `w_input` is what was given (empty: null, the defaults).
core::JsonValue config_to_json(const schedule::Parameters& parameters,
                               const std::vector<double>& w_input);

core::JsonValue card_to_json(const schedule::CardState& card);
// The same JSON, appended to `out` directly (the replay hot path).
void append_card_json(std::string& out, const schedule::CardState& card);
// Missing fields take a new card's values (due: `now`).
core::Expected<schedule::CardState> card_from_json(const core::JsonValue& json, std::int64_t now);

// An ISO 8601 string or a number of milliseconds.
std::optional<std::int64_t> time_from_json(const core::JsonValue& json);
// "Good" (any case) or 1-4.
std::optional<schedule::Rating> rating_from_json(const core::JsonValue& json);

}  // namespace quizdeck::cli
