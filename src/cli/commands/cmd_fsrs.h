// SPDX-License-Identifier: MIT
// `quizdeck fsrs replay` and `quizdeck fsrs preview`: scheduler plumbing for scripts,
// integrations and parity checks against ts-fsrs, in the oracle's JSON format.
#pragma once

#include <string>

#include "cli/commands/fsrs_json.h"
#include "cli/streams.h"
#include "core/exit_code.h"

namespace quizdeck::cli {

struct FsrsReplayOptions {
  std::string input = "-";           // a JSON Lines file, or - for standard input
  schedule::SettingsText scheduler;  // for lines without a "config"
  bool with_preview = false;
  int jobs = 0;  // threads; 0: one per core
};

struct FsrsPreviewOptions {
  std::string card = "{}";  // JSON, fields as in the oracle's card shape
  std::string now;          // ISO 8601
  schedule::SettingsText scheduler;
  bool json = false;
};

ExitCode run_fsrs_replay(const FsrsReplayOptions& options, Streams& io);
ExitCode run_fsrs_preview(const FsrsPreviewOptions& options, Streams& io);

}  // namespace quizdeck::cli
