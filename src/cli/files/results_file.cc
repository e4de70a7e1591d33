// SPDX-License-Identifier: MIT
#include "cli/files/results_file.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "cli/files/input_file.h"
#include "core/exit_code.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

// Results lines are short; a longer one is not a results file.
constexpr std::size_t kMaxResultsLine = 1 << 20;

}  // namespace

core::Expected<analysis::ResultsHeader> read_results_file_into(
    const std::string& path, const std::function<analysis::ResultsRecord&()>& place,
    const std::function<void(analysis::ResultsRecord&)>& keep) {
  bool header = false;
  analysis::ResultsHeader head;
  analysis::ResultsReader reader;
  auto read = read_input_lines(
      path, "results files", kMaxResultsLine,
      [&](std::string_view line, std::int64_t number) -> core::Expected<void> {
        // A byte order mark, as editors on Windows put before UTF-8, is not part of the text.
        if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
        if (line.find_first_not_of(" \t") == std::string_view::npos) return {};
        analysis::ResultsRecord& record = place();
        auto read_line = reader.read(line, record);
        const auto where = [&](const std::string& message) {
          return core::fail_in_file(ExitCode::kInvalidInput, path,
                                    fmt::format("line {}: {}", number, message));
        };
        if (!read_line) return where(read_line.error().message());
        if (const auto* read_head = std::get_if<analysis::ResultsHeader>(&record)) {
          if (header) return where("a second header: a results file holds one learner's results");
          header = true;
          head = *read_head;
          keep(record);
          return {};
        }
        if (!header) {
          return where(
              "the file does not start with a results header; is it from `quizdeck "
              "results`?");
        }
        keep(record);
        return {};
      });
  if (!read) return read.error();
  if (!header) {
    return core::fail_in_file(ExitCode::kInvalidInput, path,
                              "the file is empty: no results header");
  }
  return head;
}

core::Expected<analysis::ResultsHeader> read_results_file(
    const std::string& path, const std::function<void(const analysis::ResultsHeader&)>& on_header,
    const std::function<void(const analysis::ResultsRecord&)>& take) {
  analysis::ResultsRecord record;  // each line is read into the last one's
  return read_results_file_into(
      path, [&]() -> analysis::ResultsRecord& { return record; },
      [&](analysis::ResultsRecord& kept) {
        if (const auto* header = std::get_if<analysis::ResultsHeader>(&kept)) {
          on_header(*header);
        } else {
          take(kept);
        }
      });
}

core::Expected<std::vector<std::string>> results_paths(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (arg == "-" || !std::filesystem::is_directory(arg, ec)) {
      out.push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(arg, ec)) {
      std::error_code kind;
      if (entry.path().extension() == ".jsonl" && entry.is_regular_file(kind)) {
        found.push_back(entry.path().string());
      }
    }
    if (ec) {
      return core::fail(ExitCode::kIoError,
                        fmt::format("cannot list '{}': {}", core::visible(arg, core::Lines::kShow),
                                    ec.message()));
    }
    if (found.empty()) {
      return core::fail(ExitCode::kInvalidInput,
                        fmt::format("'{}' holds no results files (*.jsonl)",
                                    core::visible(arg, core::Lines::kShow)));
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace quizdeck::cli
