// The HTTP side of `vanban serve`: cpp-httplib's server, its connections on a bounded set
// of threads, the API (api.cpp) and the page's static files.
#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "core/file_io.h"
#include "core/i18n.h"
#include "serve/api_json.h"
#include "serve/server.h"

namespace vanban::serve {
namespace {

namespace fs = std::filesystem;

// httplib's connections: `threads` serving them, at most `threads` more waiting. When
// both are taken, enqueue() waits: the accepting loop stops and new connections wait in
// the kernel's backlog instead of growing a queue without bound.
class ConnectionQueue : public httplib::TaskQueue {
 public:
  explicit ConnectionQueue(int threads) : max_waiting_(static_cast<size_t>(threads)) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
  }
  void enqueue(std::function<void()> fn) override {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [&] { return jobs_.size() < max_waiting_ || stopping_; });
    jobs_.push_back(std::move(fn));
    lock.unlock();
    ready_.notify_one();
  }
  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    room_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        fn = std::move(jobs_.front());
        jobs_.pop_front();
      }
      room_.notify_one();
      fn();
    }
  }
  size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

const char* media_type_of(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

void send(const Reply& reply, httplib::Response& res) {
  res.status = reply.status;
  if (!reply.file_name.empty()) {
    res.set_header("Content-Disposition", "attachment; filename=\"" + reply.file_name + "\"");
  }
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(reply.body, reply.media_type.c_str());
}

Request request_of(const httplib::Request& req) {
  Request rq;
  rq.method = req.method;
  rq.path = req.path;
  for (const auto& [k, v] : req.params) rq.params.emplace(k, v);  // the first of a repeated key
  rq.body = req.body;
  rq.content_type = req.get_header_value("Content-Type");
  return rq;
}

}  // namespace

Reply static_file(const std::string& web_dir, const std::string& relative) {
  auto not_found = [&] {
    return error_reply(404, ErrorKind::Input, trf("no such file of the page: {0}", relative.substr(0, 100)));
  };
  if (web_dir.empty() || relative.empty() || relative.size() > 200) return not_found();
  size_t from = 0;
  while (from <= relative.size()) {
    size_t slash = relative.find('/', from);
    const std::string part = relative.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
    if (part.empty() || part[0] == '.' || part.find_first_of(std::string("\\\0:", 3)) != std::string::npos) {
      return not_found();
    }
    if (slash == std::string::npos) break;
    from = slash + 1;
  }
  std::error_code ec;
  const fs::path root = fs::canonical(web_dir, ec);
  if (ec) return not_found();
  const fs::path file = fs::canonical(root / relative, ec);
  const std::string prefix = root.string() + "/";
  if (ec || file.string().rfind(prefix, 0) != 0 || !fs::is_regular_file(file, ec)) return not_found();
  Reply r;
  try {
    r.body = file_io::read_file(file.string(), 16u << 20);
  } catch (const Error&) {
    return not_found();
  }
  r.media_type = media_type_of(file);
  return r;
}

struct Server::Impl {
  ServeOptions options;
  Api api;
  httplib::Server http;
  Impl(const Engine& engine, const ServeOptions& o) : options(o), api(engine, o) {}
};

Server::Server(const Engine& engine, const ServeOptions& options) : impl_(std::make_unique<Impl>(engine, options)) {
  Impl& s = *impl_;
  const int connections = std::max(4, options.connections);
  s.http.new_task_queue = [connections] { return new ConnectionQueue(connections); };
  s.http.set_payload_max_length(options.max_body);
  s.http.set_read_timeout(10, 0);   // a client that stops sending mid-request lets its thread go
  s.http.set_write_timeout(30, 0);
  s.http.set_keep_alive_max_count(1000);
  // Headers and body go out in separate writes: with Nagle's algorithm the body waited for
  // the client's delayed ACK, 40 ms a request (GET /api/templates: 44 ms p50 before, docs/performance.md).
  s.http.set_tcp_nodelay(true);
  s.http.set_keep_alive_timeout(5);
  // `curl --data-binary @plan.json` and HTML forms label a body
  // application/x-www-form-urlencoded; httplib would parse such a body as form fields and
  // answer 413 past 8 KB. Every body here is a model or a list taken as it is, so that label
  // is dropped before the body is read (pre-routing runs first; the request is httplib's own
  // non-const object, handed on as const).
  s.http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
    auto& headers = const_cast<httplib::Request&>(req).headers;
    for (auto [it, end] = headers.equal_range("Content-Type"); it != end; ++it) {
      if (it->second.rfind("application/x-www-form-urlencoded", 0) == 0) it->second = "application/octet-stream";
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const std::string web = options.web_dir;
  s.http.Get("/", [web](const httplib::Request&, httplib::Response& res) { send(static_file(web, "index.html"), res); });
  s.http.Get(R"(/web/(.+))", [web](const httplib::Request& req, httplib::Response& res) {
    send(static_file(web, req.matches[1].str()), res);
  });
  auto api = [&s](const httplib::Request& req, httplib::Response& res) { send(s.api.handle(request_of(req)), res); };
  s.http.Get(R"(/api/.*)", api);
  s.http.Post(R"(/api/.*)", api);
  // What httplib answers itself (413 past max_body, 404 of an unknown path, 400 for a
  // request it cannot read) gets the API's error body.
  const size_t max_body = options.max_body;
  s.http.set_error_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    Reply r = res.status == 413
                  ? error_reply(413, ErrorKind::Input,
                                trf("the request's body is larger than this server takes ({0} bytes)", max_body))
              : res.status == 404 ? error_reply(404, ErrorKind::Usage, trf("no such page: {0}", req.path.substr(0, 100)))
                                  : error_reply(res.status, ErrorKind::Usage, tr("the request cannot be read"));
    send(r, res);
  });
  s.http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send(error_reply(500, ErrorKind::Output, tr("internal error")), res);
  });
}

Server::~Server() = default;

void Server::run(const std::function<void(const std::string&, int)>& listening) {
  Impl& s = *impl_;
  int port = s.options.port;
  if (port == 0) {
    port = s.http.bind_to_any_port(s.options.host);
    if (port < 0) port = 0;
  } else if (!s.http.bind_to_port(s.options.host, port)) {
    port = 0;
  }
  if (port == 0) {
    throw Error(ErrorKind::Usage,
                trf("cannot listen on {0}:{1} (in use, or not an address of this machine)", s.options.host,
                    s.options.port));
  }
  if (listening) listening(s.options.host, port);
  s.http.listen_after_bind();
}

void Server::stop() { impl_->http.stop(); }

}  // namespace vanban::serve
