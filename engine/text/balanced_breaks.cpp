// Balanced line breaking for centred paragraphs (declared in text/line_breaker.h): the
// breaks that give greedy filling's number of lines with the most even lines, avoiding
// breaks inside common multi-syllable words and names and a lone last word.
#include <cstring>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <functional>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "core/string_hash.h"
#include "core/thread_cache.h"
#include "core/unicode.h"
#include "text/line_breaker.h"

namespace vanban::text {
namespace {

// Costs, in units of a line's squared relative slack (an empty line costs 1).
constexpr double kInsideWord = 2.0;  // a break between two syllables of one word ("TIỂU | HỌC")
constexpr double kLoneLast = 0.5;    // a last line of a single word or number
constexpr double kTolerance = 1e-6;  // pt, as greedy filling measures
constexpr size_t kMaxOpportunities = 4000;  // beyond: greedy filling (a centred paragraph is short)

// Vietnamese writes a word's syllables apart, so "TRƯỜNG TIỂU HỌC" has three break
// opportunities where a reader sees two words. These are the multi-syllable words and
// names that header lines and titles of administrative documents are made of: a break
// between their syllables reads as a broken word. Written upper-case, NFC.
const char* const kWords[] = {
    // schools, education
    "TIỂU HỌC", "TRUNG HỌC", "CƠ SỞ", "PHỔ THÔNG", "MẦM NON", "MẪU GIÁO", "NHÀ TRẺ", "ĐẠI HỌC", "CAO ĐẲNG",
    "TRUNG CẤP", "GIÁO DỤC", "ĐÀO TẠO", "DÂN TỘC", "NỘI TRÚ", "BÁN TRÚ", "LIÊN CẤP", "THƯỜNG XUYÊN",
    "HƯỚNG NGHIỆP", "DẠY NGHỀ", "GIÁO VIÊN", "HỌC SINH", "SINH VIÊN", "HIỆU TRƯỞNG", "NĂM HỌC", "HỌC KỲ",
    "CHUYÊN MÔN", "NGHIỆP VỤ", "TRUNG TÂM", "KỸ THUẬT", "TỔNG HỢP", "CHUYÊN BIỆT", "KHUYẾT TẬT", "HỌC TẬP",
    // the state, agencies, organisations
    "ỦY BAN", "NHÂN DÂN", "HỘI ĐỒNG", "THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "CHÍNH PHỦ", "QUỐC HỘI", "THỦ TƯỚNG",
    "BỘ TRƯỞNG", "THỨ TRƯỞNG", "GIÁM ĐỐC", "CHỦ TỊCH", "VĂN PHÒNG", "THANH TRA", "TỔ CHỨC", "CÁN BỘ", "NỘI VỤ",
    "TƯ PHÁP", "TÀI CHÍNH", "KẾ HOẠCH", "ĐẦU TƯ", "CÔNG THƯƠNG", "NÔNG NGHIỆP", "PHÁT TRIỂN", "NÔNG THÔN",
    "XÂY DỰNG", "GIAO THÔNG", "VẬN TẢI", "TÀI NGUYÊN", "MÔI TRƯỜNG", "THÔNG TIN", "TRUYỀN THÔNG", "LAO ĐỘNG",
    "THƯƠNG BINH", "XÃ HỘI", "VĂN HÓA", "THỂ THAO", "DU LỊCH", "KHOA HỌC", "CÔNG NGHỆ", "Y TẾ", "NGÂN HÀNG",
    "NGOẠI GIAO", "QUỐC PHÒNG", "CÔNG AN", "BIÊN PHÒNG", "QUÂN SỰ", "DÂN SỐ", "GIA ĐÌNH", "TRẺ EM",
    "THANH NIÊN", "PHỤ NỮ", "CÔNG ĐOÀN", "MẶT TRẬN", "TỔ QUỐC", "VIỆT NAM", "CỘNG HÒA", "CHỦ NGHĨA", "ĐỘC LẬP",
    "TỰ DO", "HẠNH PHÚC", "CỘNG SẢN", "ĐẢNG ỦY", "CHẤP HÀNH", "THƯỜNG VỤ", "THƯỜNG TRỰC", "ĐOÀN THỂ",
    "HIỆP HỘI", "LIÊN ĐOÀN", "LIÊN HIỆP", "HỢP TÁC", "DOANH NGHIỆP", "CÔNG TY", "TRÁCH NHIỆM", "HỮU HẠN",
    "CỔ PHẦN", "BỆNH VIỆN", "ĐA KHOA", "PHÒNG KHÁM", "CƠ QUAN", "ĐƠN VỊ", "ĐỊA PHƯƠNG", "HÀNH CHÍNH",
    // kinds of documents, words of titles
    "QUYẾT ĐỊNH", "NGHỊ QUYẾT", "NGHỊ ĐỊNH", "CHỈ THỊ", "QUY CHẾ", "QUY ĐỊNH", "HƯỚNG DẪN", "THÔNG BÁO",
    "THÔNG TƯ", "BÁO CÁO", "CÔNG VĂN", "TỜ TRÌNH", "BIÊN BẢN", "CHƯƠNG TRÌNH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN",
    "HỢP ĐỒNG", "CÔNG ĐIỆN", "GIẤY MỜI", "GIỚI THIỆU", "GHI NHỚ", "THỎA THUẬN", "ĐIỂN HÌNH", "TIÊN TIẾN",
    "THI ĐUA", "KHEN THƯỞNG", "NHÂN RỘNG", "TẬP THỂ", "CÁ NHÂN", "ĐĂNG KÝ", "DANH SÁCH", "TỔNG KẾT",
    "SƠ KẾT", "TRIỂN KHAI", "THỰC HIỆN", "NHIỆM VỤ", "GIẢI PHÁP", "MỤC ĐÍCH", "YÊU CẦU", "NỘI DUNG",
    "KINH PHÍ", "PHỤ LỤC", "HOẠT ĐỘNG", "CÔNG TÁC", "ĐÁNH GIÁ", "KẾT QUẢ", "CHẤT LƯỢNG", "HIỆU QUẢ",
    "PHONG TRÀO", "HỒ SƠ", "MINH CHỨNG", "THỐNG KÊ", "TÀI LIỆU", "BẢN SAO", "SAO Y", "SAO LỤC", "TRÍCH SAO",
    "BIỂU MẪU", "GƯƠNG MẶT", "NGƯỜI TỐT", "VIỆC TỐT", "KIỂM TRA", "GIÁM SÁT", "BẢO MẬT", "ĐỀ THI", "TUYỂN SINH",
    "BỒI DƯỠNG", "TẬP HUẤN", "HỘI NGHỊ", "HỘI THI", "CUỘC THI", "PHÒNG CHỐNG", "AN TOÀN", "VỆ SINH",
    "THỰC PHẨM", "DẠY THÊM", "HỌC THÊM", "CHUYỂN ĐỔI", "SỐ HÓA", "ỨNG DỤNG", "SÁCH GIÁO", "GIÁO KHOA",
    // provinces and cities (ND30-CQ: the agency lines name them)
    "HÀ NỘI", "HỒ CHÍ", "CHÍ MINH", "HÀ GIANG", "CAO BẰNG", "BẮC KẠN", "TUYÊN QUANG", "LÀO CAI", "ĐIỆN BIÊN",
    "LAI CHÂU", "SƠN LA", "YÊN BÁI", "HÒA BÌNH", "THÁI NGUYÊN", "LẠNG SƠN", "QUẢNG NINH", "BẮC GIANG",
    "PHÚ THỌ", "VĨNH PHÚC", "BẮC NINH", "HẢI DƯƠNG", "HẢI PHÒNG", "HƯNG YÊN", "THÁI BÌNH", "HÀ NAM",
    "NAM ĐỊNH", "NINH BÌNH", "THANH HÓA", "NGHỆ AN", "HÀ TĨNH", "QUẢNG BÌNH", "QUẢNG TRỊ", "THỪA THIÊN",
    "THIÊN HUẾ", "ĐÀ NẴNG", "QUẢNG NAM", "QUẢNG NGÃI", "BÌNH ĐỊNH", "PHÚ YÊN", "KHÁNH HÒA", "NINH THUẬN",
    "BÌNH THUẬN", "KON TUM", "GIA LAI", "ĐẮK LẮK", "ĐẮK NÔNG", "LÂM ĐỒNG", "BÌNH PHƯỚC", "TÂY NINH",
    "BÌNH DƯƠNG", "ĐỒNG NAI", "BÀ RỊA", "VŨNG TÀU", "LONG AN", "TIỀN GIANG", "BẾN TRE", "TRÀ VINH",
    "VĨNH LONG", "ĐỒNG THÁP", "AN GIANG", "KIÊN GIANG", "CẦN THƠ", "HẬU GIANG", "SÓC TRĂNG", "BẠC LIÊU",
    "CÀ MAU",
};

// Upper case with one placement of the tone mark ("HOÀ" and "HÒA", "UỶ" and "ỦY" are
// the same word written in the old and the new style).
std::string canonical(std::string_view word) {
  std::string s = unicode::to_upper_vi(word);
  static const std::pair<const char*, const char*> kOldStyle[] = {
      {"OÀ", "ÒA"}, {"OÁ", "ÓA"}, {"OẢ", "ỎA"}, {"OÃ", "ÕA"}, {"OẠ", "ỌA"}, {"OÈ", "ÒE"}, {"OÉ", "ÓE"},
      {"OẺ", "ỎE"}, {"OẼ", "ÕE"}, {"OẸ", "ỌE"}, {"UỲ", "ÙY"}, {"UÝ", "ÚY"}, {"UỶ", "ỦY"}, {"UỸ", "ŨY"},
      {"UỴ", "ỤY"}};
  for (const auto& [from, to] : kOldStyle) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at)) s.replace(at, std::string(from).size(), to);
  }
  return s;
}

// canonical() of the pieces between opportunities, remembered per thread (issue #14: the
// same syllables come back on every certificate of a batch; upper-casing goes through
// ICU). Bounded: past kMaxEntries the memo starts again.
struct CanonicalMemo {
  static constexpr size_t kMaxEntries = 8192, kMaxBytes = 64;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> map;
};

std::string canonical_remembered(std::string_view piece) {
  if (piece.size() > CanonicalMemo::kMaxBytes) return canonical(piece);
  static const ThreadCache<CanonicalMemo> cache([](void* m) { delete static_cast<CanonicalMemo*>(m); });
  std::unique_ptr<CanonicalMemo> owned;
  CanonicalMemo* memo = cache.get();
  if (!memo) {
    owned = std::make_unique<CanonicalMemo>();
    memo = cache.keep(owned.get()) ? owned.release() : owned.get();
  }
  if (auto it = memo->map.find(piece); it != memo->map.end()) return it->second;
  if (memo->map.size() >= CanonicalMemo::kMaxEntries) memo->map.clear();
  return memo->map.emplace(std::string(piece), canonical(piece)).first->second;
}

const std::unordered_set<std::string>& words() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> s;
    for (const char* w : kWords) s.insert(canonical(w));
    return s;
  }();
  return set;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// The breaks (see text/line_breaker.h); `width(i, j)` is the width of the text from node
// i to node j (node 0 is the start of the text, node k the opportunity k - 1). A template
// so the glyph form below measures without a std::function or a search per call.
template <typename Width>
std::vector<size_t> balanced(std::string_view text, const std::vector<BreakOpportunity>& opportunities,
                             const Width& width, double first_width, double width_rest) {
  const size_t m = opportunities.size();
  if (m < 2 || m > kMaxOpportunities || opportunities.back().offset != text.size()) return {};
  // Node 0 is the start of the text, node k (1..m) the opportunity k - 1.
  auto offset = [&](size_t node) { return node == 0 ? size_t{0} : opportunities[node - 1].offset; };
  auto mandatory = [&](size_t node) { return node == m || (node > 0 && opportunities[node - 1].mandatory); };
  auto available = [&](size_t line) { return line == 0 ? first_width : width_rest; };

  // 1. Greedy filling's number of lines (the least there can be); a piece wider than a
  // line: nothing to balance.
  size_t lines = 0;
  for (size_t start = 0; start < m;) {
    size_t end = start;
    for (size_t j = start + 1; j <= m; ++j) {
      if (width(start, j) > available(lines) + kTolerance) break;
      end = j;
      if (mandatory(j)) break;
    }
    if (end == start) return {};
    ++lines;
    start = end;
  }
  if (lines < 2) return {};

  // 2. The word on either side of each opportunity, for the cost of breaking there. Each
  // piece between two opportunities is made canonical once (the old-style tone marks are
  // within a syllable, so the pair's canonical form is its pieces' joined by a space).
  std::vector<double> break_cost(m + 1, 0);
  std::vector<std::string> piece(m + 1);  // piece[k]: the text before node k, trimmed, canonical
  auto canonical_piece = [&](size_t k) -> const std::string& {
    if (piece[k].empty()) piece[k] = canonical_remembered(trimmed(text.substr(offset(k - 1), offset(k) - offset(k - 1))));
    return piece[k];
  };
  for (size_t k = 1; k < m; ++k) {
    if (mandatory(k)) continue;
    std::string_view before = canonical_piece(k), after = canonical_piece(k + 1);
    // Punctuation is not part of the word: "KIỂM TRA," is "KIỂM TRA", "(ĐẠI HỌC" "ĐẠI HỌC".
    while (!after.empty() && std::strchr(",.;:!?)\"", after.back())) after.remove_suffix(1);
    while (!before.empty() && std::strchr("(\"", before.front())) before.remove_prefix(1);
    if (before.empty() || after.empty()) continue;
    std::string pair;
    pair.reserve(before.size() + 1 + after.size());
    pair.append(before).append(1, ' ').append(after);
    if (words().count(pair)) break_cost[k] = kInsideWord;
  }

  // 3. Least cost of `lines` lines ending at the end: cost[l][j] = the least cost of l + 1
  // lines, the last ending at node j. A line never passes a mandatory break.
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> cost(lines, std::vector<double>(m + 1, inf));
  std::vector<std::vector<size_t>> from(lines, std::vector<size_t>(m + 1, 0));
  for (size_t l = 0; l < lines; ++l) {
    for (size_t i = 0; i < m; ++i) {
      double base = l == 0 ? (i == 0 ? 0 : inf) : cost[l - 1][i];
      if (base == inf) continue;
      double avail = available(l);
      for (size_t j = i + 1; j <= m; ++j) {
        double w = width(i, j);
        if (w > avail + kTolerance) break;
        double slack = std::max(0.0, avail - w) / avail;
        double c = base + slack * slack + (j < m ? break_cost[j] : 0);
        // A single word (or number) alone on the last line of a paragraph or before a
        // forced break, under a line of the same run of text.
        if (mandatory(j) && j == i + 1 && i > 0 && !mandatory(i)) c += kLoneLast;
        if (c < cost[l][j]) {
          cost[l][j] = c;
          from[l][j] = i;
        }
        if (mandatory(j)) break;
      }
    }
  }
  if (cost[lines - 1][m] == inf) return {};
  std::vector<size_t> starts;
  for (size_t l = lines - 1, j = m; l > 0; --l) {
    j = from[l][j];
    starts.push_back(offset(j));
  }
  std::reverse(starts.begin(), starts.end());
  return starts;
}

}  // namespace

std::vector<size_t> balanced_line_breaks(std::string_view text, const std::vector<BreakOpportunity>& opportunities,
                                         const std::function<double(size_t, size_t)>& width, double first_width,
                                         double width_rest) {
  auto offset = [&](size_t node) { return node == 0 ? size_t{0} : opportunities[node - 1].offset; };
  return balanced(
      text, opportunities, [&](size_t i, size_t j) { return width(offset(i), offset(j)); }, first_width, width_rest);
}

std::vector<size_t> balanced_line_breaks(std::string_view text, const std::vector<MeasuredGlyph>& glyphs,
                                         double first_width, double width_rest) {
  const size_t n = glyphs.size();
  if (n == 0) return {};
  std::vector<double> prefix(n + 1, 0);
  for (size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + glyphs[i].advance;
  // Opportunities moved to the glyph where their cluster starts (one per glyph).
  std::vector<BreakOpportunity> opportunities;
  std::vector<size_t> glyph_of;  // glyph index of each opportunity
  size_t g = 0;
  for (const auto& op : line_break_opportunities(text)) {
    while (g < n && glyphs[g].cluster < op.offset) ++g;
    if (g == 0) continue;
    if (!glyph_of.empty() && glyph_of.back() == g) {
      opportunities.back().mandatory |= op.mandatory;
      continue;
    }
    glyph_of.push_back(g);
    opportunities.push_back({g < n ? glyphs[g].cluster : text.size(), op.mandatory});
  }
  if (glyph_of.empty() || glyph_of.back() != n) {
    glyph_of.push_back(n);
    opportunities.push_back({text.size(), true});
  }
  // Per node: the glyph where its text starts, and where a line ending there ends once its
  // trailing spaces are left out. (The opportunities' offsets are distinct cluster starts,
  // so a node's offset names its glyph.)
  const size_t m = opportunities.size();
  std::vector<size_t> start(m + 1, 0), trimmed_end(m + 1, 0);
  for (size_t k = 1; k <= m; ++k) {
    start[k] = glyph_of[k - 1];
    size_t e = start[k];
    while (e > 0 && glyphs[e - 1].space) --e;
    trimmed_end[k] = e;
  }
  auto width = [&](size_t i, size_t j) {
    // A line of nothing but spaces measures 0, as the trimming stops at its start.
    return trimmed_end[j] > start[i] ? prefix[trimmed_end[j]] - prefix[start[i]] : 0.0;
  };
  return balanced(text, opportunities, width, first_width, width_rest);
}

}  // namespace vanban::text
