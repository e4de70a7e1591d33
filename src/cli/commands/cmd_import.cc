// SPDX-License-Identifier: MIT
// `quizdeck import FILE... [-o DECK.yaml | -o DIR/] [--from FORMAT] [--with-history]`:
// question banks in other formats (GIFT, Moodle XML, QTI, Aiken, Anki text and packages,
// CSV) as decks that pass `check`. Every question is imported or reported with its
// position; malformed input is an error and nothing is written. With --with-history an
// Anki package's review log goes into the store for the deck's cards (the deck is kept as
// it is when it exists and --force is not given: the way back from a phone).
#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/anki_history.h"
#include "cli/deck_files.h"
#include "cli/files/apkg_package.h"
#include "cli/files/input_file.h"
#include "cli/files/output_file.h"
#include "cli/files/qti_package.h"
#include "core/source_text.h"
#include "interchange/aiken.h"
#include "interchange/anki_text.h"
#include "interchange/apkg.h"
#include "interchange/detect.h"
#include "interchange/finish.h"
#include "interchange/gift.h"
#include "interchange/merge.h"
#include "interchange/moodle_xml.h"
#include "interchange/qti.h"
#include "interchange/table.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxBankBytes = 64ULL * 1024 * 1024;

struct ImportOptions {
  std::vector<std::string> paths;
  std::optional<std::string> output;
  std::string from = "auto";
  std::optional<std::string> title;
  std::optional<std::string> columns;
  bool force = false;
  bool with_history = false;
  bool header = false;
};

void declare_import(Declare& d, ImportOptions& o) {
  d.positional("FILE", &o.paths,
               "question bank files (GIFT, Moodle XML, QTI, Aiken, Anki text or packages, CSV, "
               "TSV)")
      .required()
      .completes(Complete::kFile);
  d.option("-o,--output", &o.output, "PATH",
           "the deck file to write, or a directory (ending in /) for one deck per file; "
           "default: standard output")
      .writes();
  d.option("--from", &o.from, "FORMAT",
           "the files' format: auto (default), gift, xml (Moodle XML), qti (QTI 2.1 items, "
           "or packages as directories or .zip), aiken, anki (Anki's notes in plain text), "
           "apkg (Anki packages), csv or tsv")
      .one_of({"auto", "gift", "xml", "qti", "aiken", "anki", "apkg", "csv", "tsv"});
  d.option("--columns", &o.columns, "LIST",
           fmt::format("csv/tsv: what each column is, comma-separated ({}); default: the "
                       "first row's names; with --columns every row is a question",
                       interchange::kTableColumns));
  d.flag("--header", &o.header,
         "csv/tsv with --columns: the first row is a header (of other names), not a question");
  d.option("--title", &o.title, "TITLE", "the deck's title (default: from the file name)");
  d.flag("--force", &o.force, "replace deck files that exist");
  d.flag("--with-history", &o.with_history,
         "also import an Anki package's review log, suspensions and flags into the store, for "
         "the deck's cards (their schedule replayed; reviews already there are not added "
         "again); a deck that exists is kept as it is unless --force");
}

Needs needs(const ImportOptions& o) {
  Needs n;
  if (o.with_history) {
    n.clock = true;
    n.store = StoreNeed::kWrite;
  }
  return n;
}

// --with-history takes one Anki package and one deck file to write.
core::Expected<void> validate(const ImportOptions& o) {
  if (o.header && !o.columns) {
    return core::fail(ExitCode::kUsage,
                      "--header goes with --columns (without it the first row names the "
                      "columns)");
  }
  if (!o.with_history) return {};
  if (o.paths.size() != 1 ||
      (o.from != "apkg" && !(o.from == "auto" && interchange::is_apkg_name(o.paths[0])))) {
    return core::fail(ExitCode::kUsage,
                      "--with-history takes one Anki package (.apkg, or --from apkg)");
  }
  if (!o.output || o.output->ends_with('/') || *o.output == "-" ||
      fs::is_directory(fs::path(*o.output))) {
    return core::fail(ExitCode::kUsage,
                      "--with-history needs -o DECK.yaml: the history belongs to that deck's "
                      "cards");
  }
  return {};
}

std::string title_of(const std::string& path) {
  std::string stem = fs::path(path).stem().string();
  for (char& c : stem) {
    if (c == '-' || c == '_') c = ' ';
  }
  return stem.empty() ? "Imported questions" : stem;
}

struct Output {
  std::string path;  // "-": standard output
  std::vector<std::size_t> banks;
};

std::vector<std::string> split_columns(const std::optional<std::string>& list) {
  std::vector<std::string> columns;
  for (std::size_t at = 0; list && at <= list->size();) {
    const std::size_t end = std::min(list->find(',', at), list->size());
    columns.push_back(list->substr(at, end - at));
    at = end + 1;
  }
  return columns;
}

// An Anki package's notes as a bank, their media read from the package.
core::Expected<interchange::Bank> import_apkg(const std::string& path) {
  auto collection = read_apkg(path);
  if (!collection) return collection.error();
  interchange::ApkgImport imported = interchange::import_anki_collection(*collection, path);
  auto media = read_apkg_media(path, imported.media_used);
  if (!media) return media.error();
  imported.bank.media = std::move(*media);
  return std::move(imported.bank);
}

// A text bank in its format; a file that is not in it at all, the failure.
core::Expected<interchange::Bank> import_text(interchange::Format format,
                                              const core::SourceText& source,
                                              const ImportOptions& o) {
  using interchange::Format;
  switch (format) {
    case Format::kQti:
      return interchange::import_qti_item(source);
    case Format::kGift:
      return interchange::import_gift(source);
    case Format::kMoodleXml:
      return interchange::import_moodle_xml(source);
    case Format::kAiken:
      return interchange::import_aiken(source);
    case Format::kAnkiText:
      return interchange::import_anki_text(source);
    case Format::kCsv:
    case Format::kTsv:
    case Format::kApkg:
      break;
  }
  return interchange::import_table(source, format == Format::kCsv ? ',' : '\t',
                                   split_columns(o.columns), o.header);
}

// One file (or QTI package) as a bank, in its format.
core::Expected<interchange::Bank> import_file(const std::string& path, const ImportOptions& o) {
  const auto named = interchange::parse_format(o.from);  // none: --from auto
  // QTI packages are directories or .zip archives; Anki packages zip archives of any size.
  std::error_code error;
  const bool package = fs::is_directory(path, error) || path.ends_with(".zip");
  if (named == interchange::Format::kQti || (!named && package)) return import_qti_package(path);
  if (named == interchange::Format::kApkg || (!named && interchange::is_apkg_name(path))) {
    return import_apkg(path);
  }
  auto text = read_input_file(path, "banks", kMaxBankBytes);
  if (!text) return text.error();
  if (!named && interchange::looks_like_zip(*text)) return import_apkg(path);
  const auto format = named ? named : interchange::detect_format(path, *text);
  if (!format) {
    return core::fail_in_file(ExitCode::kInvalidInput, path,
                              "cannot tell this file's format; name it with --from gift, "
                              "xml, qti, aiken, anki, apkg, csv or tsv");
  }
  auto bank = import_text(*format, core::SourceText(path, std::move(*text)), o);
  if (!bank) return bank.error();
  // A file that is not in its format at all: its one error, nothing else.
  if (auto refused = interchange::refusal(*bank)) {
    return core::fail_at(ExitCode::kInvalidInput, std::move(*refused));
  }
  return bank;
}

// Where each bank goes: one deck per file into a directory, or all into one deck; two
// banks never to one file by accident, and no deck replaced without --force.
core::Expected<std::vector<Output>> plan_outputs(const ImportOptions& o) {
  std::vector<Output> outputs;
  const bool directory =
      o.output && (o.output->ends_with('/') || fs::is_directory(fs::path(*o.output)));
  if (directory) {
    for (std::size_t i = 0; i < o.paths.size(); ++i) {
      outputs.push_back(
          {(fs::path(*o.output) / (fs::path(o.paths[i]).stem().string() + ".yaml")).string(), {i}});
    }
  } else {
    Output all{o.output.value_or("-"), {}};
    for (std::size_t i = 0; i < o.paths.size(); ++i) all.banks.push_back(i);
    outputs.push_back(std::move(all));
  }
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (outputs[j].path == outputs[i].path) {
        return core::fail(ExitCode::kUsage,
                          fmt::format("'{}' and '{}' would both be written to '{}'; import them "
                                      "one at a time",
                                      o.paths[outputs[j].banks.front()],
                                      o.paths[outputs[i].banks.front()], outputs[i].path));
      }
    }
  }
  for (const auto& output : outputs) {
    if (output.path != "-" && fs::exists(fs::symlink_status(output.path)) && !o.force) {
      return core::fail(ExitCode::kInvalidInput,
                        fmt::format("'{}' exists; pass --force to replace it", output.path));
    }
  }
  return outputs;
}

// Media can be written only beside a deck file; those that would replace a file are
// refused without --force.
core::Expected<void> check_media(const ImportOptions& o, const std::string& deck_path,
                                 const std::vector<std::pair<std::string, std::string>>& media) {
  if (media.empty()) return {};
  const fs::path beside = fs::path(deck_path).parent_path();
  std::error_code looked;
  if (!beside.empty() && !fs::is_directory(beside, looked)) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("cannot write '{}': No such file or directory", deck_path));
  }
  for (const auto& [path, bytes] : media) {
    const fs::path target = beside / path;
    if (fs::exists(fs::symlink_status(target, looked)) && !o.force) {
      return core::fail(ExitCode::kInvalidInput,
                        fmt::format("'{}' exists; pass --force to replace it", target.string()));
    }
  }
  return {};
}

// What came in and what did not, over every output: questions = imported + left out.
struct Counts {
  int questions = 0;
  int imported = 0;
  int warned = 0;
  int left_out = 0;
  int malformed = 0;  // of those left out, for an error in the source (the rest by design)
  int joined = 0;     // of those imported, the blanks of a cloze (one card for several)
  int joined_clozes = 0;
};

// One output's banks merged into a deck and written there, media first; the deck's text.
core::Expected<std::string> write_deck(Context& context, const ImportOptions& o,
                                       const OutputGuard& guard, const Output& output,
                                       std::vector<interchange::Bank>& all, Counts& counts) {
  std::vector<interchange::Bank> banks;
  std::string from;
  for (const std::size_t index : output.banks) {
    banks.push_back(std::move(all[index]));
    from += (from.empty() ? "" : ", ") + fs::path(o.paths[index]).filename().string();
  }
  // The banks' media go into "<deck>-media/" beside the deck.
  const std::string media_dir =
      output.path == "-" ? std::string() : fs::path(output.path).stem().string() + "-media";
  interchange::Merged merged = interchange::merge_banks(banks, media_dir);
  // No larger a deck than `check` reads, counted as written (a control character takes six
  // bytes as an escape): stopped at the entry that crosses it, and nothing written.
  const interchange::DeckText deck = interchange::finish_deck(
      merged.bank, output.banks.size() == 1 ? o.paths[output.banks.front()] : "",
      {"Imported from " + from + " by quizdeck import."}, kMaxDeckBytes);
  if (deck.over) {
    return core::fail(ExitCode::kInvalidInput,
                      fmt::format("the deck made from {} would be larger than {} MiB as written "
                                  "(control characters take six bytes each, as \\u escapes), "
                                  "and decks larger than {} MiB are refused; nothing written",
                                  from, kMaxDeckBytes >> 20, kMaxDeckBytes >> 20));
  }
  core::sort_diagnostics(merged.bank.diagnostics);
  for (const auto& d : merged.bank.diagnostics) context.report(d);
  if (merged.bank.entries.empty()) {
    return core::fail(ExitCode::kInvalidInput,
                      fmt::format("no question of {} could be imported; nothing written", from));
  }
  if (auto checked = check_media(o, output.path, merged.bank.media); !checked) {
    return checked.error();
  }
  if (merged.media_dropped > 0) {
    context.warn(
        fmt::format("{} media file{} not written: give -o DECK.yaml to keep them "
                    "beside the deck",
                    merged.media_dropped, merged.media_dropped == 1 ? "" : "s"));
  }
  // The media beside the deck, put in place before it (a deck never names a file that is
  // not there yet), all or nothing: a failure leaves none of them behind.
  if (merged.bank.media.empty()) {
    if (auto written = write_output_file(output.path, deck.yaml, guard, context.io.out); !written) {
      return written.error();
    }
  } else {
    const fs::path beside = fs::path(output.path).parent_path();
    std::vector<OutputFile> files;
    for (const auto& [path, bytes] : merged.bank.media) {
      files.push_back({(beside / path).string(), bytes});
    }
    files.push_back({output.path, deck.yaml});
    if (auto written = write_output_files(files, true, guard); !written) return written.error();
  }
  counts.questions += merged.bank.questions;
  counts.imported +=
      static_cast<int>(merged.bank.entries.size()) + merged.bank.joined - merged.bank.joined_clozes;
  counts.joined += merged.bank.joined;
  counts.joined_clozes += merged.bank.joined_clozes;
  counts.warned += merged.bank.warned();
  counts.left_out += merged.bank.skipped;
  counts.malformed += merged.bank.malformed;
  return deck.yaml;
}

// "12 questions: 10 imported (2 with warnings), 2 left out (1 malformed)"; questions that
// came in as the blanks of a cloze: "6 questions: 6 imported (4 as the blanks of 2 clozes)".
std::string summary(const Counts& c) {
  std::string line = fmt::format("{} question{}: {} imported", c.questions,
                                 c.questions == 1 ? "" : "s", c.imported);
  std::vector<std::string> notes;
  if (c.joined > 0) {
    notes.push_back(fmt::format("{} as the blanks of {} cloze{}", c.joined, c.joined_clozes,
                                c.joined_clozes == 1 ? "" : "s"));
  }
  if (c.warned > 0) notes.push_back(fmt::format("{} with warnings", c.warned));
  for (std::size_t i = 0; i < notes.size(); ++i) {
    line += (i == 0 ? " (" : ", ") + notes[i] + (i + 1 == notes.size() ? ")" : "");
  }
  line += fmt::format(", {} left out", c.left_out);
  if (c.malformed > 0) line += fmt::format(" ({} malformed)", c.malformed);
  return line + "\n";
}

// --with-history into a deck that exists, without --force: the deck stays as it is (the
// learner's own file, which the package came from) and only the history comes in.
core::Expected<ExitCode> import_history_only(Context& context, const ImportOptions& o) {
  const std::string& deck_path = *o.output;
  auto text = read_input_file(deck_path, "decks", kMaxBankBytes);
  if (!text) return text.error();
  context.io.err << fmt::format(
      "{}: the deck exists and is kept as it is (--force replaces it); only the package's "
      "history comes in\n",
      deck_path);
  auto refused = import_history(context, o.paths.front(), deck_path, *text);
  if (!refused) return refused.error();
  return *refused > 0 ? ExitCode::kLeftOut : ExitCode::kOk;
}

core::Expected<ExitCode> run_import(Context& context, const ImportOptions& o) {
  if (o.with_history && !o.force && fs::is_regular_file(fs::symlink_status(*o.output))) {
    return import_history_only(context, o);
  }
  // Each file is a bank; a question it could not read is an error diagnostic and left out,
  // the rest come in. Only a file that is not in the format at all fails here.
  std::vector<interchange::Bank> banks;
  for (const std::string& path : o.paths) {
    auto bank = import_file(path, o);
    if (!bank) return bank.error();
    bank->title = o.title.value_or(title_of(path));
    banks.push_back(std::move(*bank));
  }
  auto outputs = plan_outputs(o);
  if (!outputs) return outputs.error();
  // Nothing written may replace what was read: the banks, and every file of a package
  // read as a directory.
  OutputGuard guard = context.output_guard();
  for (const std::string& path : o.paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) guard.protect_tree(path);
  }
  Counts counts;
  std::string last_yaml;  // the deck last written, for --with-history
  for (const auto& output : *outputs) {
    auto written = write_deck(context, o, guard, output, banks, counts);
    if (!written) return written.error();
    last_yaml = std::move(*written);
  }
  context.io.err << summary(counts);
  std::size_t refused = 0;
  if (o.with_history) {
    auto done = import_history(context, o.paths.front(), outputs->front().path, last_yaml);
    if (!done) return done.error();
    refused = *done;
  }
  return counts.malformed > 0 || refused > 0 ? ExitCode::kLeftOut : ExitCode::kOk;
}

}  // namespace

Command import_command() {
  return make_command<ImportOptions>(
      "import", "import question banks (GIFT, Moodle XML, QTI, Aiken, Anki, CSV) as decks",
      declare_import, needs, run_import, validate);
}

}  // namespace quizdeck::cli
