// Checks of what callers give the engine: creation dates, batch options, input files.
// Nothing unchecked reaches a PDF: an impossible date, a NaN offset or a device given
// as a data file is an Error naming it.
#include <sys/stat.h>

#include <cctype>
#include <cmath>
#include <cstdio>

#include "core/file_io.h"
#include "core/i18n.h"
#include "vanban/engine.h"

namespace vanban {
namespace {

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : days[month - 1];
}

// The fields of a date and time, checked: a real day of a real month, a time of day, a
// time zone offset of at most 14 hours.
struct DateTime {
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  char zone = 'Z';  // 'Z', '+' or '-'
  int zone_hour = 0, zone_minute = 0;

  bool valid() const {
    return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month) && hour <= 23 &&
           minute <= 59 && second <= 59 && zone_minute <= 59 && zone_hour * 60 + zone_minute <= 14 * 60;
  }
  std::string pdf() const {
    char buf[96];
    if (zone == 'Z') {
      std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02dZ", year, month, day, hour, minute, second);
    } else {
      std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02d%c%02d'%02d'", year, month, day, hour, minute, second,
                    zone, zone_hour, zone_minute);
    }
    return buf;
  }
};

// A cursor over the text of a date.
struct Reader {
  const std::string& s;
  size_t pos = 0;
  bool digits(size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      out = out * 10 + (s[i] - '0');
    }
    pos += n;
    return true;
  }
  bool eat(char c) {
    if (pos < s.size() && s[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool at_end() const { return pos == s.size(); }
};

// "D:YYYY[MM[DD[HH[mm[SS]]]]][Z|±HH'mm'[']]", as PDF writes dates.
bool read_pdf_date(const std::string& text, DateTime& t) {
  Reader r{text, 2};
  if (!r.digits(4, t.year)) return false;
  for (int* field : {&t.month, &t.day, &t.hour, &t.minute, &t.second}) {
    if (r.at_end() || !std::isdigit(static_cast<unsigned char>(text[r.pos]))) break;
    if (!r.digits(2, *field)) return false;
  }
  if (r.at_end()) return true;
  if (r.eat('Z')) {
    if (r.at_end()) return true;
    t.zone = '+';  // "Z00'00'"
  } else if (text[r.pos] == '+' || text[r.pos] == '-') {
    t.zone = text[r.pos++];
  } else {
    return false;
  }
  if (!r.digits(2, t.zone_hour)) return false;
  if (r.at_end()) return true;
  if (!r.eat('\'') || !r.digits(2, t.zone_minute)) return false;
  r.eat('\'');
  return r.at_end();
}

// "YYYY-MM-DD[(T| )HH:MM[:SS]][Z|±HH:MM]".
bool read_iso_date(const std::string& text, DateTime& t) {
  Reader r{text};
  if (!r.digits(4, t.year) || !r.eat('-') || !r.digits(2, t.month) || !r.eat('-') || !r.digits(2, t.day)) return false;
  if (r.at_end()) return true;
  if (r.eat('T') || r.eat(' ')) {
    if (!r.digits(2, t.hour) || !r.eat(':') || !r.digits(2, t.minute)) return false;
    if (r.eat(':') && !r.digits(2, t.second)) return false;
  }
  if (r.at_end()) return true;
  if (r.eat('Z')) return r.at_end();
  if (text[r.pos] != '+' && text[r.pos] != '-') return false;
  t.zone = text[r.pos++];
  return r.digits(2, t.zone_hour) && r.eat(':') && r.digits(2, t.zone_minute) && r.at_end();
}

}  // namespace

std::string pdf_date_from_iso(const std::string& iso) {
  DateTime t;
  const bool pdf = iso.rfind("D:", 0) == 0;
  if (!(pdf ? read_pdf_date(iso, t) : read_iso_date(iso, t))) {
    throw Error(ErrorKind::Usage,
                trf("creation date \"{0}\" is not ISO 8601 (e.g. 2021-03-05T08:30:00+07:00)", iso.substr(0, 64)));
  }
  if (!t.valid()) {
    throw Error(ErrorKind::Usage, trf("creation date \"{0}\" is not a real date and time (month 01-12, a day of that "
                                      "month, hour 00-23, minutes and seconds 00-59, time zone within ±14:00)",
                                      iso.substr(0, 64)));
  }
  return t.pdf();
}

void check_batch_options(const BatchOptions& options) {
  const double limit = kMaxOffsetMm * 72 / 25.4;
  const auto& c = options.certificate;
  for (auto [value, message] :
       {std::pair{c.offset_x, N_("offset x of {0} mm: the text moves at most {1} mm either way")},
        std::pair{c.offset_y, N_("offset y of {0} mm: the text moves at most {1} mm either way")}}) {
    if (!std::isfinite(value) || std::abs(value) > limit + 1e-9) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%g", value * 25.4 / 72);
      throw Error(ErrorKind::Usage, trf(message, std::string(buf), static_cast<int>(kMaxOffsetMm)));
    }
  }
  if (!std::isfinite(c.scale) || c.scale < 0.25 || c.scale > 4) {
    throw Error(ErrorKind::Usage, tr("the paper scale must be between 0.25 and 4"));
  }
  if (options.jobs < 1 || options.jobs > kMaxJobs) {
    throw Error(ErrorKind::Usage, trf("jobs must be between 1 and {0}, not {1}", kMaxJobs, options.jobs));
  }
}

std::string read_input_file(const std::string& path, const Limits& limits) {
  return file_io::read_file(path, limits.max_input_bytes, "max_input_bytes");
}

}  // namespace vanban
