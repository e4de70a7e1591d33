// SPDX-License-Identifier: MIT
#include "interchange/gift.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "core/utf8.h"
#include "interchange/html_text.h"
#include "interchange/names.h"

namespace quizdeck::interchange {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// GIFT's escapes: \~ \= \# \{ \} \: \\ stand for the character, \n for a line break; any
// other backslash is itself.
std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[i + 1];
      if (next == 'n') {
        out += '\n';
        ++i;
        continue;
      }
      if (std::string_view("~=#{}:\\").find(next) != std::string_view::npos) {
        out += next;
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// The first unescaped occurrence of `what` at or after `from`.
std::size_t find_unescaped(std::string_view text, std::string_view what, std::size_t from = 0) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text.substr(i, what.size()) == what) return i;
  }
  return std::string_view::npos;
}

// A text's own "[html]" (or [moodle], [plain], [markdown]) in front of it: taken off, and
// the format it names (else `inherited`).
std::string take_format(std::string_view& text, const std::string& inherited) {
  const std::string_view trimmed = trim(text);
  for (const char* name : {"html", "moodle", "plain", "markdown"}) {
    const std::string marker = std::string("[") + name + "]";
    if (trimmed.starts_with(marker)) {
      text = trimmed.substr(marker.size());
      return name;
    }
  }
  return inherited;
}

std::optional<double> parse_number(std::string_view text) {
  const std::string digits(trim(text));
  if (digits.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(digits.c_str(), &end);
  if (*end != '\0' || !std::isfinite(value)) return std::nullopt;
  return value;
}

// A question's text, lines joined with '\n' (comment lines left out), and where each of
// its lines starts in the source.
struct Chunk {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> starts;  // (offset in text, in source)
  std::size_t source_offset(std::size_t at) const {
    std::size_t source = starts.empty() ? 0 : starts.front().second;
    for (const auto& [in_text, in_source] : starts) {
      if (in_text > at) break;
      source = in_source + (at - in_text);
    }
    return source;
  }
};

class Parser {
 public:
  explicit Parser(const core::SourceText& source) : source_(source), text_(source.text()) {}

  GiftParse run() {
    if (text_.starts_with("\xEF\xBB\xBF")) at_ = 3;
    if (const auto bad = core::find_invalid_utf8(text_)) {
      error(*bad, 1, "this file is not UTF-8 text (GIFT files are UTF-8)");
      return std::move(out_);
    }
    while (at_ < text_.size()) {
      const std::size_t begin = at_;
      const std::string_view line = next_line();
      const std::string_view trimmed = trim(line);
      if (trimmed.empty()) continue;
      if (trimmed.starts_with("//")) {
        annotate(trimmed);
        continue;
      }
      if (trimmed.starts_with("$CATEGORY:")) {
        GiftQuestion category;
        category.type = GiftType::kCategory;
        category.offset = begin;
        category.category = std::string(trim(trimmed.substr(10)));
        out_.questions.push_back(std::move(category));
        continue;
      }
      at_ = begin;
      question(read_chunk());
    }
    return std::move(out_);
  }

 private:
  // The next line (without its break, which may be \n, \r\n or \r); moves past it.
  std::string_view next_line() {
    const std::size_t begin = at_;
    std::size_t end = begin;
    while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
    at_ = end;
    if (at_ < text_.size() && text_[at_] == '\r') ++at_;
    if (at_ < text_.size() && text_[at_] == '\n' && (at_ == end || text_[at_ - 1] == '\r')) ++at_;
    if (at_ == end && end < text_.size()) ++at_;
    return std::string_view(text_).substr(begin, end - begin);
  }

  // "// [id:393]" and "// [tag:fred] [tag:barney]" name the next question.
  void annotate(std::string_view comment) {
    for (std::size_t at = comment.find('['); at != std::string_view::npos;
         at = comment.find('[', at + 1)) {
      const std::size_t end = comment.find(']', at);
      if (end == std::string_view::npos) break;
      const std::string_view inside = comment.substr(at + 1, end - at - 1);
      if (inside.starts_with("id:")) id_ = std::string(trim(inside.substr(3)));
      if (inside.starts_with("tag:")) tags_.emplace_back(trim(inside.substr(4)));
    }
  }

  // Lines up to a blank line outside an answer block.
  Chunk read_chunk() {
    Chunk chunk;
    bool in_block = false;
    while (at_ < text_.size()) {
      const std::size_t begin = at_;
      const std::string_view line = next_line();
      const std::string_view trimmed = trim(line);
      if (!in_block && trimmed.empty()) break;
      if (!in_block && trimmed.starts_with("//")) continue;
      if (!chunk.text.empty()) chunk.text += '\n';
      chunk.starts.emplace_back(chunk.text.size(), begin);
      chunk.text += line;
      for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') {
          ++i;
        } else if (line[i] == '{') {
          in_block = true;
        } else if (line[i] == '}') {
          in_block = false;
        }
      }
    }
    return chunk;
  }

  void error(std::size_t offset, int length, std::string message) {
    out_.errors.push_back(
        core::make_diagnostic(core::Severity::kError, source_, offset, length, std::move(message)));
  }

  void question(const Chunk& chunk) {
    const std::string_view q = chunk.text;
    GiftQuestion out;
    out.offset = chunk.source_offset(q.find_first_not_of(" \t\n"));
    out.id = std::exchange(id_, std::nullopt);
    out.tags = std::exchange(tags_, {});
    std::size_t pos = q.find_first_not_of(" \t\n");
    if (q.substr(pos, 2) == "::") {
      const std::size_t end = find_unescaped(q, "::", pos + 2);
      if (end == std::string_view::npos) {
        error(chunk.source_offset(pos), 2, "this title is never closed (missing '::')");
        return;
      }
      out.title = unescape(trim(q.substr(pos + 2, end - pos - 2)));
      pos = end + 2;
    }
    while (pos < q.size() && is_space(q[pos])) ++pos;
    if (pos < q.size() && q[pos] == '[') {
      const std::size_t end = q.find(']', pos);
      const std::string_view name =
          end == std::string_view::npos ? "" : q.substr(pos + 1, end - pos - 1);
      if (name == "html" || name == "moodle" || name == "markdown" || name == "plain") {
        out.format = std::string(name);
        pos = end + 1;
      }
    }
    const std::size_t open = find_unescaped(q, "{", pos);
    if (open == std::string_view::npos) {
      out.type = GiftType::kDescription;
      out.stem = unescape(trim(q.substr(pos)));
      out_.questions.push_back(std::move(out));
      return;
    }
    const std::size_t close = find_unescaped(q, "}", open + 1);
    if (close == std::string_view::npos) {
      error(chunk.source_offset(open), 1, "this answer block is never closed (missing '}')");
      return;
    }
    if (const auto nested = find_unescaped(q.substr(0, close), "{", open + 1);
        nested != std::string_view::npos) {
      error(chunk.source_offset(nested), 1,
            fmt::format("a '{{' inside the answer block opened on line {} (a '}}' missing "
                        "there? write \\{{ for a brace in text)",
                        source_.locate(chunk.source_offset(open)).line));
      return;
    }
    const std::string_view before = q.substr(pos, open - pos);
    const std::string_view after = q.substr(close + 1);
    if (find_unescaped(after, "{") != std::string_view::npos) {
      error(chunk.source_offset(close + 1 + find_unescaped(after, "{")), 1,
            "a second answer block in one question (quizdeck imports one blank per question)");
      return;
    }
    out.embedded = !trim(after).empty();
    out.stem_before = unescape(trim(before));
    out.stem_after = unescape(trim(after));
    out.stem = out.embedded ? out.stem_before + " _____ " + out.stem_after : out.stem_before;
    if (!answers(q.substr(open + 1, close - open - 1), chunk.source_offset(open + 1), out)) return;
    out_.questions.push_back(std::move(out));
  }

  // The answer block's content; false (with an error) when it is malformed.
  bool answers(std::string_view block, std::size_t offset, GiftQuestion& out) {
    if (const auto general = find_unescaped(block, "####"); general != std::string_view::npos) {
      std::string_view text = block.substr(general + 4);
      out.general_feedback_format = take_format(text, out.format);
      out.general_feedback = unescape(trim(text));
      block = block.substr(0, general);
    }
    const std::size_t lead = block.find_first_not_of(" \t\r\n");
    const std::string_view body = trim(block);
    if (body.empty()) {
      out.type = GiftType::kEssay;
      return true;
    }
    if (body[0] == '#') return numeric(body.substr(1), offset + lead + 1, out);
    if (true_false(body, out)) return true;
    if (body[0] != '=' && body[0] != '~') {
      // One right short answer needs no '=': {One}.
      GiftChoice choice;
      choice.correct = true;
      std::string_view item = body;
      if (const auto hash = find_unescaped(item, "#"); hash != std::string_view::npos) {
        choice.feedback = unescape(trim(item.substr(hash + 1)));
        item = item.substr(0, hash);
      }
      if (find_unescaped(item, "=") != std::string_view::npos ||
          find_unescaped(item, "~") != std::string_view::npos) {
        error(offset + lead, 1, "answers start with '=' (right) or '~' (wrong)");
        return false;
      }
      choice.text = unescape(trim(item));
      out.choices.push_back(std::move(choice));
      out.type = GiftType::kShort;
      return true;
    }
    // Matching when every answer is '=' and pairs a subquestion with "->".
    bool any_wrong = false;
    for (std::size_t at = 0; at < body.size(); ++at) {
      if (body[at] == '\\') {
        ++at;
      } else if (body[at] == '~') {
        any_wrong = true;
      }
    }
    const bool matching = !any_wrong && find_unescaped(body, "->") != std::string_view::npos;
    for (std::size_t at = 0; at < body.size();) {
      const char marker = body[at];
      std::size_t end = at + 1;
      while (end < body.size() && body[end] != '=' && body[end] != '~') {
        end += body[end] == '\\' ? 2 : 1;
      }
      end = std::min(end, body.size());
      GiftChoice choice;
      std::string_view item = body.substr(at + 1, end - at - 1);
      if (item.starts_with('%')) {
        const std::size_t close = item.find('%', 1);
        const auto weight = close == std::string_view::npos
                                ? std::nullopt
                                : parse_number(item.substr(1, close - 1));
        if (!weight) {
          error(offset + lead + at + 1, 1, "a weight is written %number%, such as %50%");
          return false;
        }
        choice.weight = weight;
        item = item.substr(close + 1);
      }
      if (const auto hash = find_unescaped(item, "#"); hash != std::string_view::npos) {
        std::string_view feedback = item.substr(hash + 1);
        choice.feedback_format = take_format(feedback, out.format);
        choice.feedback = unescape(trim(feedback));
        item = item.substr(0, hash);
      }
      if (const auto arrow = find_unescaped(item, "->");
          matching && arrow != std::string_view::npos) {
        choice.match = unescape(trim(item.substr(arrow + 2)));
        item = item.substr(0, arrow);
      }
      choice.format = take_format(item, out.format);
      choice.text = unescape(trim(item));
      choice.correct = marker == '=' || (choice.weight && *choice.weight > 0);
      out.choices.push_back(std::move(choice));
      at = end;
    }
    out.type = matching ? GiftType::kMatching : any_wrong ? GiftType::kChoice : GiftType::kShort;
    return true;
  }

  static bool true_false(std::string_view body, GiftQuestion& out) {
    const std::size_t hash = find_unescaped(body, "#");
    std::string word(trim(body.substr(0, hash)));
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (word != "T" && word != "TRUE" && word != "F" && word != "FALSE") return false;
    out.type = GiftType::kTrueFalse;
    out.truth = word[0] == 'T';
    if (hash != std::string_view::npos) {
      const std::string_view rest = body.substr(hash + 1);
      const std::size_t second = find_unescaped(rest, "#");
      const auto feedback = [](std::string_view text) -> std::optional<std::string> {
        const std::string unescaped = unescape(trim(text));
        if (unescaped.empty()) return std::nullopt;
        return unescaped;
      };
      out.true_feedback = feedback(rest.substr(0, second));
      if (second != std::string_view::npos) out.false_feedback = feedback(rest.substr(second + 1));
    }
    return true;
  }

  // n, n:tolerance, a..b, or a list of =%weight%n:t#feedback alternatives.
  bool numeric(std::string_view body, std::size_t offset, GiftQuestion& out) {
    out.type = GiftType::kNumeric;
    const auto one = [&](std::string_view text, std::size_t at, GiftChoice& choice) {
      if (const auto hash = find_unescaped(text, "#"); hash != std::string_view::npos) {
        choice.feedback = unescape(trim(text.substr(hash + 1)));
        text = text.substr(0, hash);
      }
      std::optional<double> number;
      std::optional<double> tolerance = 0.0;
      if (const auto range = text.find(".."); range != std::string_view::npos) {
        const auto low = parse_number(text.substr(0, range));
        const auto high = parse_number(text.substr(range + 2));
        if (low && high) {
          number = (*low + *high) / 2;
          tolerance = std::fabs(*high - *low) / 2;
        }
      } else if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        number = parse_number(text.substr(0, colon));
        tolerance = parse_number(text.substr(colon + 1));
      } else {
        number = parse_number(text);
      }
      if (!number || !tolerance) {
        error(
            at, 1,
            fmt::format("'{}' is not a number, n:tolerance or low..high", std::string(trim(text))));
        return false;
      }
      choice.number = number;
      choice.tolerance = std::fabs(*tolerance);
      choice.text = std::string(trim(text));
      return true;
    };
    // {#3:2} is {#=3:2}; a '~' alternative with no number ({#=3:2 ~#Wrong}) is the
    // feedback for any other answer.
    const std::string_view given = trim(body);
    const std::string listed = given.starts_with('=') || given.starts_with('~')
                                   ? std::string(given)
                                   : "=" + std::string(given);
    const std::string_view trimmed = listed;
    const std::size_t shift = given.starts_with('=') || given.starts_with('~') ? 0 : 1;
    for (std::size_t at = 0; at < trimmed.size();) {
      std::size_t end = at + 1;
      while (end < trimmed.size() && trimmed[end] != '=' && trimmed[end] != '~') {
        end += trimmed[end] == '\\' ? 2 : 1;
      }
      end = std::min(end, trimmed.size());
      std::string_view item = trimmed.substr(at + 1, end - at - 1);
      GiftChoice choice;
      choice.correct = trimmed[at] == '=';
      if (item.starts_with('%')) {
        const std::size_t close = item.find('%', 1);
        choice.weight = close == std::string_view::npos ? std::nullopt
                                                        : parse_number(item.substr(1, close - 1));
        if (!choice.weight) {
          error(offset + at, 1, "a weight is written %number%, such as %50%");
          return false;
        }
        item = item.substr(close + 1);
      }
      const std::size_t item_offset = offset + at + 1 - std::min(shift, at + 1);
      if (!choice.correct && trim(item.substr(0, find_unescaped(item, "#"))).empty()) {
        if (const auto hash = find_unescaped(item, "#"); hash != std::string_view::npos) {
          choice.feedback = unescape(trim(item.substr(hash + 1)));
        }
        out.choices.push_back(std::move(choice));
        at = end;
        continue;
      }
      if (!one(item, item_offset, choice)) return false;
      out.choices.push_back(std::move(choice));
      at = end;
    }
    return true;
  }

  const core::SourceText& source_;
  const std::string& text_;
  std::size_t at_ = 0;
  std::optional<std::string> id_;
  std::vector<std::string> tags_;
  GiftParse out_;
};

}  // namespace

GiftParse parse_gift(const core::SourceText& source) {
  return Parser(source).run();
}

}  // namespace quizdeck::interchange
