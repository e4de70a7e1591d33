// SPDX-License-Identifier: MIT
// Exam sittings as `quizdeck sync` carries them (quizdeck(1), SYNC): a store's sitting as a
// journal's sitting record, and a record from another device's journal as the sitting the
// receiving store keeps, so that `quizdeck results` writes it there as it is written where
// it was sat (its questions and time spent included; its plan is not carried, so it is
// resumed only where it was begun).
#pragma once

#include <string>

#include "store/store.h"
#include "sync/journal.h"

namespace quizdeck::cli {

// The record of one of this store's exam sittings, stamped 0 (the caller stamps it).
sync::Sitting sitting_record(const store::SittingToSend& sitting);

// The record as the store keeps it to tell whether it changed: its line without the stamp.
std::string sitting_fingerprint(sync::Sitting sitting);

// Another device's sitting as this store keeps it (`device` sat it).
store::SyncedSitting taken_sitting(const std::string& device, const sync::Sitting& sitting);

}  // namespace quizdeck::cli
