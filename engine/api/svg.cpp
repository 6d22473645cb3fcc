// Engine::write_svg: the pages as SVG previews (engine/svg, issue #15).
#include "core/i18n.h"
#include "svg/svg_writer.h"
#include "vanban/engine.h"

namespace vanban {

std::vector<std::string> Engine::write_svg(const layout::LaidOutDocument& laid_out, const RenderOptions& options) const {
  // A preview has no signature to carry: asking for one is a mistake, not something to drop.
  if (!options.signatures.empty()) throw Error(ErrorKind::Usage, tr("only a PDF can be signed (the output is SVG)"));
  if (options.pdfa) throw Error(ErrorKind::Usage, tr("PDF/A is for a PDF (the output is SVG)"));
  return svg::write_svg(laid_out.pages, laid_out.graphics);
}

}  // namespace vanban
