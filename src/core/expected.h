// SPDX-License-Identifier: MIT
// The one way a failure comes back: Expected<T> holds a value or a Failure, which is a
// Diagnostic (what went wrong, and where, in compiler style) and the process exit code it
// leads to. Failures are rendered in one place (core::render_text via the command runner),
// never printed where they happen.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "core/diagnostic.h"
#include "core/exit_code.h"

namespace quizdeck::core {

struct Failure {
  ExitCode code = ExitCode::kInvalidInput;
  Diagnostic diagnostic;
  std::string hint;  // a plain line printed after the diagnostic ("Run 'quizdeck --help' ...")

  // Adds "quizdeck: note: ..." (or "FILE: note: ..." for a diagnostic about a file).
  Failure& note(std::string message);
  Failure& with_code(ExitCode new_code) {
    code = new_code;
    return *this;
  }
  const std::string& message() const { return diagnostic.message; }
};

// "quizdeck: error: <message>", exiting with `code`.
Failure fail(ExitCode code, std::string message);
// An error about a file without a position: "<file>: error: <message>".
Failure fail_in_file(ExitCode code, std::string file, std::string message);
// An error found at a place in a text, as the checker reports them.
Failure fail_at(ExitCode code, Diagnostic diagnostic);
// A failure whose diagnostics were printed already (a deck's, as they were found): only
// its exit code is left to give.
Failure reported(ExitCode code);

template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  Expected(Failure failure) : state_(std::in_place_index<1>, std::move(failure)) {}  // NOLINT

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& operator*() { return std::get<0>(state_); }
  const T& operator*() const { return std::get<0>(state_); }
  T* operator->() { return &std::get<0>(state_); }
  const T* operator->() const { return &std::get<0>(state_); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  const Failure& error() const { return std::get<1>(state_); }
  Failure& error() { return std::get<1>(state_); }

 private:
  std::variant<T, Failure> state_;
};

template <>
class [[nodiscard]] Expected<void> {
 public:
  Expected() = default;
  Expected(Failure failure) : failure_(std::move(failure)), failed_(true) {}  // NOLINT

  bool has_value() const { return !failed_; }
  explicit operator bool() const { return has_value(); }
  const Failure& error() const { return failure_; }
  Failure& error() { return failure_; }

 private:
  Failure failure_;
  bool failed_ = false;
};

}  // namespace quizdeck::core
