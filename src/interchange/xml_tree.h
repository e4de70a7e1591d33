// SPDX-License-Identifier: MIT
// XML documents read with libxml2 for the importers (Moodle XML, QTI items and manifests):
// from memory, UTF-8 only, no network, no DTD or external entity loading, and internal
// entities held to a budget on the text their references stand for; the first error
// becomes a diagnostic with its line and column, the line shown as visible text. Small
// helpers walk the tree; two more write text for an XML file.
#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/source_text.h"

namespace quizdeck::interchange {

using XmlDoc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// The text that entity references may stand for, in all the documents of one import (a
// file, or every item of a QTI package): 16 MiB. A reference that would go past it is an
// error, so a small file cannot expand to gigabytes ("billion laughs", or one long entity
// used many times).
inline constexpr std::size_t kMaxEntityBytes = 16ULL * 1024 * 1024;

struct XmlBudget {
  std::size_t entity_bytes = kMaxEntityBytes;  // what is left
};

// A document read from a source, or from a part of it wrapped in an element (one question
// of a Moodle XML file whose whole does not parse): lines of its nodes are lines of the
// source.
struct XmlText {
  XmlDoc doc{nullptr, &xmlFreeDoc};
  std::optional<core::Diagnostic> error;  // when `doc` is null: why
  bool malformed = false;        // the error is that the text is not well-formed XML (a part of
                                 // it may be); not that it is not UTF-8, nor over the budget
  int line_shift = 0;            // source line = node line + line_shift
  int external_entity_line = 0;  // the first reference to an external entity (never read)

  int line_of(const xmlNode* node) const;
};

// `what` names the format in the message for text that is not UTF-8 ("Moodle XML").
XmlText read_xml(const core::SourceText& source, std::string_view what, XmlBudget& budget);

// The bytes [begin, end) of `source` inside <`wrapper`>...</`wrapper`>: one part of a
// file, read on its own (the file's UTF-8 is checked by the caller).
XmlText read_xml_part(const core::SourceText& source, std::size_t begin, std::size_t end,
                      std::string_view wrapper, XmlBudget& budget);

// A diagnostic at a line of `source` (column 1), with the line's text made visible.
core::Diagnostic xml_diagnostic(core::Severity severity, const core::SourceText& source, int line,
                                std::string message);

bool named(const xmlNode* node, const char* name);
const xmlNode* child(const xmlNode* node, const char* name);  // the first, or nullptr
std::vector<const xmlNode*> children(const xmlNode* node, const char* name);
// Every element named `name` below `node`, in document order.
void find_all(const xmlNode* node, const char* name, std::vector<const xmlNode*>& out);
const xmlNode* find_first(const xmlNode* node, const char* name);
std::string content(const xmlNode* node);                      // "" for nullptr
std::string attribute(const xmlNode* node, const char* name);  // "" when absent
bool has_attribute(const xmlNode* node, const char* name);

// Text for an XML file: & < > " ' escaped, a carriage return as a character reference (a
// parser would read a raw one as a line feed), and U+FFFE and U+FFFF, which XML cannot
// hold, as U+FFFD. `attribute`: tab and line feed as references too (a parser reads them
// as spaces in an attribute).
std::string xml_escape(std::string_view text, bool attribute = false);
// Whether xml_escape changes more than markup: the text holds U+FFFE or U+FFFF.
bool has_xml_noncharacter(std::string_view text);

}  // namespace quizdeck::interchange
