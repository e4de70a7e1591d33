// SPDX-License-Identifier: MIT
// A zip archive of files made in memory (a QTI content package), written with libzip: to a
// temporary file beside the target and renamed over it, so a reader never sees half an
// archive and a failure leaves the old file as it was.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/expected.h"

namespace quizdeck::cli {

core::Expected<void> write_zip(const std::string& path,
                               const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace quizdeck::cli
