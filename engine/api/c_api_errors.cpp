// The C API's errors and diagnostics: each thread's record of its last call on an engine
// (vanban_errmsg, vanban_error_*, vanban_diagnostic_count/_get).
#include "api/c_api_state.h"

namespace vanban::capi {
namespace {

// What a thread leaves behind when it ends: its record on every engine it called that is
// still open. Engines closed meanwhile are let go of as new ones are met, so the list holds
// at most the engines open now, plus one.
class ThreadJanitor {
 public:
  ~ThreadJanitor() {
    for (auto& records : watched_) {
      if (records->closed) continue;
      std::lock_guard<std::mutex> lock(records->mutex);
      records->by_thread.erase(id_);
    }
  }
  void watch(const std::shared_ptr<ThreadRecords>& records) {
    std::erase_if(watched_, [](const auto& r) { return r->closed.load(); });
    watched_.push_back(records);
  }

 private:
  std::thread::id id_ = std::this_thread::get_id();
  std::vector<std::shared_ptr<ThreadRecords>> watched_;
};

}  // namespace

vanban_error_record& record_of_this_thread(const std::shared_ptr<ThreadRecords>& records) {
  thread_local ThreadJanitor janitor;
  std::unique_lock<std::mutex> lock(records->mutex);
  auto [it, made] = records->by_thread.try_emplace(std::this_thread::get_id());
  lock.unlock();
  if (made) janitor.watch(records);
  return it->second;  // node-based: the reference stays valid while the thread lives
}


vanban_status status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Syntax: return VANBAN_ESYNTAX;
    case ErrorKind::Model: return VANBAN_EMODEL;
    case ErrorKind::Template: return VANBAN_ETEMPLATE;
    case ErrorKind::Font: return VANBAN_EFONT;
    case ErrorKind::Layout: return VANBAN_ELAYOUT;
    case ErrorKind::Input: return VANBAN_EINPUT;
    case ErrorKind::Output: return VANBAN_EOUTPUT;
    case ErrorKind::Usage: return VANBAN_EMISUSE;
    case ErrorKind::Signature: return VANBAN_ESIGN;
  }
  return VANBAN_EINTERNAL;
}

// The failure of a call: the thread's last error, and in its diagnostics (unless the
// call's Error already put them there).
vanban_status fail(const vanban_engine* e, vanban_status status, std::string message, std::string file, int line,
                   int column, std::string field) {
  if (!e) return status;
  try {
    vanban_error_record& r = e->error_of_this_thread();
    r.status = status;
    r.file = std::move(file);
    r.field = std::move(field);
    r.line = line;
    r.column = column;
    r.message = vanban::Error::format(r.file, line, column, r.field, message);
    bool listed = false;
    for (const auto& d : r.diagnostics) listed = listed || d.severity == Severity::Error;
    if (!listed && status != VANBAN_EPARTIAL) {
      Diagnostic d;
      d.kind = status == VANBAN_ESYNTAX ? ErrorKind::Syntax : status == VANBAN_ETEMPLATE ? ErrorKind::Template
               : status == VANBAN_EFONT ? ErrorKind::Font : status == VANBAN_ELAYOUT ? ErrorKind::Layout
               : status == VANBAN_EINPUT ? ErrorKind::Input : status == VANBAN_EOUTPUT ? ErrorKind::Output
               : status == VANBAN_EMODEL ? ErrorKind::Model : ErrorKind::Usage;
      d.file = r.file;
      d.line = line;
      d.column = column;
      d.field = r.field;
      d.message = std::move(message);
      r.diagnostics.insert(r.diagnostics.begin(), std::move(d));
      r.views.clear();
    }
  } catch (...) {
    return VANBAN_ENOMEM;
  }
  return status;
}

// A call on an engine starts: the thread's diagnostics are the previous call's no more.
void begin_call(const vanban_engine* e) {
  vanban_error_record& r = e->error_of_this_thread();
  r.diagnostics.clear();
  r.views.clear();
}

// Problems a call found that stopped nothing (warnings; a check's findings), into the thread's list.
void add_warnings(const vanban_engine* e, const std::vector<Diagnostic>& warnings) {
  if (warnings.empty()) return;
  vanban_error_record& r = e->error_of_this_thread();
  r.diagnostics.insert(r.diagnostics.end(), warnings.begin(), warnings.end());
  r.views.clear();
}

}  // namespace vanban::capi

using vanban::capi::status_of;

extern "C" {

#define VANBAN_ERROR_FIELD(name, type, expr, none)                      \
  type name(const vanban_engine* engine) {                              \
    if (!engine) return none;                                           \
    try {                                                               \
      const vanban_error_record& r = engine->error_of_this_thread();    \
      return expr;                                                      \
    } catch (...) {                                                     \
      return none;                                                      \
    }                                                                   \
  }

VANBAN_ERROR_FIELD(vanban_errmsg, const char*, r.message.c_str(), "")
VANBAN_ERROR_FIELD(vanban_error_file, const char*, r.file.c_str(), "")
VANBAN_ERROR_FIELD(vanban_error_field, const char*, r.field.c_str(), "")
VANBAN_ERROR_FIELD(vanban_error_line, int, r.line, 0)
VANBAN_ERROR_FIELD(vanban_error_column, int, r.column, 0)
VANBAN_ERROR_FIELD(vanban_error_status, vanban_status, r.status, VANBAN_OK)

size_t vanban_diagnostic_count(const vanban_engine* engine) {
  if (!engine) return 0;
  try {
    return engine->error_of_this_thread().diagnostics.size();
  } catch (...) {
    return 0;
  }
}

const vanban_diagnostic* vanban_diagnostic_get(const vanban_engine* engine, size_t index) {
  if (!engine) return nullptr;
  try {
    vanban_error_record& r = engine->error_of_this_thread();
    if (index >= r.diagnostics.size()) return nullptr;
    if (r.views.size() != r.diagnostics.size()) {
      r.views.clear();
      bool first_error = true;
      for (const auto& d : r.diagnostics) {
        vanban_diagnostic v{};
        const bool error = d.severity == vanban::Severity::Error;
        v.severity = error ? VANBAN_SEVERITY_ERROR : VANBAN_SEVERITY_WARNING;
        v.status = !error ? VANBAN_OK : status_of(d.kind);
        // A failure no Error stands for (memory, a bug) keeps its own status.
        if (error && first_error && (r.status == VANBAN_ENOMEM || r.status == VANBAN_EINTERNAL)) v.status = r.status;
        first_error = first_error && !error;
        v.rule = d.rule.c_str();
        v.file = d.file.c_str();
        v.line = d.line;
        v.column = d.column;
        v.field = d.field.c_str();
        v.message = d.message.c_str();
        v.hint = d.hint.c_str();
        r.views.push_back(v);
      }
    }
    return &r.views[index];
  } catch (...) {
    return nullptr;
  }
}

}  // extern "C"
