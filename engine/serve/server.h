// `vanban serve` (issue #15, docs/serve.md): the web page and the JSON API over HTTP, one
// Engine shared by a bounded pool. The HTTP side is cpp-httplib (Debian's libcpp-httplib);
// this object library is linked into the `vanban` program only, never into libvanban.
#pragma once
#include <functional>
#include <string>

#include "serve/api.h"

namespace vanban::serve {

// Serves until stop() is called from another thread (or a signal ends the process).
// `listening` is called once the socket is bound, with the address and the port (the one
// chosen when options.port is 0). Throws Error(Usage) when it cannot listen there.
class Server {
 public:
  Server(const Engine& engine, const ServeOptions& options);
  ~Server();
  void run(const std::function<void(const std::string& host, int port)>& listening);
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A static file of the page: `relative` ("app.js", "img/logo.png") inside `web_dir`, never
// outside it (no "..", no hidden files, no link leading out), at most 16 MiB; 404 else.
Reply static_file(const std::string& web_dir, const std::string& relative);

}  // namespace vanban::serve
