// SPDX-License-Identifier: MIT
#include "cli/pages/card_image.h"

#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "cli/files/media_file.h"
#include "core/base64.h"
#include "core/markup.h"
#include "core/normalize.h"

namespace quizdeck::cli {

std::string embedded_image_html(const deck::Deck& deck, const deck::Media& image) {
  if (image.path.empty()) return "";
  const auto file = media_file(deck.path, image.path);
  std::string bytes;
  if (file) {
    std::ifstream in(*file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (!file || bytes.empty() || bytes.size() > kMaxEmbeddedImageBytes) {
    return fmt::format("<div class=\"muted\">[image: {}]</div>", core::escape_markup(image.path));
  }
  std::string type = "png";
  const std::string lower = core::ascii_lower(image.path);
  if (lower.ends_with(".jpg") || lower.ends_with(".jpeg")) type = "jpeg";
  if (lower.ends_with(".gif")) type = "gif";
  if (lower.ends_with(".bmp")) type = "bmp";
  return fmt::format("<img class=\"card-image\" alt=\"{}\" src=\"data:image/{};base64,{}\">",
                     core::escape_markup(image.path), type, core::base64_encode(bytes));
}

}  // namespace quizdeck::cli
