// SPDX-License-Identifier: MIT
// `quizdeck check PATH...`: checks deck files like a compiler, every problem at once;
// with --store, also names cards of the store that left their decks.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/check_findings.h"
#include "cli/version.h"
#include "core/json_writer.h"
#include "deck/diagnostic_rules.h"
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

// A file path as a SARIF artifact URI: relative paths stay relative (to where check ran),
// with the characters URIs reserve percent-encoded.
std::string sarif_uri(std::string_view path) {
  std::string out;
  for (const unsigned char c : path) {
    if (std::isalnum(c) != 0 ||
        std::string_view("/-._~").find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
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

// The item-writing warnings of every deck, those with errors too (as far as read).
void add_item_warnings(Context& context, LoadedDecks& loaded) {
  store::DeckCache* cache = context.cache().get();
  for (const auto* decks : {&loaded.decks, &loaded.rejected}) {
    for (const auto& deck : *decks) {
      auto warnings = item_warnings(deck, cache);
      loaded.diagnostics.insert(loaded.diagnostics.end(), std::make_move_iterator(warnings.begin()),
                                std::make_move_iterator(warnings.end()));
    }
  }
  core::sort_diagnostics(loaded.diagnostics);
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
// at the path or the example, with the line it is on (remembered by content in the cache).
// Decks with other errors too, as far as they could be read: one run tells everything.
void add_media_and_example_errors(Context& context, LoadedDecks& loaded) {
  store::DeckCache* cache = context.cache().get();
  for (const auto* decks : {&loaded.decks, &loaded.rejected}) {
    for (const auto& deck : *decks) {
      auto errors = media_and_example_errors(deck, cache);
      loaded.diagnostics.insert(loaded.diagnostics.end(), std::make_move_iterator(errors.begin()),
                                std::make_move_iterator(errors.end()));
    }
  }
  core::sort_diagnostics(loaded.diagnostics);
}

// The diagnostics as SARIF 2.1.0 (OASIS), for code scanning in CI systems and editors:
// one run, every rule in the driver, one result per diagnostic with its region (columns
// in code points) and its notes as related locations.
void write_sarif(const LoadedDecks& loaded, Streams& io) {
  const auto rules = deck::diagnostic_rules();
  core::JsonWriter json;
  json.begin_object();
  json.key("$schema").value("https://json.schemastore.org/sarif-2.1.0.json");
  json.key("version").value("2.1.0");
  json.key("runs").begin_array().begin_object();
  json.key("tool").begin_object().key("driver").begin_object();
  json.key("name").value("quizdeck");
  json.key("version").value(std::string(kVersion));
  json.key("rules").begin_array();
  for (const auto& rule : rules) {
    json.begin_object();
    json.key("id").value(rule.id);
    json.key("name").value(rule.name);
    json.key("shortDescription").begin_object().key("text").value(rule.summary).end_object();
    json.end_object();
  }
  json.end_array();
  json.end_object().end_object();  // driver, tool
  json.key("columnKind").value("unicodeCodePoints");
  const auto location = [&](const core::Diagnostic& d) {
    json.begin_object().key("physicalLocation").begin_object();
    json.key("artifactLocation").begin_object().key("uri").value(sarif_uri(d.file)).end_object();
    if (d.line > 0) {
      json.key("region").begin_object().key("startLine").value(d.line);
      if (d.column > 0) {
        json.key("startColumn").value(d.column);
        json.key("endColumn").value(d.column + std::max(1, d.length));
      }
      json.end_object();
    }
    json.end_object().end_object();  // physicalLocation, location
  };
  json.key("results").begin_array();
  for (const auto& d : loaded.diagnostics) {
    if (d.severity == core::Severity::kNote) continue;
    // run() named the rule of each diagnostic; its place in the driver's list:
    const auto rule = std::find_if(rules.begin(), rules.end(),
                                   [&](const deck::DiagnosticRule& r) { return r.id == d.rule; });
    json.begin_object();
    json.key("ruleId").value(d.rule);
    json.key("ruleIndex").value(static_cast<std::int64_t>(rule - rules.begin()));
    json.key("level").value(d.severity == core::Severity::kError ? "error" : "warning");
    // Notes without a place of their own, or at the diagnostic's, join its message.
    const auto joins = [&](const core::Diagnostic& note) {
      return note.line == 0 || (note.line == d.line && note.column == d.column);
    };
    std::string text = d.message;
    for (const auto& note : d.notes) {
      if (joins(note)) text += "\n" + note.message;
    }
    json.key("message").begin_object().key("text").value(text).end_object();
    if (!d.file.empty()) {
      json.key("locations").begin_array();
      location(d);
      json.end_array();
    }
    bool related = false;
    for (const auto& note : d.notes) {
      if (joins(note)) continue;
      if (!related) json.key("relatedLocations").begin_array();
      related = true;
      json.begin_object().key("message").begin_object().key("text").value(note.message);
      json.end_object();
      json.key("physicalLocation").begin_object();
      json.key("artifactLocation").begin_object().key("uri").value(sarif_uri(note.file));
      json.end_object();
      json.key("region").begin_object().key("startLine").value(note.line);
      if (note.column > 0) json.key("startColumn").value(note.column);
      json.end_object().end_object().end_object();
    }
    if (related) json.end_array();
    json.end_object();
  }
  json.end_array();
  json.end_object().end_array();  // run, runs
  json.end_object();
  io.out << json.str() << '\n';
}

void declare_check(Declare& d, CheckOptions& o) {
  d.positional("PATH", &o.paths, "deck files, or directories to search for decks")
      .required()
      .completes(Complete::kDeckFile);
  d.option("--format", &o.format, "FORMAT", "output format: text, json or sarif")
      .one_of({"text", "json", "sarif"});
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

core::Expected<ExitCode> run_check(Context& context, const CheckOptions& o) {
  LoadedDecks& loaded = context.decks;
  add_media_and_example_errors(context, loaded);
  add_item_warnings(context, loaded);
  if (o.compare_store) add_orphan_warnings(context, loaded);
  const std::size_t errors = loaded.count(core::Severity::kError);
  const std::size_t warnings = loaded.count(core::Severity::kWarning);
  Streams& io = context.io;
  for (auto& d : loaded.diagnostics) {
    if (d.severity != core::Severity::kNote) d.rule = deck::rule_for_message(d.message).id;
  }
  if (o.format == "json") {
    write_json(loaded, io);
  } else if (o.format == "sarif") {
    write_sarif(loaded, io);
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
  return make_command<CheckOptions>("check", "check decks for errors, like a compiler",
                                    declare_check, needs, run_check);
}

}  // namespace quizdeck::cli
