// SPDX-License-Identifier: MIT
// The class database's schema, its versions and migrations, and its roles (quizdeck(1),
// CLASS): a schema `quizdeck` holding the exam sittings and answers learners push; a group
// role for the instructor (reads everything) and one for learners (insert and read only
// their own rows, enforced by row-level security: learner = current_user). The roles are
// named after the database, so two classes on one server never share one.
#pragma once

#include <string>

#include "classroom/connection.h"
#include "core/expected.h"

namespace quizdeck::classroom {

// The schema this version writes; an older one is migrated by `class init`, a newer one
// is refused by everything.
inline constexpr int kClassSchemaVersion = 1;

struct ClassRoles {
  std::string instructor;  // "<database>_instructor"
  std::string learner;     // "<database>_learner"
};

// The roles of the database the connection is to.
core::Expected<ClassRoles> class_roles(Connection& connection);

// What `class init` did.
struct InitOutcome {
  int from_version = 0;  // 0: a new class database
  int to_version = kClassSchemaVersion;
  ClassRoles roles;
};

// Creates the schema and roles, or migrates an older schema, in one transaction (two
// inits at once wait for each other). The connection's role must be able to create roles
// and own the tables (the database's owner, or a superuser).
core::Expected<InitOutcome> init_class(Connection& connection);

// The schema version in the database; 0 when it has none (not initialised). A newer
// version than this quizdeck writes is an error.
core::Expected<int> class_schema_version(Connection& connection);

}  // namespace quizdeck::classroom
