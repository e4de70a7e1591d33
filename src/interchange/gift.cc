// SPDX-License-Identifier: MIT
#include "interchange/gift.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

#include <fmt/format.h>

#include "core/utf8.h"
#include "interchange/gift_text.h"

namespace quizdeck::interchange {
namespace {

using gift_text::bracket_value;
using gift_text::ChunkText;
using gift_text::is_space;
using gift_text::php_number;
using gift_text::restore;
using gift_text::take_format;
using gift_text::trim;
using gift_text::weight_at;

class Parser {
 public:
  explicit Parser(const core::SourceText& source) : source_(source), text_(source.text()) {}

  GiftParse run() {
    if (text_.starts_with("\xEF\xBB\xBF")) at_ = 3;
    if (const auto bad = core::find_invalid_utf8(text_)) {
      out_.refusal = core::make_diagnostic(core::Severity::kError, source_, *bad, 1,
                                           "this file is not UTF-8 text (GIFT files are UTF-8)");
      return std::move(out_);
    }
    // Questions are separated by blank lines, as Moodle splits them: a blank line ends a
    // question even inside an answer block.
    while (at_ < text_.size()) {
      ChunkText chunk;
      std::vector<std::string_view> comments;
      while (at_ < text_.size()) {
        const std::size_t begin = at_;
        const std::string_view line = next_line();
        const std::string_view trimmed = trim(line);
        if (trimmed.empty()) {
          if (chunk.empty() && comments.empty()) continue;
          break;
        }
        if (trimmed.starts_with("//")) {
          comments.push_back(trimmed);
        } else {
          chunk.add_line(line, begin);
        }
      }
      if (!chunk.empty()) read_chunk(chunk, comments);
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

  void malformed(const ChunkText& chunk, std::size_t at, std::string message) {
    out_.malformed.push_back(core::make_diagnostic(core::Severity::kError, source_,
                                                   chunk.source_offset(at), 1, std::move(message)));
  }

  // "// [id:393]" and "// [tag:fred] [tag:barney]" among a question's comment lines: the
  // first id, every tag.
  static void annotate(const std::vector<std::string_view>& comments, GiftQuestion& q) {
    for (const std::string_view comment : comments) {
      for (std::size_t at = comment.find("[id:"); !q.id && at != std::string_view::npos;
           at = comment.find("[id:", at + 1)) {
        if (auto value = bracket_value(comment, at + 4, false)) q.id = std::move(value->first);
      }
      for (std::size_t at = comment.find("[tag:"); at != std::string_view::npos;
           at = comment.find("[tag:", at)) {
        auto value = bracket_value(comment, at + 5, true);
        if (!value) {
          ++at;
          continue;
        }
        if (!value->first.empty()) q.tags.push_back(std::move(value->first));
        at = value->second;
      }
    }
  }

  void read_chunk(const ChunkText& chunk, const std::vector<std::string_view>& comments) {
    const std::string& t = chunk.text();
    std::size_t lo = 0;
    std::size_t hi = t.size();
    while (lo < hi && is_space(t[lo])) ++lo;
    while (hi > lo && is_space(t[hi - 1])) --hi;
    if (lo == hi) return;
    GiftQuestion q;
    annotate(comments, q);
    if (std::string_view(t).substr(lo, hi - lo).starts_with("$CATEGORY:")) {
      const std::size_t line_end = std::min(t.find('\n', lo), hi);
      GiftQuestion category;
      category.type = GiftType::kCategory;
      category.offset = chunk.source_offset(lo);
      category.category = restore(trim(std::string_view(t).substr(lo + 10, line_end - lo - 10)));
      out_.questions.push_back(std::move(category));
      std::size_t rest = line_end;
      while (rest < hi && is_space(t[rest])) ++rest;
      if (rest == hi) return;
      q.notes.push_back(
          {chunk.source_offset(rest),
           "no blank line after '$CATEGORY:': Moodle reads the lines up to the next blank line "
           "as the category's name and loses this question; it is imported (put a blank line "
           "after '$CATEGORY:')"});
      lo = rest;
    }
    question(chunk, lo, hi, std::move(q));
  }

  // The question in chunk.text()[lo, hi), read as Moodle's readquestion() reads it.
  void question(const ChunkText& chunk, std::size_t lo, std::size_t hi, GiftQuestion out) {
    const std::string_view t = std::string_view(chunk.text()).substr(0, hi);
    out.offset = chunk.source_offset(lo);
    std::size_t b = lo;
    if (t.substr(b).starts_with("::")) {
      const std::size_t end = t.find("::", b + 2);
      if (end == std::string_view::npos) {
        out.notes.push_back({chunk.source_offset(b),
                             "this title is never closed (no second '::'): Moodle reads what "
                             "follows as the question, without a title; so does quizdeck"});
        b += 2;
      } else {
        out.title = restore(trim(t.substr(b + 2, end - b - 2)));
        b = end + 2;
      }
    }
    while (b < hi && is_space(t[b])) ++b;
    // A "$CATEGORY:" line within a question is its text, for Moodle.
    for (std::size_t nl = t.find('\n', b); nl != std::string_view::npos;
         nl = t.find('\n', nl + 1)) {
      if (trim(t.substr(nl + 1)).starts_with("$CATEGORY:")) {
        std::size_t at = nl + 1;
        while (is_space(t[at])) ++at;
        out.notes.push_back(
            {chunk.source_offset(at),
             "'$CATEGORY:' inside a question (no blank line before it): Moodle reads this line "
             "as question text and keeps the category; imported the same way (put a blank "
             "line before it)"});
        break;
      }
    }
    // The answer block: Moodle's first '{' and first '}'.
    const std::size_t open = t.find('{', b);
    const std::size_t close = t.find('}', b);
    if (open == std::string_view::npos && close == std::string_view::npos) {
      std::string_view stem = t.substr(b);
      out.format = take_format(stem, out.format);
      out.type = GiftType::kDescription;
      out.stem = restore(trim(stem));
      out_.questions.push_back(std::move(out));
      return;
    }
    if (close == std::string_view::npos) {
      malformed(chunk, open,
                "this answer block is never closed: no '}' before the blank line that ends the "
                "question (write \\{ for a brace in text)");
      return;
    }
    if (open == std::string_view::npos || close < open) {
      malformed(chunk, close, "a '}' with no '{' before it (write \\} for a brace in text)");
      return;
    }
    if (const std::size_t inner = t.substr(0, close).find('{', open + 1);
        inner != std::string_view::npos) {
      out.notes.push_back({chunk.source_offset(inner),
                           "a '{' inside the answer block: Moodle reads it as answer text "
                           "(write \\{ for a brace in text)"});
    }
    if (const std::size_t second = t.find_first_of("{}", close + 1);
        second != std::string_view::npos) {
      out.notes.push_back(
          {chunk.source_offset(second),
           "a second answer block: Moodle takes the first block as the answers and shows this "
           "one as question text; imported the same way (a GIFT question has one block)"});
    }
    // Text after the block makes a missing-word question; Moodle tells by the last
    // character: a question that ends with '}' has its block at the end.
    out.embedded = t[hi - 1] != '}';
    std::string_view before = t.substr(b, open - b);
    std::string_view after = t.substr(close + 1);
    if (!trim(before).empty() || out.embedded) {
      out.format = take_format(before, out.format);
    } else {
      out.format = take_format(after, out.format);
    }
    out.stem_before = restore(trim(before));
    out.stem_after = restore(trim(after));
    out.gap_before = open > b && is_space(t[open - 1]);
    out.gap_after = close + 1 < hi && is_space(t[close + 1]);
    out.stem = out.embedded             ? out.stem_before + " _____ " + out.stem_after
               : out.stem_after.empty() ? out.stem_before
                                        : out.stem_before + " " + out.stem_after;
    std::size_t alo = open + 1;
    std::size_t ahi = close;
    if (const std::size_t general = t.substr(0, ahi).rfind("####");
        general != std::string_view::npos && general >= alo) {
      std::string_view text = t.substr(general + 4, ahi - general - 4);
      out.general_feedback_format = take_format(text, out.format);
      out.general_feedback = restore(trim(text));
      ahi = general;
    }
    while (alo < ahi && is_space(t[alo])) ++alo;
    while (ahi > alo && is_space(t[ahi - 1])) --ahi;
    const std::string_view answers = t.substr(alo, ahi - alo);
    bool read = false;
    if (answers.empty()) {
      out.type = GiftType::kEssay;
      read = true;
    } else if (answers[0] == '#') {
      read = numeric(chunk, alo + 1, ahi, out);
    } else if (answers.find('~') != std::string_view::npos) {
      read = choice(chunk, alo, ahi, out);
    } else if (answers.find('=') != std::string_view::npos &&
               answers.find("->") != std::string_view::npos) {
      read = matching(chunk, alo, ahi, out);
    } else if (true_false(answers, out)) {
      read = true;
    } else {
      read = short_answer(chunk, alo, ahi, out);
    }
    if (read) out_.questions.push_back(std::move(out));
  }

  // The items of an answer list in [lo, hi): split before each `marker` character (and
  // before each '=' when `equals_too`), the marker left out of the item but an '=' kept
  // in it; the text before the first marker is an item when it is not blank.
  std::vector<std::pair<std::size_t, std::size_t>> items(const std::string& t, std::size_t lo,
                                                         std::size_t hi, char marker,
                                                         bool equals_too) const {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t start = lo;
    for (std::size_t i = lo; i <= hi; ++i) {
      const bool split = i == hi || t[i] == marker || (equals_too && t[i] == '=');
      if (!split) continue;
      if (i > start || start != lo) out.emplace_back(start, i);
      start = i == hi ? hi : (t[i] == marker ? i + 1 : i);
    }
    // The first item is dropped when blank (Moodle's empty($answers[0])).
    if (!out.empty() && out.front().first == lo &&
        trim(std::string_view(t).substr(lo, out.front().second - lo)).empty()) {
      out.erase(out.begin());
    }
    return out;
  }

  // An answer's text and its '#' feedback, each with its own [format].
  static void text_and_feedback(std::string_view item, const std::string& format, GiftChoice& c) {
    const std::size_t hash = item.find('#');
    std::string_view text = item.substr(0, hash);
    c.format = take_format(text, format);
    c.text = restore(trim(text));
    if (hash != std::string_view::npos) {
      std::string_view feedback = item.substr(hash + 1);
      c.feedback_format = take_format(feedback, format);
      c.feedback = restore(trim(feedback));
    }
  }

  // {=a ~b ~%50%c#why}: every '=' and '~' starts an answer.
  bool choice(const ChunkText& chunk, std::size_t lo, std::size_t hi, GiftQuestion& out) {
    const std::string& t = chunk.text();
    out.type = GiftType::kChoice;
    out.single = std::string_view(t).substr(lo, hi - lo).find('=') != std::string_view::npos;
    const auto list = items(t, lo, hi, '~', true);
    if (list.size() < 2) {
      malformed(chunk, lo, "a multiple-choice question needs at least two answers");
      return false;
    }
    for (const auto& [start, end] : list) {
      std::string_view item = trim(std::string_view(t).substr(start, end - start));
      if (item.empty()) continue;  // "~ ~": Moodle saves no empty answer
      GiftChoice c;
      if (item[0] == '=') {
        c.correct = true;
        item.remove_prefix(1);
        if (weight_at(item)) {
          out.notes.push_back({chunk.source_offset(start),
                               "a weight after '=' is answer text for Moodle (a right answer of a "
                               "multiple-choice question takes no weight): imported the same way"});
        }
      } else if (const auto weight = weight_at(item)) {
        if (!weight->percent) {
          malformed(chunk, start, "a weight with more than one '-' is not a number");
          return false;
        }
        c.weight = weight->percent;
        c.correct = *weight->percent > 0;
        item.remove_prefix(weight->length);
      }
      text_and_feedback(item, out.format, c);
      out.choices.push_back(std::move(c));
    }
    return true;
  }

  // {=one =%50%two#why}: every '=' starts an answer; the text before the first is one too.
  bool short_answer(const ChunkText& chunk, std::size_t lo, std::size_t hi, GiftQuestion& out) {
    const std::string& t = chunk.text();
    out.type = GiftType::kShort;
    for (const auto& [start, end] : items(t, lo, hi, '=', false)) {
      std::string_view item = trim(std::string_view(t).substr(start, end - start));
      GiftChoice c;
      c.correct = true;
      if (const auto weight = weight_at(item)) {
        if (!weight->percent) {
          malformed(chunk, start, "a weight with more than one '-' is not a number");
          return false;
        }
        c.weight = weight->percent;
        item.remove_prefix(weight->length);
      }
      text_and_feedback(item, out.format, c);
      if (!c.text.empty()) out.choices.push_back(std::move(c));
    }
    if (out.choices.empty()) {
      malformed(chunk, lo, "a short-answer question needs an answer");
      return false;
    }
    return true;
  }

  // {=France -> Paris =Italy -> Rome}; "= -> Lisbon" is an extra answer.
  bool matching(const ChunkText& chunk, std::size_t lo, std::size_t hi, GiftQuestion& out) {
    const std::string& t = chunk.text();
    out.type = GiftType::kMatching;
    const auto list = items(t, lo, hi, '=', false);
    if (list.size() < 2) {
      malformed(chunk, lo, "a matching question needs at least two pairs");
      return false;
    }
    for (const auto& [start, end] : list) {
      const std::string_view item = std::string_view(t).substr(start, end - start);
      const std::size_t arrow = item.find("->");
      if (arrow == std::string_view::npos) {
        malformed(chunk, start, "a matching pair is written '=question -> answer'");
        return false;
      }
      GiftChoice c;
      c.correct = true;
      std::string_view prompt = item.substr(0, arrow);
      c.format = take_format(prompt, out.format);
      c.text = restore(trim(prompt));
      c.match = restore(trim(item.substr(arrow + 2)));
      out.choices.push_back(std::move(c));
    }
    return true;
  }

  // {T}, {FALSE#wrong#right}: the keyword as Moodle takes it (upper case only).
  static bool true_false(std::string_view answers, GiftQuestion& out) {
    const std::size_t hash = answers.find('#');
    const std::string_view word = trim(answers.substr(0, hash));
    if (word != "T" && word != "TRUE" && word != "F" && word != "FALSE") return false;
    out.type = GiftType::kTrueFalse;
    out.truth = word[0] == 'T';
    std::optional<GiftText> wrong;
    std::optional<GiftText> right;
    if (hash != std::string_view::npos) {
      const std::string_view rest = answers.substr(hash + 1);
      const std::size_t second = rest.find('#');
      const auto feedback = [&](std::string_view text) -> std::optional<GiftText> {
        GiftText out_text;
        out_text.format = take_format(text, out.format);
        out_text.text = restore(trim(text));
        if (out_text.text.empty()) return std::nullopt;
        return out_text;
      };
      wrong = feedback(rest.substr(0, second));
      if (second != std::string_view::npos) right = feedback(rest.substr(second + 1));
    }
    out.feedback_if_true = out.truth ? right : wrong;
    out.feedback_if_false = out.truth ? wrong : right;
    return true;
  }

  // {#n}, {#n:tolerance}, {#low..high}, {#=%100%n:t#why =%50%m ~#other}.
  bool numeric(const ChunkText& chunk, std::size_t lo, std::size_t hi, GiftQuestion& out) {
    const std::string& t = chunk.text();
    out.type = GiftType::kNumeric;
    // Everything from the first '~' on is the feedback for any other answer.
    const std::size_t other = std::string_view(t).substr(0, hi).find('~', lo);
    const std::size_t end = other == std::string_view::npos ? hi : other;
    for (const auto& [start, stop] : items(t, lo, end, '=', false)) {
      std::string_view item = trim(std::string_view(t).substr(start, stop - start));
      GiftChoice c;
      c.correct = true;
      if (const auto weight = weight_at(item)) {
        if (!weight->percent) {
          malformed(chunk, start, "a weight with more than one '-' is not a number");
          return false;
        }
        c.weight = weight->percent;
        item.remove_prefix(weight->length);
      }
      text_and_feedback(item, out.format, c);
      const std::string_view text = c.text;
      std::optional<double> number;
      std::optional<double> tolerance = 0.0;
      if (const std::size_t dots = text.find(".."); dots != std::string_view::npos && dots > 0) {
        const auto low = php_number(text.substr(0, dots));
        const auto high = php_number(text.substr(dots + 2));
        if (low && high) {
          number = (*low + *high) / 2;
          tolerance = std::fabs(*high - *low) / 2;
        }
      } else if (const std::size_t colon = text.find(':');
                 colon != std::string_view::npos && colon > 0) {
        number = php_number(text.substr(0, colon));
        tolerance = php_number(text.substr(colon + 1));
      } else {
        number = php_number(text);
      }
      if (!number || !tolerance) {
        malformed(chunk, start,
                  fmt::format("'{}' is not a number, number:tolerance or low..high", c.text));
        return false;
      }
      c.number = number;
      c.tolerance = std::fabs(*tolerance);
      out.choices.push_back(std::move(c));
    }
    if (out.choices.empty()) {
      malformed(chunk, lo, "a numeric question needs a number");
      return false;
    }
    if (other != std::string_view::npos) {
      GiftChoice c;
      const std::string_view rest = std::string_view(t).substr(other + 1, hi - other - 1);
      if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
        std::string_view feedback = rest.substr(hash + 1);
        c.feedback_format = take_format(feedback, out.format);
        c.feedback = restore(trim(feedback));
      }
      out.choices.push_back(std::move(c));
    }
    return true;
  }

  const core::SourceText& source_;
  const std::string& text_;
  std::size_t at_ = 0;
  GiftParse out_;
};

}  // namespace

GiftParse parse_gift(const core::SourceText& source) {
  return Parser(source).run();
}

}  // namespace quizdeck::interchange
