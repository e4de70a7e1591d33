// SPDX-License-Identifier: MIT
#include "classroom/class_schema.h"

#include <fmt/format.h>

#include "core/visible.h"

namespace quizdeck::classroom {
namespace {

// Identifiers longer than this are cut by the server: the roles' names must fit.
constexpr std::size_t kMaxIdentifier = 63;

// Version 1: sittings and answers, each row its learner's (the role that inserted it), a
// record in the results format (quizdeck(1), RESULTS FORMAT) and its key: a sitting's
// random UUID, given when it was queued; an answer's is that of its batch (the sitting,
// or the drill session) and its place in it. A record is at most 1 MiB.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE SCHEMA quizdeck;
CREATE TABLE quizdeck.meta (
  version integer NOT NULL
);
INSERT INTO quizdeck.meta (version) VALUES (1);
CREATE TABLE quizdeck.sittings (
  id uuid PRIMARY KEY,
  learner text NOT NULL DEFAULT current_user,
  started_ms bigint NOT NULL,
  pushed_at timestamptz NOT NULL DEFAULT now(),
  record text NOT NULL CHECK (octet_length(record) <= 1048576)
);
CREATE INDEX sittings_by_learner ON quizdeck.sittings (learner, started_ms);
CREATE TABLE quizdeck.answers (
  batch uuid NOT NULL,
  position integer NOT NULL,
  in_sitting boolean NOT NULL,
  learner text NOT NULL DEFAULT current_user,
  time_ms bigint NOT NULL,
  pushed_at timestamptz NOT NULL DEFAULT now(),
  record text NOT NULL CHECK (octet_length(record) <= 1048576),
  PRIMARY KEY (batch, position)
);
CREATE INDEX answers_by_learner ON quizdeck.answers (learner, time_ms);
)sql";

// What each role may do, and the row-level security that keeps learners to their own rows.
// {0}: the instructor role, {1}: the learner role, {2}: the database. A learner's INSERT
// must name itself as the learner (WITH CHECK), and reads see only its own rows (USING);
// no UPDATE or DELETE is granted, so none is possible. PUBLIC loses what PostgreSQL gives
// every role by default: connecting, temporary tables, creating in the public schema.
constexpr std::string_view kPrivilegesV1 = R"sql(
REVOKE ALL ON DATABASE {2} FROM PUBLIC;
GRANT CONNECT ON DATABASE {2} TO {0}, {1};
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA quizdeck FROM PUBLIC;
GRANT USAGE ON SCHEMA quizdeck TO {0}, {1};
GRANT SELECT ON quizdeck.meta TO {0}, {1};
GRANT SELECT ON quizdeck.sittings, quizdeck.answers TO {0};
GRANT SELECT, INSERT ON quizdeck.sittings, quizdeck.answers TO {1};
ALTER TABLE quizdeck.sittings ENABLE ROW LEVEL SECURITY;
ALTER TABLE quizdeck.answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY instructor_reads ON quizdeck.sittings FOR SELECT TO {0} USING (true);
CREATE POLICY instructor_reads ON quizdeck.answers FOR SELECT TO {0} USING (true);
CREATE POLICY learner_reads_own ON quizdeck.sittings FOR SELECT TO {1}
  USING (learner = current_user);
CREATE POLICY learner_reads_own ON quizdeck.answers FOR SELECT TO {1}
  USING (learner = current_user);
CREATE POLICY learner_adds_own ON quizdeck.sittings FOR INSERT TO {1}
  WITH CHECK (learner = current_user);
CREATE POLICY learner_adds_own ON quizdeck.answers FOR INSERT TO {1}
  WITH CHECK (learner = current_user);
)sql";

core::Expected<bool> role_exists(Connection& connection, const std::string& name) {
  auto rows = connection.run("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", {name});
  if (!rows) return rows.error();
  return rows->size() > 0;
}

// Migrations from version N to N + 1, by N (none yet: version 1 is the first).
core::Expected<void> migrate(Connection& /*connection*/, int /*from_version*/) {
  return {};
}

}  // namespace

core::Expected<ClassRoles> class_roles(Connection& connection) {
  auto rows = connection.run("SELECT current_database()");
  if (!rows) return rows.error();
  const std::string database = rows->text(0, 0);
  ClassRoles roles{database + "_instructor", database + "_learner"};
  if (roles.instructor.size() > kMaxIdentifier) {
    return core::fail(ExitCode::kUsage,
                      fmt::format("the database name '{}' is too long for the class's role names "
                                  "(at most {} bytes)",
                                  core::visible(database, core::Lines::kShow),
                                  kMaxIdentifier - std::string_view("_instructor").size()));
  }
  return roles;
}

core::Expected<int> class_schema_version(Connection& connection) {
  auto exists = connection.run(
      "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = 'quizdeck' AND tablename = 'meta'");
  if (!exists) return exists.error();
  if (exists->size() == 0) return 0;
  auto rows = connection.run("SELECT max(version) FROM quizdeck.meta");
  if (!rows) return rows.error();
  const int version = std::stoi(rows->at(0, 0).value_or("0"));
  if (version > kClassSchemaVersion) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("the class database has schema version {}, newer than this "
                                  "quizdeck's ({}): update quizdeck",
                                  version, kClassSchemaVersion));
  }
  return version;
}

core::Expected<InitOutcome> init_class(Connection& connection) {
  auto roles = class_roles(connection);
  if (!roles) return roles.error();
  if (auto begun = connection.exec("BEGIN"); !begun) return begun.error();
  // One init at a time per database (the key: "qdinit" in ASCII).
  if (auto locked = connection.exec("SELECT pg_advisory_xact_lock(113100105110105116)"); !locked) {
    return locked.error();
  }
  const auto rollback = [&](core::Failure failure) -> core::Expected<InitOutcome> {
    (void)connection.exec("ROLLBACK");
    return failure;
  };
  auto version = class_schema_version(connection);
  if (!version) return rollback(version.error());
  InitOutcome outcome;
  outcome.from_version = *version;
  outcome.roles = *roles;
  if (*version == 0) {
    for (const std::string* role : {&roles->instructor, &roles->learner}) {
      auto exists = role_exists(connection, *role);
      if (!exists) return rollback(exists.error());
      if (*exists) continue;
      if (auto made = connection.exec("CREATE ROLE " + connection.quoted_name(*role) + " NOLOGIN");
          !made) {
        return rollback(made.error());
      }
    }
    auto database = connection.run("SELECT current_database()");
    if (!database) return rollback(database.error());
    if (auto made = connection.exec(kSchemaV1); !made) return rollback(made.error());
    const std::string privileges = fmt::format(
        fmt::runtime(kPrivilegesV1), connection.quoted_name(roles->instructor),
        connection.quoted_name(roles->learner), connection.quoted_name(database->text(0, 0)));
    if (auto granted = connection.exec(privileges); !granted) return rollback(granted.error());
  } else {
    for (int from = *version; from < kClassSchemaVersion; ++from) {
      if (auto migrated = migrate(connection, from); !migrated) {
        return rollback(migrated.error());
      }
    }
    if (*version < kClassSchemaVersion) {
      if (auto set = connection.run("UPDATE quizdeck.meta SET version = $1",
                                    {std::to_string(kClassSchemaVersion)});
          !set) {
        return rollback(set.error());
      }
    }
  }
  if (auto committed = connection.exec("COMMIT"); !committed) return committed.error();
  return outcome;
}

}  // namespace quizdeck::classroom
