// SPDX-License-Identifier: MIT
// `quizdeck export DECK --to FORMAT [-o PATH]`: a deck in another format (GIFT, Aiken) for
// an LMS or another tool; what the format cannot carry is reported per card.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/files/media_file.h"
#include "cli/files/output_directory.h"
#include "cli/files/output_file.h"
#include "cli/files/zip_file.h"
#include "interchange/aiken.h"
#include "interchange/anki_text.h"
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
};

void declare(Declare& d, ExportOptions& o) {
  d.positional("DECK", &o.path, "the deck file").required().completes(Complete::kDeckFile);
  d.option("--to", &o.to, "FORMAT",
           "gift or xml (Moodle), qti (an IMS QTI 2.1 package: the -o directory, or a .zip), "
           "aiken, anki (Anki's notes in plain text), csv or tsv")
      .required()
      .one_of({"gift", "xml", "qti", "aiken", "anki", "csv", "tsv"});
  d.option("-o,--output", &o.output, "PATH",
           "the file to write (default: standard output); for qti, a directory or a .zip")
      .writes();
}

Needs needs(const ExportOptions& o) {
  Needs n;
  n.decks = true;
  n.deck_paths = {o.path};
  return n;
}

core::Expected<void> validate(const ExportOptions& o) {
  if (o.to == "qti" && o.output == "-") {
    return core::fail(ExitCode::kUsage,
                      "--to qti writes a package of files: name it with -o DIR or -o FILE.zip");
  }
  return {};
}

core::Expected<ExitCode> run(Context& context, const ExportOptions& o) {
  const deck::Deck& deck = context.decks.decks.at(0);
  std::vector<deck::Card> cards(deck.cards.begin(), deck.cards.end());
  const std::vector<interchange::Entry> entries = interchange::entries_of(cards, deck.tags);
  // The images the formats that carry them need, read from beside the deck (a file that is
  // missing, outside the deck's directory or over 16 MiB is reported by the exporter).
  interchange::MediaFiles media;
  for (const auto& entry : entries) {
    if (entry.image.path.empty() || media.contains(entry.image.path)) continue;
    const auto file = media_file(deck.path, entry.image.path);
    if (!file) continue;
    std::ifstream in(*file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad() || bytes.size() > 16 * 1024 * 1024) continue;
    media[entry.image.path] = std::move(bytes);
  }
  const interchange::Exported exported =
      o.to == "gift"    ? interchange::export_gift(entries, deck.path)
      : o.to == "xml"   ? interchange::export_moodle_xml(entries, deck.path, deck.title, media)
      : o.to == "qti"   ? interchange::export_qti(entries, deck.path, deck.id, deck.title, media)
      : o.to == "aiken" ? interchange::export_aiken(entries, deck.path)
      : o.to == "csv"   ? interchange::export_table(entries, deck.path, ',')
      : o.to == "tsv"   ? interchange::export_table(entries, deck.path, '\t')
                        : interchange::export_anki_text(entries, deck.path, deck.title);
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
      "export", "export a deck to GIFT, Moodle XML, QTI 2.1, Aiken, Anki text or CSV", declare,
      needs, run, validate);
}

}  // namespace quizdeck::cli
