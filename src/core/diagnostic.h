// SPDX-License-Identifier: MIT
// Errors as values with a source position, rendered late in compiler style:
//   decks/crss.yaml:12:13: error: answer 'Reputaton' is not one of the choices
//       answer: Reputaton
//               ^~~~~~~~~
//   decks/crss.yaml:12:13: note: did you mean 'Reputation'?
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/source_text.h"

namespace quizdeck::core {

enum class Severity { kError, kWarning, kNote };

std::string_view severity_name(Severity severity);

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;  // empty: not about a file ("quizdeck: error: ...")
  int line = 0;      // 1-based; 0 when there is no position
  int column = 0;    // 1-based, in code points
  int length = 0;    // code points underlined, at least one caret when positioned
  std::string message;
  std::string source_line;  // the line's text, captured when the diagnostic is made
  std::vector<Diagnostic> notes;
  std::string rule = {};  // a stable rule id ("QD012"), when the checker names one
};

// A diagnostic at `offset` of `source`, underlining `length` code points.
Diagnostic make_diagnostic(Severity severity, const SourceText& source, std::size_t offset,
                           int length, std::string message);
// A diagnostic about a whole file, without a position.
Diagnostic make_file_diagnostic(Severity severity, std::string file, std::string message);

// Sorts by file, line, column (stable: equal positions keep the order they were found in).
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

// Compiler-style text, each line ending in '\n'.
std::string render_text(const Diagnostic& diagnostic);

// JSON object for one diagnostic (notes nested as "notes").
std::string render_json(const Diagnostic& diagnostic);

}  // namespace quizdeck::core
