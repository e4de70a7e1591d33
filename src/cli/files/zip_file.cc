// SPDX-License-Identifier: MIT
#include "cli/files/zip_file.h"

#include <zip.h>

#include <fmt/format.h>

namespace quizdeck::cli {

core::Expected<std::string> zip_archive(
    const std::string& path, const std::vector<std::pair<std::string, std::string>>& files) {
  const auto failed = [&](const std::string& reason) {
    return core::fail(ExitCode::kIoError, fmt::format("cannot write '{}': {}", path, reason));
  };
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) {
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return failed(reason);
  }
  // Kept past zip_close, which would otherwise free it: the archive is read back from it.
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(buffer);
    return failed(reason);
  }
  zip_error_fini(&error);
  for (const auto& [name, content] : files) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (source == nullptr ||
        zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (source != nullptr) zip_source_free(source);
      const std::string reason = zip_strerror(archive);
      zip_discard(archive);
      zip_source_free(buffer);
      return failed(reason);
    }
  }
  if (zip_close(archive) != 0) {
    const std::string reason = zip_strerror(archive);
    zip_discard(archive);
    zip_source_free(buffer);
    return failed(reason);
  }
  std::string bytes;
  zip_stat_t stat;
  if (zip_source_stat(buffer, &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0 ||
      zip_source_open(buffer) != 0) {
    zip_source_free(buffer);
    return failed("the archive could not be read back");
  }
  bytes.resize(stat.size);
  const zip_int64_t got = zip_source_read(buffer, bytes.data(), stat.size);
  zip_source_close(buffer);
  zip_source_free(buffer);
  if (got != static_cast<zip_int64_t>(stat.size))
    return failed("the archive could not be read back");
  return bytes;
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
