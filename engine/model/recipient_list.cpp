#include "model/recipient_list.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_map>

#include "core/error.h"
#include "core/i18n.h"
#include "core/unicode.h"
#include "model/csv.h"
#include "model/value.h"
#include "model/xlsx_reader.h"

namespace vanban::model {
namespace {

// Folded header -> key. Folding: lower case, no diacritics, đ -> d, runs of other
// characters -> "_".
const std::map<std::string, std::string> kSynonyms = {
    {"stt", "stt"}, {"tt", "stt"}, {"so_thu_tu", "stt"},
    {"ho_va_ten", "ho_ten"}, {"ho_ten", "ho_ten"}, {"hoten", "ho_ten"}, {"ten_day_du", "ho_ten"},
    {"ten_tap_the", "ho_ten"}, {"ho_ten_tap_the", "ho_ten"},
    {"ten", "ten"}, {"ten_goi", "ten"},
    {"gioi_tinh", "gioi_tinh"}, {"danh_xung", "gioi_tinh"}, {"ong_ba", "gioi_tinh"},
    {"ngay_sinh", "ngay_sinh"},
    {"chuc_vu", "chuc_vu"}, {"chuc_danh", "chuc_vu"},
    {"don_vi", "don_vi"}, {"don_vi_cong_tac", "don_vi"}, {"co_quan", "don_vi"}, {"noi_cong_tac", "don_vi"},
    {"phong_ban", "phong_ban"}, {"to", "phong_ban"},
    {"danh_hieu", "danh_hieu"}, {"hinh_thuc", "danh_hieu"}, {"hinh_thuc_khen", "danh_hieu"},
    {"thanh_tich", "thanh_tich"}, {"noi_dung_khen", "thanh_tich"}, {"noi_dung", "thanh_tich"},
    {"so_quyet_dinh", "so_quyet_dinh"}, {"so_qd", "so_quyet_dinh"},
    {"ngay_quyet_dinh", "ngay_quyet_dinh"}, {"ngay_qd", "ngay_quyet_dinh"},
    {"so_so_vang", "so_so_vang"}, {"so_vang", "so_so_vang"},
    {"so_bang", "so_bang"},
};

std::string fold(std::string_view header) {
  // A header is a few words: only its first 200 bytes are read (cut on a code point), so
  // a header of megabytes costs nothing.
  if (header.size() > 200) {
    size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(header[cut]) & 0xC0) == 0x80) --cut;
    header = header.substr(0, cut);
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(header.data(), static_cast<int32_t>(header.size())));
  s.toLower(icu::Locale("vi"));
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString d = nfd->normalize(s, status);
  std::string out;
  bool gap = false;
  for (int32_t i = 0; i < d.length(); ++i) {
    UChar32 c = d.char32At(i);
    if (c > 0xFFFF) ++i;
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111 || c == 0x0110) c = 'd';
    if (c < 0x80 && std::isalnum(static_cast<int>(c))) {
      if (gap && !out.empty()) out += '_';
      gap = false;
      out += static_cast<char>(c);
    } else {
      gap = true;
    }
  }
  return out;
}

}  // namespace

std::string canonical_key(std::string_view header) {
  std::string folded = fold(header);
  auto it = kSynonyms.find(folded);
  return it == kSynonyms.end() ? folded : it->second;
}

namespace {

// A JSON array of objects as rows of cells: the header is every key in order of first
// appearance (looked up in a hash map, so wide and long lists stay linear).
std::vector<std::vector<Cell>> json_table(std::string_view body, const std::string& source, const Limits& limits) {
  Value root = read_json(body, source, limits);
  if (root.type != Value::Type::Array) {
    throw Error(ErrorKind::Model, tr("expected an array of objects, one per person"), source, root.where.line,
                root.where.column);
  }
  if (root.items.size() > limits.max_rows) {
    const Value& past = root.items[limits.max_rows];
    limit_exceeded(source, trf("the list has more than {0} rows (limit max_rows)", limits.max_rows), past.where);
  }
  std::vector<std::string> keys;
  std::unordered_map<std::string, size_t> index;
  size_t cells = 0;
  for (const auto& item : root.items) {
    if (item.type != Value::Type::Object) {
      throw Error(ErrorKind::Model, tr("expected an object per person"), source, item.where.line, item.where.column);
    }
    for (size_t m = 0; m < item.members.size(); ++m) {
      const auto& [k, v] = item.members[m];
      if (index.emplace(k, keys.size()).second) {
        if (keys.size() >= limits.max_columns) {
          limit_exceeded(source, trf("the list has more than {0} columns (limit max_columns)", limits.max_columns),
                         m < item.member_where.size() ? item.member_where[m] : item.where);
        }
        keys.push_back(k);
      }
      if (v.type != Value::Type::Null && ++cells > limits.max_cells) {
        limit_exceeded(source, trf("the list has more than {0} non-empty cells (limit max_cells)", limits.max_cells),
                       v.where);
      }
    }
  }
  std::vector<std::vector<Cell>> table;
  table.reserve(root.items.size() + 1);
  std::vector<Cell> header;
  for (size_t c = 0; c < keys.size(); ++c) header.push_back(Cell{keys[c], root.where, {}, 1, static_cast<int>(c) + 1, {}});
  table.push_back(std::move(header));
  for (size_t r = 0; r < root.items.size(); ++r) {
    auto& item = root.items[r];
    std::vector<Cell> row;
    const int row_number = static_cast<int>(r) + 2;  // as in the CSV the list would be
    for (auto& [k, v] : item.members) {
      std::string t;
      if (v.type == Value::Type::String) {
        t = std::move(v.string);
      } else if (v.type == Value::Type::Number) {
        char buf[32];
        std::snprintf(buf, sizeof buf, v.integral ? "%.0f" : "%g", v.number);
        t = buf;
      } else if (v.type != Value::Type::Null) {
        throw Error(ErrorKind::Model, trf("expected text, got {0}", Value::type_name(v.type)), source, v.where.line,
                    v.where.column, unicode::excerpt(k));
      }
      Cell cell{std::move(t), v.where, {}, row_number, static_cast<int>(index[k]) + 1, {}};
      cell.problem = tidy_cell(cell.text);
      row.push_back(std::move(cell));
    }
    if (row.empty()) row.push_back(Cell{"", item.where, {}, row_number, 1, {}});
    table.push_back(std::move(row));
    std::vector<Value>().swap(item.items);
    std::vector<Member>().swap(item.members);  // the tree is freed as the table is made
  }
  return table;
}

}  // namespace

RecipientList read_recipient_list(std::string_view bytes, const std::string& source_name, const ListOptions& options) {
  const Limits& limits = options.limits;
  std::vector<std::vector<Cell>> rows;
  RecipientList list;
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    rows = read_xlsx(bytes, source_name, options.sheet, limits);
  } else {
    const Text in = read_text(bytes, source_name, &list.warnings);
    SourceMap map(in.text);
    std::string_view body = in.text.substr(in.base);
    size_t first = body.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && body[first] == '[') {
      rows = json_table(body, source_name, limits);
    } else {
      rows = parse_csv(body, source_name, map, in.base, detect_delimiter(body), limits);
    }
  }
  size_t skip = 0;
  while (skip < rows.size() && rows[skip].empty()) ++skip;
  if (skip == rows.size()) throw Error(ErrorKind::Model, tr("the list is empty: no header row"), source_name);
  repair_legacy_columns(rows, skip, source_name, &list.warnings);

  // The header, dense: a column without a header cell is named column_N.
  std::vector<Cell> header;
  for (auto& cell : rows[skip]) {
    size_t c = cell.col > 0 ? static_cast<size_t>(cell.col) - 1 : header.size();
    if (c < header.size()) continue;  // a column given twice: the first wins
    while (header.size() < c) header.push_back(Cell{"", cell.at, {}, cell.row, static_cast<int>(header.size()) + 1, {}});
    header.push_back(std::move(cell));
  }
  std::set<std::string> seen;
  for (size_t c = 0; c < header.size(); ++c) {
    const Cell& h = header[c];
    const int line = h.row ? h.row : h.at.line;
    if (!h.problem.empty()) {
      throw Error(ErrorKind::Model, trf("header: {0}", h.problem), source_name, line, static_cast<int>(c) + 1,
                  trf("row {0}, column {1}", line, c + 1));
    }
    std::string key;
    auto mapped = options.column_map.find(h.text);
    if (mapped == options.column_map.end()) mapped = options.column_map.find(canonical_key(h.text));
    key = mapped != options.column_map.end() ? mapped->second : canonical_key(h.text);
    if (key.empty()) key = "column_" + std::to_string(c + 1);
    if (!seen.insert(key).second) {
      throw Error(ErrorKind::Model, trf("two columns mean \"{0}\" (\"{1}\")", unicode::excerpt(key), unicode::excerpt(h.text)),
                  source_name, h.at.line, h.at.column);
    }
    list.keys.push_back(key);
  }
  if (!seen.count("ho_ten")) {
    std::string all;
    for (const auto& h : header) {
      if (all.size() > 300) {
        all += ", …";
        break;
      }
      all += (all.empty() ? "" : ", ") + unicode::excerpt(h.text, 40);
    }
    throw Error(ErrorKind::Model, trf("no name column (\"Họ và tên\" or ho_ten) among: {0}", all), source_name,
                header.empty() ? 1 : header[0].at.line, 1);
  }
  auto columns = std::make_shared<std::map<std::string, int>>();
  for (size_t c = 0; c < list.keys.size(); ++c) (*columns)[list.keys[c]] = static_cast<int>(c) + 1;
  list.rows.reserve(rows.size() - skip - 1);
  for (size_t r = skip + 1; r < rows.size(); ++r) {
    auto& cells = rows[r];
    bool empty = true;
    for (const auto& cell : cells) empty = empty && cell.text.find_first_not_of(" \t\n") == std::string::npos;
    if (!empty) {
      ListRow row;
      row.row = cells.front().row ? cells.front().row : cells.front().at.line;
      row.columns = columns;
      for (size_t i = 0; i < cells.size(); ++i) {
        size_t c = cells[i].col > 0 ? static_cast<size_t>(cells[i].col) - 1 : i;
        if (c >= list.keys.size()) continue;  // a cell beyond the header is not read
        if (!cells[i].problem.empty() && row.problem.empty()) {
          row.problem = cells[i].problem;
          row.problem_key = list.keys[c];
        }
        if (!cells[i].text.empty()) row.fields.emplace(list.keys[c], std::move(cells[i].text));
      }
      list.rows.push_back(std::move(row));
    }
    std::vector<Cell>().swap(cells);  // the table is freed as the rows are made
  }
  return list;
}

std::string row_label(const ListRow& row) {
  const std::string& stt = row.field("stt");
  if (stt.empty()) return trf("row {0}", row.row);
  return trf("row {0} (STT {1})", row.row, unicode::excerpt(stt, 20));
}

const std::string& ListRow::field(const std::string& key) const {
  static const std::string empty;
  auto it = fields.find(key);
  return it == fields.end() ? empty : it->second;
}

int ListRow::column_of(const std::string& key) const {
  if (!columns) return 0;
  auto it = columns->find(key);
  return it == columns->end() ? 0 : it->second;
}

}  // namespace vanban::model
