// Templates read once per engine and kept while their files stay the same on disk, for
// every render, batch and C API call of that engine (a server renders thousands of
// documents with a handful of templates: reading and checking ke-hoach.xml and the
// nd30.xml it extends is a quarter of a millisecond, a quarter of the plan's render).
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "style/profile.h"

namespace vanban::api {

class TemplateCache {
 public:
  // The template `name_or_path`, from the cache while each of its files (it and those it
  // extends) has the same device, inode, size and modification time (to the nanosecond)
  // as when it was read; else read again by `read` (an error leaves the cache without it).
  // Thread-safe; the template is shared, never changed.
  template <typename Read>
  std::shared_ptr<const style::Template> get(const std::string& name_or_path, Read read) const {
    if (auto kept = find(name_or_path)) return kept;
    // The stamps are taken right after reading (a change within that moment is seen at
    // the file's next change).
    auto tpl = std::make_shared<const style::Template>(read(name_or_path));
    keep(name_or_path, tpl);
    return tpl;
  }

  // At most this many templates are kept (the oldest name goes first).
  static constexpr size_t kMaxTemplates = 256;

 private:
  struct Entry {
    std::shared_ptr<const style::Template> tpl;
    std::vector<std::string> stamps;
    unsigned long long added = 0;
  };
  mutable std::mutex mutex_;
  mutable std::map<std::string, Entry> entries_;
  mutable unsigned long long added_ = 0;

  std::shared_ptr<const style::Template> find(const std::string& name_or_path) const;
  void keep(const std::string& name_or_path, std::shared_ptr<const style::Template> tpl) const;
};

}  // namespace vanban::api
