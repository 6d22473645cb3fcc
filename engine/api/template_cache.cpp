#include "api/template_cache.h"

#include <sys/stat.h>

#include <algorithm>

namespace vanban::api {
namespace {

// What a file is on disk now: device, inode, size and modification time ("" when it is
// gone), to tell a changed template from the one in the cache.
std::string stamp_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
         std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

std::vector<std::string> stamps_of(const style::Template& tpl) {
  std::vector<std::string> stamps;
  stamps.reserve(tpl.source_files.size());
  for (const auto& f : tpl.source_files) stamps.push_back(stamp_of(f));
  return stamps;
}

}  // namespace

std::shared_ptr<const style::Template> TemplateCache::find(const std::string& name_or_path) const {
  std::shared_ptr<const style::Template> tpl;
  std::vector<std::string> stamps;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(name_or_path);
    if (it == entries_.end()) return nullptr;
    tpl = it->second.tpl;
    stamps = it->second.stamps;
  }
  if (stamps_of(*tpl) == stamps) return tpl;  // the files looked at outside the lock
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(name_or_path);
  if (it != entries_.end() && it->second.tpl == tpl) entries_.erase(it);
  return nullptr;
}

void TemplateCache::keep(const std::string& name_or_path, std::shared_ptr<const style::Template> tpl) const {
  std::vector<std::string> stamps = stamps_of(*tpl);
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.size() >= kMaxTemplates && !entries_.count(name_or_path)) {
    entries_.erase(std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
      return a.second.added < b.second.added;
    }));
  }
  entries_[name_or_path] = Entry{std::move(tpl), std::move(stamps), ++added_};
}

}  // namespace vanban::api
