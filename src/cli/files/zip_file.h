// SPDX-License-Identifier: MIT
// Zip archives with libzip. Made: files made in memory (a QTI content package) as the
// bytes of an archive, which the caller writes as any output (cli/files/output_file.h).
// Read: members by name, each whole and size-capped (QTI packages, Anki packages).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/expected.h"

struct zip;  // libzip's archive

namespace quizdeck::cli {

// The archive's bytes; `path` names it in a failure's message.
core::Expected<std::string> zip_archive(
    const std::string& path, const std::vector<std::pair<std::string, std::string>>& files);

class ZipReader {
 public:
  explicit ZipReader(const std::string& path);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;
  bool open() const { return zip_ != nullptr; }
  // The member's bytes; nothing when it is missing, unreadable or over `max_bytes`.
  std::optional<std::string> read(const std::string& name, std::size_t max_bytes) const;
  bool has(const std::string& name) const;
  std::vector<std::string> names() const;

 private:
  ::zip* zip_ = nullptr;
};

}  // namespace quizdeck::cli
