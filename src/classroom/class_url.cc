// SPDX-License-Identifier: MIT
#include "classroom/class_url.h"

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "core/visible.h"

namespace quizdeck::classroom {
namespace {

struct FreeOptions {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

// `text` percent-encoded but for the unreserved characters and `also` (a query's values
// keep '/', ':' and ',' as they are: a socket directory, an IPv6 address, a host list).
std::string percent_encoded(std::string_view text, std::string_view also = "") {
  std::string out;
  for (const unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' ||
        also.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// A host name that may stand in the URL's authority as it is (one name, no path, no IPv6).
bool plain_host(std::string_view host) {
  if (host.empty()) return false;
  for (const char c : host) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// The password a string that libpq cannot parse may still hold: "scheme://user:PASSWORD@".
std::string naive_password(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  const auto at = url.find('@', scheme + 3);
  if (at == std::string_view::npos) return "";
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string_view::npos || colon > at) return "";
  return std::string(url.substr(colon + 1, at - colon - 1));
}

// A port, or a list of them separated by commas (one per host; an empty one is the default).
bool port_list(std::string_view ports) {
  while (true) {
    const auto comma = ports.find(',');
    const std::string_view port = ports.substr(0, comma);
    if (!port.empty()) {
      if (port.size() > 5) return false;
      int number = 0;
      for (const char c : port) {
        if (c < '0' || c > '9') return false;
        number = number * 10 + (c - '0');
      }
      if (number < 1 || number > 65535) return false;
    }
    if (comma == std::string_view::npos) return true;
    ports.remove_prefix(comma + 1);
  }
}

// Who logs in and which database are the learner's own; files of the instructor's machine
// (passfile, client certificates, a service file) mean nothing on the learner's.
const std::set<std::string, std::less<>> kNotPassedOn{
    "user",        "password", "passfile", "sslcert", "sslkey",
    "sslpassword", "service",  "host",     "port",    "dbname"};

std::string url_from(const std::map<std::string, std::string>& options, const std::string& user,
                     const std::string& password) {
  const auto get = [&](const char* key) {
    const auto it = options.find(key);
    return it == options.end() ? std::string() : it->second;
  };
  std::string url = "postgresql://";
  if (!user.empty()) {
    url += percent_encoded(user);
    if (!password.empty()) url += ":" + password;
    url += "@";
  }
  const std::string host = get("host");
  const std::string port = get("port");
  std::string query;
  const auto add = [&](const std::string& key, const std::string& value) {
    query += (query.empty() ? "?" : "&") + key + "=" + percent_encoded(value, "/:,");
  };
  if (plain_host(host)) {
    url += host;
    if (!port.empty() && port.find(',') == std::string::npos) url += ":" + percent_encoded(port);
  }
  url += "/" + percent_encoded(get("dbname"));
  if (!host.empty() && !plain_host(host)) add("host", host);
  if (!port.empty() && (!plain_host(host) || port.find(',') != std::string::npos)) {
    add("port", port);
  }
  for (const auto& [key, value] : options) {
    if (!kNotPassedOn.contains(key)) add(key, value);
  }
  return url + query;
}

// What libpq reads in the string, keyword by keyword; nothing (and why) when it reads none.
std::optional<std::map<std::string, std::string>> libpq_options(const std::string& url,
                                                                std::string* why = nullptr) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, FreeOptions> options(PQconninfoParse(url.c_str(), &error));
  if (!options) {
    if (why != nullptr) *why = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    return std::nullopt;
  }
  std::map<std::string, std::string> out;
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val != nullptr) out.emplace(option->keyword, option->val);
  }
  return out;
}

}  // namespace

core::Expected<std::map<std::string, std::string>> parse_class_url(const std::string& url) {
  std::string why;
  auto options = libpq_options(url, &why);
  if (!options) {
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return core::fail(ExitCode::kUsage,
                      mask_secrets(fmt::format("the class address is not a PostgreSQL connection "
                                               "string (postgresql://...): {}",
                                               core::visible(why, core::Lines::kShow)),
                                   url));
  }
  auto& out = *options;
  // libpq reads the port only when it connects, and then calls a bad one a failure to
  // connect: said here instead, as the mistake in the address it is.
  if (const auto port = out.find("port"); port != out.end() && !port_list(port->second)) {
    return core::fail(ExitCode::kUsage,
                      mask_secrets(fmt::format("the class address's port '{}' is not a port "
                                               "number (1 to 65535; a list separated by commas "
                                               "for several hosts)",
                                               core::visible(port->second, core::Lines::kShow)),
                                   url));
  }
  return out;
}

std::string masked_url(const std::string& url) {
  auto options = parse_class_url(url);
  if (!options) return "(an address libpq cannot read)";
  const auto user = options->find("user");
  const bool has_password = options->contains("password");
  return url_from(*options, user == options->end() ? "" : user->second, has_password ? "***" : "");
}

std::string mask_secrets(std::string text, const std::string& url, std::string_view secret) {
  std::set<std::string> secrets;
  if (auto options = libpq_options(url)) {
    if (const auto it = options->find("password"); it != options->end()) {
      secrets.insert(it->second);
      secrets.insert(percent_encoded(it->second));
    }
  }
  if (const std::string naive = naive_password(url); !naive.empty()) secrets.insert(naive);
  if (secret.size() >= 4) secrets.insert(std::string(secret));
  for (const std::string& s : secrets) {
    if (s.empty()) continue;
    for (auto at = text.find(s); at != std::string::npos; at = text.find(s, at + 3)) {
      text.replace(at, s.size(), "***");
    }
  }
  return text;
}

std::string learner_url(const std::map<std::string, std::string>& instructor,
                        const std::string& user, const std::string& password) {
  return url_from(instructor, user, percent_encoded(password));
}

}  // namespace quizdeck::classroom
