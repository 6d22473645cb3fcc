// format=svg (issue #15): the page previews the web page shows, from Engine::write_svg.
#include <charconv>

#include "core/i18n.h"
#include "serve/api_json.h"

namespace vanban::serve {

Reply Api::svg_reply(const layout::LaidOutDocument& laid_out, const RenderOptions& ro, const Request& rq,
                     const std::vector<Diagnostic>& warnings) const {
  std::vector<std::string> pages = engine_.write_svg(laid_out, ro);
  Reply r;
  if (rq.has("page")) {
    const std::string v = rq.param("page");
    size_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size() || n < 1 || n > pages.size()) {
      return error_reply(400, ErrorKind::Usage,
                         trf("page takes a page number from 1 to {0}, not \"{1}\"", pages.size(), v.substr(0, 20)),
                         "page");
    }
    r.media_type = "image/svg+xml";
    r.body = std::move(pages[n - 1]);
    return r;
  }
  r.body = dump({{"pages", pages}, {"warnings", diagnostics_json(warnings)}});
  return r;
}

}  // namespace vanban::serve
