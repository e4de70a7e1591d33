// SPDX-License-Identifier: MIT
#include "interchange/html_text.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/normalize.h"
#include "core/utf8.h"

namespace quizdeck::interchange {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// "&amp;" and friends, "&#233;", "&#xE9;" at `at` (an '&'): appended to `out`, and where
// what follows starts; anything else is the '&' itself.
std::size_t decode_entity(std::string_view html, std::size_t at, std::string& out) {
  const std::size_t end = html.substr(0, at + 11).find(';', at);
  if (end == std::string_view::npos) {
    out += '&';
    return at + 1;
  }
  const std::string_view name = html.substr(at + 1, end - at - 1);
  static const std::pair<std::string_view, char32_t> kNamed[] = {
      {"amp", U'&'},         {"lt", U'<'},          {"gt", U'>'},          {"quot", U'"'},
      {"apos", U'\''},       {"nbsp", U'\u00a0'},   {"ndash", U'\u2013'},  {"mdash", U'\u2014'},
      {"hellip", U'\u2026'}, {"rsquo", U'\u2019'},  {"lsquo", U'\u2018'},  {"rdquo", U'\u201d'},
      {"ldquo", U'\u201c'},  {"eacute", U'\u00e9'}, {"egrave", U'\u00e8'}, {"agrave", U'\u00e0'},
      {"ccedil", U'\u00e7'}, {"ouml", U'\u00f6'},   {"uuml", U'\u00fc'},   {"auml", U'\u00e4'},
      {"szlig", U'\u00df'},  {"copy", U'\u00a9'},   {"deg", U'\u00b0'},    {"times", U'\u00d7'}};
  for (const auto& [entity, code_point] : kNamed) {
    if (name == entity) {
      core::append_utf8(out, code_point);
      return end + 1;
    }
  }
  if (name.size() > 1 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string digits(name.substr(hex ? 2 : 1));
    bool digits_only = !digits.empty();
    for (const char c : digits) {
      digits_only = digits_only && (hex ? std::isxdigit(static_cast<unsigned char>(c))
                                        : std::isdigit(static_cast<unsigned char>(c)));
    }
    char* stop = nullptr;
    const unsigned long value =
        digits_only ? std::strtoul(digits.c_str(), &stop, hex ? 16 : 10) : 0;
    const bool valid =
        digits_only && value > 0 && value <= 0x10FFFF && !(value >= 0xD800 && value <= 0xDFFF);
    if (valid) {
      core::append_utf8(out, static_cast<char32_t>(value));
      return end + 1;
    }
  }
  out += '&';
  return at + 1;
}

std::string tag_attribute(std::string_view tag, std::string_view name) {
  const std::string lowered = core::ascii_lower(tag);
  std::size_t at = lowered.find(std::string(name) + "=");
  if (at == std::string::npos) return "";
  at += name.size() + 1;
  if (at >= tag.size()) return "";
  const char quote = tag[at];
  if (quote == '"' || quote == '\'') {
    const std::size_t end = tag.find(quote, at + 1);
    return std::string(tag.substr(at + 1, end == std::string_view::npos ? end : end - at - 1));
  }
  std::size_t end = at;
  while (end < tag.size() && !is_space(tag[end]) && tag[end] != '>') ++end;
  return std::string(tag.substr(at, end - at));
}

// The plain text of an HTML text, written as the text is read: block tags as line breaks,
// runs of white space as one space (but inside <pre>).
class PlainText {
 public:
  // What stands between a tag's '<' and '>'.
  void tag(std::string_view tag) {
    std::size_t name_end = 0;
    while (name_end < tag.size() && !is_space(tag[name_end]) && tag[name_end] != '/' &&
           tag[name_end] != '>') {
      ++name_end;
    }
    const bool closing = !tag.empty() && tag[0] == '/';
    const std::string name = core::ascii_lower(
        closing ? tag.substr(1, tag.find_first_of(" \t\n>", 1) - 1) : tag.substr(0, name_end));
    if (name == "br") {
      add_break(1);
      if (out_.empty()) out_ += '\n';
    } else if (name == "p" || name == "div" || name == "h1" || name == "h2" || name == "h3" ||
               name == "h4" || name == "ul" || name == "ol" || name == "table") {
      add_break(out_.empty() ? 0 : (name == "p" ? 2 : 1));
    } else if (name == "li" && !closing) {
      add_break(1);
      out_ += "- ";
    } else if (name == "tr" && closing) {
      add_break(1);
    } else if ((name == "td" || name == "th") && closing) {
      out_ += ' ';
    } else if (name == "code" && !pre_) {
      if (pending_space_ && !closing) out_ += ' ';
      pending_space_ = false;
      out_ += '`';
    } else if (name == "pre") {
      add_break(1);
      if (!closing && !out_.empty()) out_ += '\n';
      out_ += closing ? "```" : "```\n";
      pre_ = !closing;
      if (closing) add_break(1);
    } else if (name == "img") {
      if (pending_space_) out_ += ' ';
      pending_space_ = false;
      out_ += "[image: " + tag_attribute(tag, "src") + "]";
    }
  }

  // The text at `i` (a character, or an entity); returns where what follows starts.
  std::size_t text(std::string_view html, std::size_t i) {
    const char c = html[i];
    if (!pre_) {
      if (is_space(c)) {
        pending_space_ = !out_.empty() && out_.back() != '\n';
        return i + 1;
      }
      if (pending_space_) out_ += ' ';
      pending_space_ = false;
    }
    if (c == '&') return decode_entity(html, i, out_);
    out_ += c;
    return i + 1;
  }

  // A character as it is (a '<' that opens no tag).
  void raw(char c) {
    if (pending_space_) out_ += ' ';
    pending_space_ = false;
    out_ += c;
  }

  std::string take() {
    while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ')) out_.pop_back();
    // No-break spaces from &nbsp; read as spaces in plain text.
    std::string text;
    for (std::size_t i = 0; i < out_.size(); ++i) {
      if (out_.compare(i, 2, "\u00a0") == 0) {
        text += ' ';
        ++i;
      } else {
        text += out_[i];
      }
    }
    return text;
  }

 private:
  void add_break(int breaks) {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    int have = 0;
    for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) ++have;
    if (out_.empty()) return;
    for (; have < breaks; ++have) out_ += '\n';
    pending_space_ = false;
  }

  std::string out_;
  bool pre_ = false;
  bool pending_space_ = false;
};

// Whether the '<' at `at` starts a tag: a letter, '/' or '!' follows it (so "a < b" and
// "<3" are text, as in a browser).
bool opens_tag(std::string_view html, std::size_t at) {
  if (at + 1 >= html.size()) return false;
  const auto next = static_cast<unsigned char>(html[at + 1]);
  return std::isalpha(next) || next == '/' || next == '!';
}

}  // namespace

bool has_tag(std::string_view text) {
  const std::size_t last_close = text.rfind('>');
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    if (last_close != std::string_view::npos && at < last_close && opens_tag(text, at)) return true;
  }
  return false;
}

bool has_entity(std::string_view text) {
  for (std::size_t at = text.find('&'); at != std::string_view::npos; at = text.find('&', at + 1)) {
    std::string decoded;
    if (decode_entity(text, at, decoded) != at + 1) return true;
  }
  return false;
}

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      i = decode_entity(text, i, out);
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string collapse_space(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  PlainText out;
  const std::size_t last_close = html.rfind('>');
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      i = out.text(html, i);
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      const std::size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    // (No '>' after it: text, found without looking to the end for each '<'.)
    const std::size_t end =
        opens_tag(html, i) && last_close != std::string_view::npos && i < last_close
            ? html.find('>', i)
            : std::string_view::npos;
    if (end == std::string_view::npos) {  // a '<' that opens no tag ("a < b") is text
      out.raw('<');
      ++i;
      continue;
    }
    out.tag(html.substr(i + 1, end - i - 1));
    i = end + 1;
  }
  return out.take();
}

std::optional<double> number_of(const std::string& text) {
  const std::string trimmed = collapse_space(text);
  if (trimmed.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(trimmed.c_str(), &end);
  if (*end != '\0' || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace quizdeck::interchange
