// SPDX-License-Identifier: MIT
#include "interchange/xml_tree.h"

#include <libxml/entities.h>
#include <libxml/parser.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include <fmt/format.h>

#include "core/utf8.h"

namespace quizdeck::interchange {
namespace {

// Where a parse's errors go: the first one, as a diagnostic in the source.
struct Errors {
  explicit Errors(const core::SourceText& text) : source(&text) {}
  const core::SourceText* source;
  int line_shift = 0;
  int first_line_columns = 0;  // columns the wrapper adds to the part's first line
  int first_line_column = 1;   // the part's first column in the source
  std::optional<core::Diagnostic> first;
  bool entities = false;  // the error is about entities
};

// The offset of a line's `column`th code point (1-based) in `source`.
std::size_t offset_at(const core::SourceText& source, int line, int column) {
  std::size_t offset = source.offset_of_line(line);
  const std::string_view text = source.line_text(line);
  std::size_t at = 0;
  for (int c = 1; c < column && at < text.size(); ++c) {
    if (!core::decode_utf8(text, at)) break;
  }
  return offset + at;
}

// libxml2's message with the lines it names ("text line 4") counted in the source.
std::string lines_shifted(const std::string& message, int shift) {
  if (shift == 0) return message;
  std::string out;
  std::size_t at = 0;
  for (std::size_t found = message.find("line "); found != std::string::npos;
       found = message.find("line ", at)) {
    std::size_t end = found + 5;
    while (end < message.size() && message[end] >= '0' && message[end] <= '9') ++end;
    out.append(message, at, found + 5 - at);
    if (end > found + 5)
      out += std::to_string(std::stol(message.substr(found + 5, end - found - 5)) + shift);
    at = end;
  }
  return out + message.substr(at);
}

void on_error(void* data, xmlErrorPtr error) {
  auto& errors = *static_cast<Errors*>(data);
  if (error == nullptr || error->level < XML_ERR_ERROR || errors.first) return;
  std::string message;
  for (const char* c = error->message ? error->message : "unreadable"; *c != '\0'; ++c) {
    const bool space = *c == '\n' || *c == '\t' || *c == ' ';
    if (space && (message.empty() || message.back() == ' ')) continue;
    message += space ? ' ' : *c;
  }
  while (!message.empty() && message.back() == ' ') message.pop_back();
  message = lines_shifted(message, errors.line_shift);
  std::string what = "malformed XML: ";
  if (error->code == XML_ERR_ENTITY_LOOP) {
    // libxml2's own amplification guard says "loop" for a reference that expands too far.
    message = "an entity reference loops or expands without bound (an entity bomb)";
    errors.entities = true;
  } else if (message.find("Huge input lookup") != std::string::npos ||
             message.find("huge text node") != std::string::npos) {
    // libxml2 reads no single text (or name) over 10,000,000 bytes; the file is not
    // malformed, only past that limit.
    what.clear();
    message =
        "a single text here is over 10 MB, more than the XML reader takes (split the question, "
        "or move what is large into a file of its own)";
  }
  int line = std::max(error->line, 1);
  int column = std::max(error->int2, 1);
  if (line == 1) {
    column = std::max(column - errors.first_line_columns, 1) + errors.first_line_column - 1;
  }
  line += errors.line_shift;
  const core::SourceText& source = *errors.source;
  line = std::min(line, std::max(source.line_count(), 1));
  errors.first = core::make_diagnostic(core::Severity::kError, source,
                                       offset_at(source, line, column), 1, what + message);
}

// The text the entity references below `node` stand for, in bytes; the first reference
// that goes past the budget is reported.
class EntityMeter {
 public:
  EntityMeter(xmlDoc* doc, std::size_t budget) : doc_(doc), left_(budget) {}

  // False when the references of `node`'s subtree go past the budget (`over` is then the
  // element that holds the reference).
  bool measure(const xmlNode* node) {
    for (const xmlNode* c = node; c != nullptr; c = c->next) {
      if (c->type == XML_ENTITY_REF_NODE) {
        // The element that holds the reference (in its text or an attribute).
        const xmlNode* holder = c->parent;
        if (holder != nullptr && holder->type == XML_ATTRIBUTE_NODE) holder = holder->parent;
        const xmlEntity* entity = xmlGetDocEntity(doc_, c->name);
        if (external_ == nullptr && entity != nullptr &&
            entity->etype != XML_INTERNAL_GENERAL_ENTITY &&
            entity->etype != XML_INTERNAL_PREDEFINED_ENTITY) {
          external_ = holder;
        }
        const std::size_t size = entity_size(c->name);
        if (size > left_) {
          over_ = holder;
          return false;
        }
        left_ -= size;
        continue;
      }
      if (c->type == XML_ELEMENT_NODE) {
        for (const xmlAttr* a = c->properties; a != nullptr; a = a->next) {
          if (!measure(a->children)) return false;
        }
      }
      if (c->type != XML_ENTITY_DECL && c->type != XML_DTD_NODE && !measure(c->children)) {
        return false;
      }
    }
    return true;
  }

  const xmlNode* over() const { return over_; }
  const xmlNode* external() const { return external_; }
  std::size_t left() const { return left_; }

 private:
  // What one reference to the entity stands for: its text with the references in it
  // expanded, computed once per entity.
  std::size_t entity_size(const xmlChar* name) {
    xmlEntity* entity = xmlGetDocEntity(doc_, name);
    if (entity == nullptr) return 0;
    if (const auto known = sizes_.find(entity); known != sizes_.end()) return known->second;
    sizes_[entity] = 0;  // a loop (libxml2 refuses those) counts nothing
    std::size_t size = 0;
    if (entity->children == nullptr) {
      size = entity->length > 0 ? static_cast<std::size_t>(entity->length) : 0;
    } else {
      size = subtree_size(entity->children);
    }
    sizes_[entity] = size;
    return size;
  }

  std::size_t subtree_size(const xmlNode* node) {
    std::size_t size = 0;
    for (const xmlNode* c = node; c != nullptr; c = c->next) {
      if (c->type == XML_ENTITY_REF_NODE) {
        size = saturating_add(size, entity_size(c->name));
        continue;
      }
      if (c->content != nullptr &&
          (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)) {
        size = saturating_add(size, std::strlen(reinterpret_cast<const char*>(c->content)));
      }
      if (c->type == XML_ELEMENT_NODE) {
        for (const xmlAttr* a = c->properties; a != nullptr; a = a->next) {
          size = saturating_add(size, subtree_size(a->children));
        }
      }
      size = saturating_add(size, subtree_size(c->children));
    }
    return size;
  }

  static std::size_t saturating_add(std::size_t a, std::size_t b) {
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
  }

  xmlDoc* doc_;
  std::size_t left_;
  const xmlNode* over_ = nullptr;
  const xmlNode* external_ = nullptr;  // holds the first reference to an external entity
  std::unordered_map<const xmlEntity*, std::size_t> sizes_;
};

XmlText parse(const core::SourceText& source, std::string_view text, Errors errors,
              XmlBudget& budget) {
  XmlText out;
  out.line_shift = errors.line_shift;
  if (text.size() > static_cast<std::size_t>(INT32_MAX)) {
    out.error = xml_diagnostic(core::Severity::kError, source, 1,
                               "the file is too large for an XML parser");
    return out;
  }
  xmlSetStructuredErrorFunc(&errors, on_error);
  xmlParserCtxtPtr context = xmlNewParserCtxt();
  if (context != nullptr) {
    // No network, no DTD loading, entities kept as references (never replaced, so never
    // loaded from outside); lines past 65535 numbered as they are.
    out.doc.reset(xmlCtxtReadMemory(context, text.data(), static_cast<int>(text.size()),
                                    source.file_name().c_str(), "UTF-8",
                                    XML_PARSE_NONET | XML_PARSE_BIG_LINES));
    xmlFreeParserCtxt(context);
  }
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (errors.first) {
    out.doc.reset();
    out.error = std::move(errors.first);
    out.malformed = !errors.entities;
    return out;
  }
  if (!out.doc) {
    out.malformed = true;
    out.error =
        xml_diagnostic(core::Severity::kError, source, 1 + errors.line_shift, "malformed XML");
    return out;
  }
  EntityMeter meter(out.doc.get(), budget.entity_bytes);
  if (!meter.measure(out.doc->children)) {
    const int line = meter.over() != nullptr ? out.line_of(meter.over()) : 1 + out.line_shift;
    out.doc.reset();
    out.error = xml_diagnostic(
        core::Severity::kError, source, line,
        fmt::format("entity references here would expand past {} MiB of text (the limit on what "
                    "entities may add to an import)",
                    kMaxEntityBytes >> 20));
    budget.entity_bytes = 0;
    return out;
  }
  budget.entity_bytes = meter.left();
  if (meter.external() != nullptr) out.external_entity_line = out.line_of(meter.external());
  return out;
}

}  // namespace

int XmlText::line_of(const xmlNode* node) const {
  const long line = node != nullptr ? xmlGetLineNo(node) : -1;
  return static_cast<int>(std::clamp<long>(line, 1, INT32_MAX / 2)) + line_shift;
}

core::Diagnostic xml_diagnostic(core::Severity severity, const core::SourceText& source, int line,
                                std::string message) {
  line = std::clamp(line, 1, std::max(source.line_count(), 1));
  return core::make_diagnostic(severity, source, source.offset_of_line(line), 1,
                               std::move(message));
}

XmlText read_xml(const core::SourceText& source, std::string_view what, XmlBudget& budget) {
  if (const auto bad = core::find_invalid_utf8(source.text())) {
    XmlText out;
    out.error = core::make_diagnostic(
        core::Severity::kError, source, *bad, 1,
        fmt::format("this file is not UTF-8 text ({} files are UTF-8)", what));
    return out;
  }
  return parse(source, source.text(), Errors(source), budget);
}

XmlText read_xml_part(const core::SourceText& source, std::size_t begin, std::size_t end,
                      std::string_view wrapper, XmlBudget& budget) {
  const core::LineColumn at = source.locate(begin);
  const std::string open = fmt::format("<{}>", wrapper);
  std::string text = open;
  text.append(source.text(), begin, end - begin);
  text += fmt::format("</{}>", wrapper);
  Errors errors(source);
  errors.line_shift = at.line - 1;
  errors.first_line_columns = static_cast<int>(open.size());
  errors.first_line_column = at.column;
  return parse(source, text, std::move(errors), budget);
}

bool named(const xmlNode* node, const char* name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE &&
         xmlStrcmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

const xmlNode* child(const xmlNode* node, const char* name) {
  for (const xmlNode* c = node ? node->children : nullptr; c != nullptr; c = c->next) {
    if (named(c, name)) return c;
  }
  return nullptr;
}

std::vector<const xmlNode*> children(const xmlNode* node, const char* name) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = node ? node->children : nullptr; c != nullptr; c = c->next) {
    if (named(c, name)) out.push_back(c);
  }
  return out;
}

void find_all(const xmlNode* node, const char* name, std::vector<const xmlNode*>& out) {
  for (const xmlNode* c = node ? node->children : nullptr; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (named(c, name)) out.push_back(c);
    find_all(c, name, out);
  }
}

const xmlNode* find_first(const xmlNode* node, const char* name) {
  for (const xmlNode* c = node ? node->children : nullptr; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (named(c, name)) return c;
    if (const xmlNode* found = find_first(c, name)) return found;
  }
  return nullptr;
}

std::string content(const xmlNode* node) {
  if (node == nullptr) return "";
  xmlChar* text = xmlNodeGetContent(node);
  std::string out = text ? reinterpret_cast<const char*>(text) : "";
  xmlFree(text);
  return out;
}

std::string attribute(const xmlNode* node, const char* name) {
  if (node == nullptr) return "";
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return out;
}

bool has_attribute(const xmlNode* node, const char* name) {
  return node != nullptr && xmlHasProp(node, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

bool has_xml_noncharacter(std::string_view text) {
  return text.find("\xEF\xBF\xBE") != std::string_view::npos ||
         text.find("\xEF\xBF\xBF") != std::string_view::npos;
}

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      default:
        if (c == '\xEF' && i + 2 < text.size() && text[i + 1] == '\xBF' &&
            (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
          out += "\xEF\xBF\xBD";
          i += 2;
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace quizdeck::interchange
