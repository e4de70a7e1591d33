// SPDX-License-Identifier: MIT
// The byte writer and reader of the deck cache's encoding (deck/deck_codec.cc): little-endian
// integers, length-prefixed texts, positions, media and diagnostics; every read checks what
// is left, and the first failure sticks.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "deck/card.h"

namespace quizdeck::deck::codec_stream {

constexpr int kMaxNoteDepth = 4;

class Writer {
 public:
  void u32(std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out_ += static_cast<char>(value >> (8 * i) & 0xff);
  }
  void i32(int value) { u32(static_cast<std::uint32_t>(value)); }
  void u64(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) out_ += static_cast<char>(value >> (8 * i) & 0xff);
  }
  void f64(double value) { u64(std::bit_cast<std::uint64_t>(value)); }
  void boolean(bool value) { out_ += value ? '\1' : '\0'; }
  void text(std::string_view value) {
    u32(static_cast<std::uint32_t>(value.size()));
    out_ += value;
  }
  void texts(const std::vector<std::string>& values) {
    u32(static_cast<std::uint32_t>(values.size()));
    for (const auto& value : values) text(value);
  }
  void pos(const SourcePos& value) {
    i32(value.line);
    i32(value.column);
  }
  void media(const Media& value) {
    text(value.path);
    pos(value.pos);
  }
  void diagnostic(const core::Diagnostic& d) {
    u32(static_cast<std::uint32_t>(d.severity));
    text(d.file);
    i32(d.line);
    i32(d.column);
    i32(d.length);
    text(d.message);
    text(d.source_line);
    u32(static_cast<std::uint32_t>(d.notes.size()));
    for (const auto& note : d.notes) diagnostic(note);
  }
  std::string take() { return std::move(out_); }
  void raw(std::string_view bytes) { out_ += bytes; }

 private:
  std::string out_;
};

// Every read checks what is left; the first failure sticks and the result is discarded.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  void fail() { ok_ = false; }
  bool at_end() const { return in_.empty(); }
  std::string_view rest() const { return in_; }
  bool raw(std::string_view expected) {
    if (!ok_ || !in_.starts_with(expected)) return ok_ = false;
    in_.remove_prefix(expected.size());
    return true;
  }
  std::uint32_t u32() {
    std::uint64_t value = 0;
    if (!take(4, value)) return 0;
    return static_cast<std::uint32_t>(value);
  }
  int i32() { return static_cast<int>(u32()); }
  std::uint64_t u64() {
    std::uint64_t value = 0;
    take(8, value);
    return value;
  }
  double f64() { return std::bit_cast<double>(u64()); }
  bool boolean() {
    if (!ok_ || in_.empty() || static_cast<unsigned char>(in_[0]) > 1) {
      ok_ = false;
      return false;
    }
    const bool value = in_[0] == 1;
    in_.remove_prefix(1);
    return value;
  }
  // A count of items that take at least `min_bytes` each: refused when more than fit.
  std::size_t count(std::size_t min_bytes) {
    const std::uint32_t n = u32();
    if (!ok_ || n > in_.size() / min_bytes) {
      ok_ = false;
      return 0;
    }
    return n;
  }
  template <typename Enum>
  Enum enumeration(Enum last) {
    const std::uint32_t value = u32();
    if (value > static_cast<std::uint32_t>(last)) ok_ = false;
    return ok_ ? static_cast<Enum>(value) : Enum{};
  }
  std::string text() {
    const std::uint32_t n = u32();
    if (!ok_ || n > in_.size()) {
      ok_ = false;
      return {};
    }
    std::string value(in_.substr(0, n));
    in_.remove_prefix(n);
    return value;
  }
  // A text in place: valid while the bytes are.
  std::string_view view() {
    const std::uint32_t n = u32();
    if (!ok_ || n > in_.size()) {
      ok_ = false;
      return {};
    }
    const std::string_view value = in_.substr(0, n);
    in_.remove_prefix(n);
    return value;
  }
  std::vector<std::string> texts() {
    std::vector<std::string> values(count(4));
    for (auto& value : values) value = text();
    return values;
  }
  SourcePos pos() {
    SourcePos value;
    value.line = i32();
    value.column = i32();
    return value;
  }
  Media media() {
    Media value;
    value.path = text();
    value.pos = pos();
    return value;
  }
  core::Diagnostic diagnostic(int depth) {
    core::Diagnostic d;
    d.severity = enumeration(core::Severity::kNote);
    d.file = text();
    d.line = i32();
    d.column = i32();
    d.length = i32();
    d.message = text();
    d.source_line = text();
    const std::size_t notes = count(32);
    if (notes > 0 && depth >= kMaxNoteDepth) ok_ = false;
    for (std::size_t i = 0; ok_ && i < notes; ++i) d.notes.push_back(diagnostic(depth + 1));
    return d;
  }

 private:
  bool take(std::size_t n, std::uint64_t& value) {
    if (!ok_ || in_.size() < n) return ok_ = false;
    for (std::size_t i = 0; i < n; ++i) {
      value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[i])) << (8 * i);
    }
    in_.remove_prefix(n);
    return true;
  }

  std::string_view in_;
  bool ok_ = true;
};

}  // namespace quizdeck::deck::codec_stream
