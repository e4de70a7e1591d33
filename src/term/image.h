// SPDX-License-Identifier: MIT
// Images in the terminal: a PNG, JPEG, GIF or BMP file (decoded with stb_image) drawn by
// chafa as the terminal can show it -- kitty's graphics protocol, sixels, or Unicode block
// symbols in colour, which every terminal shows -- told from the environment by chafa's
// terminal database.
#pragma once

#include <string>
#include <string_view>

#include "core/expected.h"

namespace quizdeck::term {

enum class ImageMode { kSymbols, kSixels, kKitty };

// How the terminal described by the environment shows pixels best.
ImageMode detect_image_mode();
std::string_view image_mode_name(ImageMode mode);

// The image at `path` as terminal output at most `columns` wide and `rows` high (aspect
// kept), ending at the start of a line. A file that is not an image this reads, over
// 32 MiB or over 8192 pixels a side is an error saying so.
core::Expected<std::string> render_image(const std::string& path, int columns, int rows,
                                         ImageMode mode);

}  // namespace quizdeck::term
