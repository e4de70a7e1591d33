// SPDX-License-Identifier: MIT
// `quizdeck export DECK --to FORMAT [-o PATH]`: a deck in another format (GIFT, Aiken) for
// an LMS or another tool; what the format cannot carry is reported per card. An Anki
// package (--to apkg) may carry the store's schedule and log too (--with-scheduling).
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/anki_schedule.h"
#include "cli/files/apkg_writer.h"
#include "cli/files/media_file.h"
#include "cli/files/output_directory.h"
#include "cli/files/output_file.h"
#include "cli/files/qti_package.h"
#include "cli/files/zip_file.h"
#include "interchange/aiken.h"
#include "interchange/anki_text.h"
#include "interchange/apkg_export.h"
#include "interchange/bank.h"
#include "interchange/gift.h"
#include "interchange/moodle_xml.h"
#include "interchange/qti.h"
#include "interchange/table.h"

namespace quizdeck::cli {
namespace {

struct ExportOptions {
  std::string path;
  std::string to;
  std::string output = "-";
  bool with_scheduling = false;
};

void declare_export(Declare& d, ExportOptions& o) {
  d.positional("DECK", &o.path, "the deck file").required().completes(Complete::kDeckFile);
  d.option("--to", &o.to, "FORMAT",
           "gift or xml (Moodle), qti (an IMS QTI 2.1 package: the -o directory, or a .zip), "
           "aiken, anki (Anki's notes in plain text), apkg (an Anki package, -o FILE.apkg), "
           "csv or tsv")
      .required()
      .one_of({"gift", "xml", "qti", "aiken", "anki", "apkg", "csv", "tsv"});
  d.option("-o,--output", &o.output, "PATH",
           "the file to write (default: standard output); for qti, a directory or a .zip")
      .writes();
  d.flag("--with-scheduling", &o.with_scheduling,
         "apkg: each card's schedule, FSRS memory, suspension and flag, and every review, "
         "from the store");
}

Needs needs(const ExportOptions& o) {
  Needs n;
  n.decks = true;
  n.deck_paths = {o.path};
  if (o.to == "apkg") n.clock = true;  // the notes' modification time
  if (o.with_scheduling) n.store = StoreNeed::kRead;
  return n;
}

core::Expected<void> validate(const ExportOptions& o) {
  if (o.to == "qti" && o.output == "-") {
    return core::fail(ExitCode::kUsage,
                      "--to qti writes a package of files: name it with -o DIR or -o FILE.zip");
  }
  if (o.to == "apkg" && o.output == "-") {
    return core::fail(ExitCode::kUsage, "--to apkg writes a package: name it with -o FILE.apkg");
  }
  if (o.with_scheduling && o.to != "apkg") {
    return core::fail(ExitCode::kUsage, "--with-scheduling goes with --to apkg");
  }
  return {};
}

// An Anki package: the deck's notes, with the store's schedule and log when asked.
core::Expected<ExitCode> export_package(Context& context, const ExportOptions& o,
                                        const deck::Deck& deck,
                                        const std::vector<deck::Card>& cards,
                                        const interchange::MediaFiles& media) {
  std::optional<interchange::AnkiScheduling> scheduling;
  if (o.with_scheduling) {
    try {
      auto read = anki_scheduling(context.store(), deck, context.now);
      if (!read) return read.error();
      scheduling = std::move(*read);
    } catch (const store::StoreError& error) {
      return store_failure(error);
    }
  }
  const interchange::ApkgPackage package =
      interchange::export_apkg(cards, {deck.path, deck.id, deck.title, deck.tags}, media,
                               scheduling ? &*scheduling : nullptr, context.now);
  for (const auto& d : package.notes_left) context.report(d);
  auto bytes = apkg_bytes(package, media);
  if (!bytes) return bytes.error();
  // Never over what this command read: the deck, its media, the store and its side files.
  const OutputGuard guard = context.output_guard();
  if (auto written = write_output_file(o.output, *bytes, guard, context.io.out); !written) {
    return written.error();
  }
  context.io.err << fmt::format("{} of {} entr{} exported ({} with something left out)",
                                package.entries - package.left_out, package.entries,
                                package.entries == 1 ? "y" : "ies",
                                package.notes_left.size() - package.left_out);
  if (scheduling) {
    context.io.err << fmt::format(", with {} review{}", package.revlog.size(),
                                  package.revlog.size() == 1 ? "" : "s");
  }
  context.io.err << "\n";
  return ExitCode::kOk;
}

core::Expected<ExitCode> run_export(Context& context, const ExportOptions& o) {
  const deck::Deck& deck = context.decks.decks.at(0);
  std::vector<deck::Card> cards(deck.cards.begin(), deck.cards.end());
  // Every card's tags, the deck's first: no format here has tags for a whole file, so each
  // question carries the deck's (they come back on every card, as the deck gives them).
  const std::vector<interchange::Entry> entries = interchange::entries_of(cards, {});
  // The images the formats that carry them need, read from beside the deck (a file that is
  // missing, outside the deck's directory or over 16 MiB is reported by the exporter).
  interchange::MediaFiles media;
  const auto read_media = [&](const std::string& path) {
    if (path.empty() || media.contains(path)) return;
    const auto file = media_file(deck.path, path);
    if (!file) return;
    std::ifstream in(*file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad() || bytes.size() > 16 * 1024 * 1024) return;
    media[path] = std::move(bytes);
  };
  for (const auto& entry : entries) {
    read_media(entry.image.path);
    if (o.to != "apkg") continue;  // an Anki package carries sounds and choices' images too
    read_media(entry.audio.path);
    for (const auto& choice : entry.choices) read_media(choice.image.path);
  }
  if (o.to == "apkg") return export_package(context, o, deck, cards, media);
  const interchange::Exported exported =
      o.to == "gift"    ? interchange::export_gift(entries, deck.path)
      : o.to == "xml"   ? interchange::export_moodle_xml(entries, deck.path, deck.title, media)
      : o.to == "qti"   ? interchange::export_qti(entries, deck.path, deck.id, deck.title, media)
      : o.to == "aiken" ? interchange::export_aiken(entries, deck.path)
      : o.to == "csv"   ? interchange::export_table(entries, deck.path, ',')
      : o.to == "tsv"   ? interchange::export_table(entries, deck.path, '\t')
                        : interchange::export_anki_text(entries, deck.path, deck.title);
  // A package import would refuse (over its limits) is not written: it could not come back.
  if (o.to == "qti") {
    if (const auto over = qti_package_over_limits(exported.files)) {
      return core::fail_in_file(
          ExitCode::kInvalidInput, deck.path,
          fmt::format("its QTI package is not written: {}, more than quizdeck import reads "
                      "back; export the deck in parts",
                      *over));
    }
  }
  for (const auto& d : exported.notes) context.report(d);
  const OutputGuard guard = context.output_guard();
  if (!exported.files.empty() && o.output.ends_with(".zip")) {
    auto archive = zip_archive(o.output, exported.files);
    if (!archive) return archive.error();
    if (auto written = write_output_file(o.output, *archive, guard, context.io.out); !written) {
      return written.error();
    }
  } else if (!exported.files.empty()) {
    // A package: its files under the -o directory, put in place together.
    if (auto written = write_output_directory(o.output, exported.files, guard); !written) {
      return written.error();
    }
  } else if (auto written = write_output_file(o.output, exported.text, guard, context.io.out);
             !written) {
    return written.error();
  }
  context.io.err << fmt::format(
      "{} of {} entr{} exported ({} with something left out)\n", entries.size() - exported.left_out,
      entries.size(), entries.size() == 1 ? "y" : "ies", exported.notes.size() - exported.left_out);
  return ExitCode::kOk;
}

}  // namespace

Command export_command() {
  return make_command<ExportOptions>(
      "export", "export a deck to GIFT, Moodle XML, QTI 2.1, Aiken, Anki or CSV", declare_export,
      needs, run_export, validate);
}

}  // namespace quizdeck::cli
