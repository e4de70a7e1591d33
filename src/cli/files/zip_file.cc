// SPDX-License-Identifier: MIT
#include "cli/files/zip_file.h"

#include <zip.h>

#include <fmt/format.h>

namespace quizdeck::cli {

core::Expected<void> write_zip(const std::string& path,
                               const std::vector<std::pair<std::string, std::string>>& files) {
  int code = 0;
  // libzip writes the archive to a temporary file and renames it on zip_close.
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (archive == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return core::fail(ExitCode::kIoError, fmt::format("cannot write '{}': {}", path, reason));
  }
  for (const auto& [name, content] : files) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (source == nullptr ||
        zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (source != nullptr) zip_source_free(source);
      const std::string reason = zip_strerror(archive);
      zip_discard(archive);
      return core::fail(ExitCode::kIoError, fmt::format("cannot write '{}': {}", path, reason));
    }
  }
  if (zip_close(archive) != 0) {
    const std::string reason = zip_strerror(archive);
    zip_discard(archive);
    return core::fail(ExitCode::kIoError, fmt::format("cannot write '{}': {}", path, reason));
  }
  return {};
}

ZipReader::ZipReader(const std::string& path) {
  int code = 0;
  zip_ = zip_open(path.c_str(), ZIP_RDONLY, &code);
}

ZipReader::~ZipReader() {
  if (zip_ != nullptr) zip_discard(zip_);
}

std::optional<std::string> ZipReader::read(const std::string& name, std::size_t max_bytes) const {
  zip_stat_t stat;
  if (zip_stat(zip_, name.c_str(), 0, &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0 ||
      stat.size > max_bytes) {
    return std::nullopt;
  }
  zip_file_t* file = zip_fopen(zip_, name.c_str(), 0);
  if (file == nullptr) return std::nullopt;
  std::string content(stat.size, '\0');
  const zip_int64_t got = zip_fread(file, content.data(), stat.size);
  // A member whose data is longer than its header says is refused too.
  char extra = 0;
  const zip_int64_t more = got >= 0 ? zip_fread(file, &extra, 1) : 0;
  zip_fclose(file);
  if (got != static_cast<zip_int64_t>(stat.size) || more != 0) return std::nullopt;
  return content;
}

bool ZipReader::has(const std::string& name) const {
  return zip_name_locate(zip_, name.c_str(), 0) >= 0;
}

std::vector<std::string> ZipReader::names() const {
  std::vector<std::string> out;
  const zip_int64_t count = zip_get_num_entries(zip_, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    if (const char* name = zip_get_name(zip_, static_cast<zip_uint64_t>(i), 0))
      out.emplace_back(name);
  }
  return out;
}

}  // namespace quizdeck::cli
