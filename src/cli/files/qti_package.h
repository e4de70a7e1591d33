// SPDX-License-Identifier: MIT
// A QTI 2.1 content package read from disk: a directory holding imsmanifest.xml, a .zip
// of one (read with libzip), or a single assessmentItem file. Item paths from the
// manifest stay inside the package (no "..", no absolute paths, nothing through a
// symbolic link: a package that has one is refused); each item and image is read once
// however often it is listed, each file is at most 16 MiB, the items at most 64 MiB and
// the images 256 MiB in all (over that, the package is refused). An item that is not in
// the package is left out with an error at its line of the manifest.
#pragma once

#include <string>

#include "core/expected.h"
#include "interchange/bank.h"

namespace quizdeck::cli {

core::Expected<interchange::Bank> import_qti_package(const std::string& path);

}  // namespace quizdeck::cli
