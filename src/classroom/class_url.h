// SPDX-License-Identifier: MIT
// Class database addresses: libpq connection strings (postgresql://... URLs or key=value
// lists). Parsed with libpq's own parser; shown with the password masked, never in clear;
// rebuilt for a learner's login (everything of the instructor's address but who logs in).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/expected.h"

namespace quizdeck::classroom {

// What a connection string says, keyword by keyword (only what it gives).
core::Expected<std::map<std::string, std::string>> parse_class_url(const std::string& url);

// The address as a URL with its password shown as "***" (and without one when it has
// none): what every message says. A string libpq cannot read is shown as "(an address
// libpq cannot read)".
std::string masked_url(const std::string& url);

// `text` with every appearance of the address's password (and, when it is long enough to
// be one, of `secret`) replaced by "***": for messages from libpq and the server.
std::string mask_secrets(std::string text, const std::string& url, std::string_view secret = {});

// The address a learner logs in with: the instructor's host, port, database and TLS
// settings, the learner's name and password, as a postgresql:// URL (percent-encoded).
std::string learner_url(const std::map<std::string, std::string>& instructor,
                        const std::string& user, const std::string& password);

}  // namespace quizdeck::classroom
