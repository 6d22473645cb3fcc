// What the API's files share: diagnostics as JSON, and a call whose Error (or any
// exception) becomes an error reply.
#pragma once
#include <nlohmann/json.hpp>

#include <new>
#include <string>
#include <vector>

#include "serve/api.h"

namespace vanban::serve {

nlohmann::ordered_json diagnostic_json(const Diagnostic& d);
nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& all);
// JSON text; bytes of the input that are not UTF-8 are replaced, never thrown on.
std::string dump(const nlohmann::ordered_json& j);
// "document", "form" or "certificate".
const char* layout_name(const style::Template& tpl);

// A request's render options: the server's limits, ?date= (checked: 400 when impossible).
RenderOptions request_render_options(const Request& rq, const ServeOptions& options, std::vector<Diagnostic>* warnings);

// `call()`, its Error as a reply (400, 422…), memory running out as 503, anything else 500.
template <typename Call>
Reply guarded(const Call& call) {
  try {
    return call();
  } catch (const Error& e) {
    return error_reply(e);
  } catch (const std::bad_alloc&) {
    return error_reply(503, ErrorKind::Input, "out of memory: the request needs more memory than the server has");
  } catch (const std::exception& e) {
    return error_reply(500, ErrorKind::Output, std::string("internal error: ") + e.what());
  }
}

}  // namespace vanban::serve
