// SPDX-License-Identifier: MIT
// A QTI 2.1 content package read from disk: a directory holding imsmanifest.xml, a .zip
// of one (read with libzip), or a single assessmentItem file. Item paths from the
// manifest stay inside the package (no "..", no absolute paths, nothing through a
// symbolic link: a package that has one is refused); each item and image is read once
// however often it is listed, each file is at most 16 MiB, the items at most 64 MiB and
// the images 256 MiB in all (over that, the package is refused). An item that is not in
// the package is left out with an error at its line of the manifest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/expected.h"
#include "interchange/bank.h"

namespace quizdeck::cli {

inline constexpr std::uintmax_t kMaxQtiFileBytes = 16ULL * 1024 * 1024;     // one item or image
inline constexpr std::uintmax_t kMaxQtiItemsBytes = 64ULL * 1024 * 1024;    // all items
inline constexpr std::uintmax_t kMaxQtiImagesBytes = 256ULL * 1024 * 1024;  // all images
inline constexpr std::size_t kMaxQtiItems = 100000;

core::Expected<interchange::Bank> import_qti_package(const std::string& path);

// Why a package of `files` (names in it and contents, as export_qti makes them: the
// manifest, items/..., media/...) would be refused by import_qti_package (over one of the
// limits above), or nothing: export refuses what its own import cannot read back.
std::optional<std::string> qti_package_over_limits(
    const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace quizdeck::cli
