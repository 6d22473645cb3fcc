// JSON -> Value with positions, through nlohmann::json's SAX parser. The parser reports
// no positions for values, so it reads through an iterator that remembers the last byte
// it handed out; at each SAX event that byte ends the token just read, and the token's
// start is found by walking back over it.
#include <cstdio>
#include <nlohmann/json.hpp>

#include <iterator>
#include <string_view>
#include <unordered_set>

#include "core/error.h"
#include "core/i18n.h"
#include "core/unicode.h"
#include "model/csv.h"
#include "model/value.h"

namespace vanban::model {
namespace {

class TrackingIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* p, const char** last) : p_(p), last_(last) {}
  reference operator*() const {
    *last_ = p_;
    return *p_;
  }
  TrackingIterator& operator++() {
    ++p_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++p_;
    return old;
  }
  bool operator==(const TrackingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const TrackingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  const char** last_;
};

class Handler : public nlohmann::json_sax<nlohmann::json> {
 public:
  Handler(std::string_view text, const std::string& source, const char** last, const Limits& limits)
      : text_(text), source_(source), map_(text), last_(last), limits_(limits) {}

  Value result;

  bool null() override { return add(scalar(Value::Type::Null, literal_start())); }
  bool boolean(bool v) override {
    Value value = scalar(Value::Type::Bool, literal_start());
    value.boolean = v;
    return add(std::move(value));
  }
  bool number_integer(number_integer_t v) override { return number(static_cast<double>(v), true); }
  bool number_unsigned(number_unsigned_t v) override { return number(static_cast<double>(v), true); }
  bool number_float(number_float_t v, const string_t&) override { return number(v, false); }
  bool string(string_t& v) override {
    if (v.size() > limits_.max_text_bytes) {
      limit_exceeded(source_, "a text has", limits_.max_text_bytes, "bytes", "max_text_bytes", map_.at(string_start()));
    }
    Value value = scalar(Value::Type::String, string_start());
    value.string = unicode::to_nfc(std::move(v));
    return add(std::move(value));
  }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return open(Value::Type::Object); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Value::Type::Array); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    std::string name = unicode::to_nfc(std::move(k));
    Location where = map_.at(string_start());
    // The keys seen in each open object, so a duplicate is found in constant time
    // (an object of 100,000 keys stays linear).
    if (!keys_.back().insert(name).second) {
      throw Error(ErrorKind::Syntax, trf("duplicate key \"{0}\"", unicode::excerpt(name)), source_, where.line,
                  where.column);
    }
    key_ = name;
    key_where_ = where;
    return true;
  }
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& ex) override {
    std::string what = ex.what();
    size_t at = what.find("syntax error");
    std::string message = trf("malformed JSON: {0}", at == std::string::npos ? what : what.substr(at));
    // nlohmann quotes the whole token ("last read: '…'"), which may be megabytes long.
    if (size_t quote = message.find("; last read: '"); quote != std::string::npos) {
      size_t from = quote + 14;
      size_t to = message.rfind('\'');
      std::string_view token = std::string_view(message).substr(from, to > from ? to - from : 0);
      message = message.substr(0, from) + unicode::excerpt(token) + "'";
    } else {
      message = unicode::excerpt(message, 300);
    }
    // `position` is just past the offending token: point at its first character.
    // nlohmann writes control characters of the token as "<U+000A>": undo that to count bytes.
    std::string token;
    for (size_t i = 0; i < last_token.size(); ++i) {
      unsigned code = 0;
      if (last_token.compare(i, 3, "<U+") == 0 && i + 8 <= last_token.size() && last_token[i + 7] == '>' &&
          std::sscanf(last_token.c_str() + i + 3, "%4x", &code) == 1) {
        token += static_cast<char>(code);
        i += 7;
      } else {
        token += last_token[i];
      }
    }
    size_t start = position >= token.size() ? position - token.size() : 0;
    if (token.empty() && start > 0) --start;
    // The lexer's "last read" can run over line ends (an invalid literal after a valid
    // value): the offending characters are those after the last line end.
    if (size_t nl = token.rfind('\n'); nl != std::string::npos && position >= token.size() - nl - 1) {
      start = position - (token.size() - nl - 1);
      while (start < text_.size() && (text_[start] == ' ' || text_[start] == '\t' || text_[start] == '\r')) ++start;
    }
    Location where = map_.at(start);
    throw Error(ErrorKind::Syntax, message, source_, where.line, where.column);
  }

 private:
  std::string_view text_;
  const std::string& source_;
  SourceCursor map_;  // events come in source order
  const char** last_;
  const Limits& limits_;
  std::vector<Value*> stack_;
  std::vector<std::unordered_set<std::string>> keys_;  // per open container (empty for arrays)
  std::string key_;
  Location key_where_;
  bool done_ = false;

  size_t last_offset() const { return static_cast<size_t>(*last_ - text_.data()); }

  // The lexer has just read the closing quote: walk back to the opening one.
  size_t string_start() const {
    size_t i = last_offset();
    while (i > 0) {
      --i;
      if (text_[i] != '"') continue;
      size_t backslashes = 0;
      for (size_t j = i; j > 0 && text_[j - 1] == '\\'; --j) ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
    return 0;
  }
  // true/false/null: the last byte read is the literal's last letter.
  size_t literal_start() const {
    size_t i = last_offset();
    while (i > 0 && std::isalpha(static_cast<unsigned char>(text_[i - 1]))) --i;
    return i;
  }
  // Numbers: the lexer read one byte past the number (or stopped at the end).
  size_t number_start() const {
    size_t i = last_offset();
    auto in_number = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; };
    if (!in_number(text_[i])) --i;
    while (i > 0 && in_number(text_[i - 1])) --i;
    return i;
  }

  Value scalar(Value::Type type, size_t offset) {
    Value v;
    v.type = type;
    v.where = map_.at(offset);
    return v;
  }
  bool number(double n, bool integral) {
    Value v = scalar(Value::Type::Number, number_start());
    v.number = n;
    v.integral = integral;
    return add(std::move(v));
  }
  bool add(Value v) {
    if (stack_.empty()) {
      result = std::move(v);
      done_ = true;
      return true;
    }
    Value* parent = stack_.back();
    if (parent->type == Value::Type::Array) {
      parent->items.push_back(std::move(v));
    } else {
      parent->members.emplace_back(key_, std::move(v));
      parent->member_where.push_back(key_where_);
    }
    return true;
  }
  bool open(Value::Type type) {
    Value v = scalar(type, last_offset());
    if (stack_.size() >= limits_.max_nesting) {
      throw Error(ErrorKind::Syntax, trf("values nested more than {0} deep (limit max_nesting)", limits_.max_nesting),
                  source_, v.where.line, v.where.column);
    }
    keys_.emplace_back();
    if (stack_.empty()) {
      result = std::move(v);
      stack_.push_back(&result);
      return true;
    }
    add(std::move(v));
    Value* parent = stack_.back();
    stack_.push_back(parent->type == Value::Type::Array ? &parent->items.back() : &parent->members.back().second);
    return true;
  }
  bool close() {
    stack_.pop_back();
    keys_.pop_back();
    return true;
  }
};

}  // namespace

Value read_json(std::string_view text, const std::string& source_name, const Limits& limits) {
  check_utf8(text, source_name);
  const char* last = text.data();
  Handler handler(text, source_name, &last, limits);
  TrackingIterator first(text.data(), &last), end(text.data() + text.size(), &last);
  nlohmann::json::sax_parse(first, end, &handler);
  return std::move(handler.result);
}

}  // namespace vanban::model
