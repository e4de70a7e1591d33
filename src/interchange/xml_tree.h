// SPDX-License-Identifier: MIT
// XML documents read with libxml2 for the importers (Moodle XML, QTI items and manifests):
// from memory, no network, no entity expansion, no DTD loading; the first error becomes a
// diagnostic with its line and column. Small helpers walk the tree.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/source_text.h"

namespace quizdeck::interchange {

using XmlDoc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// The document, or nothing with an error in `errors` ("malformed XML: ...").
XmlDoc read_xml(const core::SourceText& source, std::vector<core::Diagnostic>& errors);

// An error at a line of `source` (column 1), with the line's text.
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

}  // namespace quizdeck::interchange
