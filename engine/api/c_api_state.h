// Internal to the C API (c_api.cpp, c_api_errors.cpp): what an engine handle holds, and
// each thread's record of its last call on it (the last error, every diagnostic).
#pragma once
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.h"
#include "vanban/engine.h"
#include "vanban/vanban.h"

struct vanban_error_record {
  vanban_status status = VANBAN_OK;
  std::string message, file, field;
  int line = 0, column = 0;
  // Every problem of the thread's last call (reset when a call starts: it never grows
  // past one call's), and their C views, made when first asked for.
  std::vector<vanban::Diagnostic> diagnostics;
  std::vector<vanban_diagnostic> views;
};

namespace vanban::capi {

// The records of the threads that called one engine, one per thread. Shared by the engine
// and those threads: a thread removes its record when it ends (a process whose threads come
// and go keeps one record per live thread, not one per thread that ever called), and an
// engine closed before them is marked so that they let go of it.
struct ThreadRecords {
  std::mutex mutex;
  std::unordered_map<std::thread::id, vanban_error_record> by_thread;
  std::atomic<bool> closed{false};
};

// The calling thread's record on `records` (made on its first call).
vanban_error_record& record_of_this_thread(const std::shared_ptr<ThreadRecords>& records);

}  // namespace vanban::capi

struct vanban_engine {
  std::unique_ptr<vanban::Engine> engine;       // null when opening failed
  std::vector<std::string> template_dirs;
  // Templates are read once and kept by the engine (Engine::shared_template).
  std::shared_ptr<vanban::capi::ThreadRecords> records = std::make_shared<vanban::capi::ThreadRecords>();

  ~vanban_engine() { records->closed = true; }

  vanban_error_record& error_of_this_thread() const { return vanban::capi::record_of_this_thread(records); }
};

namespace vanban::capi {

vanban_status status_of(ErrorKind kind);

// The failure of a call: the thread's last error, and in its diagnostics (unless the
// call's Error already put them there). Returns `status` (VANBAN_ENOMEM when even that failed).
vanban_status fail(const vanban_engine* e, vanban_status status, std::string message, std::string file = {},
                   int line = 0, int column = 0, std::string field = {});

// A call on an engine starts: the thread's diagnostics are the previous call's no more.
void begin_call(const vanban_engine* e);

// Problems a call found that stopped nothing (warnings; a check's findings), into the thread's list.
void add_warnings(const vanban_engine* e, const std::vector<Diagnostic>& warnings);

// The caller's signatures (c_api_sign.cpp): an array whose elements have the size of the
// first, each read for the fields its size covers. Error(Usage) for a role out of range or
// a signature with no key.
std::vector<SignatureRequest> signature_requests(const vanban_signature* signatures, size_t count);

// Tagging, PDF/A and the signatures of render or batch options into `render`.
template <typename Options>
void add_document_options(const Options& o, RenderOptions& render) {
  render.pdfa = o.pdfa != 0;
  render.tagged = o.no_tags == 0;
  render.signatures = signature_requests(o.signatures, o.signature_count);
  if (o.signing_time) render.signing_time = o.signing_time;
}

}  // namespace vanban::capi
