#include "pdf/pdf_writer.h"

#include <hb-subset.h>
#include <hb.h>
#include <podofo/podofo.h>

#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <new>
#include <unordered_map>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "core/error.h"
#include "core/i18n.h"
#include "core/parallel.h"
#include "pdf/catalog.h"
#include "pdf/content.h"
#include "pdf/flate.h"
#include "pdf/font_embedding.h"
#include "pdf/font_programs.h"
#include "pdf/image.h"
#include "pdf/structure.h"

namespace vanban::pdf {
namespace {

using namespace PoDoFo;

// A shared drawing's content stream, compressed.
std::string deflate_graphic(const layout::Graphic& g) {
  std::string content, deflated;
  for (const auto& rect : g.rects) put_rect(content, rect, g.height);
  for (const auto& rule : g.rules) put_rule(content, rule, g.height);
  if (!deflate_into(deflated, content, Z_DEFAULT_COMPRESSION)) throw Error(ErrorKind::Output, tr("zlib could not compress a page"));
  return deflated;
}

// A stream buffer that appends to a string the writer then hands over whole (an
// ostringstream's str() would copy it).
class StringSink : public std::streambuf {
 public:
  StringSink() { bytes.reserve(64 << 10); }
  std::string bytes;

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    bytes.append(s, static_cast<size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) bytes.push_back(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
};

class Writer {
 public:
  // Writes to `out`, or to a buffer of its own that finish() returns.
  Writer(const layout::DocumentInfo& info, std::ostream* out, const WriteOptions& options)
      : out_(out ? out : &buffer_), device_(out_), options_(options), info_(info) {
    // The header now: pages are written as they come, the rest in finish().
    static const char header[] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    device_.Write(header, sizeof header - 1);
    title_ = info.title;
    creation_date_ = info.creation_date;
    if (options.tagged) {
      structure_ = std::make_unique<StructureWriter>(
          [this] { return reserve_number(); },
          [this](uint32_t n, std::string_view body) { emit(n, std::to_string(n) + " 0 obj\n", body, "\nendobj\n"); });
    }
    doc_.SetWriteMode(ePdfWriteMode_Compact);
    doc_.SetPdfVersion(ePdfVersion_1_7);
    PdfInfo* pi = doc_.GetInfo();
    pi->SetProducer(PdfString("vanban"));
    pi->SetCreator(PdfString("vanban"));
    if (!info.title.empty()) pi->SetTitle(PdfString(reinterpret_cast<const pdf_utf8*>(info.title.c_str())));
    if (!info.author.empty()) pi->SetAuthor(PdfString(reinterpret_cast<const pdf_utf8*>(info.author.c_str())));
    if (!info.subject.empty()) pi->SetSubject(PdfString(reinterpret_cast<const pdf_utf8*>(info.subject.c_str())));
    if (!info.creation_date.empty()) {
      pi->GetObject()->GetDictionary().AddKey("CreationDate", PdfString(info.creation_date));
      pi->GetObject()->GetDictionary().AddKey("ModDate", PdfString(info.creation_date));
    }
  }

  // Shared vector art: one Form XObject each, placed on pages by reference; its content
  // stream compressed here, or once for many files (WriteOptions::deflated_graphics).
  void add_graphics(const std::vector<layout::Graphic>& graphics) {
    const std::vector<std::string>* given = options_.deflated_graphics;
    if (given && given->size() != graphics.size()) given = nullptr;
    for (size_t i = 0; i < graphics.size(); ++i) {
      const layout::Graphic& g = graphics[i];
      PdfObject* form = doc_.GetObjects().CreateObject("XObject");
      form->GetDictionary().AddKey("Subtype", PdfName("Form"));
      PdfArray bbox;
      for (double v : {0.0, 0.0, g.width, g.height}) bbox.push_back(PdfVariant(checked(v)));
      form->GetDictionary().AddKey("BBox", bbox);
      set_deflated_stream(*form, given ? (*given)[i] : deflate_graphic(g));
      graphics_.push_back(form);
    }
    graphic_used_.assign(graphics_.size(), false);
  }

  // Pages: their content streams are written serially (fonts number their glyphs in
  // order of use, so the bytes do not depend on threads) and Flate-compressed as they
  // come, on `threads` - 1 other threads (a page is compressed while the next is
  // written; the calling thread helps with what is left), then made PDF objects. Every
  // page shares one Resources dictionary holding all the file's fonts, drawings and
  // images, so a page costs two small objects.
  // `last`: no page comes after these, so the fonts are embedded (their subsets, widths
  // and maps compressed) on the calling thread while the other threads still compress
  // pages.
  void add_pages(const std::vector<const layout::Page*>& pages, int threads, bool last = false) {
    if (fonts_embedded_) throw std::logic_error("PdfBuilder: a page added after the last");
    const size_t n = pages.size();
    std::vector<std::string> contents(n), compressed(n);
    std::vector<char> marked(n, 0);
    std::mutex mutex;
    std::condition_variable written;
    size_t made = 0;    // contents[0, made) are written (guarded by mutex)
    bool stop = false;  // writing failed: compress no more
    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    auto compress = [&] {
      // Each thread's own deflater: a stream's bytes do not depend on which.
      std::unique_ptr<Deflater> owned;
      Deflater& deflater = Deflater::of_this_thread(owned);
      for (size_t i; (i = next.fetch_add(1)) < n;) {
        {
          std::unique_lock<std::mutex> lock(mutex);
          written.wait(lock, [&] { return made > i || stop; });
          if (made <= i) return;
        }
        if (!deflater.deflate(compressed[i], contents[i], Z_BEST_SPEED)) failed = true;
        std::string().swap(contents[i]);
      }
    };
    const int helpers = std::min<int>(std::clamp(threads, 1, 64), static_cast<int>(n)) - 1;
    overlapped(
        helpers > 0, [&] { run_parallel(helpers, compress); },
        [&] {
          try {
            for (size_t i = 0; i < n; ++i) {
              contents[i] = content_of(*pages[i], marked[i]);
              {
                std::lock_guard<std::mutex> lock(mutex);
                made = i + 1;
              }
              written.notify_all();  // the threads wait for different pages
            }
            if (last) embed_fonts();
          } catch (...) {
            {
              std::lock_guard<std::mutex> lock(mutex);
              stop = true;
            }
            written.notify_all();
            throw;
          }
          compress();
        });
    if (failed) throw Error(ErrorKind::Output, tr("zlib could not compress a page"));
    // The page and its content stream go to the output at once (only their offsets are
    // kept: memory stays flat however many pages); their object numbers are taken from
    // PoDoFo's numbering so the objects it writes in finish() do not collide with them.
    const uint32_t tree = doc_.GetPagesTree()->GetObject()->Reference().ObjectNumber();
    const uint32_t resources = resources_->Reference().ObjectNumber();
    for (size_t i = 0; i < pages.size(); ++i) {
      if (kids_.empty()) first_size_ = {pages[i]->width, pages[i]->height};
      const uint32_t content = reserve_number(), page = reserve_number();
      std::string head = std::to_string(content) + " 0 obj\n<</Filter /FlateDecode /Length " +
                         std::to_string(compressed[i].size()) + ">>\nstream\n";
      emit(content, head, compressed[i], "\nendstream\nendobj\n");
      std::string dict = std::to_string(page) + " 0 obj\n<</Type /Page /Parent " + std::to_string(tree) +
                         " 0 R /Resources " + std::to_string(resources) + " 0 R /Contents " + std::to_string(content) + " 0 R";
      if (marked[i]) dict += " /StructParents " + std::to_string(kids_.size());
      // The first page's size goes on the page tree and is inherited; a page of another
      // size carries its own MediaBox.
      if (std::pair{pages[i]->width, pages[i]->height} != first_size_) {
        dict += " /MediaBox [0 0 ";
        put_number(dict, pages[i]->width);
        dict += ' ';
        put_number(dict, pages[i]->height);
        dict += ']';
      }
      emit(page, dict, ">>\nendobj\n", "");
      std::string().swap(compressed[i]);
      kids_.push_back(PdfReference(page, 0));
      if (structure_) structure_->page_numbered(page);
    }
  }

  // An object number PoDoFo will not give to another object.
  uint32_t reserve_number() {
    PdfReference ref = doc_.GetObjects().CreateObject()->Reference();
    delete doc_.GetObjects().RemoveObject(ref, false);
    return ref.ObjectNumber();
  }

  // Writes object `number` (its parts in order) and remembers where it starts.
  void emit(uint32_t number, std::string_view a, std::string_view b, std::string_view c) {
    if (offsets_.size() <= number) offsets_.resize(number + 1, -1);
    offsets_[number] = device_.Tell();
    for (std::string_view part : {a, b, c}) device_.Write(part.data(), part.size());
  }

  // A page's content stream; the fonts, drawings and images it uses join the shared
  // Resources dictionary. Tagged, each stretch of it is marked content of its structure
  // element or an artifact (pdf/structure.h); `marked`: it has structure content.
  std::string content_of(const layout::Page& page, char& marked) {
    std::string content;
    content.reserve(4096);
    auto mark = [&](int tag) {
      if (structure_) structure_->mark(content, tag);
    };
    if (structure_) structure_->begin_page(page.structure);
    for (int g : page.graphics) {
      if (g < 0 || g >= static_cast<int>(graphics_.size())) throw Error(ErrorKind::Output, tr("a page names a missing graphic"));
      std::string name = "G" + std::to_string(g);
      if (!graphic_used_[g]) {
        graphic_used_[g] = true;
        add_resource("XObject", name, graphics_[g]);
      }
      mark(layout::kArtifact);
      content += "q /" + name + " Do Q\n";
    }
    for (const auto& rect : page.rects) {
      mark(rect.tag);
      put_rect(content, rect, page.height);
    }
    for (const auto& placed : page.images) {
      const std::string& name = image_name(placed);
      mark(placed.tag);
      put_image(content, placed, name, page.height);
    }
    for (const auto& run : page.runs) {
      if (run.glyphs.empty() || !run.font) continue;
      EmbeddedFont& f = font_entry(run.font);
      mark(run.tag);
      put_whole_run(content, run, f, page.height);
    }
    for (const auto& rule : page.rules) {
      mark(rule.tag);
      put_rule(content, rule, page.height);
    }
    marked = structure_ && structure_->end_page(content);
    return content;
  }

  // An entry of the shared Resources dictionary, added when first used.
  void add_resource(const char* kind, const std::string& name, PdfObject* object) {
    PdfDictionary& resources = resources_->GetDictionary();
    if (!resources.HasKey(kind)) resources.AddKey(kind, PdfDictionary());
    resources.GetKey(kind)->GetDictionary().AddKey(PdfName(name), object->Reference());
  }

  // An image XObject per distinct image (8-bit DeviceRGB, Flate), its transparency an
  // /SMask (DeviceGray); named "Im<n>" in the order first used.
  const std::string& image_name(const layout::PlacedImage& placed) {
    const RasterImage* image = placed.image.get();
    if (!image) throw Error(ErrorKind::Output, tr("a page places an empty or malformed image"));
    auto it = image_names_.find(image);
    if (it == image_names_.end()) {
      PdfObject* object = embed_image(doc_.GetObjects(), *image);
      kept_images_.push_back(placed.image);  // the address stays this image's for the file
      it = image_names_.emplace(image, "Im" + std::to_string(image_names_.size() + 1)).first;
      add_resource("XObject", it->second, object);
    }
    return it->second;
  }

  static PdfArray media_box(double width, double height) {
    PdfArray media;
    for (double v : {0.0, 0.0, width, height}) media.push_back(PdfVariant(checked(v)));
    return media;
  }

  // The fonts' programs, descriptors, widths and maps, in the order the fonts were first
  // used; once.
  void embed_fonts() {
    if (fonts_embedded_) return;
    fonts_embedded_ = true;
    for (EmbeddedFont* entry : font_order_) {
      embed_font(doc_.GetObjects(), *entry,
                 options_.font_programs ? &options_.font_programs->of(*entry->font) : nullptr);
    }
  }

  // Embeds the font subsets (unless done) and completes the page tree and the structure
  // tree; then the document is written.
  void complete() {
    if (structure_) {
      PdfDictionary& catalog = doc_.GetCatalog()->GetDictionary();
      catalog.AddKey("StructTreeRoot", PdfReference(structure_->finish(), 0));
      PdfDictionary mark_info;
      mark_info.AddKey("Marked", PdfVariant(true));
      catalog.AddKey("MarkInfo", mark_info);
    }
    embed_fonts();
    PdfObject* tree = doc_.GetPagesTree()->GetObject();
    PdfArray kids;
    for (const auto& ref : kids_) kids.push_back(ref);
    tree->GetDictionary().AddKey("Kids", kids);
    tree->GetDictionary().AddKey("Count", PdfVariant(static_cast<pdf_int64>(kids_.size())));
    tree->GetDictionary().AddKey("MediaBox", media_box(first_size_.first, first_size_.second));
    complete_catalog(doc_, info_, options_);  // XMP, /Lang, PDF/A's output intent
  }

  // Writes PoDoFo's objects (catalog, page tree, info, fonts, shared drawings and images,
  // resources), the cross-reference table and the trailer; returns the bytes when the
  // writer has no output stream of its own.
  std::string finish() {
    complete();
    std::vector<PdfObject*> objects(doc_.GetObjects().begin(), doc_.GetObjects().end());
    std::sort(objects.begin(), objects.end(),
              [](const PdfObject* a, const PdfObject* b) { return a->Reference() < b->Reference(); });
    for (PdfObject* obj : objects) {
      uint32_t n = obj->Reference().ObjectNumber();
      if (offsets_.size() <= n) offsets_.resize(n + 1, -1);
      offsets_[n] = device_.Tell();
      obj->WriteObject(&device_, ePdfWriteMode_Compact, nullptr);
    }
    const pdf_long xref = device_.Tell();
    std::string table = "xref\n0 " + std::to_string(offsets_.size()) + "\n0000000000 65535 f \n";
    char entry[32];
    for (size_t n = 1; n < offsets_.size(); ++n) {
      if (offsets_[n] < 0) std::snprintf(entry, sizeof entry, "0000000000 00000 f \n");
      else std::snprintf(entry, sizeof entry, "%010lld 00000 n \n", static_cast<long long>(offsets_[n]));
      table += entry;
    }
    // The file identifier: from what the file says, so the same input gives the same bytes.
    uint64_t h1 = 1469598103934665603ull, h2 = 1099511628211ull;
    for (char ch : title_ + "|" + creation_date_ + "|" + std::to_string(kids_.size()) + "|" + std::to_string(xref)) {
      h1 = (h1 ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
      h2 = (h2 + static_cast<unsigned char>(ch)) * 6364136223846793005ull + 1442695040888963407ull;
    }
    char id[40];
    std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(h1), static_cast<unsigned long long>(h2));
    table += "trailer\n<</Size " + std::to_string(offsets_.size()) + " /Root " +
             std::to_string(doc_.GetCatalog()->Reference().ObjectNumber()) + " 0 R /Info " +
             std::to_string(doc_.GetInfo()->GetObject()->Reference().ObjectNumber()) + " 0 R /ID [<" + id + "> <" + id +
             ">]>>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    device_.Write(table.data(), table.size());
    device_.Flush();
    if (out_ != &buffer_) return {};
    return std::move(sink_.bytes);
  }

 private:
  StringSink sink_;              // the output when no stream was given
  std::ostream buffer_{&sink_};
  std::ostream* out_;
  PdfOutputDevice device_;
  WriteOptions options_;
  layout::DocumentInfo info_;
  std::vector<pdf_long> offsets_;  // object number -> offset in the output (-1: none)
  std::string title_, creation_date_;
  PdfMemDocument doc_;
  std::vector<PdfReference> kids_;
  std::pair<double, double> first_size_{595.2756, 841.8898};
  std::vector<PdfObject*> graphics_;
  std::vector<bool> graphic_used_;                // graphics_ index -> in the Resources yet
  std::map<const RasterImage*, std::string> image_names_;
  std::vector<std::shared_ptr<const RasterImage>> kept_images_;
  PdfObject* resources_ = doc_.GetObjects().CreateObject();  // the Resources every page shares
  std::map<const text::Font*, std::unique_ptr<EmbeddedFont>> fonts_;
  std::vector<EmbeddedFont*> font_order_;         // fonts_ in the order first used
  bool fonts_embedded_ = false;
  std::unique_ptr<StructureWriter> structure_;  // tagged PDF: the structure tree as pages come

  EmbeddedFont& font_entry(const text::Font* font) {
    auto it = fonts_.find(font);
    if (it != fonts_.end()) return *it->second;
    auto entry = std::make_unique<EmbeddedFont>();
    entry->font = font;
    entry->resource_name = "F" + std::to_string(fonts_.size() + 1);
    entry->type0 = doc_.GetObjects().CreateObject("Font");
    add_resource("Font", entry->resource_name, entry->type0);
    EmbeddedFont& ref = *entry;
    font_order_.push_back(entry.get());
    fonts_.emplace(font, std::move(entry));
    return ref;
  }
};

}  // namespace

std::vector<std::string> deflate_graphics(const std::vector<layout::Graphic>& graphics) {
  std::vector<std::string> out;
  for (const auto& g : graphics) out.push_back(deflate_graphic(g));
  return out;
}

namespace {
[[noreturn]] void rethrow(const PdfError& e) {
  throw Error(ErrorKind::Output, trf("PDF writing failed: {0}", PdfError::ErrorMessage(e.GetError())));
}
}  // namespace

struct PdfBuilder::Impl {
  Writer writer;
  Impl(const layout::DocumentInfo& info, std::ostream* out, const WriteOptions& options) : writer(info, out, options) {}
};

PdfBuilder::PdfBuilder(const layout::DocumentInfo& info, const std::vector<layout::Graphic>& graphics,
                       std::ostream* out, const WriteOptions& options) try
    : impl_(std::make_unique<Impl>(info, out, options)) {
  impl_->writer.add_graphics(graphics);
} catch (const PdfError& e) {
  rethrow(e);
}

PdfBuilder::~PdfBuilder() = default;

void PdfBuilder::add_page(const layout::Page& page) { add_pages({&page}, 1); }

void PdfBuilder::add_pages(const std::vector<const layout::Page*>& pages, int threads, bool last) {
  try {
    impl_->writer.add_pages(pages, threads, last);
  } catch (const PdfError& e) {
    rethrow(e);
  }
}

std::string PdfBuilder::finish() {
  try {
    return impl_->writer.finish();
  } catch (const PdfError& e) {
    rethrow(e);
  }
}


std::string write_pdf(const std::vector<layout::Page>& pages, const layout::DocumentInfo& info,
                      const std::vector<layout::Graphic>& graphics, const WriteOptions& options) {
  PdfBuilder builder(info, graphics, nullptr, options);
  std::vector<const layout::Page*> all;
  for (const auto& page : pages) all.push_back(&page);
  builder.add_pages(all, options.threads, true);
  return builder.finish();
}

}  // namespace vanban::pdf
