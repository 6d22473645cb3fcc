// The output of layout: pages of positioned glyphs, rules, filled rectangles and images.
// This is all the PDF writer sees: it knows nothing of the document model.
// Units are PDF points (1/72 in); the origin is the top-left corner of the page and
// y grows downwards. Glyph positions are pen positions on the baseline.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "core/raster_image.h"
#include "text/font.h"

namespace vanban::layout {

struct Color {
  double r = 0, g = 0, b = 0;   // 0..1
  bool operator==(const Color&) const = default;
};

struct PositionedGlyph {
  uint32_t glyph_id;
  double x;          // pen position (baseline origin), pt from the left edge
  double y;          // baseline, pt from the top edge
  double advance;    // advance the layout gave this glyph (pt), incl. justification
  // The text this glyph stands for: the whole cluster's text on its first glyph,
  // empty on the other glyphs of the same cluster. Concatenated in order over a
  // page's runs it gives back the laid-out text (spaces included).
  std::string text;
};

// Tagged PDF (ISO 32000-1 §14.8): each drawn element names the structure element it
// belongs to — an index into its page's `structure` — or is an artifact: not content
// (page numbers, rules, borders, ornaments), left out of the structure tree.
constexpr int kArtifact = -1;
constexpr int kPagination = -2;   // an artifact of pagination: a page number

// A structure element with content on a page. `type` is a standard structure type
// ("Document", "Sect", "Div", "H1", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH",
// "TD", "Figure", "Span") or one of vanban's own (pdf/structure.h role-maps them:
// "HeaderBlock", "SignatureBlock", "Signature", "Recipients"). A page lists the elements
// its content belongs to and their ancestors, parents before children; an element
// split by a page break (a paragraph, a table, the document's sections) appears on each
// page it has content on, `continues` naming itself on the previous page.
struct StructNode {
  std::string type;
  int parent = -1;     // index in the same page's structure; -1: the document
  int continues = -1;  // index in the previous page's structure of the same element; -1: new here
  std::string alt;     // Figure: its alternate text
};

struct TextRun {
  const text::Font* font = nullptr;
  double size = 12;  // pt
  Color color;
  std::vector<PositionedGlyph> glyphs;
  int tag = kArtifact;   // Page::structure index
};

struct Rule {   // a straight stroked line
  double x0, y0, x1, y1;
  double thickness = 0.5;
  Color color;
  int tag = kArtifact;
};

struct FilledRect {   // a filled rectangle (QR code modules, ornaments)
  double x, y, width, height;   // top-left corner, y downwards
  Color color;
  int tag = kArtifact;
};

// A raster image placed on a page (emblem, seal, signature). Pages share the decoded
// image: the PDF writer embeds each distinct image once.
struct PlacedImage {
  std::shared_ptr<const RasterImage> image;
  double x, y, width, height;  // top-left corner, y downwards
  int tag = kArtifact;
};

// Vector art drawn once per file and placed on many pages (a certificate's border):
// the PDF writer makes it one Form XObject.
struct Graphic {
  double width = 0, height = 0;  // its box; coordinates as on a page of this size
  std::vector<Rule> rules;
  std::vector<FilledRect> rects;
};

// Who signs in a signature slot (Decree 30, electronic documents).
enum class SignatureRole {
  Signer,   // the competent person: signature image centred between authority and name (ND30-ESIG-1)
  Body,     // the issuing body on the main document: its seal, real size, over the left
            // third of the signer's signature (ND30-ESIG-2)
  BodyInfo  // the body on an attachment in a separate file or an electronic copy: no image,
            // a 10 pt information box at the top-right of the first page (ND30-ESIG-4..6, ND30-EDOC-4)
};

// A role's name on the command line and in the XMP: "signer", "body", "info".
inline const char* signature_role_name(SignatureRole role) {
  switch (role) {
    case SignatureRole::Signer: return "signer";
    case SignatureRole::Body: return "body";
    case SignatureRole::BodyInfo: return "info";
  }
  return "signer";
}

// The role of a name signature_role_name gives; nothing for another name.
inline std::optional<SignatureRole> signature_role_named(std::string_view name) {
  for (SignatureRole role : {SignatureRole::Signer, SignatureRole::Body, SignatureRole::BodyInfo})
    if (name == signature_role_name(role)) return role;
  return std::nullopt;
}

// Where layout puts a signature's appearance.
struct SignatureSlot {
  SignatureRole role = SignatureRole::Signer;
  int page = 0;                                 // 0-based
  double x = 0, y = 0, width = 0, height = 0;  // top-left corner, y downwards, pt
};

struct Page {
  double width = 595.2756;    // A4
  double height = 841.8898;
  std::vector<int> graphics;  // indices of shared Graphics, drawn first, at the origin
  std::vector<StructNode> structure;  // the structure elements the tags name (tagged PDF)
  std::vector<TextRun> runs;  // in reading order
  std::vector<Rule> rules;
  std::vector<FilledRect> rects;
  std::vector<PlacedImage> images;  // drawn after the rectangles, before the text, in order
  // Where the decree puts signatures on this page (layout/signature_slots.h; `page` is not
  // used here): a document gathers them into DocumentInfo::signature_slots, a certificate
  // keeps them on its page (one file per row).
  std::vector<SignatureSlot> signature_slots;
};

// A small drawing in a box of its own (a signature's appearance): coordinates from the
// box's top-left corner, y downwards, as on a page of this size.
struct Drawing {
  double width = 0, height = 0;
  std::vector<TextRun> runs;
  std::vector<Rule> rules;
  std::vector<FilledRect> rects;
  std::vector<PlacedImage> images;
};

// What the document is, for its metadata (XMP: a records system indexes it) and for the
// body's information box. Empty strings: not known.
struct DocumentIdentity {
  std::string kind;           // its kind as printed: "Kế hoạch", "Quyết định", "Giấy khen", "Phụ lục"
  std::string template_name;  // "ke-hoach"
  std::string number;         // number and symbol as printed after "Số: ": "05/KH-SGD&ĐT"
  std::string date;           // the document's date, ISO 8601: "2021-03-05"
  std::string place;          // "Hòa Bình"
  std::string agency;         // the issuing body: "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
  std::string parent_agency;  // its parent: "UBND TỈNH HOÀ BÌNH"
  std::string copy_form;      // an electronic copy: "SAO Y", "SAO LỤC", "TRÍCH SAO" (ND30-EDOC-4); the
                              // number, date, place and agency are then the copy's
};

struct DocumentInfo {
  std::string title;
  std::string author;
  std::string subject;
  // PDF date "D:20210305000000+07'00'"; empty = the current time (non-deterministic).
  std::string creation_date;
  std::string language = "vi-VN";              // /Lang and dc:language
  DocumentIdentity identity;
  std::vector<SignatureSlot> signature_slots;  // recorded in the XMP so `vanban sign` finds them
};

}  // namespace vanban::layout
