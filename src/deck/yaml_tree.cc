// SPDX-License-Identifier: MIT
#include "deck/yaml_tree.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <array>
#include <map>
#include <sstream>

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
      {"the referenced anchor is not defined",
       "this alias refers to an anchor that is not defined"},
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

// Builds our tree from yaml-cpp's parser events. yaml-cpp's own YAML::LoadAll loops
// forever on some malformed input (a lone ',': upstream issue #1040), so documents are
// taken one at a time from the public event API instead.
class TreeBuilder : public YAML::EventHandler {
 public:
  // What a value's text costs of the budget: one more value for every so many bytes. A
  // deck written out has at most half as many values as bytes, and its texts add at most
  // a sixteenth more, so it never reaches the budget its own size gives.
  static constexpr std::size_t kBytesPerValue = 16;

  TreeBuilder(const core::SourceText& source, std::vector<Diagnostic>& diagnostics)
      : source_(source),
        diagnostics_(diagnostics),
        initial_budget_(std::max<std::size_t>(source.text().size(), 10000)),
        budget_(initial_budget_) {}

  // The document's root once it is complete and nothing went wrong.
  std::optional<YamlNode> take_root() {
    if (failed_ || !root_) return std::nullopt;
    return std::move(root_);
  }
  bool failed() const { return failed_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode node = start_node(mark, "");
    node.kind = YamlNode::Kind::kNull;
    // An explicit ~ or null sits at its mark; an empty value has the next token's mark.
    const std::string_view rest =
        std::string_view(source_.text()).substr(std::min(node.offset, source_.text().size()));
    node.has_position = rest.starts_with('~') || rest.starts_with("null") ||
                        rest.starts_with("Null") || rest.starts_with("NULL");
    finish(std::move(node), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (failed_) return;
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      fail(offset_of(mark), "this alias refers to an anchor that is not defined");
      return;
    }
    const std::size_t size = it->second.second;
    if (size > budget_) {
      exhaust_budget(offset_of(mark));
      return;
    }
    budget_ -= size - 1;  // finish() takes the last one
    finish(it->second.first, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode node = start_node(mark, tag);
    node.kind = YamlNode::Kind::kScalar;
    node.text = value;
    node.plain = tag == "?";
    const char first = node.offset < source_.text().size() ? source_.text()[node.offset] : '\0';
    const bool quoted = !node.plain && (first == '"' || first == '\'');
    if (quoted && !quote_is_closed(node.offset)) {
      fail(node.offset, fmt::format("this quoted string is never closed (missing {})", first));
      return;
    }
    if (quoted) {
      node.length = quoted_length(node.offset);
    } else if (node.plain) {
      // A plain scalar's first line is its source text.
      const std::string_view text(node.text);
      node.length = std::max<int>(
          1, static_cast<int>(core::count_code_points(text.substr(0, text.find('\n')))));
    }
    // A long text costs more than a short one, so that an alias repeating a long text
    // spends the budget by the bytes it expands to, not only by the values.
    const std::size_t cost = 1 + value.size() / kBytesPerValue;
    if (cost > budget_) {
      exhaust_budget(node.offset);
      return;
    }
    budget_ -= cost - 1;  // finish() takes the last one
    finish(std::move(node), anchor, cost);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, YamlNode::Kind::kSequence);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, YamlNode::Kind::kMap);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    YamlNode node;
    YAML::anchor_t anchor = 0;
    std::size_t first_budget = 0;  // budget left when the node opened
    std::optional<YamlNode> key;   // maps: a key waiting for its value
  };

  static std::size_t offset_of(const YAML::Mark& mark) {
    return mark.pos >= 0 ? static_cast<std::size_t>(mark.pos) : 0;
  }

  void fail(std::size_t offset, std::string message) {
    if (failed_) return;
    failed_ = true;
    diagnostics_.push_back(
        core::make_diagnostic(Severity::kError, source_, offset, 1, std::move(message)));
  }

  // At the alias (or value) that crossed the budget.
  void exhaust_budget(std::size_t offset) {
    fail(offset, fmt::format("this deck expands to more than {} values through aliases "
                             "('*name'; every {} bytes of text count as a value); write the "
                             "content out instead of repeating anchors",
                             initial_budget_, kBytesPerValue));
  }

  YamlNode start_node(const YAML::Mark& mark, const std::string& tag) const {
    YamlNode node;
    node.offset = offset_of(mark);
    if (tag != "?" && tag != "!" && !tag.empty()) node.tag = tag;
    return node;
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            YamlNode::Kind kind) {
    if (failed_) {
      ++ignored_depth_;
      return;
    }
    if (static_cast<int>(stack_.size()) >= kMaxDepth) {
      fail(offset_of(mark), fmt::format("nesting is deeper than {} levels", kMaxDepth));
      ++ignored_depth_;
      return;
    }
    Frame frame;
    frame.node = start_node(mark, tag);
    frame.node.kind = kind;
    frame.anchor = anchor;
    frame.first_budget = budget_;
    stack_.push_back(std::move(frame));
  }

  void close() {
    if (ignored_depth_ > 0) {
      --ignored_depth_;
      return;
    }
    if (stack_.empty()) return;
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    // Nodes this container holds, itself included: what one alias to it would cost.
    const std::size_t size = frame.first_budget - budget_ + 1;
    finish(std::move(frame.node), frame.anchor, size);
  }

  // A complete node: counts it, remembers its anchor, hands it to its parent.
  void finish(YamlNode node, YAML::anchor_t anchor, std::size_t size = 1) {
    if (failed_) return;
    if (budget_ == 0) {
      exhaust_budget(node.offset);
      return;
    }
    --budget_;
    if (anchor != 0) anchors_[anchor] = {node, size};
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& parent = stack_.back();
    if (parent.node.kind == YamlNode::Kind::kSequence) {
      parent.node.items.push_back(std::move(node));
    } else if (!parent.key) {
      parent.key = std::move(node);
    } else {
      parent.node.entries.emplace_back(std::move(*parent.key), std::move(node));
      parent.key.reset();
    }
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

  const core::SourceText& source_;
  std::vector<Diagnostic>& diagnostics_;
  // Nodes a deck may expand to: a real deck has fewer nodes than bytes; aliases that
  // repeat content ("billion laughs") are stopped here, in linear time.
  std::size_t initial_budget_;
  std::size_t budget_;
  std::vector<Frame> stack_;
  int ignored_depth_ = 0;  // containers opened after a failure
  std::map<YAML::anchor_t, std::pair<YamlNode, std::size_t>> anchors_;  // node, its size
  std::optional<YamlNode> root_;
  bool failed_ = false;
};

// Notes only whether a next document exists, and where.
class DocumentProbe : public YAML::EventHandler {
 public:
  std::optional<std::size_t> root_offset;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { note(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { note(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    note(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    note(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    note(mark);
  }
  void OnMapEnd() override {}

 private:
  void note(const YAML::Mark& mark) {
    if (!root_offset) root_offset = mark.pos >= 0 ? static_cast<std::size_t>(mark.pos) : 0;
  }
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

// yaml-cpp's complaint, at its place; a tab in the indentation confuses yaml-cpp into odd
// messages, so that real cause is named instead.
Diagnostic syntax_error(const core::SourceText& source, const YAML::Exception& e) {
  const auto offset = static_cast<std::size_t>(std::max(e.mark.pos, 0));
  const int line = source.locate(offset).line;
  const std::string_view text_line = source.line_text(line);
  const auto indent = text_line.find_first_not_of(" \t");
  const auto tab = text_line.substr(0, indent).find('\t');
  if (tab != std::string_view::npos) {
    return core::make_diagnostic(Severity::kError, source, source.offset_of_line(line) + tab, 1,
                                 "a tab is used for indentation; YAML indents with spaces only");
  }
  return core::make_diagnostic(Severity::kError, source, offset, 1, explain_parser_message(e.msg));
}

// yaml-cpp reads a document it cannot start (such as a lone ',') as empty: the first
// token that is not a comment, a document marker or an explicit null is what went wrong.
std::optional<Diagnostic> unexpected_start(const core::SourceText& source) {
  for (int line = 1; line <= source.line_count(); ++line) {
    const std::string_view text_line = source.line_text(line);
    const auto first = text_line.find_first_not_of(" \t");
    if (first == std::string_view::npos || text_line[first] == '#') continue;
    const std::string_view rest = text_line.substr(first);
    if (rest.starts_with("---") || rest.starts_with("...")) continue;
    if (rest == "~" || rest == "null") return std::nullopt;
    std::size_t at = first;
    core::next_code_point(text_line, at);
    return core::make_diagnostic(Severity::kError, source, source.offset_of_line(line) + first, 1,
                                 fmt::format("unexpected '{}': a deck starts with a key such as "
                                             "'title:'",
                                             text_line.substr(first, at - first)));
  }
  return std::nullopt;
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

  std::istringstream stream(for_yaml);
  TreeBuilder builder(source, diagnostics);
  bool has_document = false;
  std::optional<std::size_t> second_root;
  try {
    YAML::Parser parser(stream);
    has_document = parser.HandleNextDocument(builder);
    if (has_document && !builder.failed()) {
      DocumentProbe probe;
      if (parser.HandleNextDocument(probe)) second_root = probe.root_offset.value_or(text.size());
    }
  } catch (const YAML::DeepRecursion& e) {
    if (builder.failed()) return result;  // the first problem is the one to report
    diagnostics.push_back(core::make_diagnostic(
        Severity::kError, source, static_cast<std::size_t>(std::max(e.mark.pos, 0)), 1,
        fmt::format("nesting is deeper than {} levels", kMaxDepth)));
    return result;
  } catch (const YAML::Exception& e) {
    if (builder.failed()) return result;
    diagnostics.push_back(syntax_error(source, e));
    return result;
  } catch (const std::exception& e) {
    diagnostics.push_back(core::make_file_diagnostic(
        Severity::kError, source.file_name(), fmt::format("cannot parse the deck: {}", e.what())));
    return result;
  }
  if (builder.failed()) return result;
  std::optional<YamlNode> root = builder.take_root();
  if (has_document && root && root->kind == YamlNode::Kind::kNull) {
    if (auto unexpected = unexpected_start(source)) {
      diagnostics.push_back(std::move(*unexpected));
      return result;
    }
  }
  if (!has_document || !root || root->kind == YamlNode::Kind::kNull) {
    diagnostics.push_back(
        core::make_diagnostic(Severity::kError, source, 0, 1,
                              "the deck is empty (expected a map with 'title' and 'cards')"));
    return result;
  }
  if (second_root) {
    diagnostics.push_back(core::make_diagnostic(
        Severity::kError, source, second_document_offset(source, root->offset, *second_root), 3,
        "a deck file holds one YAML document, but a second one starts here"));
    return result;
  }
  result.root = std::move(root);
  return result;
}

}  // namespace quizdeck::deck
