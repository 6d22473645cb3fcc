// The content rules of Decree 30 that layout cannot see (`vanban check`, Engine::check):
// the symbol and its abbreviations (ND30-SO-*, ND30-TYPE-2), leading zeros (ND30-SO-2,
// ND30-DATE-2), Nơi nhận and its "Lưu:" line (ND30-NN-*), authority prefixes and the
// signer's name (ND30-SIG-*), capitals (Phụ lục II, ND30-CAP-*), numbering gaps and
// duplicates (ND30-NUM-*), appendices announced and present (ND30-PL-*). Each finding
// carries its rule ID of ../shared/spec/nd30.md; docs/check.md lists them all.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/limits.h"
#include "model/document.h"
#include "style/profile.h"

namespace vanban::check {

// The model data the document was read from, so that each finding names its line:column:
// the value tree is read again (model::read_json / read_xml) and each finding's field
// path ("recipients[2]", "body[4].label") looked up in it; a finding inside a text points
// at the character. An empty text gives findings without positions.
struct Source {
  std::string_view text;
  std::string name;
  Limits limits;
};

// Every finding of `document` against the rules, errors and warnings, sorted by position
// (line, column; findings without one last, in the order the rules found them): at most
// Diagnostics::kDefaultLimit errors and as many warnings, then one item saying how many more.
std::vector<Diagnostic> check_document(const model::Document& document, const style::Template& tpl,
                                       const Source& source = {});

}  // namespace vanban::check
