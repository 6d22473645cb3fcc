// Value tree -> validated model::Document, with field paths in every error.
#include <cmath>
#include <initializer_list>
#include <optional>
#include <set>

#include "core/error.h"
#include "core/unicode.h"
#include "model/document.h"
#include "model/reader.h"
#include "model/value.h"

namespace vanban::model {
namespace {

using Type = Value::Type;

class Builder {
 public:
  Builder(const std::string& source, const Limits& limits) : source_(source), limits_(limits) {}

  Document document(const Value& root) {
    expect(root, Type::Object, "");
    allow(root, "", {"template", "parent_agency", "issuing_agency", "national_title", "motto", "number", "place",
                     "date", "subject", "body", "recipients", "signature", "issuer_name", "appendix_numbering",
                     "appendices"});
    Document d;
    if (auto v = root.find("template")) d.template_name = string(*v, "template");
    if (auto v = root.find("parent_agency")) d.parent_agency = lines(*v, "parent_agency");
    d.issuing_agency = lines(require(root, "issuing_agency", ""), "issuing_agency");
    if (d.issuing_agency.empty()) fail(require(root, "issuing_agency", ""), "issuing_agency", "must not be empty");
    if (auto v = root.find("national_title")) d.national_title = string(*v, "national_title");
    if (auto v = root.find("motto")) d.motto = string(*v, "motto");
    if (auto v = root.find("number")) d.number = number(*v, "number");
    d.place = nonempty_string(require(root, "place", ""), "place");
    d.date = date(require(root, "date", ""), "date");
    d.subject = nonempty_string(require(root, "subject", ""), "subject");
    d.body = blocks(require(root, "body", ""), "body");
    if (auto v = root.find("recipients")) d.recipients = lines(*v, "recipients");
    d.signatures.push_back(signature(require(root, "signature", ""), "signature"));
    if (auto v = root.find("issuer_name")) d.issuer_name = string(*v, "issuer_name");
    if (auto v = root.find("appendix_numbering")) {
      std::string n = string(*v, "appendix_numbering");
      if (n == "auto") d.appendix_numbering = AppendixNumbering::Auto;
      else if (n == "roman") d.appendix_numbering = AppendixNumbering::Roman;
      else if (n == "arabic") d.appendix_numbering = AppendixNumbering::Arabic;
      else if (n == "none") d.appendix_numbering = AppendixNumbering::None;
      else fail(*v, "appendix_numbering", "expected \"auto\", \"roman\", \"arabic\" or \"none\", got \"" + unicode::excerpt(n) + "\"");
    }
    if (auto v = root.find("appendices")) {
      expect(*v, Type::Array, "appendices");
      for (size_t i = 0; i < v->items.size(); ++i) d.appendices.push_back(appendix(v->items[i], index("appendices", i)));
    }
    return d;
  }

 private:
  const std::string& source_;
  const Limits& limits_;

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string index(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

  [[noreturn]] void fail(const Value& v, const std::string& path, const std::string& message) const {
    throw Error(ErrorKind::Model, message, source_, v.where.line, v.where.column, path);
  }

  static std::string describe(const Value& v) {
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

  void expect(const Value& v, Type t, const std::string& path) const {
    if (v.type != t) fail(v, path, std::string("expected ") + Value::type_name(t) + ", got " + describe(v));
  }

  void allow(const Value& obj, const std::string& path, std::initializer_list<const char*> keys) const {
    std::set<std::string> allowed(keys.begin(), keys.end());
    for (size_t i = 0; i < obj.members.size(); ++i) {
      const std::string& key = obj.members[i].first;
      if (!allowed.count(key)) {
        Value at;
        at.where = i < obj.member_where.size() ? obj.member_where[i] : obj.where;
        fail(at, join(path, unicode::excerpt(key)), "unknown field \"" + unicode::excerpt(key) + "\"");
      }
    }
  }

  const Value& require(const Value& obj, const std::string& key, const std::string& path) const {
    const Value* v = obj.find(key);
    if (!v) fail(obj, join(path, key), "missing (required)");
    return *v;
  }

  std::string string(const Value& v, const std::string& path) const {
    expect(v, Type::String, path);
    return v.string;
  }
  std::string nonempty_string(const Value& v, const std::string& path) const {
    std::string s = string(v, path);
    if (s.find_first_not_of(" \t\n") == std::string::npos) fail(v, path, "must not be empty");
    return s;
  }

  // A string, or an array of strings: one per line.
  std::vector<std::string> lines(const Value& v, const std::string& path) const {
    if (v.type == Type::String) return v.string.empty() ? std::vector<std::string>{} : std::vector<std::string>{v.string};
    expect(v, Type::Array, path);
    std::vector<std::string> out;
    for (size_t i = 0; i < v.items.size(); ++i) out.push_back(string(v.items[i], index(path, i)));
    return out;
  }

  // An integer in [lo, hi]; null, absent or "" (XML) = blank (0).
  int integer_or_blank(const Value* v, const std::string& path, int lo, int hi) const {
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
      fail(*v, path, "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " +
                         describe(*v));
    }
    return static_cast<int>(n);
  }

  DocumentNumber number(const Value& v, const std::string& path) const {
    expect(v, Type::Object, path);
    allow(v, path, {"number", "symbol"});
    DocumentNumber n;
    if (const Value* num = v.find("number")) {
      if (num->type == Type::Number) {
        int i = integer_or_blank(num, join(path, "number"), 1, 99999999);
        n.number = (i < 10 ? "0" : "") + std::to_string(i);  // ND30-SO-2: 01 … 09
      } else if (num->type != Type::Null) {
        n.number = string(*num, join(path, "number"));
      }
    }
    n.symbol = string(require(v, "symbol", path), join(path, "symbol"));
    return n;
  }

  Date date(const Value& v, const std::string& path) const {
    expect(v, Type::Object, path);
    allow(v, path, {"day", "month", "year"});
    Date d;
    d.year = integer_or_blank(&require(v, "year", path), join(path, "year"), 1900, 2200);
    if (d.year == 0) fail(require(v, "year", path), join(path, "year"), "the year may not be left blank");
    d.month = integer_or_blank(v.find("month"), join(path, "month"), 1, 12);
    d.day = integer_or_blank(v.find("day"), join(path, "day"), 1, 31);
    if (d.day && d.month) {
      static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
      int max = d.month == 2 ? (leap ? 29 : 28) : days[d.month - 1];
      if (d.day > max) {
        fail(*v.find("day"), join(path, "day"),
             "day " + std::to_string(d.day) + " does not exist in month " + std::to_string(d.month) + " of " +
                 std::to_string(d.year));
      }
    }
    return d;
  }

  Signature signature(const Value& v, const std::string& path) const {
    expect(v, Type::Object, path);
    allow(v, path, {"authority", "signer_name"});
    Signature s;
    s.authority_lines = lines(require(v, "authority", path), join(path, "authority"));
    s.signer_name = nonempty_string(require(v, "signer_name", path), join(path, "signer_name"));
    s.field_path = path;
    return s;
  }

  RichText rich(const Value& v, const std::string& path) const {
    RichText out;
    if (v.type == Type::String) {
      if (!v.string.empty()) out.push_back(Span{v.string, false, false});
      return out;
    }
    if (v.type != Type::Array) fail(v, path, "expected text: a string or an array of spans, got " + describe(v));
    for (size_t i = 0; i < v.items.size(); ++i) {
      const Value& item = v.items[i];
      std::string p = index(path, i);
      if (item.type == Type::String) {
        if (!item.string.empty()) out.push_back(Span{item.string, false, false});
        continue;
      }
      if (item.type != Type::Object || item.members.size() != 1) {
        fail(item, p, "expected a string or {\"b\"|\"i\"|\"bi\": \"text\"}, got " + describe(item));
      }
      const auto& [key, text] = item.members[0];
      if (key != "b" && key != "i" && key != "bi") fail(item, join(p, unicode::excerpt(key)), "unknown emphasis \"" + unicode::excerpt(key) + "\" (b, i or bi)");
      out.push_back(Span{string(text, join(p, key)), key != "i", key != "b"});
    }
    return out;
  }

  // `depth` counts the blocks around these: blocks are read (and later laid out)
  // recursively, so their nesting is limited whatever the reader allowed.
  std::vector<Block> blocks(const Value& v, const std::string& path, size_t depth = 0) const {
    expect(v, Type::Array, path);
    if (depth >= limits_.max_nesting) {
      fail(v, path, "blocks nested more than " + std::to_string(limits_.max_nesting) + " deep (limit max_nesting)");
    }
    std::vector<Block> out;
    for (size_t i = 0; i < v.items.size(); ++i) out.push_back(block(v.items[i], index(path, i), depth));
    return out;
  }

  Block block(const Value& v, const std::string& path, size_t depth) const {
    expect(v, Type::Object, path);
    std::string type = string(require(v, "type", path), join(path, "type"));
    Block b;
    b.field_path = path;
    auto text_required = [&] {
      b.text = rich(require(v, "text", path), join(path, "text"));
      if (b.text.empty()) fail(*v.find("text"), join(path, "text"), "must not be empty");
    };
    auto children = [&] {
      if (auto c = v.find("content")) b.children = blocks(*c, join(path, "content"), depth + 1);
    };
    auto label = [&] {
      if (auto l = v.find("label")) {
        b.label = string(*l, join(path, "label"));
        if (b.label.empty() || b.label.find_first_of(".) ") != std::string::npos) {
          fail(*l, join(path, "label"), "a label is the bare number or letter, like \"V\", \"3\" or \"đ\"");
        }
      }
    };
    if (type == "section" || type == "clause" || type == "point") {
      allow(v, path, {"type", "label", "title", "text", "content"});
      b.kind = type == "section" ? BlockKind::Section : type == "clause" ? BlockKind::Clause : BlockKind::Point;
      label();
      if (auto t = v.find("title")) b.title = rich(*t, join(path, "title"));
      if (auto t = v.find("text")) b.text = rich(*t, join(path, "text"));
      if (b.kind == BlockKind::Section && b.title.empty()) fail(v, join(path, "title"), "a section needs a title");
      if (b.title.empty() && b.text.empty()) fail(v, join(path, "title"), "a " + type + " needs a title or a text");
      children();
    } else if (type == "dash" || type == "plus" || type == "contact") {
      allow(v, path, {"type", "text", "content"});
      b.kind = type == "dash" ? BlockKind::Dash : type == "plus" ? BlockKind::Plus : BlockKind::Contact;
      text_required();
      children();
    } else if (type == "paragraph") {
      allow(v, path, {"type", "text", "style"});
      b.kind = BlockKind::Paragraph;
      text_required();
      if (auto s = v.find("style")) b.style = string(*s, join(path, "style"));
    } else if (type == "fill_lines") {
      allow(v, path, {"type", "lines"});
      b.kind = BlockKind::FillLines;
      b.line_count = integer_or_blank(&require(v, "lines", path), join(path, "lines"), 1, 50);
      if (b.line_count == 0) fail(*v.find("lines"), join(path, "lines"), "expected an integer from 1 to 50");
    } else {
      fail(*v.find("type"), join(path, "type"),
           "unknown block type \"" + unicode::excerpt(type) + "\" (section, clause, point, dash, plus, paragraph, contact, fill_lines)");
    }
    return b;
  }

  Appendix appendix(const Value& v, const std::string& path) const {
    expect(v, Type::Object, path);
    allow(v, path, {"label", "title", "reference", "body", "form", "values"});
    Appendix a;
    a.field_path = path;
    if (auto l = v.find("label")) a.label = string(*l, join(path, "label"));
    if (auto t = v.find("title")) a.title = string(*t, join(path, "title"));
    if (auto r = v.find("reference")) a.reference = string(*r, join(path, "reference"));
    if (auto f = v.find("form")) {
      a.form = nonempty_string(*f, join(path, "form"));
      if (v.find("body")) fail(*v.find("body"), join(path, "body"), "an appendix is a form or has a body, not both");
      if (auto values = v.find("values")) {
        expect(*values, Type::Object, join(path, "values"));
        for (size_t i = 0; i < values->members.size(); ++i) {
          const auto& [key, value] = values->members[i];
          std::string p = join(join(path, "values"), key);
          Location at = i < values->member_where.size() ? values->member_where[i] : values->where;
          std::string text;
          if (value.type == Type::Number) {
            char buf[64];
            std::snprintf(buf, sizeof buf, value.integral ? "%.0f" : "%g", value.number);
            text = buf;
          } else if (value.type != Type::Null) {
            text = string(value, p);
          }
          a.form_values.push_back({key, text, p, at.line, at.column});
        }
      }
    } else {
      if (v.find("values")) fail(*v.find("values"), join(path, "values"), "values fill a form: give \"form\" too");
      a.body = blocks(require(v, "body", path), join(path, "body"));
    }
    return a;
  }
};

}  // namespace

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
  Value root = format == DataFormat::Xml ? read_xml(bytes, source_name, limits) : read_json(bytes, source_name, limits);
  return Builder(source_name, limits).document(root);
}

}  // namespace vanban::model
