// SPDX-License-Identifier: MIT
// Creating the current schema, and migrating an older one to it (inside the caller's
// transaction).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/sqlite.h"

namespace quizdeck::store {

// The schema this version writes; a store of an older one is migrated when opened, a
// newer one is refused.
inline constexpr int kSchemaVersion = 13;

void create_schema(Database& db);
// Up to `to_version` (tests build older stores with it).
void migrate_schema(Database& db, int from_version, int to_version = kSchemaVersion);

// The review summaries (version 3) as the log says they should be: queries giving the
// rows of review_buckets and card_totals (`and_where` narrows the reviews read, e.g.
// " AND deck_id = ?1"), and refilling both from them, for one deck or all.
std::string expected_review_buckets_sql(std::string_view and_where = "");
std::string expected_card_totals_sql(std::string_view and_where = "");
void fill_summaries(Database& db, const std::optional<std::string>& deck_id = std::nullopt);

}  // namespace quizdeck::store
