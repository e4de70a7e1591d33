// SPDX-License-Identifier: MIT
// The class_address harness (targets.h): class database addresses as quizdeck shows and
// rebuilds them (classroom/class_url.h), on top of libpq's own parser.
#include <cstdlib>
#include <map>
#include <string>

#include "classroom/class_url.h"
#include "fuzz/targets.h"

namespace quizdeck::fuzz {
namespace {

void expect(bool condition) {
  if (!condition) std::abort();
}

std::string value_of(const std::map<std::string, std::string>& options, const std::string& key) {
  const auto it = options.find(key);
  return it == options.end() ? std::string() : it->second;
}

}  // namespace

void class_address(std::string_view input) {
  const std::string url(input);
  const auto parsed = classroom::parse_class_url(url);
  // Whatever the text, masking it never crashes, and a password without '*' (which the
  // mask itself holds) is gone from the message.
  const std::string message = classroom::mask_secrets("said: " + url + " (" + url + ")", url);
  if (!parsed) {
    expect(classroom::masked_url(url) == "(an address libpq cannot read)");
    return;
  }
  const std::string password = value_of(*parsed, "password");
  if (!password.empty() && password.find('*') == std::string::npos) {
    expect(message.find(password) == std::string::npos);
  }
  // The address shown reads back as the same server, database and user, with the
  // password (if it shows one at all) masked.
  const std::string masked = classroom::masked_url(url);
  const auto shown = classroom::parse_class_url(masked);
  expect(shown.has_value());
  for (const char* key : {"host", "hostaddr", "port", "dbname", "user", "sslmode", "options"}) {
    expect(value_of(*shown, key) == value_of(*parsed, key));
  }
  const std::string shown_password = value_of(*shown, "password");
  expect(shown_password.empty() || shown_password == "***");
  // A learner's address: the same server and database, their own name and password.
  const std::string name = "ann o'neil \"x\"@/:?&=%";
  const std::string secret = "Pw0rdPw0rdPw0rdPw0rdPw0rdPw0rd12";
  const auto learner = classroom::parse_class_url(classroom::learner_url(*parsed, name, secret));
  expect(learner.has_value());
  for (const char* key : {"host", "hostaddr", "port", "dbname", "sslmode", "options"}) {
    expect(value_of(*learner, key) == value_of(*parsed, key));
  }
  expect(value_of(*learner, "user") == name);
  expect(value_of(*learner, "password") == secret);
  expect(!learner->contains("passfile") && !learner->contains("sslkey"));
}

}  // namespace quizdeck::fuzz
