#include "model/recipient_list.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <zip.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/error.h"
#include "core/unicode.h"
#include "model/csv.h"
#include "model/value.h"

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

// --- XLSX ----------------------------------------------------------------------------------

std::string zip_entry(zip_t* z, const char* name, bool required, const std::string& source) {
  zip_stat_t st;
  if (zip_stat(z, name, 0, &st) != 0) {
    if (required) throw Error(ErrorKind::Syntax, std::string("not an Excel workbook: no ") + name, source);
    return {};
  }
  zip_file_t* f = zip_fopen(z, name, 0);
  std::string data(st.size, '\0');
  zip_int64_t n = f ? zip_fread(f, data.data(), st.size) : -1;
  if (f) zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) throw Error(ErrorKind::Syntax, std::string("cannot read ") + name, source);
  return data;
}

pugi::xml_document parse_part(const std::string& xml, const char* part, const std::string& source) {
  pugi::xml_document doc;
  auto r = doc.load_buffer(xml.data(), xml.size());
  if (!r) throw Error(ErrorKind::Syntax, std::string("malformed ") + part + ": " + r.description(), source);
  return doc;
}

std::string rich_text(const pugi::xml_node& si) {
  std::string out;
  for (auto t : si.select_nodes(".//*[local-name()='t']")) out += t.node().text().get();
  return out;
}

bool is_date_format(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
  if (code.empty()) return false;
  bool in_quotes = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes || c == '\\') continue;
    if (c == '[') {  // [Red], [$-42A]
      while (i < code.size() && code[i] != ']') ++i;
      continue;
    }
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (l == 'd' || l == 'y' || (l == 'm' && code.find_first_of("dDyY") != std::string::npos)) return true;
  }
  return false;
}

// Excel serial day (1900 system) -> "dd/mm/yyyy".
std::string serial_date(double serial) {
  long days = static_cast<long>(std::floor(serial));
  // Day 60 is Excel's non-existent 29/02/1900; count from 30/12/1899.
  long z = days - 25569 + 719468;  // to days since 0000-03-01 (civil_from_days)
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp + (mp < 10 ? 3 : -9);
  y += (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02ld/%02ld/%04ld", d, m, y);
  return buf;
}

std::vector<std::vector<Cell>> read_xlsx(std::string_view bytes, const std::string& source, const std::string& sheet_name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
  if (!z) {
    if (src) zip_source_free(src);
    throw Error(ErrorKind::Syntax, "not a readable XLSX (ZIP) file", source);
  }
  struct Closer {
    zip_t* z;
    ~Closer() { zip_discard(z); }
  } closer{z};

  auto workbook = parse_part(zip_entry(z, "xl/workbook.xml", true, source), "workbook.xml", source);
  auto rels = parse_part(zip_entry(z, "xl/_rels/workbook.xml.rels", true, source), "workbook.xml.rels", source);
  std::string rid, available;
  for (auto s : workbook.select_nodes("//*[local-name()='sheet']")) {
    std::string name = s.node().attribute("name").value();
    available += (available.empty() ? "" : ", ") + name;
    if (rid.empty() && (sheet_name.empty() || name == sheet_name)) rid = s.node().attribute("r:id").value();
  }
  if (rid.empty()) throw Error(ErrorKind::Model, "no sheet \"" + sheet_name + "\" (sheets: " + available + ")", source);
  std::string target;
  for (auto r : rels.select_nodes("//*[local-name()='Relationship']"))
    if (rid == r.node().attribute("Id").value()) target = r.node().attribute("Target").value();
  if (target.empty()) throw Error(ErrorKind::Syntax, "the workbook names a sheet it does not contain", source);
  std::string path = target[0] == '/' ? target.substr(1) : "xl/" + target;

  std::vector<std::string> shared;
  std::string sst = zip_entry(z, "xl/sharedStrings.xml", false, source);
  if (!sst.empty()) {
    auto doc = parse_part(sst, "sharedStrings.xml", source);
    for (auto si : doc.select_nodes("//*[local-name()='si']")) shared.push_back(unicode::to_nfc(rich_text(si.node())));
  }
  std::vector<bool> date_style;
  std::string styles_xml = zip_entry(z, "xl/styles.xml", false, source);
  if (!styles_xml.empty()) {
    auto doc = parse_part(styles_xml, "styles.xml", source);
    std::map<int, std::string> codes;
    for (auto f : doc.select_nodes("//*[local-name()='numFmt']"))
      codes[f.node().attribute("numFmtId").as_int()] = f.node().attribute("formatCode").value();
    auto xfs = doc.select_node("//*[local-name()='cellXfs']").node();
    for (auto xf : xfs.children()) {
      int id = xf.attribute("numFmtId").as_int();
      date_style.push_back(is_date_format(id, codes.count(id) ? codes[id] : ""));
    }
  }

  auto sheet = parse_part(zip_entry(z, path.c_str(), true, source), path.c_str(), source);
  std::vector<std::vector<Cell>> rows;
  for (auto rn : sheet.select_nodes("//*[local-name()='sheetData']/*[local-name()='row']")) {
    pugi::xml_node row = rn.node();
    int r = row.attribute("r").as_int(static_cast<int>(rows.size()) + 1);
    std::vector<Cell> cells;
    for (pugi::xml_node c : row.children()) {
      if (std::string(c.name()).find("c") == std::string::npos) continue;
      std::string ref = c.attribute("r").value();
      int col = 0;
      for (char ch : ref) {
        if (ch >= 'A' && ch <= 'Z') col = col * 26 + (ch - 'A' + 1);
        else break;
      }
      if (col == 0) col = static_cast<int>(cells.size()) + 1;
      std::string type = c.attribute("t").value();
      std::string v = c.child("v").text().get();
      if (v.empty()) v = c.select_node("*[local-name()='v']").node().text().get();
      std::string text;
      if (type == "s") {
        size_t i = static_cast<size_t>(std::atol(v.c_str()));
        if (i >= shared.size()) throw Error(ErrorKind::Syntax, "cell " + ref + " names a missing shared string", source, r, col);
        text = shared[i];
      } else if (type == "inlineStr") {
        text = rich_text(c.select_node("*[local-name()='is']").node());
      } else if (type == "str" || type == "e") {
        text = v;
      } else if (type == "b") {
        text = v == "1" ? "TRUE" : "FALSE";
      } else if (!v.empty()) {
        double n = std::atof(v.c_str());
        size_t style = static_cast<size_t>(c.attribute("s").as_int(0));
        if (style < date_style.size() && date_style[style]) {
          text = serial_date(n);
        } else if (std::floor(n) == n && std::fabs(n) < 1e15) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.0f", n);
          text = buf;
        } else {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.15g", n);
          text = buf;
        }
      }
      if (static_cast<int>(cells.size()) < col - 1) cells.resize(col - 1, Cell{"", Location{r, 0}});
      for (size_t k = 0; k < cells.size(); ++k) cells[k].at = Location{r, static_cast<int>(k) + 1};
      cells.push_back(Cell{unicode::to_nfc(text), Location{r, col}});
    }
    if (rows.empty() && cells.empty()) continue;
    // Keep spreadsheet row numbers: pad skipped rows.
    while (!rows.empty() && rows.size() + 1 < static_cast<size_t>(r) && rows.front().size()) rows.push_back({});
    rows.push_back(std::move(cells));
  }
  return rows;
}

std::string utf16_to_utf8(std::string_view bytes, bool little_endian) {
  icu::UnicodeString s;
  for (size_t i = 2; i + 1 < bytes.size(); i += 2) {
    auto lo = static_cast<unsigned char>(bytes[i]), hi = static_cast<unsigned char>(bytes[i + 1]);
    s.append(static_cast<char16_t>(little_endian ? (hi << 8 | lo) : (lo << 8 | hi)));
  }
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

std::string canonical_key(std::string_view header) {
  std::string folded = fold(header);
  auto it = kSynonyms.find(folded);
  return it == kSynonyms.end() ? folded : it->second;
}

RecipientList read_recipient_list(std::string_view bytes, const std::string& source_name, const ListOptions& options) {
  std::vector<std::vector<Cell>> rows;
  std::string converted;
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    rows = read_xlsx(bytes, source_name, options.sheet);
  } else {
    std::string_view text = bytes;
    size_t base = 0;
    if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
      converted = utf16_to_utf8(bytes, bytes[0] == '\xFF');  // Excel's "Unicode text"
      text = converted;
    } else if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
      base = 3;
    }
    SourceMap map(text);
    check_utf8(text, map, source_name);
    std::string_view body = text.substr(base);
    size_t first = body.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && body[first] == '[') {
      Value root = read_json(body, source_name);
      std::vector<std::string> keys;
      std::vector<std::vector<Cell>> table;
      for (const auto& item : root.items) {
        if (item.type != Value::Type::Object) throw Error(ErrorKind::Model, "expected an object per person", source_name, item.where.line, item.where.column);
        for (const auto& [k, v] : item.members)
          if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
      }
      std::vector<Cell> header;
      for (const auto& k : keys) header.push_back(Cell{k, root.where});
      table.push_back(header);
      for (const auto& item : root.items) {
        std::vector<Cell> row;
        for (const auto& k : keys) {
          const Value* v = item.find(k);
          std::string t;
          if (v && v->type == Value::Type::String) t = v->string;
          else if (v && v->type == Value::Type::Number) {
            char buf[32];
            std::snprintf(buf, sizeof buf, v->integral ? "%.0f" : "%g", v->number);
            t = buf;
          } else if (v && v->type != Value::Type::Null) {
            throw Error(ErrorKind::Model, "expected text, got " + std::string(Value::type_name(v->type)), source_name,
                        v->where.line, v->where.column, k);
          }
          row.push_back(Cell{t, v ? v->where : item.where});
        }
        table.push_back(row);
      }
      rows = std::move(table);
    } else {
      rows = parse_csv(body, source_name, map, base, detect_delimiter(body));
    }
  }
  while (!rows.empty() && rows.front().empty()) rows.erase(rows.begin());
  if (rows.empty()) throw Error(ErrorKind::Model, "the list is empty: no header row", source_name);

  RecipientList list;
  const auto& header = rows.front();
  std::set<std::string> seen;
  for (size_t c = 0; c < header.size(); ++c) {
    std::string key;
    auto mapped = options.column_map.find(header[c].text);
    if (mapped == options.column_map.end()) mapped = options.column_map.find(canonical_key(header[c].text));
    key = mapped != options.column_map.end() ? mapped->second : canonical_key(header[c].text);
    if (key.empty()) key = "column_" + std::to_string(c + 1);
    if (!seen.insert(key).second) {
      throw Error(ErrorKind::Model, "two columns mean \"" + key + "\" (\"" + header[c].text + "\")", source_name,
                  header[c].at.line, header[c].at.column);
    }
    list.keys.push_back(key);
  }
  if (!seen.count("ho_ten")) {
    throw Error(ErrorKind::Model, "no name column (\"Họ và tên\" or ho_ten) among: " +
                                      [&] {
                                        std::string all;
                                        for (const auto& h : header) all += (all.empty() ? "" : ", ") + h.text;
                                        return all;
                                      }(),
                source_name, header.empty() ? 1 : header[0].at.line, 1);
  }
  auto columns = std::make_shared<std::map<std::string, int>>();
  for (size_t c = 0; c < list.keys.size(); ++c) (*columns)[list.keys[c]] = static_cast<int>(c) + 1;
  list.rows.reserve(rows.size());
  for (size_t r = 1; r < rows.size(); ++r) {
    auto& cells = rows[r];
    bool empty = true;
    for (const auto& cell : cells) empty = empty && cell.text.find_first_not_of(" \t") == std::string::npos;
    if (!empty) {
      ListRow row;
      row.row = cells.empty() ? static_cast<int>(r) + 1 : cells.front().at.line;
      row.columns = columns;
      for (size_t c = 0; c < list.keys.size() && c < cells.size(); ++c) {
        if (!cells[c].text.empty()) row.fields.emplace(list.keys[c], std::move(cells[c].text));
      }
      list.rows.push_back(std::move(row));
    }
    std::vector<Cell>().swap(cells);  // the table is freed as the rows are made
  }
  return list;
}

int ListRow::column_of(const std::string& key) const {
  if (!columns) return 0;
  auto it = columns->find(key);
  return it == columns->end() ? 0 : it->second;
}

}  // namespace vanban::model
