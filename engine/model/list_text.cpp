// Lists and data files as offices have them (csv.h): the text in whatever encoding it
// came (core/encoding.h), and columns typed with a legacy Vietnamese font converted.
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <map>

#include "core/encoding.h"
#include "core/i18n.h"
#include "core/unicode.h"
#include "model/csv.h"

namespace vanban::model {

Text read_text(std::string_view bytes, const std::string& source, std::vector<Diagnostic>* warnings) {
  Text out;
  const bool utf16 = bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
  const size_t bom = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  if (!utf16 && !unicode::find_invalid_utf8(bytes.substr(bom))) {
    out.text = bytes;  // UTF-8, as nearly every file is: not copied
    out.base = bom;
    return out;
  }
  encoding::Decoded d = encoding::decode(bytes, source);
  if (d.guessed && warnings) {
    Diagnostic w;
    w.severity = Severity::Warning;
    w.kind = ErrorKind::Input;
    w.file = source;
    w.message = trf("the file is not UTF-8; it was read as {0}, the encoding in which its words are Vietnamese",
                    encoding::name(d.encoding));
    w.hint = tr("save it as \"CSV UTF-8 (Comma delimited)\" to be sure");
    warnings->push_back(std::move(w));
  }
  out.decoded = std::move(d.text);
  out.text = out.decoded;
  return out;
}

namespace {

// Whether a text's letters are all capitals (true), all or partly lower case (false), or
// it has no cased letter (nullopt).
std::optional<bool> in_capitals(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  bool upper = false;
  for (int32_t i = 0; i < u.length(); ++i) {
    UChar32 c = u.char32At(i);
    if (u_islower(c)) return false;
    upper = upper || u_isupper(c);
  }
  if (!upper) return std::nullopt;
  return true;
}

struct Fix {
  Cell* cell;
  encoding::Repair repair;
};

}  // namespace

void repair_legacy_columns(std::vector<std::vector<Cell>>& rows, size_t header, const std::string& source,
                           std::vector<Diagnostic>* warnings) {
  if (header >= rows.size()) return;
  // Column -> its header text and the cells to convert, in order.
  std::map<int, std::string> names;
  std::map<int, std::vector<Fix>> fixes;
  std::map<int, int> capitals, lower;  // per column: cells in capitals, cells with lower case (case known)
  for (size_t r = header; r < rows.size(); ++r) {
    for (size_t i = 0; i < rows[r].size(); ++i) {
      Cell& cell = rows[r][i];
      const int col = cell.col > 0 ? cell.col : static_cast<int>(i) + 1;
      const encoding::FontHint hint = encoding::font_hint(cell.font);
      bool plain = hint == encoding::FontHint::None;
      for (char ch : cell.text) plain = plain && static_cast<unsigned char>(ch) < 0x80;
      std::optional<encoding::Repair> repair;
      if (!plain) repair = encoding::repair_cell(cell.text, hint);
      if (r == header) {
        if (repair) cell.text = repair->text;  // a header typed with the font too
        names[col] = cell.text;
        continue;
      }
      if (repair) {
        if (!repair->case_unknown) ++(repair->capitals ? capitals[col] : lower[col]);
        fixes[col].push_back(Fix{&cell, std::move(*repair)});
      } else if (auto caps = in_capitals(cell.text)) {
        ++(*caps ? capitals[col] : lower[col]);
      }
    }
  }
  for (auto& [col, list] : fixes) {
    const bool column_in_capitals = capitals[col] > 0 && lower[col] == 0;
    std::map<encoding::Encoding, size_t> counts;
    for (auto& fix : list) {
      std::string text = std::move(fix.repair.text);
      if (fix.repair.case_unknown && column_in_capitals) text = unicode::to_upper_vi(text);
      fix.cell->text = std::move(text);
      ++counts[fix.repair.encoding];
    }
    if (!warnings) continue;
    const std::string name = names.count(col) && !names[col].empty() ? unicode::excerpt(names[col], 40)
                                                                      : trf("column {0}", col);
    for (auto& [enc, n] : counts) {
      const Cell& first = *list.front().cell;
      Diagnostic w;
      w.severity = Severity::Warning;
      w.kind = ErrorKind::Input;
      w.file = source;
      w.line = first.row ? first.row : first.at.line;
      w.column = first.row ? col : first.at.column;
      w.field = name;
      w.message = trf("column \"{0}\" was typed in {1} and has been converted", name, encoding::name(enc));
      w.hint = trf("{0} cells converted; check them, and type the list in Unicode to avoid this", n);
      warnings->push_back(std::move(w));
    }
  }
}

}  // namespace vanban::model
