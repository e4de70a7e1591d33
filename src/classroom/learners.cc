// SPDX-License-Identifier: MIT
#include "classroom/learners.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <stdexcept>

#include <fmt/format.h>

#include "classroom/class_schema.h"
#include "core/utf8.h"
#include "core/visible.h"

namespace quizdeck::classroom {
namespace {

constexpr std::size_t kMaxRoleName = 63;

std::string shown(std::string_view name) {
  return core::visible(name, core::Lines::kShow);
}

core::Expected<ClassRoles> initialised_roles(Connection& connection) {
  auto version = class_schema_version(connection);
  if (!version) return version.error();
  if (*version == 0) {
    return core::fail(ExitCode::kUsage,
                      "the database is not a class database yet: run `quizdeck class init URL` "
                      "first");
  }
  return class_roles(connection);
}

core::Expected<bool> is_member(Connection& connection, const std::string& name,
                               const std::string& group) {
  auto rows = connection.run(
      "SELECT 1 FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles r ON r.oid = "
      "m.member JOIN pg_catalog.pg_roles g ON g.oid = m.roleid WHERE r.rolname = $1 AND "
      "g.rolname = $2",
      {name, group});
  if (!rows) return rows.error();
  return rows->size() > 0;
}

}  // namespace

std::optional<std::string> learner_name_problem(std::string_view name) {
  if (name.empty()) return "a learner's name cannot be empty";
  if (name.size() > kMaxRoleName) {
    return fmt::format("the learner name '{}' is longer than {} bytes", shown(name), kMaxRoleName);
  }
  if (core::find_invalid_utf8(name))
    return fmt::format("the learner name '{}' is not UTF-8", shown(name));
  if (core::needs_visible(name, core::Lines::kShow)) {
    return fmt::format("the learner name '{}' holds a control character", shown(name));
  }
  if (name.starts_with("pg_")) {
    return fmt::format("the learner name '{}' starts with pg_, which PostgreSQL keeps for itself",
                       shown(name));
  }
  return std::nullopt;
}

std::string random_password() {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  while (out.size() < 32) {
    std::array<unsigned char, 64> bytes{};
    const ssize_t got = ::getrandom(bytes.data(), bytes.size(), 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("the system's random source failed");
    }
    for (ssize_t i = 0; i < got && out.size() < 32; ++i) {
      // 62 letters: bytes of 248 and above are dropped, so each is equally likely.
      if (bytes[static_cast<std::size_t>(i)] >= 248) continue;
      out += kAlphabet[bytes[static_cast<std::size_t>(i)] % kAlphabet.size()];
    }
  }
  return out;
}

core::Expected<void> add_learner(Connection& connection, const std::string& name,
                                 const std::string& password) {
  if (auto problem = learner_name_problem(name)) return core::fail(ExitCode::kUsage, *problem);
  auto roles = initialised_roles(connection);
  if (!roles) return roles.error();
  auto exists = connection.run("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", {name});
  if (!exists) return exists.error();
  if (exists->size() > 0) {
    return core::fail(ExitCode::kUsage,
                      fmt::format("the server already has a role named '{}': choose another name "
                                  "(or remove the learner first)",
                                  shown(name)));
  }
  auto verifier = connection.password_verifier(name, password);
  if (!verifier) return verifier.error();
  // CREATE ROLE takes no parameters: the name is a quoted identifier, the verifier a
  // quoted literal.
  return connection.exec(
      fmt::format("CREATE ROLE {} LOGIN NOCREATEDB NOCREATEROLE PASSWORD {} "
                  "IN ROLE {}",
                  connection.quoted_name(name), connection.quoted_value(*verifier),
                  connection.quoted_name(roles->learner)));
}

core::Expected<void> remove_learner(Connection& connection, const std::string& name) {
  if (auto problem = learner_name_problem(name)) return core::fail(ExitCode::kUsage, *problem);
  auto roles = initialised_roles(connection);
  if (!roles) return roles.error();
  auto member = is_member(connection, name, roles->learner);
  if (!member) return member.error();
  if (!*member) {
    return core::fail(ExitCode::kUsage,
                      fmt::format("'{}' is not a learner of this class", shown(name)));
  }
  return connection.exec("DROP ROLE " + connection.quoted_name(name));
}

}  // namespace quizdeck::classroom
