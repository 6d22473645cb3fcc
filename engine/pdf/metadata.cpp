#include "pdf/metadata.h"

#include <podofo/podofo.h>
#include <pugixml.hpp>

#include <charconv>
#include <cstring>
#include <mutex>

#include "core/error.h"
#include "core/i18n.h"
#include "pdf/content.h"

namespace vanban::pdf {
namespace {

constexpr const char* kVanbanNs = "https://vanban.invalid/ns/document/1.0/";
constexpr const char* kVanbanSlotNs = "https://vanban.invalid/ns/signature-slot/1.0/";

// Text as XML character data or an attribute value: the five specials escaped, the
// control characters XML 1.0 forbids (and invalid UTF-8 lead bytes) dropped.
std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        if (c == 0xC0 || c == 0xC1 || c >= 0xF5) break;
        out += ch;
    }
  }
  return out;
}

// "D:20210305093000+07'00'" -> "2021-03-05T09:30:00+07:00" (ISO 8601 as XMP wants it,
// PDF/A: the same instant as the Info dictionary's). Missing parts take PDF's defaults
// (month and day 01, time 00, offset: none). Empty when `pdf_date` is not a PDF date.
std::string iso_date(std::string_view d) {
  if (d.substr(0, 2) == "D:") d.remove_prefix(2);
  auto digits = [&](size_t at, size_t n) {
    if (d.size() < at + n) return false;
    for (size_t i = at; i < at + n; ++i)
      if (d[i] < '0' || d[i] > '9') return false;
    return true;
  };
  if (!digits(0, 4)) return {};
  auto part = [&](size_t at, const char* fallback) { return digits(at, 2) ? std::string(d.substr(at, 2)) : std::string(fallback); };
  std::string out = std::string(d.substr(0, 4)) + "-" + part(4, "01") + "-" + part(6, "01") + "T" + part(8, "00") + ":" +
                    part(10, "00") + ":" + part(12, "00");
  size_t at = 4;
  while (at < d.size() && d[at] >= '0' && d[at] <= '9') ++at;
  if (at < d.size()) {
    if (d[at] == 'Z') out += 'Z';
    else if ((d[at] == '+' || d[at] == '-') && digits(at + 1, 2)) {
      out += d[at];
      out += d.substr(at + 1, 2);
      out += ':';
      out += digits(at + 4, 2) ? std::string(d.substr(at + 4, 2)) : "00";
    }
  }
  return out;
}

// The reverse: "2021-03-05T09:30:00+07:00" -> "D:20210305093000+07'00'".
std::string pdf_date(std::string_view iso) {
  std::string out = "D:";
  size_t i = 0;
  for (; i < iso.size() && iso[i] != '+' && iso[i] != 'Z' && (iso[i] != '-' || i < 10); ++i)
    if (iso[i] >= '0' && iso[i] <= '9') out += iso[i];
  if (i < iso.size()) {
    if (iso[i] == 'Z') out += 'Z';
    else if (iso.size() >= i + 6) out += std::string(iso.substr(i, 3)) + "'" + std::string(iso.substr(i + 4, 2)) + "'";
  }
  return out.size() > 2 ? out : std::string();
}

// One entry of the PDF/A extension schema (ISO 19005-2 6.6.2.3): a property of a schema
// (`kind` "pdfaProperty", category external) or a field of a value type ("pdfaField").
void entry(std::string& x, std::string_view kind, const char* name, const char* type, const char* what) {
  auto element = [&](std::string_view tag, std::string_view value) {
    x += '<';
    x += kind;
    x += ':';
    x += tag;
    x += '>';
    x += value;
    x += "</";
    x += kind;
    x += ':';
    x += tag;
    x += '>';
  };
  x += "<rdf:li rdf:parseType=\"Resource\">";
  element("name", name);
  element("valueType", type);
  if (kind == "pdfaProperty") element("category", "external");
  element("description", what);
  x += "</rdf:li>\n";
}

// The extension schema describing vanban's two namespaces, so that a PDF/A validator
// accepts their properties (ISO 19005-2 6.6.2.3).
void extension_schema(std::string& x) {
  x += "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
       "<pdfaSchema:schema>vanban document identity (Decree 30/2020/ND-CP)</pdfaSchema:schema>\n"
       "<pdfaSchema:namespaceURI>";
  x += kVanbanNs;
  x += "</pdfaSchema:namespaceURI><pdfaSchema:prefix>vanban</pdfaSchema:prefix>\n<pdfaSchema:property><rdf:Seq>\n";
  struct Entry {
    const char *name, *type, *what;
  };
  static constexpr Entry properties[] = {
      {"Kind", "Text", "Document kind as printed"},
      {"Template", "Text", "Template name"},
      {"Number", "Text", "Number and symbol"},
      {"Date", "Text", "Document date, ISO 8601"},
      {"Place", "Text", "Place name"},
      {"Agency", "Text", "Issuing body"},
      {"ParentAgency", "Text", "Parent of the issuing body"},
      {"CopyForm", "Text", "An electronic copy: SAO Y, SAO LỤC or TRÍCH SAO (ND30-EDOC-4)"},
      {"SignatureSlots", "seq SignatureSlot", "Where each signature goes"}};
  static constexpr Entry fields[] = {{"Role", "Text", "signer, body or info"},  {"Page", "Integer", "0-based page index"},
                                     {"X", "Real", "left, pt"},                {"Y", "Real", "top, pt, downwards"},
                                     {"Width", "Real", "width, pt"},           {"Height", "Real", "height, pt"}};
  for (const Entry& e : properties) entry(x, "pdfaProperty", e.name, e.type, e.what);
  x += "</rdf:Seq></pdfaSchema:property>\n<pdfaSchema:valueType><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
       "<pdfaType:type>SignatureSlot</pdfaType:type><pdfaType:namespaceURI>";
  x += kVanbanSlotNs;
  x += "</pdfaType:namespaceURI><pdfaType:prefix>vanbanSlot</pdfaType:prefix>\n"
       "<pdfaType:description>A signature area: role, 0-based page, box in pt from the top-left corner</pdfaType:description>\n"
       "<pdfaType:field><rdf:Seq>\n";
  for (const Entry& e : fields) entry(x, "pdfaField", e.name, e.type, e.what);
  x += "</rdf:Seq></pdfaType:field></rdf:li></rdf:Seq></pdfaSchema:valueType>\n</rdf:li></rdf:Bag></pdfaExtension:schemas>\n";
}

void simple(std::string& x, const char* name, const std::string& value) {
  if (value.empty()) return;
  x += '<';
  x += name;
  x += '>';
  x += xml_escape(value);
  x += "</";
  x += name;
  x += ">\n";
}

void alt(std::string& x, const char* name, const std::string& value) {
  if (value.empty()) return;
  x += std::string("<") + name + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(value) + "</rdf:li></rdf:Alt></" +
       name + ">\n";
}

}  // namespace

std::string xmp_packet(const layout::DocumentInfo& info, const WriteOptions& options) {
  std::string x;
  x.reserve(6144);
  // The xpacket header without the deprecated bytes/encoding attributes (6.6.2.1).
  x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
       "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
       " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
  simple(x, "dc:format", "application/pdf");
  alt(x, "dc:title", info.title);
  if (!info.author.empty()) x += "<dc:creator><rdf:Seq><rdf:li>" + xml_escape(info.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
  alt(x, "dc:description", info.subject);
  if (!info.language.empty())
    x += "<dc:language><rdf:Bag><rdf:li>" + xml_escape(info.language) + "</rdf:li></rdf:Bag></dc:language>\n";
  const std::string date = iso_date(info.creation_date);
  simple(x, "xmp:CreateDate", date);
  simple(x, "xmp:ModifyDate", date);
  simple(x, "xmp:MetadataDate", date);
  simple(x, "xmp:CreatorTool", "vanban");
  simple(x, "pdf:Producer", "vanban");
  x += "</rdf:Description>\n";
  if (options.pdfa != PdfA::None) {
    x += "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n<pdfaid:part>2</pdfaid:part>\n"
         "<pdfaid:conformance>";
    x += options.pdfa == PdfA::A2a ? "A" : "U";
    x += "</pdfaid:conformance>\n</rdf:Description>\n";
  }
  // The document's identity and signature slots (always: `vanban sign` reads them back).
  const layout::DocumentIdentity& id = info.identity;
  x += "<rdf:Description rdf:about=\"\" xmlns:vanban=\"";
  x += kVanbanNs;
  x += "\" xmlns:vanbanSlot=\"";
  x += kVanbanSlotNs;
  x += "\">\n";
  simple(x, "vanban:Kind", id.kind);
  simple(x, "vanban:Template", id.template_name);
  simple(x, "vanban:Number", id.number);
  simple(x, "vanban:Date", id.date);
  simple(x, "vanban:Place", id.place);
  simple(x, "vanban:Agency", id.agency);
  simple(x, "vanban:ParentAgency", id.parent_agency);
  simple(x, "vanban:CopyForm", id.copy_form);
  if (!info.signature_slots.empty()) {
    x += "<vanban:SignatureSlots><rdf:Seq>\n";
    for (const auto& s : info.signature_slots) {
      x += "<rdf:li rdf:parseType=\"Resource\"><vanbanSlot:Role>";
      x += layout::signature_role_name(s.role);
      x += "</vanbanSlot:Role><vanbanSlot:Page>" + std::to_string(s.page) + "</vanbanSlot:Page>";
      for (auto [name, v] : {std::pair{"X", s.x}, {"Y", s.y}, {"Width", s.width}, {"Height", s.height}}) {
        x += std::string("<vanbanSlot:") + name + ">";
        put_number(x, v);
        x += std::string("</vanbanSlot:") + name + ">";
      }
      x += "</rdf:li>\n";
    }
    x += "</rdf:Seq></vanban:SignatureSlots>\n";
  }
  x += "</rdf:Description>\n";
  // The description of vanban's namespaces that PDF/A wants (6.6.2.3): 4.5 KB a file
  // only other files would carry for nothing.
  if (options.pdfa != PdfA::None) {
    x += "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
         " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\""
         " xmlns:pdfaType=\"http://www.aiim.org/pdfa/ns/type#\" xmlns:pdfaField=\"http://www.aiim.org/pdfa/ns/field#\">\n";
    extension_schema(x);
    x += "</rdf:Description>\n";
  }
  x += "</rdf:RDF>\n</x:xmpmeta>\n";
  // No padding: the packet is never edited in place (signing appends an incremental
  // update, and leaves the metadata alone).
  x += "<?xpacket end=\"w\"?>";
  return x;
}

namespace {

// The local name of a node ("vanban:Number" -> "Number") and its namespace URI, looked up
// through the xmlns declarations in scope.
std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string namespace_of(pugi::xml_node n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  std::string attr = colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  for (; n; n = n.parent())
    if (pugi::xml_attribute a = n.attribute(attr.c_str())) return a.value();
  return {};
}

// A property's value: the element's text, the first rdf:li of an Alt/Seq/Bag, or an
// attribute of the same qualified name on the rdf:Description (XMP's short form).
std::string text_of(const pugi::xml_node& e) {
  for (pugi::xml_node c : e.children()) {
    if (c.type() == pugi::node_element) {
      if (pugi::xml_node li = c.child("rdf:li")) return li.text().get();
      return {};
    }
  }
  return e.text().get();
}

double real_of(const std::string& s) {
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

std::optional<layout::DocumentInfo> read_xmp(std::string_view xmp) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xmp.data(), xmp.size(), pugi::parse_default | pugi::parse_pi)) return std::nullopt;
  layout::DocumentInfo info;
  info.language.clear();
  bool ours = false;
  layout::DocumentIdentity& id = info.identity;
  std::pair<const char*, std::string*> fields[] = {{"Kind", &id.kind},   {"Template", &id.template_name},
                                                   {"Number", &id.number}, {"Date", &id.date},
                                                   {"Place", &id.place}, {"Agency", &id.agency},
                                                   {"ParentAgency", &id.parent_agency},
                                                   {"CopyForm", &id.copy_form}};
  auto take = [&](std::string_view ns, std::string_view local, const std::string& value, const pugi::xml_node* e) {
    if (ns == "http://purl.org/dc/elements/1.1/") {
      if (local == "title") info.title = value;
      else if (local == "creator") info.author = value;
      else if (local == "description") info.subject = value;
      else if (local == "language") info.language = value;
    } else if (ns == "http://ns.adobe.com/xap/1.0/" && local == "CreateDate") {
      info.creation_date = pdf_date(value);
    } else if (ns == kVanbanNs) {
      ours = true;
      for (auto& [name, target] : fields)
        if (local == name) *target = value;
      if (local == "SignatureSlots" && e) {
        for (pugi::xml_node li : e->first_child().children("rdf:li")) {
          layout::SignatureSlot slot;
          bool known = true;
          for (pugi::xml_node p : li.children()) {
            std::string_view n = local_name(p);
            std::string v = p.text().get();
            if (n == "Role") {
              auto r = layout::signature_role_named(v);
              if (!r) known = false;
              else slot.role = *r;
            } else if (n == "Page") slot.page = static_cast<int>(real_of(v));
            else if (n == "X") slot.x = real_of(v);
            else if (n == "Y") slot.y = real_of(v);
            else if (n == "Width") slot.width = real_of(v);
            else if (n == "Height") slot.height = real_of(v);
          }
          if (known) info.signature_slots.push_back(slot);
        }
      }
    }
  };
  for (pugi::xpath_node d : doc.select_nodes("//*[local-name()='Description']")) {
    pugi::xml_node desc = d.node();
    for (pugi::xml_attribute a : desc.attributes()) {
      std::string_view name = a.name();
      if (name.substr(0, 6) == "xmlns:" && std::string_view(a.value()) == kVanbanNs) ours = true;  // declared, maybe empty
      size_t colon = name.find(':');
      if (colon == std::string_view::npos || name.substr(0, colon) == "xmlns" || name.substr(0, colon) == "rdf") continue;
      std::string attr = "xmlns:" + std::string(name.substr(0, colon));
      std::string ns;
      for (pugi::xml_node n = desc; n && ns.empty(); n = n.parent()) ns = n.attribute(attr.c_str()).value();
      take(ns, name.substr(colon + 1), a.value(), nullptr);
    }
    for (pugi::xml_node e : desc.children())
      if (e.type() == pugi::node_element) take(namespace_of(e), local_name(e), text_of(e), &e);
  }
  if (!ours) return std::nullopt;
  return info;
}

std::optional<layout::DocumentInfo> read_document_info(std::string_view pdf) {
  using namespace PoDoFo;
  std::string xmp;
  // PoDoFo's parser prints what it reads (the trailer) to stderr unless told not to: once
  // per process, before any parse, so no two threads write the flag.
  static std::once_flag quiet;
  std::call_once(quiet, [] { PdfError::EnableDebug(false); });
  try {
    PdfMemDocument doc;
    doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
    PdfObject* catalog = doc.GetCatalog();
    if (!catalog || !catalog->IsDictionary()) return std::nullopt;
    PdfObject* metadata = catalog->GetIndirectKey("Metadata");
    if (!metadata || !metadata->HasStream()) return std::nullopt;
    char* buffer = nullptr;
    pdf_long length = 0;
    metadata->GetStream()->GetFilteredCopy(&buffer, &length);
    xmp.assign(buffer ? buffer : "", static_cast<size_t>(length));
    podofo_free(buffer);
  } catch (const PdfError& e) {
    throw Error(ErrorKind::Input, trf("not a PDF that can be read: {0}", PdfError::ErrorMessage(e.GetError())));
  }
  return read_xmp(xmp);
}

}  // namespace vanban::pdf
