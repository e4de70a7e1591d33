// SPDX-License-Identifier: MIT
// The interactive session: the question with lettered choices and a progress line
// ("12/40  3 wrong  due 28  08:41 left"), single keys for choices, line editing for typed
// answers, ? hint, s skip, u undo, q quit, 1-4 to change the proposed rating.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <ostream>

#include "core/exit_code.h"
#include "session/session.h"

namespace quizdeck::term {

ExitCode run_terminal_session(session::Session& session, session::Mode mode,
                              const std::string& color, const std::function<std::int64_t()>& now,
                              std::ostream& out);

}  // namespace quizdeck::term
