// SPDX-License-Identifier: MIT
#include "interchange/protobuf.h"

namespace quizdeck::interchange {

bool ProtoReader::varint(std::uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in_.empty()) return ok_ = false;
    const auto byte = static_cast<unsigned char>(in_.front());
    in_.remove_prefix(1);
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return ok_ = false;  // more than ten bytes
}

bool ProtoReader::next(ProtoField& field) {
  if (!ok_ || in_.empty()) return false;
  std::uint64_t key = 0;
  if (!varint(key)) return false;
  field = ProtoField{};
  field.number = static_cast<std::uint32_t>(key >> 3);
  field.wire_type = static_cast<int>(key & 7);
  if (field.number == 0) return ok_ = false;
  const auto fixed = [&](std::size_t size) {
    if (in_.size() < size) return ok_ = false;
    for (std::size_t i = 0; i < size; ++i) {
      field.value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[i])) << (8 * i);
    }
    in_.remove_prefix(size);
    return true;
  };
  switch (field.wire_type) {
    case 0:
      return varint(field.value);
    case 1:
      return fixed(8);
    case 5:
      return fixed(4);
    case 2: {
      std::uint64_t length = 0;
      if (!varint(length)) return false;
      if (length > in_.size()) return ok_ = false;
      field.bytes = in_.substr(0, static_cast<std::size_t>(length));
      in_.remove_prefix(static_cast<std::size_t>(length));
      return true;
    }
    default:
      return ok_ = false;  // groups (3, 4) are not used by the messages read here
  }
}

}  // namespace quizdeck::interchange
