// The four Liberation Serif faces (Debian's fonts-liberation2), loaded once per test
// program, for the tests that lay out or write text without an engine.
#pragma once
#include <string>

#include "text/font.h"

namespace vanban::test {

inline const std::string kLiberation = "/usr/share/fonts/truetype/liberation2/LiberationSerif-";

inline const text::FontFamily& liberation_fonts() {
  static const auto family = text::load_family({kLiberation + "Regular.ttf", kLiberation + "Bold.ttf",
                                                kLiberation + "Italic.ttf", kLiberation + "BoldItalic.ttf"});
  return *family;
}

}  // namespace vanban::test
