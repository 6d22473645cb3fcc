// Shared by the check tests: a model checked against a template of templates/, and
// questions on the findings.
#pragma once
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "check/check.h"
#include "model/reader.h"
#include "style/profile.h"

namespace vanban::test {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline const style::Template& template_named(const std::string& name) {
  static std::map<std::string, style::Template> cache;
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(name, style::load_template(name, {VANBAN_SOURCE_DIR "/templates"})).first;
  return it->second;
}

// The findings of `data` (JSON or XML) against the template `tpl`.
inline std::vector<Diagnostic> check_data(const std::string& data, const std::string& tpl = "ke-hoach",
                                          const std::string& name = "test.json") {
  model::Document d = model::load_document(data, name);
  return check::check_document(d, template_named(tpl), check::Source{data, name, {}});
}

inline std::vector<Diagnostic> with_rule(const std::vector<Diagnostic>& all, const std::string& rule) {
  std::vector<Diagnostic> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const Diagnostic& d) { return d.rule == rule; });
  return out;
}

inline size_t errors_in(const std::vector<Diagnostic>& all) {
  return static_cast<size_t>(std::count_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

inline std::string listing(const std::vector<Diagnostic>& all) {
  std::string out;
  for (const auto& d : all) out += d.format(true) + "\n";
  return out;
}

// A small Kế hoạch that breaks no rule; tests change one thing in it.
inline std::string clean_plan() {
  return R"({
  "template": "ke-hoach",
  "parent_agency": "UBND TỈNH HÒA BÌNH",
  "issuing_agency": "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
  "number": {"number": "05", "symbol": "KH-SGDĐT"},
  "place": "Hòa Bình",
  "date": {"day": 5, "month": 3, "year": 2021},
  "subject": "Xây dựng mô hình điển hình tiên tiến năm 2021",
  "body": [
    {"type": "paragraph", "text": "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh Hòa Bình, Sở Giáo dục và Đào tạo ban hành Kế hoạch như sau:"},
    {"type": "section", "title": "MỤC ĐÍCH, YÊU CẦU", "content": [
      {"type": "clause", "title": "Mục đích", "content": [{"type": "dash", "text": "Nhân rộng điển hình tiên tiến."}]},
      {"type": "clause", "title": "Yêu cầu", "text": "Thực hiện đúng tiến độ."}
    ]},
    {"type": "section", "title": "TỔ CHỨC THỰC HIỆN", "content": [
      {"type": "paragraph", "text": "Các đơn vị triển khai thực hiện./."}
    ]}
  ],
  "recipients": ["Bộ GD&ĐT (để b/c);", "Các đơn vị trực thuộc;", "Lưu: VT, VP."],
  "signature": {"authority": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "signer_name": "Nguyễn Văn Thắng"}
})";
}

// `json` with the first `from` replaced by `to` (a test failure when `from` is not there).
inline std::string replaced(std::string json, const std::string& from, const std::string& to) {
  size_t at = json.find(from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "not in the model: " << from;
    return json;
  }
  return json.replace(at, from.size(), to);
}

}  // namespace vanban::test
