#include "model/xlsx_reader.h"

#include <zip.h>
#include <pugixml.hpp>

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <map>

#include "core/encoding.h"
#include "core/error.h"
#include "core/i18n.h"
#include "core/unicode.h"
#include "core/xml_check.h"

namespace vanban::model {
namespace {

// One ZIP entry, inflated in chunks: its declared size is only a hint, and reading stops
// as soon as more than limits.max_zip_entry_bytes came out (a zip bomb, or an entry that
// lies about its size).
std::string zip_entry(zip_t* z, const char* name, bool required, const std::string& source, const Limits& limits) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name, 0, &st) != 0) {
    if (required) throw Error(ErrorKind::Syntax, trf("not an Excel workbook: no {0}", name), source);
    return {};
  }
  auto too_big = [&] {
    return Error(ErrorKind::Input,
                 trf("{0} inflates to more than {1} bytes (limit max_zip_entry_bytes)", name, limits.max_zip_entry_bytes),
                 source);
  };
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limits.max_zip_entry_bytes) {
    throw Error(ErrorKind::Input,
                trf("{0} declares {1} bytes uncompressed, more than {2} (limit max_zip_entry_bytes)", name,
                    static_cast<uint64_t>(st.size), limits.max_zip_entry_bytes),
                source);
  }
  zip_file_t* f = zip_fopen(z, name, 0);
  if (!f) throw Error(ErrorKind::Syntax, trf("cannot read {0}", name), source);
  struct Closer {
    zip_file_t* f;
    ~Closer() { zip_fclose(f); }
  } closer{f};
  std::string data;
  if (st.valid & ZIP_STAT_SIZE) data.reserve(static_cast<size_t>(st.size));
  char chunk[1 << 16];
  for (;;) {
    zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
    if (n < 0) throw Error(ErrorKind::Syntax, trf("cannot read {0}: {1}", name, zip_file_strerror(f)), source);
    if (n == 0) break;
    if (data.size() + static_cast<uint64_t>(n) > limits.max_zip_entry_bytes) throw too_big();
    data.append(chunk, static_cast<size_t>(n));
  }
  return data;
}

// Elements whose local name is `local` ("si" matches <si> and <x:si>), counted on the
// text so a limit can stop a part before its DOM is built.
size_t count_elements(std::string_view xml, std::string_view local) {
  size_t count = 0;
  for (size_t i = xml.find('<'); i != std::string_view::npos; i = xml.find('<', i + 1)) {
    size_t b = i + 1, e = b;
    while (e < xml.size() && xml[e] != '>' && xml[e] != '/' && xml[e] != ' ' && xml[e] != '\t' && xml[e] != '\n' &&
           xml[e] != '\r')
      ++e;
    std::string_view name = xml.substr(b, e - b);
    if (size_t colon = name.rfind(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    if (name == local) ++count;
  }
  return count;
}

pugi::xml_document parse_part(const std::string& xml, const char* part, const std::string& source, const Limits& limits) {
  if (auto problem = xml_check::find_problem(xml, limits.max_nesting)) {
    Location at = SourceMap(xml).at(problem->offset);
    throw Error(ErrorKind::Syntax, trf("{0} line {1}, column {2}: {3}", part, at.line, at.column, problem->message),
                source);
  }
  pugi::xml_document doc;
  auto r = doc.load_buffer(xml.data(), xml.size());
  if (!r) throw Error(ErrorKind::Syntax, trf("malformed {0}: {1}", part, r.description()), source);
  return doc;
}

// OOXML escapes characters XML cannot hold as _xHHHH_ (a carriage return is _x000D_,
// an underscore before such a form _x005F_).
std::string unescape_ooxml(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "_x") == 0 && i + 6 < s.size() && s[i + 6] == '_' &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2])) && std::isxdigit(static_cast<unsigned char>(s[i + 3])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 4])) && std::isxdigit(static_cast<unsigned char>(s[i + 5]))) {
      unsigned c = static_cast<unsigned>(std::stoul(s.substr(i + 2, 4), nullptr, 16));
      if (c < 0x80) {
        out += static_cast<char>(c);
      } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
      } else if (c < 0xD800 || c > 0xDFFF) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
      } else {
        out += "\xEF\xBF\xBD";  // a lone surrogate: U+FFFD
      }
      i += 6;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string rich_text(const pugi::xml_node& si) {
  std::string out;
  for (auto t : si.select_nodes(".//*[local-name()='t']")) out += t.node().text().get();
  return unescape_ooxml(std::move(out));
}

// The font a rich text's runs name (<rPr><rFont val=".VnTime"/>) when it is a legacy
// Vietnamese font (core/encoding.h), else empty.
std::string legacy_run_font(const pugi::xml_node& si) {
  for (auto f : si.select_nodes(".//*[local-name()='rFont']")) {
    std::string name = f.node().attribute("val").value();
    if (encoding::font_hint(name) != encoding::FontHint::None) return name;
  }
  return {};
}

std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  if (size_t colon = name.rfind(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
  return name;
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

// Excel serial day -> "dd/mm/yyyy". Precondition: 0 <= serial < 3e6 (1 <= serial in the
// 1900 system). The 1900 system counts from 1 = 01/01/1900 and has Excel's (Lotus's)
// non-existent 29/02/1900 as day 60: days before it are one less than a count from
// 31/12/1899 would give. The 1904 system (Mac Excel, workbookPr date1904) counts from
// 0 = 01/01/1904.
std::string serial_date(double serial, bool date1904) {
  long days = static_cast<long>(std::floor(serial));
  long unix_days;  // days since 01/01/1970
  if (date1904) {
    unix_days = days - 24107;
  } else {
    if (days == 60) return "29/02/1900";  // as Excel shows it
    unix_days = (days < 60 ? days + 1 : days) - 25569;
  }
  long z = unix_days + 719468;  // to days since 0000-03-01 (civil_from_days)
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

std::string number_text(double n, bool date, bool date1904) {
  char buf[32];
  if (date && n >= (date1904 ? 0 : 1) && n < 2958466) return serial_date(n, date1904);  // up to 31/12/9999
  if (std::floor(n) == n && std::fabs(n) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", n);
  else std::snprintf(buf, sizeof buf, "%.15g", n);
  return buf;
}

constexpr long kExcelRows = 1'048'576;

}  // namespace

size_t column_of_reference(std::string_view ref, size_t max_column) {
  size_t col = 0;
  for (char ch : ref) {
    if (ch < 'A' || ch > 'Z') break;
    col = col * 26 + static_cast<size_t>(ch - 'A' + 1);
    if (col > max_column) return max_column + 1;
  }
  return col;
}

std::vector<std::vector<Cell>> read_xlsx(std::string_view bytes, const std::string& source, const std::string& sheet_name,
                                         const Limits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (!z) {
    if (src) zip_source_free(src);
    throw Error(ErrorKind::Syntax, tr("not a readable XLSX (ZIP) file"), source);
  }
  struct Closer {
    zip_t* z;
    ~Closer() { zip_discard(z); }
  } closer{z};

  auto workbook = parse_part(zip_entry(z, "xl/workbook.xml", true, source, limits), "workbook.xml", source, limits);
  auto rels = parse_part(zip_entry(z, "xl/_rels/workbook.xml.rels", true, source, limits), "workbook.xml.rels", source,
                         limits);
  // Mac Excel's 1904 date system: serial 0 is 01/01/1904, not 31/12/1899 (1,462 days).
  const std::string date1904_flag =
      workbook.select_node("//*[local-name()='workbookPr']").node().attribute("date1904").value();
  const bool date1904 = date1904_flag == "1" || date1904_flag == "true";
  std::string rid, available;
  for (auto s : workbook.select_nodes("//*[local-name()='sheet']")) {
    std::string name = s.node().attribute("name").value();
    if (available.size() < 200) available += (available.empty() ? "" : ", ") + unicode::excerpt(name, 40);
    if (rid.empty() && (sheet_name.empty() || name == sheet_name)) rid = s.node().attribute("r:id").value();
  }
  if (rid.empty()) {
    throw Error(ErrorKind::Model, trf("no sheet \"{0}\" (sheets: {1})", unicode::excerpt(sheet_name), available), source);
  }
  std::string target;
  for (auto r : rels.select_nodes("//*[local-name()='Relationship']"))
    if (rid == r.node().attribute("Id").value()) target = r.node().attribute("Target").value();
  if (target.empty()) throw Error(ErrorKind::Syntax, tr("the workbook names a sheet it does not contain"), source);
  std::string path = target[0] == '/' ? target.substr(1) : "xl/" + target;

  std::vector<std::string> shared;
  std::vector<std::pair<size_t, std::string>> shared_fonts;  // strings whose runs name a legacy font
  std::string sst = zip_entry(z, "xl/sharedStrings.xml", false, source, limits);
  if (!sst.empty()) {
    if (count_elements(sst, "si") > limits.max_shared_strings) {
      limit_exceeded(source, trf("the workbook has more than {0} shared strings (limit max_shared_strings)",
                                 limits.max_shared_strings));
    }
    auto doc = parse_part(sst, "sharedStrings.xml", source, limits);
    std::string().swap(sst);
    for (auto si : doc.select_nodes("//*[local-name()='si']")) {
      shared.push_back(unicode::to_nfc(rich_text(si.node())));
      if (std::string font = legacy_run_font(si.node()); !font.empty()) shared_fonts.emplace_back(shared.size() - 1, font);
    }
  }
  std::vector<bool> date_style;
  std::vector<std::string> style_font;  // cell style -> its font's name (read for TCVN3/VNI fonts)
  std::string styles_xml = zip_entry(z, "xl/styles.xml", false, source, limits);
  if (!styles_xml.empty()) {
    auto doc = parse_part(styles_xml, "styles.xml", source, limits);
    std::map<int, std::string> codes;
    for (auto f : doc.select_nodes("//*[local-name()='numFmt']"))
      codes[f.node().attribute("numFmtId").as_int()] = f.node().attribute("formatCode").value();
    std::vector<std::string> fonts;
    for (auto f : doc.select_nodes("//*[local-name()='fonts']/*[local-name()='font']")) {
      std::string name;
      for (auto k : f.node().children())
        if (local_name(k) == "name") name = k.attribute("val").value();
      fonts.push_back(name);
    }
    auto xfs = doc.select_node("//*[local-name()='cellXfs']").node();
    for (auto xf : xfs.children()) {
      int id = xf.attribute("numFmtId").as_int();
      date_style.push_back(is_date_format(id, codes.count(id) ? codes[id] : ""));
      size_t font = xf.attribute("fontId").as_uint(0);
      style_font.push_back(font < fonts.size() ? fonts[font] : std::string());
    }
  }

  std::string sheet_xml = zip_entry(z, path.c_str(), true, source, limits);
  if (count_elements(sheet_xml, "c") > limits.max_cells) {
    limit_exceeded(source, trf("the sheet has more than {0} cells (limit max_cells)", limits.max_cells));
  }
  auto sheet = parse_part(sheet_xml, path.c_str(), source, limits);
  std::string().swap(sheet_xml);
  std::vector<std::vector<Cell>> rows;
  size_t non_empty = 0;
  long last_row = 0;
  for (auto rn : sheet.select_nodes("//*[local-name()='sheetData']/*[local-name()='row']")) {
    pugi::xml_node row = rn.node();
    long r = last_row + 1;
    if (auto attr = row.attribute("r")) {
      std::string_view digits = attr.value();
      r = 0;
      for (char ch : digits) {
        if (ch < '0' || ch > '9' || r > kExcelRows) {
          r = kExcelRows + 1;
          break;
        }
        r = r * 10 + (ch - '0');
      }
      if (r < 1 || r > kExcelRows) {
        throw Error(ErrorKind::Syntax,
                    trf("row number \"{0}\" is out of range (Excel rows are 1 to {1})", unicode::excerpt(digits, 20),
                        kExcelRows),
                    source);
      }
    }
    last_row = r;
    const int ri = static_cast<int>(r);
    std::vector<Cell> cells;
    size_t last_col = 0;
    for (pugi::xml_node c : row.children()) {
      if (c.type() != pugi::node_element || local_name(c) != "c") continue;
      std::string ref = c.attribute("r").value();
      size_t col = column_of_reference(ref, limits.max_columns);
      if (col > limits.max_columns) {
        throw Error(ErrorKind::Model,
                    trf("cell {0} is past column {1} (limit max_columns)", unicode::excerpt(ref, 20), limits.max_columns),
                    source, ri, 0);
      }
      if (col == 0) col = last_col + 1;
      if (col > limits.max_columns) {
        limit_exceeded(source, trf("row {0} has more than {1} columns (limit max_columns)", r, limits.max_columns),
                       Location{ri, 0});
      }
      last_col = col;
      const int ci = static_cast<int>(col);
      std::string type = c.attribute("t").value();
      pugi::xml_node v_node;
      pugi::xml_node is_node;
      for (pugi::xml_node k : c.children()) {
        if (local_name(k) == "v" && !v_node) v_node = k;
        if (local_name(k) == "is" && !is_node) is_node = k;
      }
      std::string v = v_node.text().get();
      std::string text, font;
      const int style = c.attribute("s").as_int(0);
      if (style >= 0 && static_cast<size_t>(style) < style_font.size()) font = style_font[style];
      if (type == "s") {
        size_t i = 0;
        bool ok = !v.empty() && v.size() <= 10;
        for (char ch : v) ok = ok && ch >= '0' && ch <= '9';
        if (ok) i = static_cast<size_t>(std::stoull(v));
        if (!ok || i >= shared.size()) {
          throw Error(ErrorKind::Syntax, trf("cell {0} names a missing shared string", unicode::excerpt(ref, 20)), source,
                      ri, ci);
        }
        text = shared[i];
        auto run = std::lower_bound(shared_fonts.begin(), shared_fonts.end(), std::make_pair(i, std::string()));
        if (run != shared_fonts.end() && run->first == i) font = run->second;
      } else if (type == "inlineStr") {
        text = unicode::to_nfc(rich_text(is_node));
      } else if (type == "str" || type == "e") {
        text = unicode::to_nfc(unescape_ooxml(v));
      } else if (type == "b") {
        text = v == "1" ? "TRUE" : "FALSE";
      } else if (!v.empty()) {
        bool date = style >= 0 && static_cast<size_t>(style) < date_style.size() && date_style[style];
        text = number_text(std::atof(v.c_str()), date, date1904);
      }
      if (text.empty()) continue;
      if (text.size() > limits.max_text_bytes) {
        limit_exceeded(source, trf("a cell has more than {0} bytes of text (limit max_text_bytes)", limits.max_text_bytes),
                       Location{ri, ci});
      }
      if (++non_empty > limits.max_cells) {
        limit_exceeded(source, trf("the list has more than {0} non-empty cells (limit max_cells)", limits.max_cells),
                       Location{ri, ci});
      }
      Cell cell{std::move(text), Location{ri, ci}, {}, ri, ci, std::move(font)};
      cell.problem = tidy_cell(cell.text);
      cells.push_back(std::move(cell));
    }
    if (cells.empty()) continue;
    if (rows.size() > limits.max_rows) {  // the header and max_rows rows
      limit_exceeded(source, trf("the list has more than {0} rows (limit max_rows)", limits.max_rows), Location{ri, 0});
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

}  // namespace vanban::model
