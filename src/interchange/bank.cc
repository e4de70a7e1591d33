// SPDX-License-Identifier: MIT
#include "interchange/bank.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/visible.h"
#include "deck/card_id.h"

namespace quizdeck::interchange {

int Bank::warned() const {
  int count = 0;
  for (const Entry& entry : entries) count += entry.warned ? 1 : 0;
  return count;
}

bool any_text(const Entry& e, EntryTexts which, bool (*test)(std::string_view)) {
  bool found = test(e.question) || test(e.back);
  for (const auto& text : e.answers) found = found || test(text);
  for (const auto& choice : e.choices) found = found || test(choice.text) || test(choice.why);
  for (const auto& pair : e.pairs) found = found || test(pair.prompt) || test(pair.answer);
  if (which == EntryTexts::kWithNotes) {
    found = found || test(e.id) || test(e.explain) || test(e.hint);
    for (const auto& tag : e.tags) found = found || test(tag);
  }
  return found;
}

void Bank::add(std::optional<Entry> entry, bool warned) {
  ++questions;
  if (!entry) {
    ++skipped;
    return;
  }
  entry->warned = warned;
  entries.push_back(std::move(*entry));
}

void Bank::add_cloze(std::optional<Entry> entry, bool warned, int blanks) {
  questions += blanks - 1;
  if (entry) {
    joined += blanks;
    ++joined_clozes;
  } else {
    skipped += blanks - 1;
  }
  add(std::move(entry), warned);
}

void Bank::add_malformed(core::Diagnostic error) {
  ++questions;
  ++skipped;
  ++malformed;
  error.severity = core::Severity::kError;
  report(std::move(error));
}

void Bank::report(core::Diagnostic diagnostic) {
  if (unshown_ == 0 && diagnostics.size() < kShown) {
    diagnostics.push_back(std::move(diagnostic));
    return;
  }
  ++unshown_;
  if (unshown_ == 1) {
    diagnostic.severity = core::Severity::kNote;
    diagnostic.notes.clear();
    note_ = diagnostics.size();
    diagnostics.push_back(std::move(diagnostic));
  }
  diagnostics[note_].message =
      fmt::format("{} more warning{} or error{} from here on not shown (the first {} are)",
                  unshown_, unshown_ == 1 ? "" : "s", unshown_ == 1 ? "" : "s", kShown);
}

std::optional<core::Diagnostic> refusal(const Bank& bank) {
  if (bank.questions > 0) return std::nullopt;
  for (const auto& d : bank.diagnostics) {
    if (d.severity == core::Severity::kError) return d;
  }
  return std::nullopt;
}

ExportWriter::ExportWriter(const std::vector<Entry>& given, std::string deck_file)
    : deck_file_(std::move(deck_file)),
      entries_(visible_entries(given, deck_file_, exported_.notes)) {}

void ExportWriter::drop(const Entry& e, std::string message) {
  exported_.notes.push_back(entry_warning(e, deck_file_, std::move(message)));
}

void ExportWriter::leave_out(const Entry& e, std::string message) {
  drop(e, std::move(message));
  ++exported_.left_out;
}

namespace {

// An image's src as a file name: without Moodle's "@@PLUGINFILE@@/" and URL-decoded.
std::string src_name(std::string_view value) {
  if (value.starts_with("@@PLUGINFILE@@/")) value.remove_prefix(15);
  const auto hex = [](char c) {
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
  };
  std::string name;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '%' && i + 2 < value.size() && hex(value[i + 1]) >= 0 &&
        hex(value[i + 2]) >= 0) {
      name += static_cast<char>(hex(value[i + 1]) * 16 + hex(value[i + 2]));
      i += 2;
    } else {
      name += value[i];
    }
  }
  return name;
}

}  // namespace

std::string first_image(std::string_view html) {
  std::size_t at = 0;
  while ((at = html.find("<img", at)) != std::string_view::npos) {
    const std::size_t end = html.find('>', at);
    const std::string_view tag = html.substr(at, end == std::string_view::npos ? end : end - at);
    at += 4;
    const std::size_t src = tag.find("src=");
    if (src == std::string_view::npos || src + 5 > tag.size()) continue;
    const char quote = tag[src + 4];
    std::string_view value;
    if (quote == '"' || quote == '\'') {
      const std::size_t close = tag.find(quote, src + 5);
      if (close == std::string_view::npos) continue;
      value = tag.substr(src + 5, close - src - 5);
    } else {
      const std::size_t stop = tag.find_first_of(" />", src + 4);
      value = tag.substr(src + 4, stop == std::string_view::npos ? stop : stop - src - 4);
    }
    if (std::string name = src_name(value); !name.empty()) return name;
  }
  return "";
}

std::string without_image_marker(std::string text, std::string_view src) {
  for (std::size_t at = text.find("[image: "); at != std::string::npos;
       at = text.find("[image: ", at + 1)) {
    const std::size_t close = text.find(']', at);
    if (close == std::string::npos) break;
    if (src_name(std::string_view(text).substr(at + 8, close - at - 8)) != src) continue;
    text.erase(at, close + 1 - at);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.erase(0, 1);
    break;
  }
  return text;
}

void note_media_left_out(const Entry& e, const std::string& deck_file, std::string_view format,
                         bool images, std::vector<core::Diagnostic>& notes) {
  const auto left_out = [&](std::string_view kinds, std::string_view kind,
                            const std::string& path) {
    notes.push_back(entry_warning(
        e, deck_file,
        fmt::format("{} carries no {}: {} '{}' is left out", format, kinds, kind, path)));
  };
  if (!images && !e.image.path.empty()) left_out("images", "image", e.image.path);
  if (!e.audio.path.empty()) left_out("sounds", "audio", e.audio.path);
  for (const auto& choice : e.choices) {
    if (!choice.image.path.empty()) left_out("choice images", "image", choice.image.path);
  }
}

core::Diagnostic entry_warning(const Entry& entry, const std::string& deck_file,
                               std::string message) {
  core::Diagnostic diagnostic;
  diagnostic.severity = core::Severity::kWarning;
  diagnostic.file = deck_file;
  diagnostic.line = entry.pos.line;
  diagnostic.column = entry.pos.column;
  diagnostic.message = std::move(message);
  return diagnostic;
}

std::vector<Entry> visible_entries(const std::vector<Entry>& entries, const std::string& deck_file,
                                   std::vector<core::Diagnostic>& notes) {
  std::vector<Entry> out = entries;
  for (Entry& e : out) {
    bool changed = false;
    const auto show = [&](std::string& text) {
      if (!core::needs_visible(text)) return;
      text = core::visible(text);
      changed = true;
    };
    show(e.question);
    show(e.back);
    show(e.explain);
    show(e.hint);
    for (auto& answer : e.answers) show(answer);
    for (auto& choice : e.choices) {
      show(choice.text);
      show(choice.why);
    }
    for (auto& pair : e.pairs) {
      show(pair.prompt);
      show(pair.answer);
    }
    for (auto& tag : e.tags) show(tag);
    if (changed) {
      notes.push_back(
          entry_warning(e, deck_file, "control characters written as text ('^[' for escape)"));
    }
  }
  return out;
}

std::string with_source(std::string_view explain, std::string_view source) {
  if (source.empty()) return std::string(explain);
  return fmt::format("{}{}Source: {}", explain, explain.empty() ? "" : "\n\n", source);
}

std::pair<std::string, std::string> split_source(std::string_view explain) {
  constexpr std::string_view kMark = "Source: ";
  const auto trimmed = [](std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
    return std::string(s);
  };
  std::size_t start = std::string_view::npos;
  if (explain.starts_with(kMark)) start = 0;
  if (const auto at = explain.rfind("\n\nSource: "); at != std::string_view::npos) start = at + 2;
  if (start == std::string_view::npos) return {std::string(explain), ""};
  const std::string_view source = explain.substr(start + kMark.size());
  // One paragraph: a citation, not an explanation that happens to start with the word.
  if (source.find("\n\n") != std::string_view::npos || trimmed(source).empty()) {
    return {std::string(explain), ""};
  }
  return {trimmed(explain.substr(0, start)), trimmed(source)};
}

TrueFalseFeedback true_false_feedback(const std::string& explain) {
  TrueFalseFeedback out{explain, "", ""};
  const auto last_line = [&]() -> std::string_view {
    const std::size_t nl = out.general.rfind('\n');
    return std::string_view(out.general).substr(nl == std::string::npos ? 0 : nl + 1);
  };
  const auto take = [&](std::string_view label, std::string& into) {
    const std::string_view line = last_line();
    if (!line.starts_with(label) || line.size() == label.size()) return;
    into = std::string(line.substr(label.size()));
    out.general.erase(out.general.size() - std::min(out.general.size(), line.size() + 1));
  };
  take("False: ", out.if_false);
  take("True: ", out.if_true);
  return out;
}

std::string with_true_false_feedback(const std::string& explain,
                                     const TrueFalseFeedback& feedback) {
  std::string lines;
  if (!feedback.if_true.empty()) lines += "True: " + feedback.if_true;
  if (!feedback.if_false.empty()) {
    lines += (lines.empty() ? "" : "\n") + ("False: " + feedback.if_false);
  }
  if (lines.empty()) return explain;
  return explain.empty() ? lines : explain + "\n" + lines;
}

std::vector<Entry> entries_of(const std::vector<deck::Card>& cards,
                              const std::vector<std::string>& deck_tags) {
  std::vector<Entry> entries;
  std::set<std::string> clozes;  // entries already made from a cloze's first blank
  for (const deck::Card& card : cards) {
    Entry e;
    e.type = card.type;
    e.pos = card.pos;
    if (card.type == deck::CardType::kCloze) {
      const std::string note(deck::sibling_key(card.id));
      if (!clozes.insert(note).second) continue;
      e.id = card.id_given ? note : "";
      e.question = card.cloze_text;
    } else {
      e.id = card.id_given ? card.id : "";
      e.question = card.prompt;
    }
    e.choices = card.choices;
    if (card.type == deck::CardType::kMatching) {
      e.pairs = card.pairs;
      e.choices.clear();
      for (const auto& text : deck::matching_distractors(card)) e.choices.push_back({text, "", {}});
    }
    e.answers = card.type == deck::CardType::kCloze ? std::vector<std::string>{} : card.answers;
    e.truth = card.truth;
    e.number = card.number;
    e.tolerance = card.tolerance;
    e.match = card.match;
    e.back = card.back;
    e.explain = with_source(card.explain, card.source);
    e.hint = card.hint;
    e.image = card.image;
    e.audio = card.audio;
    // The deck's tags come first in a card's; the card's own follow.
    const std::size_t own =
        card.tags.size() >= deck_tags.size() &&
                std::equal(deck_tags.begin(), deck_tags.end(), card.tags.begin())
            ? deck_tags.size()
            : 0;
    e.tags.assign(card.tags.begin() + static_cast<std::ptrdiff_t>(own), card.tags.end());
    e.points = card.points;
    e.shuffle = card.shuffle;
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace quizdeck::interchange
