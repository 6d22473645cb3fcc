// Shared by the model tests: the error loading a model gives.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "core/error.h"
#include "core/limits.h"
#include "model/reader.h"

namespace vanban::test {

// The error load_document throws for `text` (a test failure when it throws none).
inline Error model_error(const std::string& text, const std::string& name, const Limits& limits = {}) {
  try {
    model::load_document(text, name, limits);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return Error(ErrorKind::Model, "none");
}

}  // namespace vanban::test
