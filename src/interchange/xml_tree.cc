// SPDX-License-Identifier: MIT
#include "interchange/xml_tree.h"

#include <libxml/parser.h>

#include <algorithm>
#include <cstdint>

namespace quizdeck::interchange {
namespace {

struct Errors {
  const core::SourceText* source;
  std::vector<core::Diagnostic>* out;
  bool seen = false;
};

void on_error(void* data, xmlErrorPtr error) {
  auto& errors = *static_cast<Errors*>(data);
  if (error == nullptr || error->level < XML_ERR_ERROR || errors.seen) return;
  errors.seen = true;
  std::string message = error->message ? error->message : "unreadable";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  core::Diagnostic d = xml_diagnostic(core::Severity::kError, *errors.source,
                                      std::max(error->line, 1), "malformed XML: " + message);
  d.column = std::max(error->int2, 1);
  errors.out->push_back(std::move(d));
}

}  // namespace

core::Diagnostic xml_diagnostic(core::Severity severity, const core::SourceText& source, int line,
                                std::string message) {
  core::Diagnostic d;
  d.severity = severity;
  d.file = source.file_name();
  d.line = line;
  d.column = 1;
  d.message = std::move(message);
  d.source_line = std::string(source.line_text(line));
  return d;
}

XmlDoc read_xml(const core::SourceText& source, std::vector<core::Diagnostic>& errors) {
  const std::string& text = source.text();
  if (text.size() > static_cast<std::size_t>(INT32_MAX)) {
    errors.push_back(xml_diagnostic(core::Severity::kError, source, 1,
                                    "the file is too large for an XML parser"));
    return XmlDoc(nullptr, &xmlFreeDoc);
  }
  Errors seen{&source, &errors};
  xmlSetStructuredErrorFunc(&seen, on_error);
  xmlParserCtxtPtr context = xmlNewParserCtxt();
  XmlDoc doc(context == nullptr
                 ? nullptr
                 : xmlCtxtReadMemory(context, text.data(), static_cast<int>(text.size()),
                                     source.file_name().c_str(), "UTF-8", XML_PARSE_NONET),
             &xmlFreeDoc);
  if (context != nullptr) xmlFreeParserCtxt(context);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (seen.seen) doc.reset();
  if (!doc && !seen.seen) {
    errors.push_back(xml_diagnostic(core::Severity::kError, source, 1, "malformed XML"));
  }
  return doc;
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
    if (named(c, name)) out.push_back(c);
    find_all(c, name, out);
  }
}

const xmlNode* find_first(const xmlNode* node, const char* name) {
  std::vector<const xmlNode*> all;
  find_all(node, name, all);
  return all.empty() ? nullptr : all.front();
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

}  // namespace quizdeck::interchange
