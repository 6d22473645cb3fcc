// The API's routes, its templates (loaded once at start) and the pool it renders on.
#include "serve/api.h"

#include <algorithm>
#include <iostream>
#include <thread>

#include "core/i18n.h"
#include "core/suggest.h"
#include "serve/api_json.h"

namespace vanban::serve {

bool is_template_name(const std::string& name) {
  if (name.empty() || name.size() > 100 || name[0] == '.' || name[0] == '-') return false;
  for (unsigned char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) return false;
  }
  // "x.xml" is a path to Engine::load_template, and ".." anywhere is never a name.
  return name.find("..") == std::string::npos && !(name.size() > 4 && name.ends_with(".xml"));
}

const char* layout_name(const style::Template& tpl) {
  if (tpl.layout == "form") return "form";
  if (tpl.layout == "certificate") return "certificate";
  return "document";
}

Api::Api(const Engine& engine, const ServeOptions& options) : engine_(engine), options_(options) {
  for (const auto& info : engine_.templates()) {
    if (!is_template_name(info.name)) continue;  // a file no request could name
    try {
      auto entry = std::make_unique<Entry>();
      entry->info = info;
      entry->tpl = engine_.load_template(info.path);
      entries_.emplace(info.name, std::move(entry));
    } catch (const Error& e) {
      std::cerr << "vanban serve: " << trf("template {0} left out: {1}", info.name, Diagnostic::from(e).format())
                << "\n";
    }
  }
  if (options_.threads <= 0) options_.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  pool_ = std::make_unique<WorkPool>(options_.threads, options_.queue);
}

Api::~Api() = default;

const Api::Entry* Api::find(const std::string& name, Reply& reply) const {
  if (name.empty()) {
    reply = error_reply(400, ErrorKind::Usage, tr("the request names no template (?template=…)"), "template");
    return nullptr;
  }
  if (!is_template_name(name)) {
    reply = error_reply(400, ErrorKind::Usage,
                        tr("a template is named by letters, digits, '-', '_' and '.', never by a path"), "template");
    return nullptr;
  }
  auto it = entries_.find(name);
  if (it != entries_.end()) return it->second.get();
  std::vector<std::string> names;
  for (const auto& [n, e] : entries_) names.push_back(n);
  reply = error_reply(404, ErrorKind::Template, trf("unknown template \"{0}\"", name), "template",
                      did_you_mean(name, names));
  return nullptr;
}

Reply Api::templates() const {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& [name, e] : entries_) {
    list.push_back({{"name", name}, {"kind", e->info.kind}, {"layout", layout_name(e->tpl)}});
  }
  Reply r;
  r.body = dump(list);
  return r;
}

Reply Api::describe(const std::string& name) const {
  Reply r;
  const Entry* e = find(name, r);
  if (!e) return r;
  return guarded([&] {
    Reply ok;
    ok.body = engine_.describe_template(e->tpl);
    return ok;
  });
}

Reply Api::handle(Request request) const {
  const std::string& path = request.path;
  if (request.method == "GET") {
    if (path == "/api/templates") return templates();
    if (path.rfind("/api/templates/", 0) == 0) return describe(path.substr(15));
  }
  using Handler = Reply (Api::*)(const Request&) const;
  Handler handler = nullptr;
  if (path == "/api/render") handler = &Api::render;
  else if (path == "/api/validate") handler = &Api::validate;
  else if (path == "/api/check") handler = &Api::check;
  else if (path == "/api/batch") handler = &Api::batch;
  if (!handler || (request.method != "POST" && request.method != "GET")) {
    return error_reply(404, ErrorKind::Usage, trf("no such API: {0} {1}", request.method, path));
  }
  if (request.method != "POST") {
    return error_reply(405, ErrorKind::Usage, trf("{0} takes POST", path));
  }
  // The request and its reply are shared with the pool's thread: a request past its time
  // is answered here while a render already started finishes there.
  auto shared = std::make_shared<const Request>(std::move(request));
  auto reply = std::make_shared<Reply>();
  const WorkPool::Outcome outcome = pool_->run(
      [this, shared, reply, handler] { *reply = guarded([&] { return (this->*handler)(*shared); }); },
      std::chrono::milliseconds(options_.timeout_ms));
  switch (outcome) {
    case WorkPool::Outcome::Done: return std::move(*reply);
    case WorkPool::Outcome::Full:
      return error_reply(503, ErrorKind::Output,
                         trf("the server is busy ({0} requests waiting); try again in a moment", options_.queue));
    case WorkPool::Outcome::TimedOut: break;
  }
  return error_reply(504, ErrorKind::Output,
                     trf("the request took more than {0} ms (the server's limit)", options_.timeout_ms));
}

}  // namespace vanban::serve
