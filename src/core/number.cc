// SPDX-License-Identifier: MIT
#include "core/number.h"

#include <cerrno>
#include <clocale>
#include <cstdlib>
#include <string>
#include <system_error>

#if !defined(__cpp_lib_to_chars)
#include <locale.h>
#endif

namespace quizdeck::core {

#if defined(__cpp_lib_to_chars)

std::from_chars_result parse_double(const char* first, const char* last, double& value) {
  return std::from_chars(first, last, value);
}

#else

// strtod in the C locale, held to what from_chars accepts: an optional '-', then digits,
// a point, an exponent, or inf/infinity/nan (strtod would also take '+', white space and
// hex; "0x1p3" is read as the 0 before the x, as from_chars reads it).
std::from_chars_result parse_double(const char* first, const char* last, double& value) {
  const char* p = first;
  if (p != last && *p == '-') ++p;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto lower = [](char c) { return static_cast<char>(c | 0x20); };
  const bool starts_number =
      p != last && (digit(*p) || *p == '.' || lower(*p) == 'i' || lower(*p) == 'n');
  if (!starts_number) return {first, std::errc::invalid_argument};
  std::string copy(first, last);
  if (p + 1 < last && *p == '0' && lower(p[1]) == 'x')
    copy.resize(static_cast<std::size_t>(p - first) + 1);
  static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(0));
  errno = 0;
  char* end = nullptr;
  const double parsed = strtod_l(copy.c_str(), &end, c_locale);
  if (end == copy.c_str()) return {first, std::errc::invalid_argument};
  const char* stop = first + (end - copy.c_str());
  if (errno == ERANGE) return {stop, std::errc::result_out_of_range};
  value = parsed;
  return {stop, std::errc()};
}

#endif

}  // namespace quizdeck::core
