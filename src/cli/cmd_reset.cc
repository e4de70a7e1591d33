// SPDX-License-Identifier: MIT
#include "cli/cmd_reset.h"

#include <fmt/format.h>

namespace quizdeck::cli {

ExitCode run_reset(const StoreOptions& store_options, const ResetOptions& options, Streams& io) {
  const auto now = resolve_now(store_options, io);
  if (!now) return ExitCode::kUsage;
  auto store = open_store(store_options, false, io);
  if (!store) return ExitCode::kIoError;
  try {
    const auto deck_id = resolve_deck(*store, options.deck, io);
    if (!deck_id) return ExitCode::kUsage;
    std::string what = fmt::format("all cards of '{}'", *deck_id);
    if (options.card) {
      if (!store->card(*deck_id, *options.card)) {
        io.err << fmt::format("quizdeck: error: deck '{}' has no card '{}' in the store\n",
                              *deck_id, *options.card);
        return ExitCode::kUsage;
      }
      what = fmt::format("card '{}' of '{}'", *options.card, *deck_id);
    }
    bool usage_error = false;
    if (!confirm(
            fmt::format("Forget the progress of {}? (the reviews are kept, marked reset)", what),
            options.yes, io, usage_error)) {
      return usage_error ? ExitCode::kUsage : ExitCode::kOk;
    }
    const std::int64_t marked = store->reset(*deck_id, options.card, *now);
    io.out << fmt::format("reset {}: {} {} marked reset; the cards are new again\n", what, marked,
                          marked == 1 ? "review" : "reviews");
    return ExitCode::kOk;
  } catch (const store::StoreError& error) {
    return report_store_error(error, io);
  }
}

}  // namespace quizdeck::cli
