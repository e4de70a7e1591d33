// SPDX-License-Identifier: MIT
#include "core/expected.h"

namespace quizdeck::core {

Failure& Failure::note(std::string message) {
  // At the same place as the diagnostic, without a second excerpt of the line.
  Diagnostic at = make_file_diagnostic(Severity::kNote, diagnostic.file, std::move(message));
  at.line = diagnostic.line;
  at.column = diagnostic.column;
  at.length = diagnostic.length;
  diagnostic.notes.push_back(std::move(at));
  return *this;
}

Failure fail(ExitCode code, std::string message) {
  Failure failure;
  failure.code = code;
  failure.diagnostic = make_file_diagnostic(Severity::kError, "", std::move(message));
  return failure;
}

Failure fail_in_file(ExitCode code, std::string file, std::string message) {
  Failure failure;
  failure.code = code;
  failure.diagnostic = make_file_diagnostic(Severity::kError, std::move(file), std::move(message));
  return failure;
}

Failure fail_at(ExitCode code, Diagnostic diagnostic) {
  Failure failure;
  failure.code = code;
  failure.diagnostic = std::move(diagnostic);
  return failure;
}

Failure reported(ExitCode code) {
  Failure failure;
  failure.code = code;
  return failure;
}

}  // namespace quizdeck::core
