// Engine::check: the model read as for a render (its errors thrown, all of them), then the
// content rules of Decree 30 (engine/check) with each finding placed in the data.
#include "check/check.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/reader.h"
#include "vanban/engine.h"

namespace vanban {

std::vector<Diagnostic> Engine::check(const style::Template& tpl, std::string_view data, const std::string& source_name,
                                      const Limits& limits) const {
  if (tpl.layout != "administrative-document") {
    throw Error(ErrorKind::Template,
                trf("the template \"{0}\" lays out {1}: check reads administrative documents (Decree 30, Phụ lục III)",
                    tpl.name, tpl.layout == "form" ? tr("forms") : tpl.layout == "certificate" ? tr("certificates") : tpl.layout),
                tpl.source_path);
  }
  const model::Document document = model::load_document(data, source_name, limits);
  return check::check_document(document, tpl, check::Source{data, source_name, limits});
}

}  // namespace vanban
