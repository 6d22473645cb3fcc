// Where a finding is: field paths looked up in the model's value tree, read again from its
// source, and offsets inside a text followed through the source's escapes and entities.
#include <algorithm>

#include "check/findings.h"
#include "check/text.h"
#include "core/error.h"
#include "model/reader.h"

namespace vanban::check::detail {
namespace {

struct Segment {
  std::string key;            // may be empty ("[2]" after another index)
  std::vector<size_t> index;  // "[3]" parts after the key
};

std::vector<Segment> parse_path(const std::string& path) {
  std::vector<Segment> out;
  size_t i = 0;
  while (i < path.size()) {
    Segment s;
    while (i < path.size() && path[i] != '.' && path[i] != '[') s.key += path[i++];
    while (i < path.size() && path[i] == '[') {
      size_t close = path.find(']', i);
      if (close == std::string::npos) return out;
      try {
        s.index.push_back(static_cast<size_t>(std::stoul(path.substr(i + 1, close - i - 1))));
      } catch (const std::exception&) {
        return out;
      }
      i = close + 1;
    }
    out.push_back(std::move(s));
    if (i < path.size() && path[i] == '.') ++i;
  }
  return out;
}

size_t utf8_length(unsigned char c) { return c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1; }

}  // namespace

static std::string_view without_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

Locator::Locator(std::string_view text, const std::string& name, const Limits& limits)
    : text_(without_bom(text)), map_(text_) {
  text = text_;
  if (text.empty()) return;
  xml_ = model::detect_format(text) == model::DataFormat::Xml;
  try {
    root_ = xml_ ? model::read_xml(text, name, limits) : model::read_json(text, name, limits);
  } catch (const Error&) {
    root_.reset();  // the document was read already; without a tree the findings have no positions
  }
  line_starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

size_t Locator::byte_offset(model::Location at) const {
  if (at.line < 1 || static_cast<size_t>(at.line) > line_starts_.size()) return std::string_view::npos;
  // The first byte of the line at or past the column: columns grow with the byte offset.
  size_t lo = line_starts_[at.line - 1];
  size_t hi = static_cast<size_t>(at.line) < line_starts_.size() ? line_starts_[at.line] : text_.size();
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (map_.at(mid).column < at.column) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

model::Location Locator::location_of(size_t byte) const { return map_.at(byte); }

std::optional<model::Location> Locator::inside(const model::Value& v, const std::string& key, size_t offset) const {
  using Type = model::Value::Type;
  if (v.type == Type::Array || v.type == Type::Object) {
    // Rich text: find the span holding the offset.
    size_t left = offset;
    for (size_t i = 0; i < v.items.size(); ++i) {
      const model::Value* s = &v.items[i];
      std::string k = key;
      if (s->type == Type::Object && s->members.size() == 1) {
        k = s->members[0].first;
        s = &s->members[0].second;
      }
      if (s->type != Type::String) return std::nullopt;
      size_t n = u32(s->string).size();
      if (left < n || i + 1 == v.items.size()) return inside(*s, k, std::min(left, n));
      left -= n;
    }
    return std::nullopt;
  }
  if (v.type != Type::String) return std::nullopt;
  size_t p = byte_offset(v.where);
  if (p == std::string_view::npos || p >= text_.size()) return std::nullopt;
  char end = '<';
  if (!xml_) {
    if (text_[p] != '"') return std::nullopt;
    end = '"';
    ++p;
  } else if (text_[p] == '<') {
    size_t close = text_.find('>', p);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view tag = text_.substr(p, close - p);
    size_t attr = std::string_view::npos;
    for (char q : {'"', '\''}) {
      std::string pattern = " " + key + "=" + q;
      if (attr == std::string_view::npos && (attr = tag.find(pattern)) != std::string_view::npos) {
        p += attr + pattern.size();
        end = q;
      }
    }
    if (attr == std::string_view::npos) {
      if (close > 0 && text_[close - 1] == '/') return std::nullopt;
      p = close + 1;
    }
  }
  // Follow the source, decoding as the reader did, checking each character against the value.
  const std::u32string expected = u32(v.string);
  size_t decoded = 0;
  while (decoded < offset) {
    if (p >= text_.size() || text_[p] == end) return std::nullopt;
    char32_t c = 0;
    if (!xml_ && text_[p] == '\\' && p + 1 < text_.size()) {
      char e = text_[p + 1];
      if (e == 'u' && p + 6 <= text_.size()) {
        c = static_cast<char32_t>(std::stoul(std::string(text_.substr(p + 2, 4)), nullptr, 16));
        p += 6;
        if (c >= 0xD800 && c < 0xDC00 && p + 6 <= text_.size() && text_[p] == '\\' && text_[p + 1] == 'u') {
          char32_t low = static_cast<char32_t>(std::stoul(std::string(text_.substr(p + 2, 4)), nullptr, 16));
          c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
          p += 6;
        }
      } else {
        c = e == 'n' ? U'\n' : e == 't' ? U'\t' : e == 'r' ? U'\r' : e == 'b' ? U'\b' : e == 'f' ? U'\f'
                                                                                       : static_cast<char32_t>(e);
        p += 2;
      }
    } else if (xml_ && text_[p] == '&') {
      size_t semi = text_.find(';', p);
      if (semi == std::string_view::npos || semi - p > 12) return std::nullopt;
      std::string_view name = text_.substr(p + 1, semi - p - 1);
      if (name == "amp") c = U'&';
      else if (name == "lt") c = U'<';
      else if (name == "gt") c = U'>';
      else if (name == "quot") c = U'"';
      else if (name == "apos") c = U'\'';
      else if (name.size() > 1 && name[0] == '#') {
        std::string digits(name.substr(name[1] == 'x' ? 2 : 1));
        try {
          c = static_cast<char32_t>(std::stoul(digits, nullptr, name[1] == 'x' ? 16 : 10));
        } catch (const std::exception&) {
          return std::nullopt;
        }
      } else {
        return std::nullopt;
      }
      p = semi + 1;
    } else if (text_[p] == '\r' && p + 1 < text_.size() && text_[p + 1] == '\n') {
      ++p;  // "\r\n" is one line break in the value
      continue;
    } else {
      size_t n = utf8_length(text_[p]);
      c = u32(text_.substr(p, n)).front();
      p += n;
    }
    if (c == U'\r') continue;
    if (decoded >= expected.size() || expected[decoded] != c) return std::nullopt;
    ++decoded;
  }
  return location_of(p);
}

model::Location Locator::locate(const std::string& path, size_t offset) const {
  if (!root_) return {};
  using Type = model::Value::Type;
  const model::Value* v = &*root_;
  model::Location best = v->where;
  std::string key;
  bool resolved = true;
  for (const Segment& s : parse_path(path)) {
    if (!s.key.empty()) {
      const model::Value* m = v->type == Type::Object ? v->find(s.key) : nullptr;
      if (!m) {
        resolved = false;
        break;
      }
      v = m;
      key = s.key;
      best = v->where;
    }
    for (size_t i : s.index) {
      if (v->type == Type::Array && i < v->items.size()) {
        v = &v->items[i];
        best = v->where;
      } else if (!(v->type == Type::String && i == 0)) {  // a list given as one string
        resolved = false;
        break;
      }
    }
    if (!resolved) break;
  }
  if (resolved && offset != kNoOffset) {
    if (auto at = inside(*v, key, offset)) return *at;
  }
  return best;
}

namespace {

void block_texts(const std::vector<model::Block>& blocks, std::vector<Text>& out) {
  for (const model::Block& b : blocks) {
    if (!b.title.empty()) out.push_back({b.field_path + ".title", u32(model::plain_text(b.title)), true});
    if (!b.text.empty()) out.push_back({b.field_path + ".text", u32(model::plain_text(b.text)), false});
    block_texts(b.children, out);
  }
}

}  // namespace

std::vector<Text> document_texts(const model::Document& doc, bool main_only) {
  std::vector<Text> out;
  out.push_back({"subject", u32(doc.subject), false});
  for (size_t i = 0; i < doc.kinh_gui.size(); ++i) out.push_back({"kinh_gui[" + std::to_string(i) + "]", u32(doc.kinh_gui[i]), false});
  for (size_t i = 0; i < doc.preamble.size(); ++i) {
    out.push_back({"preamble[" + std::to_string(i) + "]", u32(model::plain_text(doc.preamble[i])), false});
  }
  block_texts(doc.body, out);
  for (size_t i = 0; i < doc.recipients.size(); ++i) {
    out.push_back({"recipients[" + std::to_string(i) + "]", u32(doc.recipients[i]), false});
  }
  if (!doc.issuer_name.empty()) out.push_back({"issuer_name", u32(doc.issuer_name), false});
  if (!main_only) {
    for (const model::Appendix& a : doc.appendices) {
      if (!a.reference.empty()) out.push_back({a.field_path + ".reference", u32(a.reference), false});
      block_texts(a.body, out);
    }
  }
  return out;
}

}  // namespace vanban::check::detail
