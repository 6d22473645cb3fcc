// The closing: Kính gửi lines (ND30-NN-2), Nơi nhận and its "Lưu:" line (ND30-NN-4,
// ND30-NN-5), "Như trên" (ND30-NN-6), authority prefixes (ND30-SIG-1, ND30-SIG-2) and the
// signer's name (ND30-SIG-3, ND30-CAP-2).
#include "check/findings.h"
#include "check/text.h"
#include "core/i18n.h"

namespace vanban::check::detail {
namespace {

bool is_dash(char32_t c) { return c == U'-' || c == U'–' || c == U'—' || c == U'+' || c == U'•'; }

// "Như trên" points to recipients named above: a Kính gửi, or the one a Giấy mời invites or
// a Giấy giới thiệu sends ("trân trọng kính mời", "Được cử đến", Mẫu 1.7, 1.8).
bool names_addressee(const model::Document& d) {
  if (!d.kinh_gui.empty()) return true;
  static const std::u32string kPhrases[] = {U"kính gửi", U"kính mời", U"được cử đến", U"trân trọng giới thiệu"};
  for (const model::Block& b : d.body) {
    std::u32string t = lower(u32(model::plain_text(b.text)));
    for (const auto& p : kPhrases)
      if (t.find(p) != std::u32string::npos) return true;
  }
  return false;
}

void check_recipients(const Context& ctx, Findings& out) {
  const auto& lines = ctx.doc.recipients;
  if (lines.empty()) return;
  const std::string prefix = ctx.tpl.closing.recipient_prefix;
  size_t archive = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string field = "recipients[" + std::to_string(i) + "]";
    const std::u32string line = trim(u32(lines[i]));
    if (line.empty()) {
      out.error("ND30-NN-4", field, tr("a line of Nơi nhận is empty"));
      continue;
    }
    if (is_dash(line.front())) {
      out.error("ND30-NN-4", field,
                trf("the template writes the \"{0}\" before each recipient itself: this line would print it twice",
                    trim(u32(prefix)).empty() ? std::string("-") : utf8(trim(u32(prefix)))),
                trf("write \"{0}\"", utf8(trim(line.substr(1)))), 0);
    } else if (is_lower(line.front())) {
      out.warning("ND30-CAP-1", field, tr("a line of Nơi nhận starts with a capital letter"), {}, 0);
    }
    const bool last = i + 1 == lines.size();
    const char32_t end = line.back();
    if (!last && end != U';') {
      std::u32string mended = line;
      if (end == U'.' || end == U',') mended.pop_back();
      out.error("ND30-NN-4", field, tr("each line of Nơi nhận but the last ends with \";\""),
                trf("write \"{0};\"", utf8(mended)), u32(lines[i]).size());
    }
    if (last && end != U'.') {
      std::u32string mended = line;
      if (end == U';' || end == U',') mended.pop_back();
      out.error("ND30-NN-5", field, tr("the last line of Nơi nhận ends with \".\""), trf("write \"{0}.\"", utf8(mended)),
                u32(lines[i]).size());
    }
    std::u32string low = lower(line);
    while (!low.empty() && (is_dash(low.front()) || low.front() == U' ')) low.erase(0, 1);
    if (starts_with(low, U"lưu") && (low.size() == 3 || !is_letter(low[3]))) {
      if (archive == lines.size()) archive = i;
      // ND30-NN-5: "Lưu: VT, <drafting unit>…".
      std::u32string rest = trim(line.substr(line.size() - low.size() + 3));
      if (rest.empty() || rest.front() != U':') {
        out.error("ND30-NN-5", field, tr("\"Lưu\" is followed by a colon: \"Lưu: VT, …\""), {}, 3);
        if (!rest.empty() && rest.front() != U':') rest = U":" + rest;
      }
      rest = trim(rest.substr(rest.empty() ? 0 : 1));
      if (lower(rest.substr(0, 2)) != U"vt" || (rest.size() > 2 && is_letter(rest[2]))) {
        out.error("ND30-NN-5", field, tr("the archive line names the văn thư first: \"Lưu: VT, …\""),
                  tr("write \"Lưu: VT, <the drafting unit's abbreviation>.\""));
      } else if (rest.substr(0, 2) != U"VT") {
        out.error("ND30-NN-5", field, tr("\"VT\" (Văn thư) is written in capitals: \"Lưu: VT, …\""));
      } else if (rest.size() > 2 && rest[2] == U' ') {
        std::u32string after = trim(rest.substr(2));
        if (!after.empty() && (is_letter(after.front()) || is_digit(after.front()))) {
          out.warning("ND30-NN-5", field, tr("a comma separates \"VT\" from the drafting unit: \"Lưu: VT, …\""),
                      trf("write \"Lưu: VT, {0}\"", utf8(after)));
        }
      }
    }
    if (starts_with(low, U"như trên") && !names_addressee(ctx.doc)) {
      out.error("ND30-NN-6", field,
                tr("\"Như trên\" points to the recipients named above (Kính gửi), but this document names none"),
                tr("name the recipients on this line, or give them in kinh_gui"), 0);
    }
  }
  if (archive == lines.size()) {
    out.error("ND30-NN-5", "recipients", tr("Nơi nhận has no \"Lưu: VT, …\" line (the copy the văn thư keeps)"),
              tr("add \"Lưu: VT, <the drafting unit's abbreviation>.\" as the last line"));
  } else if (archive + 1 != lines.size()) {
    out.error("ND30-NN-5", "recipients[" + std::to_string(archive) + "]", tr("the \"Lưu:\" line is the last line of Nơi nhận"));
  }
}

void check_kinh_gui(const Context& ctx, Findings& out) {
  const auto& lines = ctx.doc.kinh_gui;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string field = "kinh_gui[" + std::to_string(i) + "]";
    const std::u32string line = trim(u32(lines[i]));
    if (line.empty()) continue;
    if (lines.size() > 1 && is_dash(line.front())) {
      out.error("ND30-NN-2", field, tr("the template writes the \"- \" before each Kính gửi line itself: this line would print it twice"),
                {}, 0);
    } else if (is_lower(line.front())) {
      out.warning("ND30-CAP-1", field, tr("a Kính gửi line starts with a capital letter"), {}, 0);
    }
    if (lines.size() > 1 && (line.back() == U';' || line.back() == U'.' || line.back() == U',')) {
      out.error("ND30-NN-2", field,
                tr("the template ends each Kính gửi line itself (\";\", the last \".\"): this one would end with two marks"),
                trf("write \"{0}\"", utf8(line.substr(0, line.size() - 1))), u32(lines[i]).size() - 1);
    }
  }
}

// ND30-SIG-1: the authority prefixes, their form and their use.
const std::u32string kPrefixes[] = {U"TM", U"KT", U"TL", U"TUQ", U"Q"};

// A person's title ("GIÁM ĐỐC", "PHÓ CHỦ TỊCH", "BỘ TRƯỞNG"), as opposed to a collective
// body's name ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG TRƯỜNG").
bool is_title(std::u32string_view s) {
  static const std::u32string kTitles[] = {U"TRƯỞNG", U"GIÁM ĐỐC", U"CHỦ TỊCH", U"CHÁNH", U"CHỦ NHIỆM",
                                            U"THỦ TƯỚNG", U"BÍ THƯ", U"TỔNG THƯ KÝ", U"PHÓ "};
  std::u32string u = upper(s);
  for (const auto& t : kTitles)
    if (!find_words(u, trim(t)).empty()) return true;
  return false;
}

bool is_body(std::u32string_view s) {
  static const std::u32string kBodies[] = {U"ỦY BAN", U"UỶ BAN", U"HỘI ĐỒNG", U"BAN ", U"CHÍNH PHỦ", U"THƯỜNG TRỰC",
                                            U"ĐẢNG ỦY", U"ĐẢNG UỶ", U"ĐOÀN ", U"TỔ "};
  std::u32string u = upper(s);
  for (const auto& b : kBodies)
    if (starts_with(u, b)) return true;
  return false;
}

void check_authority(const model::Signature& sig, const std::string& path, Findings& out) {
  const auto& lines = sig.authority_lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string field = path + ".authority[" + std::to_string(i) + "]";
    const std::u32string line = trim(u32(lines[i]));
    size_t space = line.find(U' ');
    std::u32string token = line.substr(0, space);
    std::u32string rest = space == std::u32string::npos ? U"" : trim(line.substr(space));
    // "KT.GIÁM ĐỐC": the prefix glued to the title.
    size_t dot = token.find(U'.');
    if (dot != std::u32string::npos && dot + 1 < token.size() && token.find(U'.', dot + 1) == std::u32string::npos) {
      rest = token.substr(dot + 1) + (rest.empty() ? U"" : U" " + rest);
      token = token.substr(0, dot + 1);
    }
    std::u32string bare_token;
    for (char32_t c : token)
      if (c != U'.' && c != U'/') bare_token.push_back(to_upper(c));
    std::u32string prefix;
    for (const auto& p : kPrefixes)
      if (bare_token == p) prefix = p;
    if (prefix.empty() || rest.empty()) continue;
    const std::u32string proper = prefix + U".";
    if (line.substr(0, proper.size() + 1) != proper + U" ") {
      out.error("ND30-SIG-1", field,
                trf("the authority prefix is written \"{0}\" (capitals, a full stop, a space)", utf8(proper)),
                trf("write \"{0} {1}\"", utf8(proper), utf8(rest)), 0);
    }
    const bool next = i + 1 < lines.size();
    const std::u32string following = next ? upper(trim(u32(lines[i + 1]))) : U"";
    if (prefix == U"TM") {
      if (is_title(rest) && !is_body(rest)) {
        out.error("ND30-SIG-1", field,
                  trf("\"TM.\" (on behalf of) stands before the name of a collective body, like \"TM. ỦY BAN NHÂN DÂN\"; "
                      "\"{0}\" is a title",
                      utf8(rest)),
                  trf("a deputy signing for the head writes \"KT. {0}\"", utf8(rest)));
      } else if (!next) {
        out.warning("ND30-SIG-2", field,
                    tr("after \"TM.\" and the body's name comes the title of the one who signs (\"CHỦ TỊCH\")"));
      }
    } else {
      if (is_body(rest) && !is_title(rest)) {
        out.error("ND30-SIG-1", field,
                  trf("\"{0}\" stands before the head's title; before a collective body's name Decree 30 writes \"TM.\"",
                      utf8(proper)),
                  trf("write \"TM. {0}\"", utf8(rest)));
      } else if (prefix == U"KT" && !next) {
        out.warning("ND30-SIG-2", field,
                    trf("after \"KT. {0}\" comes the deputy's own title (\"PHÓ {0}\")", utf8(rest)));
      } else if (prefix == U"KT" && !starts_with(following, U"PHÓ") && !starts_with(following, U"THỨ TRƯỞNG")) {
        out.warning("ND30-SIG-1", path + ".authority[" + std::to_string(i + 1) + "]",
                    trf("\"KT.\" is for a deputy signing for the head: the next line is the deputy's title (\"PHÓ {0}\")",
                        utf8(rest)));
      } else if ((prefix == U"TL" || prefix == U"TUQ") && !next) {
        out.warning("ND30-SIG-2", field,
                    trf("after \"{0} {1}\" comes the title of the one who signs (\"CHÁNH VĂN PHÒNG\")", utf8(proper),
                        utf8(rest)));
      }
    }
  }
}

// ND30-SIG-5: Mẫu 1.4's "(Chữ ký của người có thẩm quyền, dấu/chữ ký số của cơ quan, tổ chức)"
// marks the room to sign in the template; a real document does not print it.
void check_placeholder(const model::Signature& sig, const std::string& path, Findings& out) {
  for (size_t i = 0; i < sig.authority_lines.size(); ++i) {
    const std::u32string low = lower(u32(sig.authority_lines[i]));
    size_t at = low.find(U"chữ ký của người có thẩm quyền");
    if (at == std::u32string::npos) at = low.find(U"dấu/chữ ký số");
    if (at == std::u32string::npos) continue;
    out.error("ND30-SIG-5", path + ".authority[" + std::to_string(i) + "]",
              tr("\"(Chữ ký của người có thẩm quyền, dấu/chữ ký số …)\" only marks the room to sign in the decree's "
                 "template: a document does not print it"),
              tr("leave the line out: the template leaves the room to sign"), at);
  }
}

void check_signer(const model::Signature& sig, const std::string& path, Findings& out) {
  const std::u32string name = trim(u32(sig.signer_name));
  if (name.empty()) return;
  const std::string field = path + ".signer_name";
  // ND30-SIG-3: no academic titles or degrees before the name.
  static const std::u32string kDegrees[] = {U"gs.", U"pgs.", U"ts.", U"ths.", U"tskh.", U"ks.", U"bs.", U"cn.", U"ls.",
                                             U"giáo sư", U"phó giáo sư", U"tiến sĩ", U"thạc sĩ", U"kỹ sư", U"bác sĩ"};
  const std::u32string low = lower(name);
  for (const auto& d : kDegrees) {
    if (starts_with(low, d) && (low.size() == d.size() || low[d.size()] == U' ' || low[d.size()] == U'.' || d.back() == U'.')) {
      out.warning("ND30-SIG-3", field,
                  tr("no academic title or degree before the signer's name (unless the sector's rules allow it)"), {}, 0);
      return;
    }
  }
  // ND30-CAP-2: every syllable of a Vietnamese name capitalised, the rest lower case.
  std::u32string mended;
  bool wrong = false;
  for (const Word& w : words(name)) {
    std::u32string fixed = lower(w.text);
    if (!fixed.empty()) fixed[0] = to_upper(fixed[0]);
    wrong = wrong || fixed != w.text;
    mended += (mended.empty() ? U"" : U" ") + fixed;
  }
  if (wrong) {
    out.warning(all_upper(name) ? "ND30-SIG-3" : "ND30-CAP-2", field,
                tr("the signer's name is written with a capital at each syllable, the rest in lower case"),
                trf("write \"{0}\"", utf8(mended)), 0);
  }
}

}  // namespace

void check_closing(const Context& ctx, Findings& out) {
  check_recipients(ctx, out);
  check_kinh_gui(ctx, out);
  for (const model::Signature& s : ctx.doc.signatures) {
    check_placeholder(s, s.field_path, out);
    check_authority(s, s.field_path, out);
    check_signer(s, s.field_path, out);
  }
  if (!ctx.doc.copy.form.empty()) {
    check_authority(ctx.doc.copy.signature, ctx.doc.copy.signature.field_path, out);
    check_signer(ctx.doc.copy.signature, ctx.doc.copy.signature.field_path, out);
  }
}

}  // namespace vanban::check::detail
