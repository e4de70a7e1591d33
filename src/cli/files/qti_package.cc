// SPDX-License-Identifier: MIT
#include "cli/files/qti_package.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cli/files/zip_file.h"
#include "interchange/qti.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxItemBytes = 16ULL * 1024 * 1024;
constexpr std::size_t kMaxItems = 100000;

// A manifest's href as a path inside the package, or nothing when it would leave it.
std::optional<fs::path> inside(const std::string& href) {
  const fs::path path(href);
  if (href.empty() || path.is_absolute()) return std::nullopt;
  for (const auto& part : path) {
    if (part == "..") return std::nullopt;
  }
  return path;
}

core::Expected<std::string> read_file(const fs::path& path) {
  std::error_code error;
  const auto status = fs::symlink_status(path, error);
  if (error || !fs::is_regular_file(status)) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("cannot read '{}': not a regular file", path.string()));
  }
  if (fs::file_size(path, error) > kMaxItemBytes) {
    return core::fail(ExitCode::kInvalidInput,
                      fmt::format("'{}' is over {} MiB", path.string(), kMaxItemBytes >> 20));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return core::fail(ExitCode::kIoError, fmt::format("cannot read '{}'", path.string()));
  }
  return text.str();
}

}  // namespace

core::Expected<interchange::Bank> import_qti_package(const std::string& path) {
  std::error_code error;
  const bool directory = fs::is_directory(path, error);
  const bool zipped = !directory && path.ends_with(".zip");
  if (!directory && !zipped) {  // one item
    auto text = read_file(path);
    if (!text) return text.error();
    return interchange::import_qti({core::SourceText(path, std::move(*text))});
  }
  std::optional<ZipReader> zip;
  if (zipped) {
    zip.emplace(path);
    if (!zip->open()) {
      return core::fail(ExitCode::kInvalidInput, fmt::format("'{}' is not a zip archive", path));
    }
  }
  const auto read = [&](const fs::path& name) -> core::Expected<std::string> {
    if (!zipped) return read_file(fs::path(path) / name);
    if (auto content = zip->read(name.generic_string(), kMaxItemBytes)) return std::move(*content);
    return core::fail(ExitCode::kInvalidInput,
                      fmt::format("'{}' has no readable '{}' (or it is over {} MiB)", path,
                                  name.generic_string(), kMaxItemBytes >> 20));
  };
  auto manifest_text = read("imsmanifest.xml");
  if (!manifest_text) return manifest_text.error();
  const std::string manifest_name = (fs::path(path) / "imsmanifest.xml").string();
  const core::SourceText manifest(manifest_name, std::move(*manifest_text));
  interchange::Bank bank;
  const auto hrefs = interchange::qti_manifest_items(manifest, bank.diagnostics);
  if (!bank.diagnostics.empty()) return bank;
  if (hrefs.size() > kMaxItems) {
    return core::fail_in_file(ExitCode::kInvalidInput, manifest_name,
                              fmt::format("the package lists over {} items", kMaxItems));
  }
  std::vector<core::SourceText> items;
  for (const auto& href : hrefs) {
    const auto name = inside(href);
    if (!name) {
      return core::fail_in_file(
          ExitCode::kInvalidInput, manifest_name,
          fmt::format("item '{}' is outside the package; only paths inside it are read", href));
    }
    auto text = read(*name);
    if (!text) return text.error();
    items.emplace_back((fs::path(path) / *name).string(), std::move(*text));
  }
  interchange::Bank bank_of_items = interchange::import_qti(items);
  // The items' images, read from the package when they are in it.
  for (auto& entry : bank_of_items.entries) {
    if (entry.image.path.empty()) continue;
    const std::string wanted = entry.image.path;
    const auto name = inside(fs::path(wanted).lexically_relative(path).generic_string());
    auto bytes =
        name ? read(*name) : core::Expected<std::string>(core::fail(ExitCode::kInvalidInput, ""));
    if (!bytes) {
      bank_of_items.diagnostics.push_back(core::make_file_diagnostic(
          core::Severity::kWarning, path,
          fmt::format("image '{}' is not a file of the package: left out", wanted)));
      entry.image = {};
      continue;
    }
    const bool known = std::any_of(bank_of_items.media.begin(), bank_of_items.media.end(),
                                   [&](const auto& file) { return file.first == wanted; });
    if (!known) bank_of_items.media.emplace_back(wanted, std::move(*bytes));
  }
  return bank_of_items;
}

}  // namespace quizdeck::cli
