// SPDX-License-Identifier: MIT
// One sync of a store with a sync folder: this store's news appended to its journal
// first, then every other journal read from where the last sync left it and merged in
// one store transaction (so a run killed anywhere adds nothing twice and loses nothing).
// `quizdeck sync` runs it, and the tests run it on stores of their own.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "core/expected.h"
#include "store/store.h"

namespace quizdeck::cli {

struct SyncRequest {
  std::string dir;
  std::int64_t now = 0;
  bool dry_run = false;               // say what would change; write nothing
  std::optional<std::string> retire;  // a device id (or a prefix of one the store knows)
};

struct SyncSummary {
  std::string device;  // this store's
  std::size_t sent_reviews = 0;
  std::size_t sent_undos = 0;
  std::size_t sent_marks = 0;
  std::size_t sent_settings = 0;
  std::size_t sent_sittings = 0;  // exam sittings, new or changed
  std::size_t journals = 0;       // journals read (copies included)
  std::size_t lines = 0;          // lines read
  std::size_t bad_lines = 0;      // reported and skipped
  bool more = false;              // the line limit stopped the reading: run sync again
  std::optional<std::string> retired;
  store::SyncCounts counts;
};

// What `status` and `stats` say of a device this store knows from syncing: the start of
// its id, whether it is this store's, when it last synced (and how long before `now`),
// whether it was retired. "3f9c21d0 (this device): last synced 2026-12-07 10:15 (2h ago)".
std::string device_line(const store::DeviceRecord& device, const std::string& self,
                        std::int64_t now);

// Problems with journal lines are reported through `report` (warnings, positioned) and
// skipped; a folder or journal that cannot be read or written is a failure.
core::Expected<SyncSummary> sync_store(store::Store& store, const SyncRequest& request,
                                       const std::function<void(const core::Diagnostic&)>& report);

}  // namespace quizdeck::cli
