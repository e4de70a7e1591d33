// SPDX-License-Identifier: MIT
#include "term/image.h"

#include <chafa.h>
#include <stb_image.h>
#include <sys/stat.h>

#include <memory>

#include <fmt/format.h>

extern char** environ;

namespace quizdeck::term {
namespace {

constexpr off_t kMaxImageBytes = 32 * 1024 * 1024;
constexpr int kMaxSide = 8192;

core::Failure bad_image(const std::string& path, std::string why) {
  return core::fail(ExitCode::kInvalidInput, fmt::format("image '{}': {}", path, why));
}

template <typename T, void (*Free)(T*)>
struct Unref {
  void operator()(T* p) const {
    if (p != nullptr) Free(p);
  }
};

}  // namespace

ImageMode detect_image_mode() {
  ChafaTermInfo* info = chafa_term_db_detect(chafa_term_db_get_default(), environ);
  std::unique_ptr<ChafaTermInfo, Unref<ChafaTermInfo, chafa_term_info_unref>> owned(info);
  if (info == nullptr) return ImageMode::kSymbols;
  if (chafa_term_info_have_seq(info, CHAFA_TERM_SEQ_BEGIN_KITTY_IMMEDIATE_IMAGE_V1)) {
    return ImageMode::kKitty;
  }
  if (chafa_term_info_have_seq(info, CHAFA_TERM_SEQ_BEGIN_SIXELS)) return ImageMode::kSixels;
  return ImageMode::kSymbols;
}

std::string_view image_mode_name(ImageMode mode) {
  switch (mode) {
    case ImageMode::kKitty:
      return "kitty";
    case ImageMode::kSixels:
      return "sixels";
    case ImageMode::kSymbols:
      break;
  }
  return "symbols";
}

core::Expected<std::string> render_image(const std::string& path, int columns, int rows,
                                         ImageMode mode) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return bad_image(path, "not a readable file");
  }
  if (info.st_size > kMaxImageBytes) return bad_image(path, "over 32 MiB");
  int width = 0;
  int height = 0;
  int channels = 0;
  if (stbi_info(path.c_str(), &width, &height, &channels) == 0) {
    return bad_image(path, "not a PNG, JPEG, GIF or BMP image");
  }
  if (width <= 0 || height <= 0 || width > kMaxSide || height > kMaxSide) {
    return bad_image(path, fmt::format("{}x{} pixels is over {} a side", width, height, kMaxSide));
  }
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load(path.c_str(), &width, &height, &channels, 4), stbi_image_free);
  if (!pixels) return bad_image(path, stbi_failure_reason());

  int out_width = std::max(1, columns);
  int out_height = std::max(1, rows);
  // Terminal cells are about twice as high as wide.
  chafa_calc_canvas_geometry(width, height, &out_width, &out_height, 0.5f, FALSE, FALSE);
  std::unique_ptr<ChafaSymbolMap, Unref<ChafaSymbolMap, chafa_symbol_map_unref>> symbols(
      chafa_symbol_map_new());
  chafa_symbol_map_add_by_tags(symbols.get(), CHAFA_SYMBOL_TAG_BLOCK);
  ChafaTermInfo* term = chafa_term_db_detect(chafa_term_db_get_default(), environ);
  std::unique_ptr<ChafaTermInfo, Unref<ChafaTermInfo, chafa_term_info_unref>> owned(term);
  // As many colours as the terminal's sequences can say.
  const auto can = [&](ChafaTermSeq seq) { return term && chafa_term_info_have_seq(term, seq); };
  const ChafaCanvasMode colours =
      can(CHAFA_TERM_SEQ_SET_COLOR_FGBG_DIRECT) ? CHAFA_CANVAS_MODE_TRUECOLOR
      : can(CHAFA_TERM_SEQ_SET_COLOR_FGBG_256)  ? CHAFA_CANVAS_MODE_INDEXED_240
      : can(CHAFA_TERM_SEQ_SET_COLOR_FGBG_16)   ? CHAFA_CANVAS_MODE_INDEXED_16
                                                : CHAFA_CANVAS_MODE_FGBG;
  std::unique_ptr<ChafaCanvasConfig, Unref<ChafaCanvasConfig, chafa_canvas_config_unref>> config(
      chafa_canvas_config_new());
  chafa_canvas_config_set_geometry(config.get(), out_width, out_height);
  chafa_canvas_config_set_canvas_mode(config.get(), colours);
  chafa_canvas_config_set_symbol_map(config.get(), symbols.get());
  chafa_canvas_config_set_pixel_mode(config.get(),
                                     mode == ImageMode::kKitty    ? CHAFA_PIXEL_MODE_KITTY
                                     : mode == ImageMode::kSixels ? CHAFA_PIXEL_MODE_SIXELS
                                                                  : CHAFA_PIXEL_MODE_SYMBOLS);
  std::unique_ptr<ChafaCanvas, Unref<ChafaCanvas, chafa_canvas_unref>> canvas(
      chafa_canvas_new(config.get()));
  chafa_canvas_draw_all_pixels(canvas.get(), CHAFA_PIXEL_RGBA8_UNASSOCIATED, pixels.get(), width,
                               height, width * 4);
  GString* printed = chafa_canvas_print(canvas.get(), term);
  std::string out(printed->str, printed->len);
  g_string_free(printed, TRUE);
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

}  // namespace quizdeck::term
