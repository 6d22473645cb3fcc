// The engine the engine tests share: the source tree's templates and font manifest.
#pragma once
#include <string>

#include "vanban/engine.h"

namespace vanban::test {

inline const Engine& source_tree_engine() {
  static const Engine e([] {
    EngineOptions o;
    o.template_dirs = {std::string(VANBAN_SOURCE_DIR) + "/templates"};
    o.font_manifest = std::string(VANBAN_SOURCE_DIR) + "/fonts/fonts.xml";
    return o;
  }());
  return e;
}

}  // namespace vanban::test
