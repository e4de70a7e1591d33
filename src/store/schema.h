// SPDX-License-Identifier: MIT
// Creating the current schema, and migrating an older one to it (inside the caller's
// transaction).
#pragma once

#include "store/store.h"

namespace quizdeck::store {

void create_schema(Database& db);
void migrate_schema(Database& db, int from_version);

}  // namespace quizdeck::store
