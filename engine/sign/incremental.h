// An incremental update of a PDF (ISO 32000-1 §7.5.6): the original bytes untouched,
// then the objects that are new or changed, a cross-reference section for them and a
// trailer whose /Prev points to the previous one. PoDoFo's parser reads the file's
// cross-reference (tables or streams) and parses only the objects asked for
// (load-on-demand), so the cost does not grow with the pages and fonts of the file; the
// update itself is written here, byte by byte, so the signature's /Contents hole is
// where the signer knows it to be.
#pragma once
#include <podofo/podofo.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vanban::sign {

// PoDoFo's description of `e` (its code's message, never null).
std::string podofo_message(const PoDoFo::PdfError& e);

class IncrementalUpdate {
 public:
  // Error(Input) when `pdf` is not a PDF that can be updated (damaged, encrypted).
  explicit IncrementalUpdate(std::string_view pdf);
  ~IncrementalUpdate();

  // New objects, numbered after the file's last one.
  PoDoFo::PdfVecObjects& added() { return added_; }
  // An object number for an object written verbatim (`raw`, set later).
  PoDoFo::PdfReference reserve();
  void set_raw(const PoDoFo::PdfReference& ref, std::string text) { raw_[ref.ObjectNumber()] = std::move(text); }

  // The object `value` stands for (references followed), or null.
  const PoDoFo::PdfObject* resolve(const PoDoFo::PdfObject* value) const;
  const PoDoFo::PdfObject* lookup(const PoDoFo::PdfObject& dict, const char* key) const;
  // A changeable copy of the existing indirect object `ref`, written in the update.
  PoDoFo::PdfObject& change(const PoDoFo::PdfReference& ref);
  // The current state of `ref`: its changed copy if any, else the file's object.
  const PoDoFo::PdfObject* current(const PoDoFo::PdfReference& ref) const;

  const PoDoFo::PdfReference& root() const { return root_; }
  // The page `index` (0-based), and the part of it a viewer shows: its crop box, else its
  // media box (each inherited through the page tree).
  PoDoFo::PdfReference page(int index) const;
  PoDoFo::PdfRect visible_box(const PoDoFo::PdfReference& page) const;

  // The original file followed by the update; `offsets` receives where each object of
  // the update starts (by object number).
  std::string write(std::map<uint32_t, size_t>* offsets = nullptr) const;

 private:
  std::string_view pdf_;
  PoDoFo::PdfVecObjects parsed_;
  std::unique_ptr<PoDoFo::PdfParser> parser_;
  PoDoFo::PdfVecObjects added_;
  PoDoFo::PdfReference root_;
  std::map<PoDoFo::PdfReference, std::unique_ptr<PoDoFo::PdfObject>> changed_;
  std::map<uint32_t, std::string> raw_;
};

}  // namespace vanban::sign
