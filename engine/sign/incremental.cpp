#include "sign/incremental.h"

#include <algorithm>
#include <cstdio>

#include "core/error.h"
#include "core/i18n.h"

namespace vanban::sign {

using namespace PoDoFo;

namespace {

[[noreturn]] void not_updatable(const std::string& why) {
  throw Error(ErrorKind::Input, trf("the PDF cannot be signed: {0}", why));
}

std::string header(const PdfReference& ref) {
  return std::to_string(ref.ObjectNumber()) + " " + std::to_string(ref.GenerationNumber()) + " obj\n";
}

}  // namespace

std::string podofo_message(const PdfError& e) {
  const char* m = PdfError::ErrorMessage(e.GetError());
  return m && *m ? m : "PoDoFo error " + std::to_string(static_cast<int>(e.GetError()));
}

IncrementalUpdate::IncrementalUpdate(std::string_view pdf) : pdf_(pdf), parsed_(), added_() {
  // The vectors own their objects (PoDoFo's default is not to delete them).
  parsed_.SetAutoDelete(true);
  added_.SetAutoDelete(true);
  try {
    parser_ = std::make_unique<PdfParser>(&parsed_);
    parser_->ParseFile(PdfRefCountedInputDevice(pdf.data(), pdf.size()), true);
  } catch (const PdfError& e) {
    if (e.GetError() == ePdfError_InvalidPassword) not_updatable(tr("it is encrypted"));
    not_updatable(podofo_message(e));
  }
  if (parser_->GetEncrypted()) not_updatable(tr("it is encrypted"));
  const PdfObject* trailer = parser_->GetTrailer();
  const PdfObject* size = trailer ? trailer->GetDictionary().GetKey("Size") : nullptr;
  const PdfObject* root = trailer ? trailer->GetDictionary().GetKey("Root") : nullptr;
  if (!size || !size->IsNumber() || !root || !root->IsReference() || !resolve(root) || !resolve(root)->IsDictionary()) {
    not_updatable(tr("its trailer has no /Size or /Root"));
  }
  root_ = root->GetReference();
  // Objects made for the update take the numbers from the trailer's /Size on (past the
  // highest number in use, should /Size be too small).
  pdf_int64 next = std::max<pdf_int64>(size->GetNumber(), static_cast<pdf_int64>(parsed_.GetObjectCount()));
  if (next < 1 || next > 8388607) not_updatable(tr("its trailer has no /Size or /Root"));
  added_.SetObjectCount(PdfReference(static_cast<uint32_t>(next - 1), 0));
}

IncrementalUpdate::~IncrementalUpdate() = default;

PdfReference IncrementalUpdate::reserve() { return added_.CreateObject()->Reference(); }

const PdfObject* IncrementalUpdate::current(const PdfReference& ref) const {
  auto it = changed_.find(ref);
  if (it != changed_.end()) return it->second.get();
  return const_cast<PdfVecObjects&>(parsed_).GetObject(ref);
}

const PdfObject* IncrementalUpdate::resolve(const PdfObject* value) const {
  for (int hops = 0; value && value->IsReference(); ++hops) {
    if (hops > 32) return nullptr;
    value = current(value->GetReference());
  }
  return value;
}

const PdfObject* IncrementalUpdate::lookup(const PdfObject& dict, const char* key) const {
  if (!dict.IsDictionary()) return nullptr;
  return resolve(dict.GetDictionary().GetKey(key));
}

PdfObject& IncrementalUpdate::change(const PdfReference& ref) {
  auto it = changed_.find(ref);
  if (it != changed_.end()) return *it->second;
  const PdfObject* original = current(ref);
  if (!original) not_updatable(trf("object {0} is missing", std::to_string(ref.ObjectNumber())));
  auto copy = std::make_unique<PdfObject>(ref, static_cast<const PdfVariant&>(*original));
  PdfObject& out = *copy;
  changed_.emplace(ref, std::move(copy));
  return out;
}

PdfReference IncrementalUpdate::page(int index) const {
  const int asked = index;
  const PdfObject* catalog = current(root_);
  const PdfObject* node_value = catalog->GetDictionary().GetKey("Pages");
  if (index < 0 || !node_value || !node_value->IsReference()) not_updatable(tr("it has no page tree"));
  PdfReference node = node_value->GetReference();
  for (int depth = 0; depth < 64; ++depth) {
    const PdfObject* obj = current(node);
    if (!obj || !obj->IsDictionary()) break;
    const PdfObject* kids = lookup(*obj, "Kids");
    if (!kids) {
      if (index == 0) return node;
      break;
    }
    if (!kids->IsArray()) break;
    bool found = false;
    for (const PdfObject& kid : kids->GetArray()) {
      if (!kid.IsReference()) continue;
      const PdfObject* k = resolve(&kid);
      if (!k || !k->IsDictionary()) continue;
      const PdfObject* count = lookup(*k, "Count");
      long n = lookup(*k, "Kids") ? (count && count->IsNumber() ? static_cast<long>(count->GetNumber()) : 0) : 1;
      if (index < n) {
        node = kid.GetReference();
        found = true;
        break;
      }
      index -= n;
    }
    if (!found) break;
  }
  throw Error(ErrorKind::Input, trf("the PDF has no page {0} to sign on", std::to_string(asked + 1)));
}

PdfRect IncrementalUpdate::visible_box(const PdfReference& page) const {
  for (const char* key : {"CropBox", "MediaBox"}) {
    const PdfObject* node = current(page);
    for (int depth = 0; node && node->IsDictionary() && depth < 64; ++depth) {
      const PdfObject* box = lookup(*node, key);
      if (box && box->IsArray() && box->GetArray().size() == 4) return PdfRect(box->GetArray());
      node = lookup(*node, "Parent");
    }
  }
  return PdfRect(0, 0, 595.2756, 841.8898);  // none given: A4, as vanban writes
}

std::string IncrementalUpdate::write(std::map<uint32_t, size_t>* offsets) const {
  std::string out;
  out.reserve(pdf_.size() + 16384);
  out.append(pdf_);
  if (out.empty() || (out.back() != '\n' && out.back() != '\r')) out += '\n';
  std::map<uint32_t, std::pair<uint16_t, size_t>> xref;  // number -> generation, offset

  for (const auto& [ref, obj] : changed_) {
    xref[ref.ObjectNumber()] = {ref.GenerationNumber(), out.size()};
    std::string body;
    obj->ToString(body, ePdfWriteMode_Compact);
    out += header(ref) + body + "\nendobj\n";
  }
  for (PdfObject* obj : added_) {
    const PdfReference& ref = obj->Reference();
    xref[ref.ObjectNumber()] = {ref.GenerationNumber(), out.size()};
    auto raw = raw_.find(ref.ObjectNumber());
    if (raw != raw_.end()) {
      out += raw->second;
      continue;
    }
    out += header(ref);
    if (obj->HasStream()) {
      // The stream's bytes as kept (already encoded by its filters) and their /Length.
      auto* stream = dynamic_cast<PdfMemStream*>(obj->GetStream());
      std::string data(stream->Get(), static_cast<size_t>(stream->GetLength()));
      PdfDictionary d = obj->GetDictionary();
      d.AddKey(PdfName::KeyLength, PdfVariant(static_cast<pdf_int64>(data.size())));
      std::string body;
      PdfVariant(d).ToString(body, ePdfWriteMode_Compact);
      out += body + "\nstream\n" + data + "\nendstream\nendobj\n";
    } else {
      std::string body;
      obj->ToString(body, ePdfWriteMode_Compact);
      out += body + "\nendobj\n";
    }
  }
  if (offsets) {
    for (const auto& [n, e] : xref) (*offsets)[n] = e.second;
  }

  // The cross-reference section: one subsection per run of consecutive numbers, each
  // entry 20 bytes.
  size_t xref_at = out.size();
  out += "xref\n";
  for (auto it = xref.begin(); it != xref.end();) {
    auto end = it;
    uint32_t next = it->first;
    while (end != xref.end() && end->first == next) ++end, ++next;
    out += std::to_string(it->first) + " " + std::to_string(next - it->first) + "\n";
    for (; it != end; ++it) {
      char entry[32];
      std::snprintf(entry, sizeof entry, "%010zu %05u n\r\n", it->second.second, static_cast<unsigned>(it->second.first));
      out += entry;
    }
  }
  const PdfDictionary& old = parser_->GetTrailer()->GetDictionary();
  PdfDictionary trailer;
  size_t size = static_cast<size_t>(old.GetKey("Size")->GetNumber());
  if (!xref.empty()) size = std::max<size_t>(size, xref.rbegin()->first + 1);
  trailer.AddKey("Size", PdfVariant(static_cast<pdf_int64>(size)));
  trailer.AddKey("Root", root_);
  for (const char* key : {"Info", "ID"}) {
    if (const PdfObject* v = old.GetKey(key)) trailer.AddKey(key, *v);
  }
  trailer.AddKey("Prev", PdfVariant(static_cast<pdf_int64>(const_cast<PdfParser&>(*parser_).GetXRefOffset())));
  std::string body;
  PdfVariant(trailer).ToString(body, ePdfWriteMode_Compact);
  out += "trailer\n" + body + "\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
  return out;
}

}  // namespace vanban::sign
