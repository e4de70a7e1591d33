// SPDX-License-Identifier: MIT
// Reading Protocol Buffers messages field by field, without their .proto: enough for the
// few fields quizdeck reads from Anki's newer packages (a note type's kind, the media
// list). Pure; a truncated or malformed message ends the walk (ok() is then false).
#pragma once

#include <cstdint>
#include <string_view>

namespace quizdeck::interchange {

struct ProtoField {
  std::uint32_t number = 0;
  int wire_type = 0;        // 0 varint, 1 64-bit, 2 length-delimited, 5 32-bit
  std::uint64_t value = 0;  // varint, 64-bit and 32-bit fields
  std::string_view bytes;   // length-delimited fields: strings, bytes, sub-messages
};

class ProtoReader {
 public:
  explicit ProtoReader(std::string_view message) : in_(message) {}
  // The next field into `field`; false at the end of the message or when it is malformed.
  bool next(ProtoField& field);
  bool ok() const { return ok_; }

 private:
  bool varint(std::uint64_t& value);
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace quizdeck::interchange
