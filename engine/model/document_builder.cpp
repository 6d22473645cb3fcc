// Value tree -> validated model::Document: the document's own fields (the blocks are
// read in block_builder.cpp), with field paths in every error.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

#include "core/error.h"
#include "core/i18n.h"
#include "core/suggest.h"
#include "core/unicode.h"
#include "model/builder.h"
#include "model/document.h"
#include "model/reader.h"
#include "model/value.h"

namespace vanban::model {

Document Builder::document(const Value& root) const {
  Document d;
  try {
    read_document(root, d);
  } catch (const Skip&) {
  } catch (const Stop&) {
  }
  // By line, the first mistake of the file first (on one line in the order read: an
  // unknown field before the required one it was probably meant to be).
  std::vector<Diagnostic> all = diagnostics_.take();
  std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.line == 0 || b.line == 0) return a.line != 0 && b.line == 0;
    return a.line < b.line;
  });
  Diagnostics sorted(all.size() + 1);
  for (auto& item : all) sorted.add(std::move(item));
  sorted.throw_if_errors();
  return d;
}

// Each top-level field is read on its own: a mistake in one leaves the others read.
void Builder::read_document(const Value& root, Document& d) const {
  expect(root, Type::Object, "");
  allow(root, "", {"template", "parent_agency", "issuing_agency", "national_title", "motto", "number", "place",
                   "date", "subject", "marks", "kinh_gui", "authority", "preamble", "body", "recipients",
                   "signature", "signatures", "signature_arrangement", "address", "numbering", "copy",
                   "issuer_name", "appendix_numbering", "appendices"});
  attempt([&] { if (auto v = root.find("template")) d.template_name = string(*v, "template"); });
  attempt([&] { if (auto v = root.find("parent_agency")) d.parent_agency = lines(*v, "parent_agency"); });
  attempt([&] {
    d.issuing_agency = lines(require(root, "issuing_agency", ""), "issuing_agency");
    if (d.issuing_agency.empty()) fail(require(root, "issuing_agency", ""), "issuing_agency", tr("must not be empty"));
  });
  attempt([&] { if (auto v = root.find("national_title")) d.national_title = string(*v, "national_title"); });
  attempt([&] { if (auto v = root.find("motto")) d.motto = string(*v, "motto"); });
  attempt([&] {
    if (auto v = root.find("number")) {
      // `"number": null` (XML: an empty <number/>): no "Số:" line at all.
      if (v->type == Type::Null || (v->type == Type::String && v->from_text && v->string.empty())) d.omit_number = true;
      else d.number = number(*v, "number");
    }
  });
  attempt([&] { d.place = nonempty_string(require(root, "place", ""), "place"); });
  attempt([&] { d.date = date(require(root, "date", ""), "date"); });
  attempt([&] { d.subject = nonempty_string(require(root, "subject", ""), "subject"); });
  attempt([&] { if (auto v = root.find("marks")) d.marks = marks(*v, "marks"); });
  attempt([&] { if (auto v = root.find("kinh_gui")) d.kinh_gui = lines(*v, "kinh_gui"); });
  attempt([&] { if (auto v = root.find("authority")) d.authority = nonempty_string(*v, "authority"); });
  attempt([&] {
    const Value* v = root.find("preamble");
    if (!v) return;
    if (v->type == Type::String) {
      d.preamble.push_back(rich(*v, "preamble"));
      return;
    }
    expect(*v, Type::Array, "preamble");
    for (size_t i = 0; i < v->items.size(); ++i) {
      attempt([&] {
        RichText item = rich(v->items[i], index("preamble", i));
        if (item.empty()) fail(v->items[i], index("preamble", i), tr("must not be empty"));
        d.preamble.push_back(std::move(item));
      });
    }
  });
  attempt([&] { d.body = blocks(require(root, "body", ""), "body"); });
  attempt([&] { if (auto v = root.find("recipients")) d.recipients = lines(*v, "recipients"); });
  attempt([&] {
    const Value* one = root.find("signature");
    const Value* several = root.find("signatures");
    if (one && several) {
      fail(*several, "signatures", tr("give \"signature\" (one) or \"signatures\" (several), not both"));
    }
    if (one) {
      d.signatures.push_back(signature(*one, "signature"));
    } else if (several) {
      expect(*several, Type::Array, "signatures");
      if (several->items.empty()) fail(*several, "signatures", tr("must not be empty"));
      for (size_t i = 0; i < several->items.size(); ++i)
        attempt([&] { d.signatures.push_back(signature(several->items[i], index("signatures", i))); });
    } else {
      fail(root, "signature", tr("missing (required): \"signature\" or \"signatures\""));
    }
  });
  attempt([&] {
    if (auto v = root.find("signature_arrangement")) {
      std::string a = one_of(*v, "signature_arrangement", {"side-by-side", "stacked"});
      d.signature_arrangement = a == "stacked" ? SignatureArrangement::Stacked : SignatureArrangement::SideBySide;
    }
  });
  attempt([&] { if (auto v = root.find("address")) d.address = lines(*v, "address"); });
  attempt([&] { if (auto v = root.find("numbering")) d.numbering = numbering(*v, "numbering"); });
  attempt([&] { if (auto v = root.find("copy")) d.copy = copy(*v, "copy"); });
  attempt([&] { if (auto v = root.find("issuer_name")) d.issuer_name = string(*v, "issuer_name"); });
  attempt([&] {
    if (auto v = root.find("appendix_numbering")) {
      std::string n = one_of(*v, "appendix_numbering", {"auto", "roman", "arabic", "none"});
      if (n == "auto") d.appendix_numbering = AppendixNumbering::Auto;
      else if (n == "roman") d.appendix_numbering = AppendixNumbering::Roman;
      else if (n == "arabic") d.appendix_numbering = AppendixNumbering::Arabic;
      else d.appendix_numbering = AppendixNumbering::None;
    }
  });
  attempt([&] {
    const Value* v = root.find("appendices");
    if (!v) return;
    expect(*v, Type::Array, "appendices");
    for (size_t i = 0; i < v->items.size(); ++i)
      attempt([&] { d.appendices.push_back(appendix(v->items[i], index("appendices", i))); });
  });
}

void Builder::report(const Value& v, const std::string& path, const std::string& message, const std::string& hint) const {
  // Past the collector's limit an error is only counted ("… more errors not shown"), and
  // a while later reading stops: an input of a million bad items is not read to its end.
  diagnostics_.error(ErrorKind::Model, message, source_, v.where.line, v.where.column, path, hint);
  if (++reported_ >= kMaxReported) throw Stop{};
}

void Builder::fail(const Value& v, const std::string& path, const std::string& message, const std::string& hint) const {
  report(v, path, message, hint);
  throw Skip{};
}

void Builder::skip_if_failed(size_t errors_before) const {
  if (diagnostics_.error_count() > errors_before) throw Skip{};
}

void Builder::stop(const Value& v, const std::string& path, const std::string& message) const {
  diagnostics_.error(ErrorKind::Model, message, source_, v.where.line, v.where.column, path);
  throw Stop{};
}

std::string Builder::describe(const Value& v) {
  switch (v.type) {
    case Type::String: return "\"" + unicode::excerpt(v.string, 40) + "\"";
    case Type::Number: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", v.number);
      return buf;
    }
    case Type::Bool: return v.boolean ? "true" : "false";
    default: return Value::type_name(v.type);
  }
}

void Builder::expect(const Value& v, Type t, const std::string& path) const {
  if (v.type != t) fail(v, path, trf("expected {0}, got {1}", Value::type_name(t), describe(v)));
}

void Builder::allow(const Value& obj, const std::string& path, std::initializer_list<const char*> keys) const {
  const std::vector<std::string> allowed(keys.begin(), keys.end());
  for (size_t i = 0; i < obj.members.size(); ++i) {
    const std::string& key = obj.members[i].first;
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    Value at;
    at.where = i < obj.member_where.size() ? obj.member_where[i] : obj.where;
    std::string hint;
    if (!diagnostics_.full()) {  // past the limit the error is only counted
      hint = did_you_mean(key, allowed);
      if (hint.empty()) {
        std::string list;
        for (const auto& k : allowed) list += (list.empty() ? "" : ", ") + k;
        hint = trf("the fields here are {0}", list);
      }
    }
    report(at, join(path, unicode::excerpt(key)), trf("unknown field \"{0}\"", unicode::excerpt(key)), hint);
  }
}

const Value& Builder::require(const Value& obj, const std::string& key, const std::string& path) const {
  const Value* v = obj.find(key);
  if (!v) fail(obj, join(path, key), tr("missing (required)"));
  return *v;
}

std::string Builder::text(const std::string& s, const Value& at, const std::string& path) const {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;  // "\r\n" -> "\n"
    bool control = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ||
                   (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(s[i + 1]) <= 0x9F);  // C1 controls U+0080–U+009F
    if (control) {
      std::string code = unicode::describe_code_point(s, i);
      fail(at, path, trf("control character {0} is not allowed", code.substr(0, code.find(' '))));
    }
    out += s[i];
  }
  return out;
}

std::string Builder::string(const Value& v, const std::string& path) const {
  expect(v, Type::String, path);
  return text(v.string, v, path);
}

std::string Builder::nonempty_string(const Value& v, const std::string& path) const {
  std::string s = string(v, path);
  if (s.find_first_not_of(" \t\n") == std::string::npos) fail(v, path, tr("must not be empty"));
  return s;
}

std::string Builder::one_of(const Value& v, const std::string& path, std::initializer_list<const char*> allowed) const {
  std::string s = string(v, path);
  std::string list;
  size_t n = 0;
  for (const char* a : allowed) {
    if (s == a) return s;
    list += (n == 0 ? "" : n + 1 == allowed.size() ? tr(" or ") : ", ") + std::string("\"") + a + "\"";
    ++n;
  }
  fail(v, path, trf("expected {0}, got {1}", list, describe(v)),
       did_you_mean(s, std::vector<std::string>(allowed.begin(), allowed.end())));
}

bool Builder::boolean(const Value& v, const std::string& path) const {
  if (v.type == Type::Bool) return v.boolean;
  if (v.type == Type::String && v.from_text && (v.string == "true" || v.string == "false")) return v.string == "true";
  fail(v, path, trf("expected true or false, got {0}", describe(v)));
}

std::vector<std::string> Builder::lines(const Value& v, const std::string& path) const {
  if (v.type == Type::String) {
    std::string s = string(v, path);
    return s.empty() ? std::vector<std::string>{} : std::vector<std::string>{s};
  }
  expect(v, Type::Array, path);
  std::vector<std::string> out;
  const size_t errors = diagnostics_.error_count();
  for (size_t i = 0; i < v.items.size(); ++i) attempt([&] { out.push_back(string(v.items[i], index(path, i))); });
  skip_if_failed(errors);
  return out;
}

int Builder::integer_or_blank(const Value* v, const std::string& path, int lo, int hi) const {
  if (!v || v->type == Type::Null || (v->type == Type::String && v->from_text && v->string.empty())) return 0;
  double n = 0;
  bool ok = false;
  if (v->type == Type::Number && v->integral) {
    n = v->number;
    ok = true;
  } else if (v->type == Type::String && v->from_text && v->string.find_first_not_of("0123456789") == std::string::npos &&
             v->string.size() < 9) {
    n = std::stod(v->string);
    ok = true;
  }
  if (!ok || n < lo || n > hi) {
    fail(*v, path, trf("expected an integer from {0} to {1}, got {2}", lo, hi, describe(*v)));
  }
  return static_cast<int>(n);
}

RichText Builder::rich(const Value& v, const std::string& path) const {
  RichText out;
  if (v.type == Type::String) {
    std::string s = string(v, path);
    if (!s.empty()) out.push_back(Span{s, false, false});
    return out;
  }
  if (v.type != Type::Array) fail(v, path, trf("expected text: a string or an array of spans, got {0}", describe(v)));
  const size_t errors = diagnostics_.error_count();
  for (size_t i = 0; i < v.items.size(); ++i) {
    attempt([&] {
      const Value& item = v.items[i];
      std::string p = index(path, i);
      if (item.type == Type::String) {
        std::string s = string(item, p);
        if (!s.empty()) out.push_back(Span{s, false, false});
        return;
      }
      if (item.type != Type::Object || item.members.size() != 1) {
        fail(item, p, trf("expected a string or {{\"b\"|\"i\"|\"bi\": \"text\"}, got {0}", describe(item)));
      }
      const auto& [key, value] = item.members[0];
      if (key != "b" && key != "i" && key != "bi") {
        fail(item, join(p, unicode::excerpt(key)), trf("unknown emphasis \"{0}\" (b, i or bi)", unicode::excerpt(key)),
             did_you_mean(key, {"b", "i", "bi"}));
      }
      out.push_back(Span{string(value, join(p, key)), key != "i", key != "b"});
    });
  }
  skip_if_failed(errors);  // a text with a bad span is not checked further (say, for being empty)
  return out;
}

DocumentNumber Builder::number(const Value& v, const std::string& path) const {
  expect(v, Type::Object, path);
  allow(v, path, {"number", "year", "symbol"});
  const size_t errors = diagnostics_.error_count();
  DocumentNumber n;
  attempt([&] {
    const Value* num = v.find("number");
    if (!num) return;
    if (num->type == Type::Number) {
      int i = integer_or_blank(num, join(path, "number"), 1, 99999999);
      n.number = (i < 10 ? "0" : "") + std::to_string(i);  // ND30-SO-2: 01 … 09
    } else if (num->type != Type::Null) {
      n.number = string(*num, join(path, "number"));
    }
  });
  // "Số: 33/2009/QĐ-UBND": the year of a legal document's number, as 4 digits.
  attempt([&] {
    const Value* year = v.find("year");
    if (!year || year->type == Type::Null) return;
    std::string p = join(path, "year");
    if (year->type == Type::Number) {
      n.year = std::to_string(integer_or_blank(year, p, 1900, 2200));
    } else {
      n.year = string(*year, p);
      if (n.year.empty() && year->from_text) {
        // year="" in XML: none
      } else if (n.year.size() != 4 || n.year.find_first_not_of("0123456789") != std::string::npos) {
        fail(*year, p, trf("expected a year: an integer from 1900 to 2200 or 4 digits, got {0}", describe(*year)));
      }
    }
  });
  attempt([&] { n.symbol = string(require(v, "symbol", path), join(path, "symbol")); });
  skip_if_failed(errors);
  return n;
}

Date Builder::date(const Value& v, const std::string& path) const {
  expect(v, Type::Object, path);
  allow(v, path, {"day", "month", "year"});
  const size_t errors = diagnostics_.error_count();
  Date d;
  attempt([&] {
    d.year = integer_or_blank(&require(v, "year", path), join(path, "year"), 1900, 2200);
    if (d.year == 0) fail(require(v, "year", path), join(path, "year"), tr("the year may not be left blank"));
  });
  attempt([&] { d.month = integer_or_blank(v.find("month"), join(path, "month"), 1, 12); });
  attempt([&] { d.day = integer_or_blank(v.find("day"), join(path, "day"), 1, 31); });
  skip_if_failed(errors);
  if (d.day && d.month) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    int max = d.month == 2 ? (leap ? 29 : 28) : days[d.month - 1];
    if (d.day > max) {
      fail(*v.find("day"), join(path, "day"), trf("day {0} does not exist in month {1} of {2}", d.day, d.month, d.year));
    }
  }
  return d;
}

Signature Builder::signature(const Value& v, const std::string& path) const {
  expect(v, Type::Object, path);
  allow(v, path, {"authority", "signer_name"});
  const size_t errors = diagnostics_.error_count();
  Signature s;
  attempt([&] { s.authority_lines = lines(require(v, "authority", path), join(path, "authority")); });
  // Optional: a block signed by hand, its name unknown when the document is issued (the
  // confirmation of Giấy nghỉ phép, Mẫu 1.10) prints its room to sign without a name.
  attempt([&] { if (auto n = v.find("signer_name")) s.signer_name = nonempty_string(*n, join(path, "signer_name")); });
  s.field_path = path;
  skip_if_failed(errors);
  return s;
}

Marks Builder::marks(const Value& v, const std::string& path) const {
  expect(v, Type::Object, path);
  allow(v, path, {"secrecy", "urgency", "circulation", "draft"});
  const size_t errors = diagnostics_.error_count();
  Marks m;
  // ND30-MAT-1: the three degrees of secrecy.
  attempt([&] {
    if (auto s = v.find("secrecy")) m.secrecy = one_of(*s, join(path, "secrecy"), {"MẬT", "TỐI MẬT", "TUYỆT MẬT"});
  });
  // ND30-KHAN-1: the three degrees of urgency; "HOẢ TỐC" (the other accent placement) is the same word.
  attempt([&] {
    auto u = v.find("urgency");
    if (!u) return;
    if (u->type == Type::String && u->string == "HOẢ TỐC") m.urgency = "HỎA TỐC";
    else m.urgency = one_of(*u, join(path, "urgency"), {"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"});
  });
  attempt([&] { if (auto c = v.find("circulation")) m.circulation = nonempty_string(*c, join(path, "circulation")); });
  attempt([&] { if (auto dr = v.find("draft")) m.draft = boolean(*dr, join(path, "draft")); });
  skip_if_failed(errors);
  return m;
}

std::vector<std::pair<std::string, std::string>> Builder::numbering(const Value& v, const std::string& path) const {
  expect(v, Type::Object, path);
  allow(v, path, {"part", "chapter", "section", "article", "clause", "point", "dash", "plus", "star", "contact"});
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [kind, scheme] : v.members)
    attempt([&] { out.emplace_back(kind, nonempty_string(scheme, join(path, kind))); });
  return out;
}

// The copy block of a bản sao (Mẫu 3.1, ND30-COPY-1).
CopyBlock Builder::copy(const Value& v, const std::string& path) const {
  expect(v, Type::Object, path);
  allow(v, path, {"form", "parent_agency", "issuing_agency", "number", "place", "date", "signature", "recipients"});
  CopyBlock c;
  c.field_path = path;
  attempt([&] { c.form = one_of(require(v, "form", path), join(path, "form"), {"SAO Y", "SAO LỤC", "TRÍCH SAO"}); });
  attempt([&] { if (auto p = v.find("parent_agency")) c.parent_agency = lines(*p, join(path, "parent_agency")); });
  attempt([&] {
    c.issuing_agency = lines(require(v, "issuing_agency", path), join(path, "issuing_agency"));
    if (c.issuing_agency.empty()) fail(require(v, "issuing_agency", path), join(path, "issuing_agency"), tr("must not be empty"));
  });
  attempt([&] { c.number = number(require(v, "number", path), join(path, "number")); });
  attempt([&] { c.place = nonempty_string(require(v, "place", path), join(path, "place")); });
  attempt([&] { c.date = date(require(v, "date", path), join(path, "date")); });
  attempt([&] { c.signature = signature(require(v, "signature", path), join(path, "signature")); });
  attempt([&] { if (auto r = v.find("recipients")) c.recipients = lines(*r, join(path, "recipients")); });
  return c;
}

Appendix Builder::appendix(const Value& v, const std::string& path) const {
  expect(v, Type::Object, path);
  allow(v, path, {"label", "title", "reference", "type_name", "body", "form", "values"});
  Appendix a;
  a.field_path = path;
  attempt([&] { if (auto l = v.find("label")) a.label = string(*l, join(path, "label")); });
  const bool title_read = attempt([&] { if (auto t = v.find("title")) a.title = string(*t, join(path, "title")); });
  attempt([&] { if (auto r = v.find("reference")) a.reference = string(*r, join(path, "reference")); });
  attempt([&] {
    auto t = v.find("type_name");
    if (!t) return;
    // Mẫu 1.3: an attached document (the Quy chế a Quyết định issues) has its tên loại and trích yếu.
    a.type_name = nonempty_string(*t, join(path, "type_name"));
    if (title_read && a.title.find_first_not_of(" \t\n") == std::string::npos) {
      fail(v.find("title") ? *v.find("title") : v, join(path, "title"), tr("an attached document (type_name) needs a title"));
    }
    if (auto f = v.find("form")) fail(*f, join(path, "form"), tr("an attached document (type_name) has a body, not a form"));
  });
  if (auto f = v.find("form")) {
    attempt([&] { a.form = nonempty_string(*f, join(path, "form")); });
    if (v.find("body")) report(*v.find("body"), join(path, "body"), tr("an appendix is a form or has a body, not both"));
    if (auto values = v.find("values")) {
      expect(*values, Type::Object, join(path, "values"));
      for (size_t i = 0; i < values->members.size(); ++i) {
        attempt([&] {
          const auto& [key, value] = values->members[i];
          std::string p = join(join(path, "values"), key);
          Location at = i < values->member_where.size() ? values->member_where[i] : values->where;
          std::string s;
          if (value.type == Type::Number) {
            char buf[64];
            std::snprintf(buf, sizeof buf, value.integral ? "%.0f" : "%g", value.number);
            s = buf;
          } else if (value.type != Type::Null) {
            s = string(value, p);
          }
          a.form_values.push_back({key, s, p, at.line, at.column});
        });
      }
    }
  } else {
    if (v.find("values")) report(*v.find("values"), join(path, "values"), tr("values fill a form: give \"form\" too"));
    a.body = blocks(require(v, "body", path), join(path, "body"));
  }
  return a;
}

std::string plain_text(const RichText& rich) {
  std::string out;
  for (const auto& s : rich) out += s.text;
  return out;
}

DataFormat detect_format(std::string_view bytes) {
  size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // UTF-8 BOM
  while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) ++i;
  return i < bytes.size() && bytes[i] == '<' ? DataFormat::Xml : DataFormat::Json;
}

Document load_document(std::string_view bytes, const std::string& source_name, const Limits& limits) {
  return load_document(bytes, detect_format(bytes), source_name, limits);
}

Document load_document(std::string_view bytes, DataFormat format, const std::string& source_name,
                       const Limits& limits) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  // The XML structure's mistakes are reported with the model's (the node in error left out).
  Diagnostics problems;
  Value root = format == DataFormat::Xml ? read_xml(bytes, source_name, limits, &problems)
                                         : read_json(bytes, source_name, limits);
  return Builder(source_name, limits, std::move(problems)).document(root);
}

}  // namespace vanban::model
