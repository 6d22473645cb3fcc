// `vanban serve`'s JSON API (issue #15, docs/serve.md, docs/openapi.yaml), apart from the
// HTTP library: a request is its path, query parameters and body; a reply its status,
// media type and bytes. http.cpp carries them over cpp-httplib; the tests may call
// them directly.
//   GET  /api/templates             [{"name","kind","layout"}]
//   GET  /api/templates/<name>      Engine::describe_template
//   POST /api/render?template=T&format=pdf|docx|svg[&blank=1][&page=N][&date=ISO]
//   POST /api/validate?template=T   {"ok","pages","diagnostics"}
//   POST /api/check?template=T      {"ok","diagnostics"}
//   POST /api/batch?template=T&format=pdf|docx[&name=list.xlsx][&sort=1][&group=1]
// Errors: {"error":{status, code, message, file, line, column, field, hint},
//          "diagnostics":[…]} with 400 (bad input), 404 (unknown template), 413 (body
// too large), 422 (past a limit), 503 (queue full), 504 (time), 500 (a bug).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/limits.h"
#include "serve/work_pool.h"
#include "style/profile.h"
#include "vanban/engine.h"

namespace vanban::serve {

// What the server may be asked, and what it answers past it (docs/serve.md "Limits").
struct ServeOptions {
  std::string host = "127.0.0.1";  // loopback unless told
  int port = 8080;                 // 0: a free port, printed when listening
  int threads = 0;                 // renders at once (the pool sharing the Engine); 0: the cores
  size_t queue = 64;               // renders waiting past which a request gets 503
  size_t max_body = 32u << 20;     // request body bytes (413 past it)
  size_t max_pages = 500;          // pages of one render, rows of one batch (422 past them)
  int timeout_ms = 30'000;         // time per request, the wait in the queue included (504)
  int connections = 64;            // HTTP connections served at once (others wait to be accepted)
  std::string web_dir;             // the page's files (GET /, /web/*)
  Limits limits;                   // what the data may ask (rows, texts, images…)
};

struct Request {
  std::string method, path;
  std::map<std::string, std::string> params;  // the query string
  std::string body;
  std::string content_type;
  bool has(const std::string& key) const { return params.count(key) > 0; }
  std::string param(const std::string& key) const {
    auto it = params.find(key);
    return it == params.end() ? std::string() : it->second;
  }
};

struct Reply {
  int status = 200;
  std::string media_type = "application/json";
  std::string body;
  std::string file_name;  // Content-Disposition: attachment; filename=…
};

// A JSON error reply: the first error of `all` in "error", every problem in "diagnostics".
Reply error_reply(int status, const std::vector<Diagnostic>& all);
// One problem the server itself found (an unknown parameter, a full queue…).
Reply error_reply(int status, ErrorKind kind, const std::string& message, const std::string& field = {},
                  const std::string& hint = {});
// An Error from the engine: its status by kind (and 422 for a limit), every diagnostic.
Reply error_reply(const Error& e);

class Api {
 public:
  // Lists the templates the engine finds and loads them once (a template that cannot be
  // loaded is left out and reported on stderr).
  Api(const Engine& engine, const ServeOptions& options);
  ~Api();

  // Routes /api/…; the reply to an unknown route is 404. The POST routes run on the pool
  // (503 when its queue is full, 504 past the time limit). Never throws.
  Reply handle(Request request) const;

  // The pieces, for the tests.
  Reply templates() const;
  Reply describe(const std::string& name) const;
  Reply render(const Request& request) const;
  Reply validate(const Request& request) const;
  Reply check(const Request& request) const;
  Reply batch(const Request& request) const;

  // A template a request may name, loaded once.
  struct Entry {
    TemplateInfo info;
    style::Template tpl;
  };
  // The template named `name` in a request, or null with `reply` set (400 for a name that
  // could be a path, 404 with the nearest name for one the engine does not have).
  const Entry* find(const std::string& name, Reply& reply) const;

 private:
  // The body as a document model whose attached forms are named by names the server has.
  model::Document load_request_document(const Request& rq) const;
  // The body laid out (a model, or form records; ?blank=1 an empty form), at most
  // max_pages pages (422 past them).
  layout::LaidOutDocument lay_out_request(const Entry& e, const Request& rq, std::vector<Diagnostic>* warnings) const;
  // format=svg: {"pages":[…],"warnings":[…]}, or with ?page=N that page as image/svg+xml.
  Reply svg_reply(const layout::LaidOutDocument& laid_out, const RenderOptions& ro, const Request& rq,
                  const std::vector<Diagnostic>& warnings) const;

  const Engine& engine_;
  ServeOptions options_;
  std::map<std::string, std::unique_ptr<Entry>> entries_;
  std::unique_ptr<WorkPool> pool_;  // last: its threads end (their work done) before the rest goes
};

// A name a request may give for a template: letters, digits, '-', '_' and '.' (not
// first), at most 100 bytes — never a path.
bool is_template_name(const std::string& name);

}  // namespace vanban::serve
