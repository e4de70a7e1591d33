// SPDX-License-Identifier: MIT
#include "deck/yaml_tree.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/utf8.h"

namespace quizdeck::deck {
namespace {

using core::Diagnostic;
using core::Severity;

// yaml-cpp's messages name its internals; say what the author did wrong instead.
std::string explain_parser_message(const std::string& message) {
  static const std::array<std::pair<std::string_view, std::string_view>, 8> kMessages{{
      {"illegal map value",
       "unexpected ':' (quote text that contains ': ', and check the indentation)"},
      {"end of map not found", "a map is not closed here: check the indentation"},
      {"end of map flow not found", "missing '}' to close a '{' map"},
      {"end of sequence not found", "a list is not closed here: check the indentation"},
      {"end of sequence flow not found", "missing ']' to close a '[' list"},
      {"the referenced anchor is not defined", "this alias refers to an anchor that is not defined"},
      {"block sequence entries are not allowed in this context",
       "a '- ' list item is not allowed here: check the indentation"},
      {"illegal tab when looking for indentation",
       "a tab is used for indentation; YAML indents with spaces only"},
  }};
  for (const auto& [from, to] : kMessages) {
    if (message == from) return std::string(to);
  }
  if (message.rfind("unknown escape character", 0) == 0) {
    return fmt::format("{} (write \\\\ for a backslash in double quotes, or use single quotes)",
                       message);
  }
  return fmt::format("YAML syntax error: {}", message);
}

class TreeBuilder {
 public:
  TreeBuilder(const core::SourceText& source, std::vector<Diagnostic>& diagnostics)
      : source_(source),
        diagnostics_(diagnostics),
        initial_budget_(std::max<std::size_t>(source.text().size(), 10000)),
        budget_(initial_budget_) {}

  std::optional<YamlNode> build(const YAML::Node& node) {
    YamlNode out;
    if (!convert(node, out, 0)) return std::nullopt;
    return out;
  }

 private:
  void error(std::size_t offset, int length, std::string message) {
    diagnostics_.push_back(
        core::make_diagnostic(Severity::kError, source_, offset, length, std::move(message)));
  }

  // Code points of a quoted scalar's source on its first line, quotes included.
  int quoted_length(std::size_t offset) const {
    const std::string& text = source_.text();
    const char quote = text[offset];
    std::size_t end = offset + 1;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') {
      if (quote == '"' && text[end] == '\\') {
        end += 2;
        continue;
      }
      if (text[end] == quote) {
        if (quote == '\'' && end + 1 < text.size() && text[end + 1] == '\'') {
          end += 2;
          continue;
        }
        ++end;
        break;
      }
      ++end;
    }
    end = std::min(end, text.size());
    return std::max(1, static_cast<int>(core::count_code_points(
                           std::string_view(text.data() + offset, end - offset))));
  }

  // yaml-cpp 0.7 lets a quote opened near the end of the file swallow the rest silently.
  bool quote_is_closed(std::size_t offset) const {
    const std::string& text = source_.text();
    const char quote = text[offset];
    for (std::size_t i = offset + 1; i < text.size(); ++i) {
      if (quote == '"' && text[i] == '\\') {
        ++i;
        continue;
      }
      if (text[i] == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;
          continue;
        }
        return true;
      }
    }
    return false;
  }

  bool convert(const YAML::Node& node, YamlNode& out, int depth) {
    if (budget_ == 0) {
      if (!budget_reported_) {
        diagnostics_.push_back(core::make_file_diagnostic(
            Severity::kError, source_.file_name(),
            fmt::format("this deck expands to more than {} values through aliases ('*name'); "
                        "write the content out instead of repeating anchors",
                        initial_budget_)));
        budget_reported_ = true;
      }
      return false;
    }
    --budget_;
    if (depth > kMaxDepth) {
      error(static_cast<std::size_t>(node.Mark().pos), 1,
            fmt::format("nesting is deeper than {} levels", kMaxDepth));
      return false;
    }
    const YAML::Mark mark = node.Mark();
    out.offset = mark.pos >= 0 ? static_cast<std::size_t>(mark.pos) : 0;
    const std::string& tag = node.Tag();
    if (tag != "?" && tag != "!" && !tag.empty()) out.tag = tag;
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null: {
        out.kind = YamlNode::Kind::kNull;
        // An explicit ~ or null sits at its mark; an empty value does not.
        const std::string_view rest = std::string_view(source_.text()).substr(
            std::min(out.offset, source_.text().size()));
        out.has_position = rest.rfind('~', 0) == 0 || rest.rfind("null", 0) == 0 ||
                           rest.rfind("Null", 0) == 0 || rest.rfind("NULL", 0) == 0;
        return true;
      }
      case YAML::NodeType::Scalar: {
        out.kind = YamlNode::Kind::kScalar;
        out.text = node.Scalar();
        out.plain = tag == "?";
        const char first =
            out.offset < source_.text().size() ? source_.text()[out.offset] : '\0';
        const bool quoted = !out.plain && (first == '"' || first == '\'');
        if (quoted && !quote_is_closed(out.offset)) {
          error(out.offset, 1,
                fmt::format("this quoted string is never closed (missing {})", first));
          return false;
        }
        if (quoted) {
          out.length = quoted_length(out.offset);
        } else if (out.plain) {
          // A plain scalar's first line is its source text.
          const std::string_view text(out.text);
          out.length = std::max<int>(
              1, static_cast<int>(core::count_code_points(text.substr(0, text.find('\n')))));
        }
        return true;
      }
      case YAML::NodeType::Sequence: {
        out.kind = YamlNode::Kind::kSequence;
        out.items.reserve(node.size());
        for (const auto& item : node) {
          YamlNode child;
          if (!convert(item, child, depth + 1)) return false;
          out.items.push_back(std::move(child));
        }
        return true;
      }
      case YAML::NodeType::Map: {
        out.kind = YamlNode::Kind::kMap;
        out.entries.reserve(node.size());
        for (const auto& entry : node) {
          YamlNode key;
          YamlNode value;
          if (!convert(entry.first, key, depth + 1)) return false;
          if (!convert(entry.second, value, depth + 1)) return false;
          out.entries.emplace_back(std::move(key), std::move(value));
        }
        return true;
      }
    }
    return false;
  }

  const core::SourceText& source_;
  std::vector<Diagnostic>& diagnostics_;
  // Nodes a deck may expand to: a real deck has fewer nodes than bytes; aliases that
  // repeat content ("billion laughs") are stopped here, in linear time.
  std::size_t initial_budget_;
  std::size_t budget_;
  bool budget_reported_ = false;
};

// Where the second document starts: its '---' line if there is one.
std::size_t second_document_offset(const core::SourceText& source, std::size_t first_root,
                                   std::size_t second_root) {
  for (int line = source.locate(first_root).line + 1; line <= source.line_count(); ++line) {
    const std::size_t start = source.offset_of_line(line);
    if (start > second_root) break;
    const std::string_view text = source.line_text(line);
    if (text.rfind("---", 0) == 0 && (text.size() == 3 || text[3] == ' ' || text[3] == '\t')) {
      return start;
    }
  }
  return second_root;
}

}  // namespace

YamlParse parse_yaml(const core::SourceText& source) {
  YamlParse result;
  auto& diagnostics = result.diagnostics;
  const std::string& text = source.text();

  if (const auto bad = core::find_invalid_utf8(text)) {
    diagnostics.push_back(core::make_diagnostic(
        Severity::kError, source, *bad, 1,
        text[*bad] == '\0' ? std::string("NUL byte in the deck (is this a binary file?)")
                           : fmt::format("invalid UTF-8 byte 0x{:02X}; decks must be UTF-8 text",
                                         static_cast<unsigned char>(text[*bad]))));
    return result;
  }

  // yaml-cpp does not take a lone CR as a line break; a same-length copy with LF does.
  std::string for_yaml = text;
  for (std::size_t i = 0; i < for_yaml.size(); ++i) {
    if (for_yaml[i] == '\r' && (i + 1 >= for_yaml.size() || for_yaml[i + 1] != '\n')) {
      for_yaml[i] = '\n';
    }
  }

  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(for_yaml);
  } catch (const YAML::DeepRecursion& e) {
    diagnostics.push_back(core::make_diagnostic(
        Severity::kError, source, static_cast<std::size_t>(std::max(e.mark.pos, 0)), 1,
        fmt::format("nesting is deeper than {} levels", kMaxDepth)));
    return result;
  } catch (const YAML::Exception& e) {
    const auto offset = static_cast<std::size_t>(std::max(e.mark.pos, 0));
    // A tab in the indentation confuses yaml-cpp into odd messages; name the real cause.
    const int line = source.locate(offset).line;
    const std::string_view text_line = source.line_text(line);
    const auto indent = text_line.find_first_not_of(" \t");
    const auto tab = text_line.substr(0, indent).find('\t');
    if (tab != std::string_view::npos) {
      diagnostics.push_back(core::make_diagnostic(
          Severity::kError, source, source.offset_of_line(line) + tab, 1,
          "a tab is used for indentation; YAML indents with spaces only"));
    } else {
      diagnostics.push_back(
          core::make_diagnostic(Severity::kError, source, offset, 1, explain_parser_message(e.msg)));
    }
    return result;
  } catch (const std::exception& e) {
    diagnostics.push_back(core::make_file_diagnostic(
        Severity::kError, source.file_name(), fmt::format("cannot parse the deck: {}", e.what())));
    return result;
  }

  if (documents.empty() || (documents.size() == 1 && documents[0].IsNull())) {
    diagnostics.push_back(core::make_diagnostic(
        Severity::kError, source, 0, 1, "the deck is empty (expected a map with 'title' and 'cards')"));
    return result;
  }
  if (documents.size() > 1) {
    const auto first = static_cast<std::size_t>(std::max(documents[0].Mark().pos, 0));
    const auto second = static_cast<std::size_t>(std::max(documents[1].Mark().pos, 0));
    diagnostics.push_back(core::make_diagnostic(
        Severity::kError, source, second_document_offset(source, first, second), 3,
        "a deck file holds one YAML document, but a second one starts here"));
    return result;
  }

  try {
    TreeBuilder builder(source, diagnostics);
    result.root = builder.build(documents[0]);
  } catch (const YAML::Exception& e) {
    diagnostics.push_back(core::make_diagnostic(
        Severity::kError, source, static_cast<std::size_t>(std::max(e.mark.pos, 0)), 1,
        explain_parser_message(e.msg)));
    result.root.reset();
  }
  return result;
}

}  // namespace quizdeck::deck
