// SPDX-License-Identifier: MIT
#include "cli/commands/check_findings.h"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "cli/files/media_file.h"
#include "cli/version.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "deck/diagnostic_rules.h"
#include "deck/item_checks.h"
#include "grade/self_test.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFindingKind = "check";
constexpr std::string_view kItemKind = "items";
constexpr std::string_view kFormat = "quizdeck-check-findings 1";

std::string identity_words(const struct stat& info) {
  return fmt::format("{} {} {} {}.{:09} {}.{:09}", info.st_dev, info.st_ino, info.st_size,
                     info.st_mtim.tv_sec, info.st_mtim.tv_nsec, info.st_ctim.tv_sec,
                     info.st_ctim.tv_nsec);
}

// What the findings also depend on: this quizdeck (its version, and the binary itself, so
// a rebuilt grader checks the examples again).
std::string checker() {
  struct stat info {};
  const std::string binary =
      ::stat("/proc/self/exe", &info) == 0 ? identity_words(info) : std::string("unknown");
  return fmt::format("{} {}", kVersion, binary);
}

// How a media name resolves now: the reason it does not, or the real file and its identity
// (a file replaced, moved or changed in place gives other words).
std::string media_words(const core::Expected<std::string>& found) {
  if (!found) return "missing " + found.error().message();
  struct stat info {};
  if (::stat(found->c_str(), &info) != 0) return "gone";
  return fmt::format("{} {}", *found, identity_words(info));
}

// Length-prefixed fields: "<bytes>:<text>".
void put(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out += ':';
  out += text;
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
  std::optional<std::string_view> field() {
    const auto colon = rest_.find(':');
    std::size_t size = 0;
    if (colon == std::string_view::npos ||
        std::from_chars(rest_.data(), rest_.data() + colon, size).ptr != rest_.data() + colon ||
        size > rest_.size() - colon - 1) {
      return std::nullopt;
    }
    const std::string_view text = rest_.substr(colon + 1, size);
    rest_.remove_prefix(colon + 1 + size);
    return text;
  }
  std::optional<int> number() {
    const auto text = field();
    int value = 0;
    if (!text || std::from_chars(text->data(), text->data() + text->size(), value).ptr !=
                     text->data() + text->size()) {
      return std::nullopt;
    }
    return value;
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

struct Findings {
  std::map<std::string, std::string> media;  // name -> media_words
  std::vector<core::Diagnostic> errors;      // file left empty
};

std::string encode(const std::string& checker_words, const Findings& findings) {
  std::string out;
  put(out, kFormat);
  put(out, checker_words);
  put(out, std::to_string(findings.media.size()));
  for (const auto& [name, words] : findings.media) {
    put(out, name);
    put(out, words);
  }
  put(out, std::to_string(findings.errors.size()));
  for (const auto& d : findings.errors) {
    put(out, std::to_string(d.line));
    put(out, std::to_string(d.column));
    put(out, std::to_string(d.length));
    put(out, d.message);
    put(out, d.source_line);
  }
  return out;
}

std::optional<Findings> decode(std::string_view bytes, const std::string& checker_words) {
  Reader in(bytes);
  if (in.field() != kFormat || in.field() != checker_words) return std::nullopt;
  Findings findings;
  const auto media = in.number();
  if (!media) return std::nullopt;
  for (int i = 0; i < *media; ++i) {
    const auto name = in.field();
    const auto words = in.field();
    if (!name || !words) return std::nullopt;
    findings.media.emplace(std::string(*name), std::string(*words));
  }
  const auto errors = in.number();
  if (!errors) return std::nullopt;
  for (int i = 0; i < *errors; ++i) {
    core::Diagnostic d;
    const auto line = in.number();
    const auto column = in.number();
    const auto length = in.number();
    const auto message = in.field();
    const auto source_line = in.field();
    if (!line || !column || !length || !message || !source_line) return std::nullopt;
    d.line = *line;
    d.column = *column;
    d.length = *length;
    d.message = std::string(*message);
    d.source_line = std::string(*source_line);
    findings.errors.push_back(std::move(d));
  }
  if (!in.done()) return std::nullopt;
  return findings;
}

// Every card read: each media file looked up, each example answer graded.
Findings work_out(const deck::Deck& deck) {
  Findings findings;
  std::vector<std::string> lines;  // the deck's lines, read at its first problem
  const auto error_at = [&](const deck::SourcePos& pos, std::string_view text,
                            const std::string& message) {
    if (lines.empty()) {
      std::ifstream in(deck.path);
      for (std::string line; std::getline(in, line);) lines.push_back(line);
    }
    core::Diagnostic d;
    d.severity = core::Severity::kError;
    d.line = pos.line;
    d.column = pos.column;
    d.length = static_cast<int>(core::count_code_points(text));
    if (pos.line >= 1 && static_cast<std::size_t>(pos.line) <= lines.size()) {
      d.source_line = lines[static_cast<std::size_t>(pos.line) - 1];
    }
    d.message = core::visible(message, core::Lines::kShow);
    findings.errors.push_back(std::move(d));
  };
  const auto check = [&](const deck::Media& media, std::string_view kind) {
    if (media.path.empty()) return;
    const auto found = media_file(deck.path, media.path);
    findings.media.try_emplace(media.path, media_words(found));
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
  return findings;
}

// The item-writing findings, each positioned on its line (the file left empty).
std::vector<core::Diagnostic> work_out_items(const deck::Deck& deck) {
  std::vector<core::Diagnostic> out;
  std::vector<std::string> lines;  // the deck's lines, read at its first finding
  for (const auto& finding : deck::item_findings(deck)) {
    if (lines.empty()) {
      std::ifstream in(deck.path);
      for (std::string line; std::getline(in, line);) lines.push_back(line);
    }
    core::Diagnostic d;
    d.line = finding.pos.line;
    d.column = finding.pos.column;
    d.length = 1;
    if (finding.pos.line >= 1 && static_cast<std::size_t>(finding.pos.line) <= lines.size()) {
      d.source_line = lines[static_cast<std::size_t>(finding.pos.line) - 1];
      // The words concerned, when they stand on the line at or after the position.
      std::size_t from = 0;
      for (int column = 1; column < d.column && from < d.source_line.size(); ++column) {
        core::next_code_point(d.source_line, from);
      }
      const auto at =
          finding.text.empty() ? std::string::npos : d.source_line.find(finding.text, from);
      if (at != std::string::npos) {
        d.column += static_cast<int>(
            core::count_code_points(std::string_view(d.source_line).substr(from, at - from)));
        d.length = static_cast<int>(core::count_code_points(finding.text));
      }
    }
    d.message = core::visible(finding.message, core::Lines::kShow);
    out.push_back(std::move(d));
  }
  return out;
}

// A deck's findings of one kind in the deck cache, kept by the deck's path and content and
// good only for the quizdeck that worked them out; without a cache (or a content hash),
// nothing is kept.
class CachedFindings {
 public:
  CachedFindings(store::DeckCache* cache, const deck::Deck& deck, std::string_view kind)
      : cache_(deck.content_hash.empty() ? nullptr : cache), deck_(deck), kind_(kind) {
    if (cache_ == nullptr) return;
    key_ = fs::absolute(deck.path).lexically_normal().string();
    checker_words_ = checker();
  }
  std::optional<Findings> get() const {
    if (cache_ == nullptr) return std::nullopt;
    const auto bytes = cache_->finding(key_, deck_.content_hash, kind_);
    return bytes ? decode(*bytes, checker_words_) : std::nullopt;
  }
  void put(const Findings& findings) const {
    if (cache_ != nullptr) {
      cache_->put_finding(key_, deck_.content_hash, kind_, encode(checker_words_, findings));
    }
  }

 private:
  store::DeckCache* cache_;
  const deck::Deck& deck_;
  std::string_view kind_;
  std::string key_;
  std::string checker_words_;
};

}  // namespace

std::vector<core::Diagnostic> item_warnings(const deck::Deck& deck, store::DeckCache* cache) {
  const CachedFindings cached(cache, deck, kItemKind);
  std::optional<Findings> findings = cached.get();
  if (!findings) {
    findings = Findings{{}, work_out_items(deck)};
    cached.put(*findings);
  }
  for (auto& d : findings->errors) {
    d.severity = core::Severity::kWarning;
    d.file = deck.path;
    d.rule = std::string(deck::rule_for_message(d.message).id);
  }
  return std::move(findings->errors);
}

std::vector<core::Diagnostic> media_and_example_errors(const deck::Deck& deck,
                                                       store::DeckCache* cache) {
  const CachedFindings cached(cache, deck, kFindingKind);
  std::optional<Findings> findings = cached.get();
  // Each media file is looked up again: one missing, moved or changed since means the cards
  // are read again.
  const auto unchanged = [&](const auto& media) {
    return media_words(media_file(deck.path, media.first)) == media.second;
  };
  if (findings && !std::all_of(findings->media.begin(), findings->media.end(), unchanged)) {
    findings.reset();
  }
  if (!findings) {
    findings = work_out(deck);
    cached.put(*findings);
  }
  for (auto& d : findings->errors) d.file = deck.path;
  return std::move(findings->errors);
}

}  // namespace quizdeck::cli
