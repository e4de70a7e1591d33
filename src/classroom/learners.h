// SPDX-License-Identifier: MIT
// Learner logins of a class database: each a login role in the class's learner role, with
// a random password (the server keeps only its SCRAM verifier).
#pragma once

#include <string>

#include "classroom/connection.h"
#include "core/expected.h"

namespace quizdeck::classroom {

// Why `name` cannot name a learner (empty, longer than 63 bytes, not UTF-8, a control
// character, reserved by PostgreSQL), or nothing when it can. Any other text is taken,
// quoted: it is data, never SQL.
std::optional<std::string> learner_name_problem(std::string_view name);

// A random password of 32 characters (letters and digits) from the system's random
// source.
std::string random_password();

// Creates the login `name` with `password` in the class's learner role; the address a
// learner pastes is for the caller to build. A role of that name already there is an
// error (kUsage), as is a class database not initialised.
core::Expected<void> add_learner(Connection& connection, const std::string& name,
                                 const std::string& password);

// Removes the login; the rows the learner pushed stay, under their name. A name that is
// not a learner of this class is an error (kUsage).
core::Expected<void> remove_learner(Connection& connection, const std::string& name);

}  // namespace quizdeck::classroom
