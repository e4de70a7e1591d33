// SPDX-License-Identifier: MIT
#include "cli/zip_file.h"

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

}  // namespace quizdeck::cli
