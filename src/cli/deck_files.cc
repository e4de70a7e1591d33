// SPDX-License-Identifier: MIT
#include "cli/deck_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include <fmt/format.h>

#include "deck/parse_deck.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;
using core::Diagnostic;
using core::Severity;

bool is_deck_name(const fs::path& path) {
  const auto extension = path.extension();
  return extension == ".yaml" || extension == ".yml";
}

void add_io_error(LoadedDecks& loaded, std::string message) {
  loaded.diagnostics.push_back(
      core::make_file_diagnostic(Severity::kError, "", std::move(message)));
  loaded.io_error = true;
}

std::vector<std::string> expand(std::span<const std::string> paths, LoadedDecks& loaded) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      add_io_error(loaded, fmt::format("cannot open '{}': {}", path,
                                       ec ? ec.message() : "No such file or directory"));
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const auto name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && is_deck_name(it->path())) found.push_back(it->path().string());
    }
    if (ec) add_io_error(loaded, fmt::format("cannot read directory '{}': {}", path, ec.message()));
    if (found.empty() && !ec) {
      loaded.diagnostics.push_back(core::make_file_diagnostic(
          Severity::kError, "", fmt::format("no .yaml or .yml deck files under '{}'", path)));
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  // The same file named twice (say `decks/` and `decks/crss.yaml`) is one deck.
  std::vector<std::string> unique;
  std::vector<fs::path> seen;
  for (auto& file : files) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(file, ec);
    if (ec) canonical = file;
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
    seen.push_back(std::move(canonical));
    unique.push_back(std::move(file));
  }
  return unique;
}

std::optional<std::string> read_file(const std::string& path, LoadedDecks& loaded) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxDeckBytes) {
    loaded.diagnostics.push_back(core::make_file_diagnostic(
        Severity::kError, path,
        fmt::format("the deck is {} MiB; decks larger than {} MiB are refused",
                    (size + (1 << 20) - 1) >> 20, kMaxDeckBytes >> 20)));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    add_io_error(loaded, fmt::format("cannot read '{}': {}", path,
                                     std::error_code(errno, std::generic_category()).message()));
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    add_io_error(loaded, fmt::format("cannot read '{}'", path));
    return std::nullopt;
  }
  return std::move(text).str();
}

}  // namespace

bool LoadedDecks::has_errors() const {
  return count(Severity::kError) > 0;
}

std::size_t LoadedDecks::count(Severity severity) const {
  std::size_t total = 0;
  for (const auto& d : diagnostics) total += d.severity == severity ? 1 : 0;
  return total;
}

LoadedDecks load_decks(std::span<const std::string> paths) {
  LoadedDecks loaded;
  const std::vector<std::string> files = expand(paths, loaded);
  loaded.files = files.size();
  std::unordered_map<std::string, std::size_t> deck_by_id;  // id -> index in loaded.decks
  for (const auto& file : files) {
    const auto text = read_file(file, loaded);
    if (!text) continue;
    deck::DeckParse parse = deck::parse_deck(file, *text);
    loaded.diagnostics.insert(loaded.diagnostics.end(),
                              std::make_move_iterator(parse.diagnostics.begin()),
                              std::make_move_iterator(parse.diagnostics.end()));
    if (!parse.deck) continue;
    const auto [it, inserted] = deck_by_id.try_emplace(parse.deck->id, loaded.decks.size());
    if (!inserted) {
      const deck::Deck& first = loaded.decks[it->second];
      Diagnostic d = core::make_file_diagnostic(
          Severity::kError, file,
          fmt::format("deck id '{}' is already used by '{}'", parse.deck->id, first.path));
      if (parse.deck->id_given) {
        d.line = parse.deck->id_pos.line;
        d.column = parse.deck->id_pos.column;
      }
      d.notes.push_back(core::make_file_diagnostic(
          Severity::kNote, file,
          "each deck needs its own id; set a different 'id:' in one of them"));
      loaded.diagnostics.push_back(std::move(d));
      continue;
    }
    loaded.decks.push_back(std::move(*parse.deck));
  }
  core::sort_diagnostics(loaded.diagnostics);
  return loaded;
}

}  // namespace quizdeck::cli
