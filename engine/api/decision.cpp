// The recognition decision (Quyết định khen thưởng) and its danh sách, from the list the
// certificates are made from: the same rows in the same order (sorted and grouped as the
// batch sorts and groups them), the same golden-book numbers, one table row per
// certificate.
#include <algorithm>
#include <set>

#include "core/error.h"
#include "core/i18n.h"
#include "core/unicode.h"
#include "model/recipient_list.h"
#include "vanban/engine.h"
#include "wording/wording.h"

namespace vanban {
namespace {

bool any_has(const std::vector<const model::ListRow*>& rows, const std::string& key) {
  return std::any_of(rows.begin(), rows.end(), [&](const model::ListRow* r) { return !r->field(key).empty(); });
}

model::TableCell cell(const std::string& text, const std::string& align = "", bool bold = false) {
  model::TableCell c;
  if (!text.empty()) c.text.push_back(model::Span{text, bold, false});
  c.align = align;
  return c;
}

model::ColumnWidth width(model::ColumnWidth::Kind kind, double value) {
  model::ColumnWidth w;
  w.kind = kind;
  w.value = value;
  return w;
}

// "{so_luong}" in the decision's texts becomes the number of rows ("Tặng Giấy khen cho
// {so_luong} cá nhân …"); other braces are kept as written.
void fill_count(model::RichText& text, size_t count) {
  for (auto& span : text) {
    if (span.text.find("{so_luong}") == std::string::npos) continue;
    span.text = wording::fill_pattern(span.text, [&](const std::string& key) {
      return key == "so_luong" ? std::to_string(count) : "{" + key + "}";
    });
  }
}

void fill_count(std::vector<model::Block>& blocks, size_t count) {
  for (auto& b : blocks) {
    fill_count(b.title, count);
    fill_count(b.text, count);
    fill_count(b.children, count);
  }
}

// The rows' decision number and date ("125/QĐ-SGDĐT", "15/5/2022") must be the
// decision's own; a decision that leaves them out takes them from the rows.
void agree_on_number_and_date(model::Document& decision, const std::vector<const model::ListRow*>& rows) {
  std::string number = decision.number.number, symbol = decision.number.symbol;
  std::string written = number.empty() ? "" : number + "/" + (decision.number.year.empty() ? "" : decision.number.year + "/") + symbol;
  const model::ListRow* first = nullptr;
  for (const model::ListRow* r : rows) {
    const std::string& given = r->field("so_quyet_dinh");
    if (given.empty()) continue;
    if (!first) {
      first = r;
      if (written.empty()) {
        // "125/QĐ-SGDĐT" -> number 125, symbol QĐ-SGDĐT ("33/2009/QĐ-UBND": year 2009).
        size_t slash = given.find('/');
        size_t second = slash == std::string::npos ? slash : given.find('/', slash + 1);
        if (slash == std::string::npos) {
          throw Error(ErrorKind::Model, trf("the decision number \"{0}\" has no \"/\" before its symbol", unicode::excerpt(given)),
                      {}, r->row, r->column_of("so_quyet_dinh"), model::row_label(*r) + ", so_quyet_dinh");
        }
        decision.number.number = given.substr(0, slash);
        if (second != std::string::npos) {
          decision.number.year = given.substr(slash + 1, second - slash - 1);
          decision.number.symbol = given.substr(second + 1);
        } else {
          decision.number.symbol = given.substr(slash + 1);
        }
        decision.omit_number = false;
        written = given;
      }
    }
    if (given != written) {
      throw Error(ErrorKind::Model,
                  trf("the row names decision \"{0}\", but the decision is \"{1}\": a certificate and its decision "
                      "must name the same number",
                      unicode::excerpt(given), unicode::excerpt(written)),
                  {}, r->row, r->column_of("so_quyet_dinh"), model::row_label(*r) + ", so_quyet_dinh");
    }
  }
  // The date: from the first row that has one when the decision gives none; else equal.
  for (const model::ListRow* r : rows) {
    const std::string& given = r->field("ngay_quyet_dinh");
    if (given.empty()) continue;
    int d = 0, m = 0, y = 0;
    if (!wording::parse_list_date(given, d, m, y)) continue;  // certificate_text has reported it
    if (decision.date.day == 0 && decision.date.month == 0) {
      decision.date = model::Date{d, m, y};
      continue;
    }
    if (decision.date.day != d || decision.date.month != m || decision.date.year != y) {
      throw Error(ErrorKind::Model,
                  trf("the row's decision date {0} is not the decision's ({1}/{2}/{3})", unicode::excerpt(given),
                      decision.date.day, decision.date.month, decision.date.year),
                  {}, r->row, r->column_of("ngay_quyet_dinh"), model::row_label(*r) + ", ngay_quyet_dinh");
    }
  }
}

std::string default_list_title(const style::Template& certificate) {
  std::string title;
  for (const auto& line : certificate.certificate.title_lines) title += (title.empty() ? "" : " ") + line;
  return "DANH SÁCH ĐƯỢC " + certificate.certificate.verb + (title.empty() ? "" : " " + title);
}

}  // namespace

Decision Engine::recognition_decision(const style::Template& certificate, std::string_view list,
                                      const std::string& source_name, model::Document decision,
                                      const BatchOptions& options, const DecisionOptions& how) const {
  model::RecipientList recipients = model::read_recipient_list(list, source_name, options.list);
  const std::vector<const model::ListRow*> all = batch_rows(certificate, recipients, options);
  if (all.empty()) throw Error(ErrorKind::Model, tr("the list has no rows under its header"), source_name);
  // A row that cannot make a certificate is left out of the decision as the batch leaves
  // it out of the certificates, and reported the same way.
  Decision out;
  out.rows.rows = all.size();
  out.rows.warnings = recipients.warnings;
  std::vector<const model::ListRow*> rows;
  for (const model::ListRow* r : all) {
    try {
      wording::certificate_text(certificate, *r);
      rows.push_back(r);
    } catch (const Error& e) {
      out.rows.errors.push_back(BatchRowError{e.line(), e.column(), e.field_path(), e.message(), r->field("stt")});
    }
  }
  out.rows.produced = rows.size();
  if (rows.empty()) throw Error(ErrorKind::Model, tr("no row of the list can be honoured (every row has an error)"), source_name);
  agree_on_number_and_date(decision, rows);
  fill_count(decision.body, rows.size());
  for (auto& line : decision.preamble) fill_count(line, rows.size());

  // STT | Họ và tên | Chức vụ | Đơn vị | Thành tích | Số sổ vàng — the columns the list has.
  using Kind = model::ColumnWidth::Kind;
  struct Column {
    std::string key, title, align;
    model::ColumnWidth width;
  };
  std::vector<Column> columns{{"", "STT", "center", width(Kind::Fit, 1)}, {"ho_ten", "Họ và tên", "", width(Kind::Proportional, 3)}};
  if (any_has(rows, "chuc_vu")) columns.push_back({"chuc_vu", "Chức vụ", "", width(Kind::Proportional, 2)});
  if (any_has(rows, "don_vi") && !options.group_by_unit) columns.push_back({"don_vi", "Đơn vị", "", width(Kind::Proportional, 3)});
  if (any_has(rows, "thanh_tich")) columns.push_back({"thanh_tich", "Thành tích", "", width(Kind::Proportional, 5)});
  if (any_has(rows, "so_so_vang")) columns.push_back({"so_so_vang", "Số sổ vàng", "center", width(Kind::Fit, 1)});

  model::Block table;
  table.kind = model::BlockKind::Table;
  table.field_path = "list";
  std::vector<model::TableCell> header;
  for (const auto& c : columns) {
    table.table.columns.push_back(model::TableColumn{c.width, c.align});
    header.push_back(cell(c.title, "center"));
  }
  table.table.header.push_back(std::move(header));
  std::string unit;
  for (size_t i = 0; i < rows.size(); ++i) {
    const model::ListRow& r = *rows[i];
    if (options.group_by_unit && (i == 0 || r.field("don_vi") != unit)) {
      unit = r.field("don_vi");
      model::TableCell group = cell(unit.empty() ? "(Không ghi đơn vị)" : unit, "left", true);
      group.colspan = static_cast<int>(columns.size());
      table.table.rows.push_back({group});
    }
    std::vector<model::TableCell> cells;
    for (const auto& c : columns) {
      model::TableCell x = cell(c.key.empty() ? std::to_string(i + 1) : r.field(c.key), c.align);
      x.field_path = model::row_label(r) + (c.key.empty() ? "" : ", " + c.key);
      cells.push_back(std::move(x));
    }
    table.table.rows.push_back(std::move(cells));
  }
  model::Appendix appendix;
  appendix.title = how.list_title.empty() ? default_list_title(certificate) : how.list_title;
  appendix.body.push_back(std::move(table));
  appendix.field_path = "list";
  decision.appendices.push_back(std::move(appendix));
  out.document = std::move(decision);
  return out;
}

}  // namespace vanban
