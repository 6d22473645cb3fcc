// The check stage's driver: every rule over the document, each finding placed in the
// source, sorted by position.
#include "check/check.h"

#include <algorithm>

#include "check/findings.h"
#include "core/i18n.h"

namespace vanban::check {

std::vector<Diagnostic> check_document(const model::Document& document, const style::Template& tpl,
                                       const Source& source) {
  using namespace detail;
  Findings found;
  const Context ctx{document, tpl};
  if (!document.template_name.empty() && !tpl.name.empty() && document.template_name != tpl.name) {
    found.warning({}, "template",
                  trf("the data names the template \"{0}\" but is checked against \"{1}\"", document.template_name,
                      tpl.name));
  }
  check_numbers(ctx, found);
  check_closing(ctx, found);
  check_capitals(ctx, found);
  check_structure(ctx, found);
  check_appendices(ctx, found);

  const Locator locator(source.text, source.name, source.limits);
  std::vector<Diagnostic> out;
  out.reserve(found.all().size());
  for (const Finding& f : found.all()) {
    Diagnostic d;
    d.severity = f.severity;
    d.kind = ErrorKind::Model;
    d.rule = f.rule;
    d.file = source.name;
    d.field = f.field;
    d.message = f.message;
    d.hint = f.hint;
    model::Location at = locator.locate(f.field, f.offset);
    d.line = at.line;
    d.column = at.column;
    out.push_back(std::move(d));
  }
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if ((a.line == 0) != (b.line == 0)) return b.line == 0;
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
  // At most Diagnostics::kDefaultLimit errors and as many warnings, the first by position;
  // past that one last item of each says how many more there are.
  Diagnostics limited;
  size_t warnings = 0, more_warnings = 0;
  for (Diagnostic& d : out) {
    if (d.severity == Severity::Error) {
      limited.add(std::move(d));
    } else if (warnings < Diagnostics::kDefaultLimit) {
      ++warnings;
      limited.add(std::move(d));
    } else {
      ++more_warnings;
    }
  }
  std::vector<Diagnostic> kept = limited.take();
  if (more_warnings > 0) {
    Diagnostic more;
    more.severity = Severity::Warning;
    more.file = source.name;
    more.message = trf("{0} more warnings not shown (at most {1} are listed)", more_warnings, Diagnostics::kDefaultLimit);
    kept.push_back(std::move(more));
  }
  return kept;
}

}  // namespace vanban::check
