// SPDX-License-Identifier: MIT
// `quizdeck import FILE... [-o DECK.yaml | -o DIR/] [--from FORMAT] [--with-history]`:
// question banks in other formats (GIFT, Moodle XML, QTI, Aiken, Anki text and packages,
// CSV) as decks that pass `check`. Every question is imported or reported with its
// position; malformed input is an error and nothing is written. With --with-history an
// Anki package's review log goes into the store for the deck's cards.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/files/apkg_package.h"
#include "cli/files/input_file.h"
#include "cli/files/output_file.h"
#include "cli/files/qti_package.h"
#include "core/normalize.h"
#include "core/source_text.h"
#include "deck/card_id.h"
#include "deck/parse_deck.h"
#include "interchange/aiken.h"
#include "interchange/anki_text.h"
#include "interchange/apkg.h"
#include "interchange/finish.h"
#include "interchange/gift.h"
#include "interchange/moodle_xml.h"
#include "interchange/names.h"
#include "interchange/qti.h"
#include "interchange/table.h"
#include "session/card_state.h"
#include "session/queue.h"

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
};

void declare(Declare& d, ImportOptions& o) {
  d.positional("FILE", &o.paths,
               "question bank files (GIFT, Moodle XML, QTI, Aiken, Anki text or packages, CSV, "
               "TSV)")
      .required()
      .completes(Complete::kFile);
  d.option("-o,--output", &o.output, "PATH",
           "the deck file to write, or a directory (ending in /) for one deck per file; "
           "default: standard output")
      .completes(Complete::kFile);
  d.option("--from", &o.from, "FORMAT",
           "the files' format: auto (default), gift, xml (Moodle XML), qti (QTI 2.1 items, "
           "or packages as directories or .zip), aiken, anki (Anki's notes in plain text), "
           "apkg (Anki packages), csv or tsv")
      .one_of({"auto", "gift", "xml", "qti", "aiken", "anki", "apkg", "csv", "tsv"});
  d.option("--columns", &o.columns, "LIST",
           fmt::format("csv/tsv: what each column is, comma-separated ({}); default: the "
                       "first row's names",
                       interchange::kTableColumns));
  d.option("--title", &o.title, "TITLE", "the deck's title (default: from the file name)");
  d.flag("--force", &o.force, "replace deck files that exist");
  d.flag("--with-history", &o.with_history,
         "also import an Anki package's review log into the store, for the new deck's cards "
         "(their schedule replayed; reviews already there are not added again)");
}

Needs needs(const ImportOptions& o) {
  Needs n;
  if (o.with_history) {
    n.clock = true;
    n.store = StoreNeed::kWrite;
  }
  return n;
}

bool is_apkg_name(const std::string& path) {
  return path.ends_with(".apkg") || path.ends_with(".colpkg");
}

// --with-history takes one Anki package and one deck file to write.
core::Expected<void> validate(const ImportOptions& o) {
  if (!o.with_history) return {};
  if (o.paths.size() != 1 ||
      (o.from != "apkg" && !(o.from == "auto" && is_apkg_name(o.paths[0])))) {
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

core::Expected<std::string> read_bank(const std::string& path) {
  return read_input_file(path, "banks", kMaxBankBytes);
}

// GIFT, Aiken or Anki text, from the name and then the content.
std::optional<std::string> detect(const std::string& path, const std::string& text) {
  const std::string extension = fs::path(path).extension().string();
  if (extension == ".gift") return "gift";
  if (extension == ".aiken") return "aiken";
  // A QTI item is XML too: told by its root element near the start.
  if (text.substr(0, 4096).find("<assessmentItem") != std::string::npos) return "qti";
  if (extension == ".xml" || text.starts_with("<?xml") || text.starts_with("<quiz")) return "xml";
  if (extension == ".csv") return "csv";
  if (extension == ".tsv" || extension == ".tab") return "tsv";
  // Anki's exports start with '#' headers such as "#separator:tab".
  for (const char* header : {"#separator:", "#html:", "#notetype", "#deck", "#tags", "#guid"}) {
    if (text.starts_with(header) || text.starts_with(std::string("\xEF\xBB\xBF") + header)) {
      return "anki";
    }
  }
  const bool braces = text.find('{') != std::string::npos && text.find('}') != std::string::npos;
  if (braces || text.find("$CATEGORY:") != std::string::npos) return "gift";
  if (text.find("ANSWER:") != std::string::npos) return "aiken";
  return std::nullopt;
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

// One file (or QTI package) as a bank, in its format.
core::Expected<interchange::Bank> import_file(const std::string& path, const ImportOptions& o) {
  // QTI packages are directories or .zip archives.
  std::error_code error;
  const bool package = fs::is_directory(path, error) || path.ends_with(".zip");
  if (o.from == "qti" || (o.from == "auto" && package)) return import_qti_package(path);
  // Anki packages are zip archives (of any size: their media come along).
  const auto package_bank = [&]() -> core::Expected<interchange::Bank> {
    auto collection = read_apkg(path);
    if (!collection) return collection.error();
    interchange::ApkgImport imported = interchange::import_anki_collection(*collection, path);
    auto media = read_apkg_media(path, imported.media_used);
    if (!media) return media.error();
    imported.bank.media = std::move(*media);
    return std::move(imported.bank);
  };
  if (o.from == "apkg" || (o.from == "auto" && is_apkg_name(path))) return package_bank();
  auto text = read_bank(path);
  if (!text) return text.error();
  if (o.from == "auto" && looks_like_zip(*text)) return package_bank();
  const auto format = o.from != "auto" ? std::optional<std::string>(o.from) : detect(path, *text);
  if (!format) {
    return core::fail_in_file(ExitCode::kInvalidInput, path,
                              "cannot tell this file's format; name it with --from gift, "
                              "xml, qti, aiken, anki, apkg, csv or tsv");
  }
  const core::SourceText source(path, std::move(*text));
  if (*format == "qti") return interchange::import_qti({source});
  if (*format == "gift") return interchange::import_gift(source);
  if (*format == "xml") return interchange::import_moodle_xml(source);
  if (*format == "aiken") return interchange::import_aiken(source);
  if (*format == "anki") return interchange::import_anki_text(source);
  return interchange::import_table(source, *format == "csv" ? ',' : '\t', split_columns(o.columns));
}

// An Anki package's review log into the store, for the cards of the deck just written
// (`deck_text` at `deck_path`).
core::Expected<void> import_history(Context& context, const std::string& package,
                                    const std::string& deck_path, const std::string& deck_text) {
  auto collection = read_apkg(package);
  if (!collection) return collection.error();
  const interchange::ApkgImport imported =
      interchange::import_anki_collection(*collection, package);
  const interchange::History history = interchange::history_of(*collection, imported);
  deck::DeckParse parse = deck::parse_deck(deck_path, deck_text);
  if (!parse.deck) {
    return core::fail(ExitCode::kInternal, "the deck just written does not load");
  }
  const deck::Deck& deck = *parse.deck;
  std::set<std::string> card_ids;
  for (const auto& card : deck.cards) card_ids.insert(card.id);
  store::Store& store = context.store();
  try {
    session::sync_deck(store, deck, context.now);
    std::vector<store::ReviewRecord> reviews;
    std::size_t left_out = history.unmapped;
    std::set<std::string> cards;
    for (const auto& r : history.reviews) {
      if (!card_ids.contains(r.card_id)) {  // its note was not imported
        ++left_out;
        continue;
      }
      store::ReviewRecord review;
      review.time_ms = r.time_ms;
      review.deck_id = deck.id;
      review.card_id = r.card_id;
      review.rating = static_cast<core::Rating>(r.rating);
      review.correct = r.rating > 1;
      review.answer_form = "anki";
      review.response_ms = r.response_ms;
      review.scheduled = !r.reset_ms;
      review.reset_ms = r.reset_ms;
      reviews.push_back(std::move(review));
      cards.insert(r.card_id);
    }
    const auto schedulers = session::schedulers_for(store, {deck.id});
    if (!schedulers) return schedulers.error();
    const std::size_t added = store.import_reviews(
        reviews, [&](const store::CardRecord& card, const std::vector<store::ReviewRecord>& log) {
          return session::replay_reviews(schedulers->at(card.deck_id), card, log);
        });
    context.io.err << fmt::format(
        "history: {} review{} of {} card{}: {} added to the store, {} "
        "already there",
        reviews.size(), reviews.size() == 1 ? "" : "s", cards.size(), cards.size() == 1 ? "" : "s",
        added, reviews.size() - added);
    if (history.manual > 0 || left_out > 0) {
      context.io.err << fmt::format(
          "; left out: {} manual change{} (rescheduling, Forget), {} "
          "review{} of cards quizdeck does not ask",
          history.manual, history.manual == 1 ? "" : "s", left_out, left_out == 1 ? "" : "s");
    }
    context.io.err << "\n";
  } catch (const store::StoreError& error) {
    return store_failure(error);
  }
  return {};
}

core::Expected<ExitCode> run(Context& context, const ImportOptions& o) {
  std::vector<interchange::Bank> banks;
  bool errors = false;
  for (const std::string& path : o.paths) {
    auto bank = import_file(path, o);
    if (!bank) return bank.error();
    bank->title = o.title.value_or(title_of(path));
    for (const auto& d : bank->diagnostics) errors = errors || d.severity == core::Severity::kError;
    banks.push_back(std::move(*bank));
  }
  if (errors) {
    for (const auto& bank : banks) {
      for (const auto& d : bank.diagnostics) context.report(d);
    }
    context.io.err << "nothing written: fix the errors above\n";
    return ExitCode::kInvalidInput;
  }
  // Where each bank goes: one deck per file into a directory, or all into one deck.
  std::vector<Output> outputs;
  const bool directory =
      o.output && (o.output->ends_with('/') || fs::is_directory(fs::path(*o.output)));
  if (directory) {
    for (std::size_t i = 0; i < banks.size(); ++i) {
      outputs.push_back(
          {(fs::path(*o.output) / (fs::path(o.paths[i]).stem().string() + ".yaml")).string(), {i}});
    }
  } else {
    Output all{o.output.value_or("-"), {}};
    for (std::size_t i = 0; i < banks.size(); ++i) all.banks.push_back(i);
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
  std::string last_yaml;  // the deck last written, for --with-history
  int questions = 0;
  int imported = 0;
  int warned = 0;
  int skipped = 0;
  for (const auto& output : outputs) {
    interchange::Bank merged;
    merged.title = banks[output.banks.front()].title;
    interchange::IdSet ids;
    std::vector<std::string> sources;
    // The banks' media go into "<deck>-media/" beside the deck, each name once.
    const std::string media_dir = fs::path(output.path).stem().string() + "-media";
    interchange::IdSet media_names;
    std::vector<std::pair<std::string, std::string>> media;  // path beside the deck, bytes
    std::size_t media_dropped = 0;
    for (const std::size_t index : output.banks) {
      interchange::Bank& bank = banks[index];
      std::map<std::string, std::string> renamed;  // the bank's name -> the deck's path
      for (auto& [name, bytes] : bank.media) {
        if (output.path == "-") {
          ++media_dropped;
          continue;
        }
        const fs::path original(name);
        std::string stem = interchange::slug(original.stem().string());
        if (stem.empty()) stem = "media";
        const std::string unique =
            media_names.unique(stem + core::ascii_lower(original.extension().string()));
        renamed[name] = media_dir + "/" + unique;
        media.emplace_back(renamed[name], std::move(bytes));
      }
      const auto place = [&](deck::Media& file) {
        if (file.path.empty()) return;
        const auto it = renamed.find(file.path);
        file.path = it == renamed.end() ? std::string() : it->second;
      };
      for (auto& entry : bank.entries) {
        entry.id = ids.unique(std::move(entry.id));
        place(entry.image);
        place(entry.audio);
        for (auto& choice : entry.choices) place(choice.image);
        merged.entries.push_back(std::move(entry));
      }
      merged.questions += bank.questions;
      merged.skipped += bank.skipped;
      merged.diagnostics.insert(merged.diagnostics.end(), bank.diagnostics.begin(),
                                bank.diagnostics.end());
      sources.push_back(fs::path(o.paths[index]).filename().string());
    }
    std::string from;
    for (const auto& name : sources) from += (from.empty() ? "" : ", ") + name;
    const interchange::DeckText deck =
        interchange::finish_deck(merged, sources.size() == 1 ? o.paths[output.banks.front()] : "",
                                 {"Imported from " + from + " by quizdeck import."});
    core::sort_diagnostics(merged.diagnostics);
    for (const auto& d : merged.diagnostics) context.report(d);
    if (merged.entries.empty()) {
      return core::fail(ExitCode::kInvalidInput,
                        fmt::format("no question of {} could be imported; nothing written", from));
    }
    // The media first: a deck never names a file that is not there yet.
    const fs::path beside = fs::path(output.path).parent_path();
    std::error_code looked;
    if (!media.empty() && !beside.empty() && !fs::is_directory(beside, looked)) {
      return core::fail(ExitCode::kIoError,
                        fmt::format("cannot write '{}': No such file or directory", output.path));
    }
    if (!media.empty() && fs::is_symlink(beside / media_dir, looked)) {
      return core::fail(ExitCode::kInvalidInput,
                        fmt::format("'{}' is a symbolic link; media are written only into a "
                                    "directory of the deck's own",
                                    (beside / media_dir).string()));
    }
    for (const auto& [path, bytes] : media) {
      const fs::path target = beside / path;
      if (fs::exists(fs::symlink_status(target)) && !o.force) {
        return core::fail(ExitCode::kInvalidInput,
                          fmt::format("'{}' exists; pass --force to replace it", target.string()));
      }
      if (auto written = write_output_file_in(target.string(), bytes, o.paths, context.io.out);
          !written) {
        return written.error();
      }
    }
    if (media_dropped > 0) {
      context.warn(
          fmt::format("{} media file{} not written: give -o DECK.yaml to keep them "
                      "beside the deck",
                      media_dropped, media_dropped == 1 ? "" : "s"));
    }
    if (auto written = write_output_file(output.path, deck.yaml, o.paths, context.io.out);
        !written) {
      return written.error();
    }
    last_yaml = deck.yaml;
    questions += merged.questions;
    imported += static_cast<int>(merged.entries.size());
    warned += merged.warned();
    skipped += merged.skipped;
  }
  context.io.err << fmt::format("{} question{}: {} imported, {} with warnings, {} skipped\n",
                                questions, questions == 1 ? "" : "s", imported, warned, skipped);
  if (o.with_history) {
    if (auto done = import_history(context, o.paths.front(), outputs.front().path, last_yaml);
        !done) {
      return done.error();
    }
  }
  return ExitCode::kOk;
}

}  // namespace

Command import_command() {
  return make_command<ImportOptions>(
      "import", "import question banks (GIFT, Moodle XML, QTI, Aiken, Anki, CSV) as decks", declare,
      needs, run, validate);
}

}  // namespace quizdeck::cli
