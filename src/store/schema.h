// SPDX-License-Identifier: MIT
// Creating the current schema, and migrating an older one to it (inside the caller's
// transaction).
#pragma once

#include <string>

#include "store/store.h"

namespace quizdeck::store {

void create_schema(Database& db);
void migrate_schema(Database& db, int from_version);

// The review summaries (version 3) as the log says they should be: queries giving the
// rows of review_buckets and card_totals, and refilling both from them.
std::string expected_review_buckets_sql();
std::string expected_card_totals_sql();
void fill_summaries(Database& db);

}  // namespace quizdeck::store
