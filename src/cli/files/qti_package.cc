// SPDX-License-Identifier: MIT
#include "cli/files/qti_package.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <variant>

#include <fmt/format.h>

#include "cli/files/zip_file.h"
#include "interchange/qti.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileBytes = kMaxQtiFileBytes;  // one item, image or manifest
constexpr std::uintmax_t kMaxItemsBytes = kMaxQtiItemsBytes;
constexpr std::uintmax_t kMaxImagesBytes = kMaxQtiImagesBytes;
constexpr std::size_t kMaxItems = kMaxQtiItems;

// A manifest's href as a path inside the package, or nothing when it would leave it.
std::optional<fs::path> inside(const std::string& href) {
  const fs::path path = fs::path(href).lexically_normal();
  if (href.empty() || path.is_absolute() || path.has_root_name()) return std::nullopt;
  for (const auto& part : path) {
    if (part == "..") return std::nullopt;
  }
  return path;
}

// Why a file of a package was not read: it is not there, or too large (the item is left
// out); or the package is refused (a symbolic link inside it).
struct Unread {
  bool refuse = false;
  std::string why;
};

// The files of a package, a directory or a zip archive, each read whole and size-capped.
class Package {
 public:
  explicit Package(std::string path) : path_(std::move(path)) {}

  // False when the package is a .zip that is not a zip archive.
  bool open() {
    if (!path_.ends_with(".zip") || fs::is_directory(path_)) return true;
    zip_.emplace(path_);
    return zip_->open();
  }

  // The file at `name` (a path inside the package) whole, if it is at most `max` bytes.
  std::variant<std::string, Unread> read(const fs::path& name, std::uintmax_t max) const {
    const std::string shown = name.generic_string();
    if (zip_) {
      if (auto bytes = zip_->read(shown, max)) return std::move(*bytes);
      return Unread{false, zip_->has(shown)
                               ? fmt::format("'{}' is unreadable or over {} MiB", shown, max >> 20)
                               : fmt::format("'{}' is not in the package", shown)};
    }
    // Nothing is read through a symbolic link: a package's files are its own.
    fs::path at = path_;
    std::error_code error;
    for (const auto& part : name) {
      at /= part;
      const auto status = fs::symlink_status(at, error);
      if (error || !fs::exists(status)) {
        return Unread{false, fmt::format("'{}' is not in the package", shown)};
      }
      if (fs::is_symlink(status)) {
        return Unread{true, fmt::format("'{}' is a symbolic link; a QTI package is read only "
                                        "from its own files and folders",
                                        at.string())};
      }
    }
    if (!fs::is_regular_file(fs::symlink_status(at, error))) {
      return Unread{false, fmt::format("'{}' is not a regular file", shown)};
    }
    if (fs::file_size(at, error) > max) {
      return Unread{false, fmt::format("'{}' is over {} MiB", shown, max >> 20)};
    }
    std::ifstream in(at, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) return Unread{false, fmt::format("'{}' is unreadable", shown)};
    std::string bytes = text.str();
    if (bytes.size() > max)
      return Unread{false, fmt::format("'{}' is over {} MiB", shown, max >> 20)};
    return bytes;
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::optional<ZipReader> zip_;
};

// A diagnostic at a line of the manifest (one of its resources).
core::Diagnostic at_line(core::Severity severity, const core::SourceText& manifest, int line,
                         std::string message) {
  return core::make_diagnostic(severity, manifest, manifest.offset_of_line(line), 1,
                               std::move(message));
}

core::Failure refused(const std::string& file, std::string message) {
  return core::fail_in_file(ExitCode::kInvalidInput, file, std::move(message));
}

// A single item file.
core::Expected<interchange::Bank> import_item(const std::string& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("cannot read '{}': not a regular file", path));
  }
  if (fs::file_size(path, error) > kMaxFileBytes) {
    return refused(path, fmt::format("the file is over {} MiB; larger QTI items are refused",
                                     kMaxFileBytes >> 20));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return core::fail(ExitCode::kIoError, fmt::format("cannot read '{}'", path));
  }
  return interchange::import_qti_item(core::SourceText(path, text.str()));
}

// The items' images, each read once from the package: a card's image when it is a file of
// the package, else left out with a warning.
core::Expected<void> read_images(const Package& package, interchange::Bank& bank) {
  std::uintmax_t total = 0;
  std::set<std::string> read;
  for (auto& entry : bank.entries) {
    if (entry.image.path.empty()) continue;
    const std::string wanted = entry.image.path;
    if (read.count(wanted) != 0) continue;
    const auto name = inside(fs::path(wanted).lexically_relative(package.path()).generic_string());
    auto bytes = name ? package.read(*name, kMaxFileBytes)
                      : std::variant<std::string, Unread>(Unread{false, ""});
    if (auto* unread = std::get_if<Unread>(&bytes)) {
      if (unread->refuse) return refused(package.path(), unread->why);
      bank.diagnostics.push_back(core::make_file_diagnostic(
          core::Severity::kWarning, package.path(),
          fmt::format("image '{}' is not a file of the package: left out", wanted)));
      entry.image = {};
      continue;
    }
    auto& image = std::get<std::string>(bytes);
    total += image.size();
    if (total > kMaxImagesBytes) {
      return refused(package.path(), fmt::format("the package's images come to over {} MiB; "
                                                 "larger packages are refused",
                                                 kMaxImagesBytes >> 20));
    }
    read.insert(wanted);
    bank.media.emplace_back(wanted, std::move(image));
  }
  // An image that could not be read is left out of every card that shows it.
  for (auto& entry : bank.entries) {
    if (!entry.image.path.empty() && read.count(entry.image.path) == 0) entry.image = {};
  }
  return {};
}

}  // namespace

core::Expected<interchange::Bank> import_qti_package(const std::string& path) {
  std::error_code error;
  const bool directory = fs::is_directory(path, error);
  if (!directory && !path.ends_with(".zip")) return import_item(path);
  Package package(path);
  if (!package.open()) {
    return core::fail(ExitCode::kInvalidInput, fmt::format("'{}' is not a zip archive", path));
  }
  const std::string manifest_name = (fs::path(path) / "imsmanifest.xml").string();
  auto manifest_text = package.read("imsmanifest.xml", kMaxFileBytes);
  if (auto* unread = std::get_if<Unread>(&manifest_text)) {
    if (unread->refuse) return refused(path, unread->why);
    return refused(path, "not a QTI content package: " + unread->why);
  }
  const core::SourceText manifest(manifest_name, std::move(std::get<std::string>(manifest_text)));
  auto resources = interchange::qti_manifest_items(manifest);
  if (!resources) return resources.error();
  if (resources->size() > kMaxItems) {
    return refused(manifest_name, fmt::format("the package lists over {} items", kMaxItems));
  }
  std::vector<core::SourceText> items;
  std::vector<core::Diagnostic> unread_items;
  std::set<std::string> listed;
  std::uintmax_t total = 0;
  std::vector<core::Diagnostic> warnings;
  for (const auto& resource : *resources) {
    const auto name = inside(resource.href);
    if (!name) {
      return refused(manifest_name, fmt::format("item '{}' is outside the package; only paths "
                                                "inside it are read",
                                                resource.href));
    }
    // Each item is read once, however often the manifest lists it.
    if (!listed.insert(name->generic_string()).second) {
      warnings.push_back(
          at_line(core::Severity::kWarning, manifest, resource.line,
                  fmt::format("item '{}' is listed again: read once", resource.href)));
      continue;
    }
    auto text = package.read(*name, kMaxFileBytes);
    if (auto* unread = std::get_if<Unread>(&text)) {
      if (unread->refuse) return refused(path, unread->why);
      unread_items.push_back(at_line(core::Severity::kError, manifest, resource.line,
                                     fmt::format("item {}: left out", unread->why)));
      continue;
    }
    total += std::get<std::string>(text).size();
    if (total > kMaxItemsBytes) {
      return refused(path, fmt::format("the package's items come to over {} MiB; larger "
                                       "packages are refused",
                                       kMaxItemsBytes >> 20));
    }
    items.emplace_back((fs::path(path) / *name).string(), std::move(std::get<std::string>(text)));
  }
  interchange::Bank bank = interchange::import_qti(items);
  for (auto& d : warnings) bank.diagnostics.push_back(std::move(d));
  for (auto& d : unread_items) bank.add_malformed(std::move(d));
  if (auto images = read_images(package, bank); !images) return images.error();
  return bank;
}

std::optional<std::string> qti_package_over_limits(
    const std::vector<std::pair<std::string, std::string>>& files) {
  std::uintmax_t items = 0;
  std::uintmax_t images = 0;
  std::size_t count = 0;
  for (const auto& [name, content] : files) {
    if (content.size() > kMaxFileBytes) {
      return fmt::format("its file '{}' would be over {} MiB", name, kMaxFileBytes >> 20);
    }
    if (name.starts_with("items/")) {
      items += content.size();
      ++count;
    } else if (name.starts_with("media/")) {
      images += content.size();
    }
  }
  if (count > kMaxItems) return fmt::format("it would hold over {} items", kMaxItems);
  if (items > kMaxItemsBytes) {
    return fmt::format("its items would come to over {} MiB", kMaxItemsBytes >> 20);
  }
  if (images > kMaxImagesBytes) {
    return fmt::format("its images would come to over {} MiB", kMaxImagesBytes >> 20);
  }
  return std::nullopt;
}

}  // namespace quizdeck::cli
