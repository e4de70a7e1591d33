// SPDX-License-Identifier: MIT
#include "interchange/qti_flow.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "interchange/html_text.h"

namespace quizdeck::interchange::qti_flow {
namespace {

// A line break a reader keeps (<br/>) while text is gathered; blocks end in '\n', which
// only separates lines.
constexpr char kHardBreak = '\v';
// A tab while text is gathered (a span as export writes one for it); XML cannot hold
// the character itself, so no text has it.
constexpr char kKeptTab = '\x01';

// Whether `node` is a span such as export writes for a tab: of class "tab", holding white
// space only (four no-break spaces, an indent to other readers).
bool is_tab(const xmlNode* node) {
  if (!named(node, "span") || attribute(node, "class") != "tab") return false;
  std::string text = content(node);
  for (std::size_t at = text.find("\u00a0"); at != std::string::npos; at = text.find("\u00a0")) {
    text.erase(at, 2);
  }
  return !content(node).empty() && collapse_space(text).empty();
}

bool is_block(std::string_view name) {
  static constexpr std::string_view kBlocks[] = {
      "p",  "div", "h1", "h2",    "h3", "h4",  "h5",         "h6", "ul",
      "ol", "li",  "dl", "table", "tr", "pre", "blockquote", "hr", "address"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), name) != std::end(kBlocks);
}

// Content a reader shows only under a condition, or to someone else, or that is not text:
// left out of a text (a choice's feedback is its why, read apart).
bool is_hidden(std::string_view name) {
  return name.ends_with("Interaction") || name == "rubricBlock" || name == "prompt" ||
         name == "modalFeedback" || name == "feedbackInline" || name == "feedbackBlock" ||
         name == "templateInline" || name == "templateBlock" || name == "printedVariable";
}

}  // namespace

std::string tidy(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view block = std::string_view(text).substr(start, end - start);
    const bool hard = block.find(kHardBreak) != std::string_view::npos;
    for (std::size_t at = 0; at <= block.size();) {
      const std::size_t stop = std::min(block.find(kHardBreak, at), block.size());
      std::string line = collapse_space(block.substr(at, stop - at));
      std::replace(line.begin(), line.end(), kKeptTab, '\t');
      for (std::size_t nbsp = line.find("\u00a0"); nbsp != std::string::npos;
           nbsp = line.find("\u00a0", nbsp)) {
        line.replace(nbsp, 2, " ");
      }
      if (hard || !line.empty()) lines.push_back(std::move(line));
      at = stop + 1;
    }
    start = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  std::string out;
  for (std::size_t i = first; i < lines.size(); ++i) out += (i > first ? "\n" : "") + lines[i];
  return out;
}

void FlowText::read(const xmlNode* node, std::string& out) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content != nullptr) out += reinterpret_cast<const char*>(c->content);
      continue;
    }
    if (c->type == XML_ENTITY_REF_NODE) {
      out += content(c);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string_view name = reinterpret_cast<const char*>(c->name);
    if (name == "textEntryInteraction") {
      out += fmt::format("{{{{#{}}}}}", ++blanks);
    } else if (name == "br") {
      out += kHardBreak;
    } else if (is_tab(c)) {
      out += kKeptTab;
    } else if (name == "math") {
      out += math(c);
    } else if (is_hidden(name)) {
      continue;
    } else if (is_block(name)) {
      out += '\n';
      read(c, out);
      out += '\n';
    } else {
      read(c, out);
    }
  }
}

std::string FlowText::text(const xmlNode* node) {
  std::string out;
  read(node, out);
  return tidy(out);
}

std::string FlowText::math(const xmlNode* node) {
  std::vector<const xmlNode*> annotations;
  find_all(node, "annotation", annotations);
  for (const xmlNode* a : annotations) {
    const std::string encoding = attribute(a, "encoding");
    if (encoding == "application/x-tex" || encoding == "TeX" || encoding == "LaTeX" ||
        encoding == "application/x-latex") {
      return " " + collapse_space(content(a)) + " ";
    }
  }
  if (const std::string alt = attribute(node, "alttext"); !alt.empty()) {
    return " " + collapse_space(alt) + " ";
  }
  flattened_math = true;
  std::string tokens;
  gather_tokens(node, tokens);
  return " " + collapse_space(tokens) + " ";
}

void FlowText::gather_tokens(const xmlNode* node, std::string& out) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content != nullptr) {
      out += reinterpret_cast<const char*>(c->content);
      out += ' ';
    } else if (c->type == XML_ELEMENT_NODE && !named(c, "annotation") &&
               !named(c, "annotation-xml")) {
      gather_tokens(c, out);
    }
  }
}

}  // namespace quizdeck::interchange::qti_flow
