// SPDX-License-Identifier: MIT
#include "interchange/merge.h"

#include <map>

#include "core/normalize.h"
#include "interchange/names.h"

namespace quizdeck::interchange {
namespace {

// The part of a file name after its last dot, with the dot ("" when none).
std::pair<std::string, std::string> stem_and_extension(const std::string& name) {
  const std::size_t slash = name.find_last_of('/');
  const std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
  const std::size_t dot = base.find_last_of('.');
  if (dot == std::string::npos || dot == 0) return {base, ""};
  return {base.substr(0, dot), base.substr(dot)};
}

}  // namespace

Merged merge_banks(std::vector<Bank>& banks, const std::string& media_dir) {
  Merged out;
  if (!banks.empty()) out.bank.title = banks.front().title;
  IdSet ids;
  IdSet media_names;
  for (Bank& bank : banks) {
    std::map<std::string, std::string> renamed;  // the bank's name -> the deck's path
    for (auto& [name, bytes] : bank.media) {
      if (media_dir.empty()) {
        ++out.media_dropped;
        continue;
      }
      const auto [stem, extension] = stem_and_extension(name);
      std::string base = slug(stem);
      if (base.empty()) base = "media";
      // Numbered before the extension, so the file keeps its type ("pic-2.png").
      const std::string lower = core::ascii_lower(extension);
      std::string unique = base + lower;
      for (int n = 2; media_names.taken(unique); ++n) {
        unique = base + "-" + std::to_string(n) + lower;
      }
      media_names.take(unique);
      const std::string path = media_dir + "/" + unique;
      renamed[name] = path;
      out.bank.media.emplace_back(path, std::move(bytes));
    }
    const auto place = [&](deck::Media& file) {
      if (file.path.empty()) return;
      const auto it = renamed.find(file.path);
      file.path = it == renamed.end() ? std::string() : it->second;
    };
    for (Entry& entry : bank.entries) {
      entry.id = ids.unique(std::move(entry.id));
      place(entry.image);
      place(entry.audio);
      for (auto& choice : entry.choices) place(choice.image);
      out.bank.entries.push_back(std::move(entry));
    }
    out.bank.questions += bank.questions;
    out.bank.skipped += bank.skipped;
    out.bank.malformed += bank.malformed;
    out.bank.joined += bank.joined;
    out.bank.joined_clozes += bank.joined_clozes;
    out.bank.diagnostics.insert(out.bank.diagnostics.end(), bank.diagnostics.begin(),
                                bank.diagnostics.end());
  }
  return out;
}

}  // namespace quizdeck::interchange
