#include "pdf/font_embedding.h"

#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/i18n.h"

namespace vanban::pdf {

using namespace PoDoFo;

void put_hex4(std::string& out, unsigned v) {
  static const char* digits = "0123456789ABCDEF";
  out += digits[(v >> 12) & 15];
  out += digits[(v >> 8) & 15];
  out += digits[(v >> 4) & 15];
  out += digits[v & 15];
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

// Subset the font to the glyphs used; return the subset and old -> new glyph ids.
std::string subset(const EmbeddedFont& f, std::unordered_map<uint32_t, uint32_t>& new_gid) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) throw Error(ErrorKind::Output, tr("hb-subset: out of memory"));
  hb_set_t* glyphs = hb_subset_input_glyph_set(input);
  for (const auto& [gid, text] : f.by_cid) hb_set_add(glyphs, gid);
  hb_set_clear(hb_subset_input_unicode_set(input));
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NAME_LEGACY);
  // Tables a PDF viewer does not need from an embedded CIDFontType2.
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "kern", "DSIG", "morx", "feat", "gasp", "JSTF", "BASE"}) {
    hb_set_add(drop, hb_tag_from_string(tag, 4));
  }
  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(f.font->hb_face(), input);
  hb_subset_input_destroy(input);
  if (!plan) throw Error(ErrorKind::Output, tr("hb-subset could not plan the subset"), f.font->path());
  const hb_map_t* mapping = hb_subset_plan_old_to_new_glyph_mapping(plan);
  for (const auto& [gid, text] : f.by_cid) new_gid[gid] = hb_map_get(mapping, gid);
  hb_face_t* face = hb_subset_plan_execute_or_fail(plan);
  hb_subset_plan_destroy(plan);
  if (!face) throw Error(ErrorKind::Output, tr("hb-subset failed"), f.font->path());
  hb_blob_t* blob = hb_face_reference_blob(face);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  std::string out(data ? data : "", length);
  hb_blob_destroy(blob);
  hb_face_destroy(face);
  return out;
}

// Six capital letters derived from the glyph set: the same glyphs, the same tag.
std::string subset_tag(const EmbeddedFont& f) {
  uint64_t h = 1469598103934665603ull;
  for (const auto& [gid, text] : f.by_cid) {
    h = (h ^ gid) * 1099511628211ull;
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  }
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + h % 26);
    h /= 26;
  }
  return tag;
}

}  // namespace

void embed_font(PdfVecObjects& objects, EmbeddedFont& f) {
  const text::Font& font = *f.font;
  std::unordered_map<uint32_t, uint32_t> new_gid;
  std::string program = subset(f, new_gid);
  std::string base_font = subset_tag(f) + "+" + font.postscript_name();
  const double k = 1000.0 / font.units_per_em();

  PdfObject* file = objects.CreateObject();
  file->GetStream()->Set(program.data(), static_cast<pdf_long>(program.size()));
  file->GetDictionary().AddKey("Length1", PdfVariant(static_cast<pdf_int64>(program.size())));

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
    run.push_back(PdfVariant(static_cast<pdf_int64>(std::lround(font.glyph_advance(gid) * k))));
    uint32_t ng = cid == 0 ? 0 : new_gid[gid];
    cid_to_gid += static_cast<char>((ng >> 8) & 0xFF);
    cid_to_gid += static_cast<char>(ng & 0xFF);
  }
  widths.push_back(PdfVariant(static_cast<pdf_int64>(0)));
  widths.push_back(run);
  PdfObject* map = objects.CreateObject();
  map->GetStream()->Set(cid_to_gid.data(), static_cast<pdf_long>(cid_to_gid.size()));

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
  to_unicode->GetStream()->Set(cmap.data(), static_cast<pdf_long>(cmap.size()));

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
