// The certificate batches of the engine facade: a list's rows in order (sorted by
// given name, grouped by unit), laid out in chunks on many threads, written as one PDF or
// DOCX, or one file per row (handed to a sink, or into a directory).
#include <unicode/coll.h>
#include <unicode/locid.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>

#include "api/batch_files.h"
#include "api/signing.h"
#include "core/file_io.h"
#include "core/i18n.h"
#include "core/parallel.h"
#include "docx/docx_writer.h"
#include "layout/signature_slots.h"
#include "pdf/pdf_writer.h"
#include "vanban/engine.h"
#include "wording/wording.h"

namespace vanban {

namespace fs = std::filesystem;

namespace {

// Vietnamese name order: given name (the "ten" column, or the last word), then the
// middle names, then the family name, compared with ICU's "vi" collation.
struct NameKey {
  std::string given, middle, family;
};

NameKey name_key(const model::ListRow& row) {
  std::vector<std::string> words;
  std::string name = row.field("ho_ten"), w;
  for (char c : name + " ") {
    if (c == ' ') {
      if (!w.empty()) words.push_back(w);
      w.clear();
    } else {
      w += c;
    }
  }
  NameKey key;
  if (words.empty()) return key;
  const std::string& explicit_given = row.field("ten");
  key.given = explicit_given.empty() ? words.back() : explicit_given;
  key.family = words.size() > 1 ? words.front() : "";
  for (size_t i = 1; i + 1 < words.size(); ++i) key.middle += (key.middle.empty() ? "" : " ") + words[i];
  return key;
}

}  // namespace

layout::CertificateOptions Engine::with_images(const style::Template& tpl, const BatchOptions& options) {
  layout::CertificateOptions out = options.certificate;
  const auto& c = tpl.certificate;
  for (auto [image, given, named] : {std::tuple{&out.emblem, &options.emblem_png, &c.emblem_path},
                                     std::tuple{&out.seal, &options.seal_png, &c.seal_path},
                                     std::tuple{&out.signature, &options.signature_png, &c.signature_path}}) {
    const std::string& path = given->empty() ? *named : *given;
    if (!*image && !path.empty())
      *image = std::make_shared<const RasterImage>(read_png(path, options.list.limits));
  }
  return out;
}

std::vector<const model::ListRow*> Engine::batch_rows(const style::Template& tpl, const model::RecipientList& recipients,
                                                      const BatchOptions& options) const {
  if (tpl.layout != "certificate") {
    throw Error(ErrorKind::Template, trf("template \"{0}\" is not a certificate", tpl.name), tpl.source_path);
  }
  std::vector<const model::ListRow*> rows;
  for (const auto& r : recipients.rows) rows.push_back(&r);
  if (options.sort_by_given_name) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status)) throw Error(ErrorKind::Layout, tr("ICU has no Vietnamese collation"));
    std::vector<std::pair<NameKey, const model::ListRow*>> keyed;
    for (const auto* r : rows) keyed.emplace_back(name_key(*r), r);
    auto compare = [&](const std::string& a, const std::string& b) {
      UErrorCode st = U_ZERO_ERROR;
      return collator->compareUTF8(icu::StringPiece(a), icu::StringPiece(b), st);
    };
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
      for (auto [p, q] : {std::pair{&a.first.given, &b.first.given}, std::pair{&a.first.middle, &b.first.middle},
                          std::pair{&a.first.family, &b.first.family}}) {
        int c = compare(*p, *q);
        if (c != 0) return c < 0;
      }
      return false;
    });
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = keyed[i].second;
  }
  if (options.group_by_unit) {  // units in the order they first appear, rows kept in order within
    std::map<std::string, size_t> first;
    for (const auto* r : rows) first.emplace(r->field("don_vi"), first.size());
    auto unit_rank = [&](const model::ListRow* r) { return first.at(r->field("don_vi")); };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const model::ListRow* a, const model::ListRow* b) { return unit_rank(a) < unit_rank(b); });
  }
  return rows;
}

BatchResult Engine::certificates(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                 const BatchOptions& options, const CertificateSink& sink) const {
  check_batch_options(options);
  const layout::CertificateOptions certificate = with_images(tpl, options);
  model::RecipientList recipients = model::read_recipient_list(list, source_name, options.list);
  std::vector<const model::ListRow*> rows = batch_rows(tpl, recipients, options);
  const layout::CertificatePrototype prototype = layout::certificate_prototype(tpl, certificate, *fonts_);

  BatchResult result;
  result.rows = rows.size();
  result.warnings = recipients.warnings;
  const int jobs = std::max(1, std::min(options.jobs, 64));
  // Chunks of 64 rows. With more than one job, chunk k + 1 is laid out on jobs - 1 threads
  // while this thread hands chunk k's pages on (the sink writes them), so the layout and
  // the writing overlap (issue #14); pages are handed on in list order whatever the jobs.
  // Two chunks of pages are alive at a time.
  constexpr size_t kChunk = 64;
  struct Chunk {
    size_t begin = 0, end = 0;
    std::vector<layout::Page> pages = std::vector<layout::Page>(kChunk);
    std::vector<std::unique_ptr<BatchRowError>> failed = std::vector<std::unique_ptr<BatchRowError>>(kChunk);
  };
  auto lay_out = [&](Chunk& c, int threads) {
    std::atomic<size_t> next{c.begin};
    run_parallel(threads, [&] {  // any other failure (out of memory) ends the batch, not the process
      for (size_t i; (i = next.fetch_add(1)) < c.end;) {
        try {
          c.pages[i - c.begin] = layout::certificate_page(prototype, *rows[i]);
        } catch (const Error& e) {
          c.failed[i - c.begin] = std::make_unique<BatchRowError>(
              BatchRowError{e.line(), e.column(), e.field_path(), e.message(), rows[i]->field("stt")});
        }
      }
    });
  };
  auto hand_on = [&](Chunk& c) {
    for (size_t i = c.begin; i < c.end; ++i) {
      if (c.failed[i - c.begin]) {
        result.errors.push_back(*c.failed[i - c.begin]);
        c.failed[i - c.begin].reset();
        continue;
      }
      sink(i + 1, *rows[i], c.pages[i - c.begin]);
      c.pages[i - c.begin] = layout::Page();
      ++result.produced;
    }
    if (options.progress) options.progress(c.end, rows.size());
  };
  Chunk now, ahead;
  now.end = std::min(rows.size(), kChunk);
  lay_out(now, jobs);
  while (now.begin < rows.size()) {
    ahead.begin = now.end;
    ahead.end = std::min(rows.size(), ahead.begin + kChunk);
    if (ahead.begin < ahead.end) {
      overlapped(jobs > 1, [&] { lay_out(ahead, std::max(1, jobs - 1)); }, [&] { hand_on(now); });
    } else {
      hand_on(now);
    }
    std::swap(now, ahead);
  }
  return result;
}

layout::DocumentInfo detail::certificate_info(const style::Template& tpl, const RenderOptions& render) {
  layout::DocumentInfo info;
  info.title = tpl.certificate.title_lines.empty() ? tpl.name : tpl.certificate.title_lines.front();
  info.author = tpl.certificate.issuer;
  info.identity = layout::certificate_identity(tpl, model::ListRow{});  // a file of many rows: no row's number
  if (!render.creation_date.empty()) info.creation_date = pdf_date_from_iso(render.creation_date);
  return info;
}

namespace {

docx::CertificateDocxOptions docx_options(const layout::CertificateOptions& c) {
  docx::CertificateDocxOptions d;
  d.scale = c.scale;
  d.print_on_blank = c.print_on_blank;
  d.offset_x = c.offset_x;
  d.offset_y = c.offset_y;
  d.emblem = c.emblem;
  d.seal = c.seal;
  d.signature = c.signature;
  return d;
}

}  // namespace

BatchResult Engine::docx_certificates(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                      const BatchOptions& options, const RenderOptions& render,
                                      const CertificateFileSink* per_row, std::ostream* out, std::string* bytes) const {
  check_batch_options(options);
  if (!render.creation_date.empty()) pdf_date_from_iso(render.creation_date);  // checked as for a PDF
  detail::check_docx(render);
  const docx::CertificateDocxOptions certificate = docx_options(with_images(tpl, options));
  model::RecipientList recipients = model::read_recipient_list(list, source_name, options.list);
  std::vector<const model::ListRow*> rows = batch_rows(tpl, recipients, options), good;
  BatchResult result;
  result.rows = rows.size();
  result.warnings = recipients.warnings;
  docx::DocxOptions docx;
  docx.creation_date = render.creation_date;
  for (size_t i = 0; i < rows.size(); ++i) {
    try {
      wording::certificate_text(tpl, *rows[i]);
    } catch (const Error& e) {
      result.errors.push_back(BatchRowError{e.line(), e.column(), e.field_path(), e.message(), rows[i]->field("stt")});
      continue;
    }
    ++result.produced;
    if (per_row) (*per_row)(i + 1, *rows[i], docx::write_certificates(tpl, {rows[i]}, certificate, *fonts_, docx));
    else good.push_back(rows[i]);
    if (options.progress && (i + 1) % 64 == 0) options.progress(i + 1, rows.size());
  }
  // One file: streamed, a row at a time (docx::write_certificates).
  if (!per_row && !good.empty()) {
    if (out) docx::write_certificates(tpl, good, certificate, *fonts_, docx, *out);
    else if (bytes) *bytes = docx::write_certificates(tpl, good, certificate, *fonts_, docx);
  }
  if (options.progress) options.progress(rows.size(), rows.size());
  return result;
}

BatchResult Engine::certificates_file(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                      const BatchOptions& options, const RenderOptions& render, OutputFormat format,
                                      std::string& out) const {
  out.clear();
  if (format == OutputFormat::Docx) return docx_certificates(tpl, list, source_name, options, render, nullptr, nullptr, &out);
  return pdf_certificates(tpl, list, source_name, options, render, nullptr, &out);
}

BatchResult Engine::certificates_file(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                      const BatchOptions& options, const RenderOptions& render, OutputFormat format,
                                      const std::string& path) const {
  // Pages (a PDF) or the ZIP (a DOCX) go into the (temporary) file as they are made; the
  // file replaces `path` only when a certificate was made.
  BatchResult result;
  file_io::write_file_atomically(path, [&](std::ostream& out) {
    result = format == OutputFormat::Docx
                 ? docx_certificates(tpl, list, source_name, options, render, nullptr, &out, nullptr)
                 : pdf_certificates(tpl, list, source_name, options, render, &out, nullptr);
    return result.produced > 0;
  });
  return result;
}

BatchResult Engine::pdf_certificates(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                     const BatchOptions& options, const RenderOptions& render, std::ostream* out,
                                     std::string* bytes) const {
  const layout::CertificateOptions certificate = with_images(tpl, options);
  // Signed: the file is made in memory and signed once, in the first page's slots, then
  // written (a signature covers the whole file, so nothing can be streamed before it).
  const bool signing = !render.signatures.empty();
  std::vector<detail::OpenedSignature> signatures;
  std::string time;
  if (signing) {
    signatures = detail::open_signatures(render.signatures, options.list.limits);
    time = detail::signing_time(render);
  }
  layout::DocumentInfo info = detail::certificate_info(tpl, render);
  pdf::PdfBuilder pdf(info, {layout::certificate_border(tpl, certificate)}, signing ? nullptr : out,
                      pdf_options(render));
  BatchOptions with = options;
  with.certificate = certificate;
  // Pages go to the PDF a chunk at a time, their streams compressed on every thread. The
  // chunk is the layout's (64 rows, Engine::certificates): while this thread writes one, the
  // other threads lay out the next, so both cores work. With 256 pages written every fourth
  // chunk, the layout thread waited through each long write and this thread through three
  // layouts: the run was nearly serial (issue #14). The chunk fixes the order of the
  // structure objects in the file, so the bytes depend on it, not on the threads.
  constexpr size_t kPdfChunk = 64;
  std::vector<layout::Page> chunk;
  auto flush = [&] {
    std::vector<const layout::Page*> pages;
    for (const auto& p : chunk) pages.push_back(&p);
    pdf.add_pages(pages, options.jobs);
    chunk.clear();
  };
  BatchResult result = certificates(tpl, list, source_name, with, [&](size_t, const model::ListRow&, layout::Page& page) {
    if (info.signature_slots.empty()) info.signature_slots = page.signature_slots;  // the first page's
    chunk.push_back(std::move(page));
    if (chunk.size() == kPdfChunk) flush();
  });
  flush();
  if (result.produced > 0) {
    std::string made = pdf.finish();
    if (signing) {
      made = detail::sign_document(std::move(made), info, signatures, time, *fonts_, render.warnings);
      if (out) out->write(made.data(), static_cast<std::streamsize>(made.size()));
    }
    if (bytes) *bytes = std::move(made);
  }
  return result;
}

}  // namespace vanban
