// SPDX-License-Identifier: MIT
// The text of QTI's XHTML content as a card holds it (qti_import.cc reads items with it):
// blocks as lines, <br/> kept, text entries as cloze blanks, MathML once, tabs kept.
#pragma once

#include <string>

#include "interchange/xml_tree.h"

namespace quizdeck::interchange::qti_flow {

// Lines of gathered text with their white space runs folded: lines from blocks without
// text dropped, lines from <br/> kept, empty lines at either end dropped; no-break spaces
// read as spaces.
std::string tidy(const std::string& text);

// The text of XHTML flow content (an item's body, a prompt, a choice): blocks on their own
// lines, <br/> a line break, a text entry as "{{#n}}" (its place for a cloze), MathML as
// its TeX annotation or alttext, what is_hidden names left out.
class FlowText {
 public:
  void read(const xmlNode* node, std::string& out);

  std::string text(const xmlNode* node);

  int blanks = 0;
  bool flattened_math = false;  // a formula without TeX or alttext was shown as its tokens

 private:
  // A formula once: its TeX annotation, else its alttext, else its tokens.
  std::string math(const xmlNode* node);

  static void gather_tokens(const xmlNode* node, std::string& out);
};

}  // namespace quizdeck::interchange::qti_flow
