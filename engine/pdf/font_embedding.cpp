#include "pdf/font_embedding.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>

#include "core/i18n.h"
#include "pdf/flate.h"
#include "pdf/font_programs.h"

namespace vanban::pdf {

using namespace PoDoFo;

void put_hex4(std::string& out, unsigned v) {
  static const char digits[] = "0123456789ABCDEF";
  const char hex[4] = {digits[(v >> 12) & 15], digits[(v >> 8) & 15], digits[(v >> 4) & 15], digits[v & 15]};
  out.append(hex, 4);
}

// UTF-8 -> UTF-16BE hex for ToUnicode.
std::string utf16_hex(const std::string& utf8) {
  std::string out;
  size_t i = 0;
  while (i < utf8.size()) {
    unsigned char c = utf8[i];
    uint32_t cp;
    int n;
    if (c < 0x80) { cp = c; n = 1; }
    else if ((c >> 5) == 6) { cp = c & 0x1F; n = 2; }
    else if ((c >> 4) == 14) { cp = c & 0x0F; n = 3; }
    else { cp = c & 0x07; n = 4; }
    for (int k = 1; k < n && i + k < utf8.size(); ++k) cp = (cp << 6) | (utf8[i + k] & 0x3F);
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put_hex4(out, 0xD800 + (cp >> 10));
      put_hex4(out, 0xDC00 + (cp & 0x3FF));
    } else {
      put_hex4(out, cp);
    }
  }
  return out;
}

namespace {

// A small stream of the font (its CIDToGIDMap, its ToUnicode map), compressed at the
// level of the pages (a few hundred bytes: level 6 would save 4% of them).
void set_stream(PdfObject& object, std::string_view bytes, Deflater& deflater) {
  std::string deflated;
  if (!deflater.deflate(deflated, bytes, Z_BEST_SPEED)) {
    throw Error(ErrorKind::Output, tr("zlib could not compress a font program"));
  }
  set_deflated_stream(object, deflated);
}

}  // namespace

void embed_font(PdfVecObjects& objects, EmbeddedFont& f, const FontProgram* shared) {
  const text::Font& font = *f.font;
  std::unique_ptr<Deflater> owned;
  Deflater* deflater = &Deflater::of_this_thread(owned);
  // The shared program when it has every glyph this file uses; else one of its own.
  const FontProgram* program = shared;
  for (size_t cid = 1; program && cid < f.by_cid.size(); ++cid) {
    if (!program->has(f.by_cid[cid].first)) program = nullptr;
  }
  FontProgram own;
  if (!program) {
    std::vector<uint32_t> glyphs;
    glyphs.reserve(f.by_cid.size());
    for (const auto& [gid, text] : f.by_cid) glyphs.push_back(gid);
    std::sort(glyphs.begin(), glyphs.end());
    glyphs.erase(std::unique(glyphs.begin(), glyphs.end()), glyphs.end());
    own = make_font_program(font, glyphs, Z_DEFAULT_COMPRESSION);
    program = &own;
  }
  const std::string base_font = program->tag + "+" + font.postscript_name();
  const double k = 1000.0 / font.units_per_em();

  PdfObject* file = objects.CreateObject();
  set_deflated_stream(*file, program->deflated);
  file->GetDictionary().AddKey("Length1", PdfVariant(static_cast<pdf_int64>(program->length)));

  PdfObject* descriptor = objects.CreateObject("FontDescriptor");
  PdfDictionary& d = descriptor->GetDictionary();
  d.AddKey("FontName", PdfName(base_font));
  int flags = 32 | 2;  // nonsymbolic, serif
  if (font.is_italic()) flags |= 64;
  d.AddKey("Flags", PdfVariant(static_cast<pdf_int64>(flags)));
  PdfArray bbox;
  for (int v : font.bbox()) bbox.push_back(PdfVariant(static_cast<pdf_int64>(std::lround(v * k))));
  d.AddKey("FontBBox", bbox);
  d.AddKey("ItalicAngle", PdfVariant(static_cast<pdf_int64>(std::lround(font.italic_angle()))));
  d.AddKey("Ascent", PdfVariant(static_cast<pdf_int64>(std::lround(font.ascender() * k))));
  d.AddKey("Descent", PdfVariant(static_cast<pdf_int64>(std::lround(font.descender() * k))));
  d.AddKey("CapHeight", PdfVariant(static_cast<pdf_int64>(std::lround(font.cap_height() * k))));
  d.AddKey("StemV", PdfVariant(static_cast<pdf_int64>(font.is_bold() ? 140 : 80)));
  d.AddKey("FontFile2", file->Reference());

  // Widths by CID, and CID -> new glyph id.
  PdfArray widths;
  PdfArray run;
  std::string cid_to_gid;
  cid_to_gid.reserve(f.by_cid.size() * 2);
  for (size_t cid = 0; cid < f.by_cid.size(); ++cid) {
    uint32_t gid = f.by_cid[cid].first;
    run.push_back(PdfVariant(static_cast<pdf_int64>(std::lround(f.advance(gid) * k))));
    uint32_t ng = cid == 0 ? 0 : program->new_gid[gid];
    cid_to_gid += static_cast<char>((ng >> 8) & 0xFF);
    cid_to_gid += static_cast<char>(ng & 0xFF);
  }
  widths.push_back(PdfVariant(static_cast<pdf_int64>(0)));
  widths.push_back(run);
  PdfObject* map = objects.CreateObject();
  set_stream(*map, cid_to_gid, *deflater);

  PdfObject* cid_font = objects.CreateObject("Font");
  PdfDictionary& c = cid_font->GetDictionary();
  c.AddKey("Subtype", PdfName("CIDFontType2"));
  c.AddKey("BaseFont", PdfName(base_font));
  PdfDictionary system;
  system.AddKey("Registry", PdfString("Adobe"));
  system.AddKey("Ordering", PdfString("Identity"));
  system.AddKey("Supplement", PdfVariant(static_cast<pdf_int64>(0)));
  c.AddKey("CIDSystemInfo", system);
  c.AddKey("FontDescriptor", descriptor->Reference());
  c.AddKey("W", widths);
  c.AddKey("CIDToGIDMap", map->Reference());

  // ToUnicode: exactly the text each CID stands for.
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<size_t> mapped;
  for (size_t cid = 1; cid < f.by_cid.size(); ++cid)
    if (!f.by_cid[cid].second.empty()) mapped.push_back(cid);
  for (size_t start = 0; start < mapped.size(); start += 100) {
    size_t n = std::min<size_t>(100, mapped.size() - start);
    cmap += std::to_string(n) + " beginbfchar\n";
    for (size_t i = start; i < start + n; ++i) {
      cmap += '<';
      put_hex4(cmap, static_cast<unsigned>(mapped[i]));
      cmap += "> <" + utf16_hex(f.by_cid[mapped[i]].second) + ">\n";
    }
    cmap += "endbfchar\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  PdfObject* to_unicode = objects.CreateObject();
  set_stream(*to_unicode, cmap, *deflater);

  PdfDictionary& t = f.type0->GetDictionary();
  t.AddKey("Subtype", PdfName("Type0"));
  t.AddKey("BaseFont", PdfName(base_font));
  t.AddKey("Encoding", PdfName("Identity-H"));
  PdfArray descendants;
  descendants.push_back(cid_font->Reference());
  t.AddKey("DescendantFonts", descendants);
  t.AddKey("ToUnicode", to_unicode->Reference());
}

}  // namespace vanban::pdf
