// SPDX-License-Identifier: MIT
// `quizdeck drill|exam|cram PATH...`: study sessions. Scripted when standard input is not a
// terminal (or with --script): answers one per line, text or JSON Lines out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/store_access.h"
#include "cli/streams.h"
#include "core/exit_code.h"
#include "session/session.h"

namespace quizdeck::cli {

struct StudyOptions {
  std::vector<std::string> paths;
  std::vector<std::string> tags;
  std::optional<std::string> card;
  std::optional<std::uint64_t> seed;
  bool repeat_wrong = false;
  bool json = false;
  bool script = false;
  std::string color = "auto";
  // drill
  std::optional<int> new_per_day;
  std::optional<int> max;
  bool ahead = false;
  // exam
  std::optional<int> questions;
  bool by_tag = false;
  std::optional<std::string> time;
  std::optional<std::string> pass;
  bool feedback = false;
  bool no_schedule = false;
  // cram
  std::optional<int> wrong_days;
  std::optional<int> weakest;
  bool all = false;
};

ExitCode run_study(session::Mode mode, const StoreOptions& store, const StudyOptions& options,
                   Streams& io);

}  // namespace quizdeck::cli
