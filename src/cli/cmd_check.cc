// SPDX-License-Identifier: MIT
#include "cli/cmd_check.h"

#include <fmt/format.h>

#include "cli/deck_files.h"
#include "core/json_writer.h"

namespace quizdeck::cli {
namespace {

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

std::size_t count_cards(const LoadedDecks& loaded) {
  std::size_t cards = 0;
  for (const auto& deck : loaded.decks) cards += deck.cards.size();
  return cards;
}

void write_json(const LoadedDecks& loaded, Streams& io) {
  core::JsonWriter json;
  json.begin_object();
  json.key("files").value(static_cast<std::int64_t>(loaded.files));
  json.key("decks").value(static_cast<std::int64_t>(loaded.decks.size()));
  json.key("cards").value(static_cast<std::int64_t>(count_cards(loaded)));
  json.key("errors").value(static_cast<std::int64_t>(loaded.count(core::Severity::kError)));
  json.key("warnings").value(static_cast<std::int64_t>(loaded.count(core::Severity::kWarning)));
  json.key("diagnostics").begin_array();
  for (const auto& d : loaded.diagnostics) json.raw(core::render_json(d));
  json.end_array();
  json.end_object();
  io.out << json.str() << '\n';
}

}  // namespace

ExitCode run_check(const CheckOptions& options, Streams& io) {
  const LoadedDecks loaded = load_decks(options.paths);
  const std::size_t errors = loaded.count(core::Severity::kError);
  const std::size_t warnings = loaded.count(core::Severity::kWarning);
  if (options.format == "json") {
    write_json(loaded, io);
  } else {
    for (const auto& d : loaded.diagnostics) io.err << core::render_text(d);
    if (errors > 0) {
      io.err << fmt::format("{} and {} in {}\n", plural(errors, "error", "errors"),
                            plural(warnings, "warning", "warnings"),
                            plural(loaded.files, "file", "files"));
    } else {
      io.out << fmt::format("ok: {}, {}{}\n", plural(loaded.decks.size(), "deck", "decks"),
                            plural(count_cards(loaded), "card", "cards"),
                            warnings > 0
                                ? fmt::format(", {}", plural(warnings, "warning", "warnings"))
                                : std::string());
    }
  }
  if (loaded.io_error) return ExitCode::kIoError;
  return errors > 0 ? ExitCode::kInvalidInput : ExitCode::kOk;
}

}  // namespace quizdeck::cli
