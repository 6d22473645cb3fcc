// Internal to the check stage: what the rules find (rule ID, field path, a place inside
// the field's text) and where that is in the model's source.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/limits.h"
#include "model/document.h"
#include "model/value.h"
#include "style/profile.h"

namespace vanban::check::detail {

constexpr size_t kNoOffset = static_cast<size_t>(-1);

struct Finding {
  Severity severity = Severity::Error;
  std::string rule;     // "ND30-SO-2"
  std::string field;    // "number.number", "recipients[3]"
  size_t offset = kNoOffset;  // code points into the field's text, when the finding is inside it
  std::string message;  // translated (tr/trf)
  std::string hint;
};

class Findings {
 public:
  void error(std::string rule, std::string field, std::string message, std::string hint = {},
             size_t offset = kNoOffset) {
    add(Severity::Error, std::move(rule), std::move(field), std::move(message), std::move(hint), offset);
  }
  void warning(std::string rule, std::string field, std::string message, std::string hint = {},
               size_t offset = kNoOffset) {
    add(Severity::Warning, std::move(rule), std::move(field), std::move(message), std::move(hint), offset);
  }
  const std::vector<Finding>& all() const { return items_; }
  // Gives `hint` to the findings about `field` that have none.
  void set_hints(const std::string& field, const std::string& hint) {
    for (Finding& f : items_)
      if (f.field == field && f.hint.empty()) f.hint = hint;
  }

 private:
  void add(Severity s, std::string rule, std::string field, std::string message, std::string hint, size_t offset) {
    items_.push_back(Finding{s, std::move(rule), std::move(field), offset, std::move(message), std::move(hint)});
  }
  std::vector<Finding> items_;
};

// Field paths of the model ("body[3].content[1].text", "signature.authority[0]") -> the
// line:column of that value in the source, read again into its value tree; a code-point
// offset inside a string (or inside rich text, across its spans) refined to the character
// when the source text can be followed there (JSON escapes and XML entities decoded).
class Locator {
 public:
  Locator(std::string_view text, const std::string& name, const Limits& limits);
  Locator(const Locator&) = delete;
  Locator& operator=(const Locator&) = delete;
  model::Location locate(const std::string& path, size_t offset) const;

 private:
  std::string_view text_;
  bool xml_ = false;
  std::optional<model::Value> root_;
  std::vector<size_t> line_starts_;
  model::SourceMap map_;  // byte -> line:column in O(log lines + kBlock), whatever the length of a line

  size_t byte_offset(model::Location at) const;
  model::Location location_of(size_t byte) const;
  std::optional<model::Location> inside(const model::Value& v, const std::string& key, size_t offset) const;
};

// What every rule reads.
struct Context {
  const model::Document& doc;
  const style::Template& tpl;
};

// The rules, by part of the document (one file each).
void check_numbers(const Context& ctx, Findings& out);      // number_rules.cpp: ND30-SO-*, ND30-TYPE-2
void check_closing(const Context& ctx, Findings& out);      // closing_rules.cpp: ND30-NN-*, ND30-SIG-*
void check_capitals(const Context& ctx, Findings& out);     // capital_rules.cpp: ND30-CAP-*, ND30-QH-*, ND30-DATE-*
void check_structure(const Context& ctx, Findings& out);    // structure_rules.cpp: ND30-NUM-*, ND30-CC-1, ND30-BODY-6
void check_appendices(const Context& ctx, Findings& out);   // appendix_rules.cpp: ND30-PL-*

// Every text of the document a reader writes in sentence case, with its field path:
// body and appendix blocks (titles and texts), the preamble, Kính gửi and Nơi nhận
// lines, the subject, the issuer's name. `main_only`: not the appendices' bodies.
struct Text {
  std::string field;
  std::u32string text;
  bool heading = false;   // a block's title
};
std::vector<Text> document_texts(const model::Document& doc, bool main_only);

}  // namespace vanban::check::detail
