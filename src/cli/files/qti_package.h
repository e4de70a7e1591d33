// SPDX-License-Identifier: MIT
// A QTI 2.1 content package read from disk: a directory holding imsmanifest.xml, a .zip
// of one (read with libzip), or a single assessmentItem file. Item paths from the
// manifest stay inside the package (no "..", no absolute paths); each file is size-capped.
#pragma once

#include <string>

#include "core/expected.h"
#include "interchange/bank.h"

namespace quizdeck::cli {

core::Expected<interchange::Bank> import_qti_package(const std::string& path);

}  // namespace quizdeck::cli
