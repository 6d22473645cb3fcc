// Messages in the user's language: GNU gettext, text domain "vanban", English msgids.
// The catalogues are po/<lang>.po, compiled by the build into
// <build>/locale/<lang>/LC_MESSAGES/vanban.mo and installed under <prefix>/share/locale;
// the language is the process's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: a Vietnamese
// locale gives Vietnamese, anything else English). The library binds its domain itself
// (once, thread-safe) and never calls setlocale: a program does that (the `vanban`
// command does).
//
// Write every message a user may read as a translatable English string:
//   tr("the list has no header row")
//   trf("unknown field \"{0}\"", key)                    // {0} {1} … are arguments, any order
//   trf("{0} more than {1} rows (limit max_rows)", what, limit)
// xgettext finds them with --keyword=tr --keyword=trf --keyword=N_ (po/update.sh does that). Keep
// fragments whole sentences: a translator cannot reorder "expected " + x + ", got " + y.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

// Marks a message for the catalogue where it cannot be translated yet (a table, a message
// handed to a function that calls tr() on it): N_("cannot write: {0}").
#define N_(text) text

namespace vanban {

// The translation of `msgid` in the process's language, or `msgid` itself.
const char* tr(const char* msgid);

// Replaces {0}, {1}, … in `pattern` by args[0], args[1], … ("{{" is a literal "{"; a
// number past `count` is left as it is).
std::string format_message(std::string_view pattern, const std::string* args, size_t count);

namespace i18n_detail {
template <typename T>
std::string text_of(const T& v) {
  if constexpr (std::is_convertible_v<const T&, std::string_view>) return std::string(std::string_view(v));
  else return std::to_string(v);
}
}  // namespace i18n_detail

// tr(msgid) with its {n} replaced: strings as they are, numbers in digits.
template <typename... Args>
std::string trf(const char* msgid, const Args&... args) {
  const std::string texts[] = {std::string(), i18n_detail::text_of(args)...};
  return format_message(tr(msgid), texts + 1, sizeof...(Args));
}

// The directory the library looks in for <lang>/LC_MESSAGES/vanban.mo: $VANBAN_LOCALE_DIR
// when set, else <prefix>/share/locale beside the installed library, else the build tree's.
std::string locale_dir();

}  // namespace vanban
