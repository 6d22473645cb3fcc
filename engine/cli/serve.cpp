// `vanban serve`: the web page and the HTTP API (engine/serve, docs/serve.md).
#include <iostream>

#include "cli/cli.h"
#include "cli/report.h"
#include "core/i18n.h"
#include "serve/server.h"

namespace vanban::cli {

int serve(const Engine& engine, const Args& args, Report& report) {
  serve::ServeOptions options = args.serve;
  options.limits = args.limits;
  // A body is an input file: what the server takes is the lower of the two limits.
  options.limits.max_input_bytes = std::min<uint64_t>(options.limits.max_input_bytes, options.max_body);
  if (options.web_dir.empty()) options.web_dir = default_data_dirs().web;
  const std::string& h = options.host;
  const bool loopback = h == "localhost" || h == "::1" || h.rfind("127.", 0) == 0;
  serve::Server server(engine, options);
  server.run([&](const std::string& host, int port) {
    const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    report.say(trf("vanban serve: listening on http://{0}:{1}/ (web page from {2})", shown, port, options.web_dir), true);
    if (!loopback) {
      report.say(tr("vanban serve: warning: not on loopback — anyone who can reach this address may use the server"));
    }
    std::cout.flush();
  });
  return kDone;
}

}  // namespace vanban::cli
