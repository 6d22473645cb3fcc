// glibc's iconv(3), an independent converter for the encoding tests (TCVN5712-1, CP1258,
// UTF-16): `in` converted from `from` to `to`, nullopt when it cannot be.
#pragma once
#include <iconv.h>

#include <optional>
#include <string>

namespace vanban::test {

inline std::optional<std::string> glibc_iconv(const std::string& in, const char* from, const char* to) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(in.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  size_t left = in.size(), room = out.size();
  char* dst = out.data();
  size_t r = iconv(cd, &src, &left, &dst, &room);
  if (r != static_cast<size_t>(-1)) r = iconv(cd, nullptr, nullptr, &dst, &room);  // flush a pending base letter
  iconv_close(cd);
  if (r == static_cast<size_t>(-1)) return std::nullopt;
  out.resize(out.size() - room);
  return out;
}

}  // namespace vanban::test
