// SPDX-License-Identifier: MIT
// `quizdeck check PATH...`: checks deck files like a compiler, every problem at once;
// with --store, also names cards of the store that left their decks.
#include <fstream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/media_file.h"
#include "core/json_writer.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "grade/self_test.h"
#include "session/orphans.h"

namespace quizdeck::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  bool compare_store = false;
};

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

// Cards in the store that left their decks, as warnings on the deck files.
void add_orphan_warnings(Context& context, LoadedDecks& loaded) {
  if (!context.has_store()) {
    context.report(core::make_file_diagnostic(
        core::Severity::kNote, "",
        fmt::format("there is no store at '{}' yet; no cards to compare", context.store_path())));
    return;
  }
  for (const auto& deck : loaded.decks) {
    for (const auto& orphan : session::find_orphans(context.store(), deck)) {
      core::Diagnostic d = core::make_file_diagnostic(
          core::Severity::kWarning, deck.path,
          fmt::format("card '{}' ({} {} in the store) is no longer in deck '{}'", orphan.card_id,
                      orphan.reviews, orphan.reviews == 1 ? "review" : "reviews", deck.id));
      const auto note = [&](std::string message) {
        d.notes.push_back(
            core::make_file_diagnostic(core::Severity::kNote, deck.path, std::move(message)));
      };
      note(fmt::format("its question was: {}", orphan.prompt.substr(0, orphan.prompt.find('\n'))));
      if (orphan.likely_new_id) {
        note(fmt::format(
            "if card '{}' is that question reworded, keep its history: quizdeck relink {} {} {}",
            *orphan.likely_new_id, deck.id, orphan.card_id, *orphan.likely_new_id));
      } else {
        note("'quizdeck store prune' removes cards that left their decks, with their reviews");
      }
      loaded.diagnostics.push_back(std::move(d));
    }
  }
  core::sort_diagnostics(loaded.diagnostics);
}

// Each media file a card names must be there, inside the deck's directory, and each
// example answer of a card's accept/reject lists must be graded as the list says: an error
// at the path or the example, with the line it is on.
void add_media_and_example_errors(LoadedDecks& loaded) {
  for (const auto& deck : loaded.decks) {
    std::vector<std::string> lines;  // the deck's lines, read at its first problem
    const auto error_at = [&](const deck::SourcePos& pos, std::string_view text,
                              const std::string& message) {
      if (lines.empty()) {
        std::ifstream in(deck.path);
        for (std::string line; std::getline(in, line);) lines.push_back(line);
      }
      core::Diagnostic d;
      d.severity = core::Severity::kError;
      d.file = deck.path;
      d.line = pos.line;
      d.column = pos.column;
      d.length = static_cast<int>(core::count_code_points(text));
      if (pos.line >= 1 && static_cast<std::size_t>(pos.line) <= lines.size()) {
        d.source_line = lines[static_cast<std::size_t>(pos.line) - 1];
      }
      d.message = core::visible(message, core::Lines::kShow);
      loaded.diagnostics.push_back(std::move(d));
    };
    const auto check = [&](const deck::Media& media, std::string_view kind) {
      if (media.path.empty()) return;
      const auto found = media_file(deck.path, media.path);
      if (found) return;
      error_at(media.pos, media.path,
               fmt::format("{} '{}' {}", kind, media.path, found.error().message()));
    };
    for (const auto& card : deck.cards) {
      check(card.image, "image");
      check(card.audio, "audio");
      for (const auto& choice : card.choices) check(choice.image, "image");
      for (const auto& problem : grade::check_examples(card)) {
        error_at(problem.example.pos, problem.example.text, problem.message);
      }
    }
  }
  core::sort_diagnostics(loaded.diagnostics);
}

void declare(Declare& d, CheckOptions& o) {
  d.positional("PATH", &o.paths, "deck files, or directories to search for decks")
      .required()
      .completes(Complete::kDeckFile);
  d.option("--format", &o.format, "FORMAT", "output format: text or json").one_of({"text", "json"});
  d.flag("--store", &o.compare_store,
         "also name cards of the store that left their decks (the store is the one 'quizdeck "
         "--store PATH check' names, or the default)");
}

Needs needs(const CheckOptions& o) {
  Needs n;
  n.decks = true;
  n.deck_paths = o.paths;
  n.deck_problems_are_output = true;
  if (o.compare_store) n.store = StoreNeed::kReadIfExists;
  return n;
}

core::Expected<ExitCode> run(Context& context, const CheckOptions& o) {
  LoadedDecks& loaded = context.decks;
  add_media_and_example_errors(loaded);
  if (o.compare_store) add_orphan_warnings(context, loaded);
  const std::size_t errors = loaded.count(core::Severity::kError);
  const std::size_t warnings = loaded.count(core::Severity::kWarning);
  Streams& io = context.io;
  if (o.format == "json") {
    write_json(loaded, io);
  } else {
    for (const auto& d : loaded.diagnostics) context.report(d);
    if (errors > 0) {
      io.err << fmt::format("{} and {} in {}\n", plural(errors, "error", "errors"),
                            plural(warnings, "warning", "warnings"),
                            plural(loaded.files, "file", "files"));
    } else {
      io.out << fmt::format(
          "ok: {}, {}{}\n", plural(loaded.decks.size(), "deck", "decks"),
          plural(count_cards(loaded), "card", "cards"),
          warnings > 0 ? fmt::format(", {}", plural(warnings, "warning", "warnings")) : "");
    }
  }
  if (loaded.io_error) return ExitCode::kIoError;
  return errors > 0 ? ExitCode::kInvalidInput : ExitCode::kOk;
}

}  // namespace

Command check_command() {
  return make_command<CheckOptions>("check", "check decks for errors, like a compiler", declare,
                                    needs, run);
}

}  // namespace quizdeck::cli
