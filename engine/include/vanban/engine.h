// The engine facade: fonts and templates loaded once, documents rendered on demand.
// An Engine is immutable after construction and may be shared by threads; every
// method is const and thread-safe. Errors are thrown as vanban::Error (core/error.h);
// the command line and the C API turn them into messages and status codes.
#pragma once
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/error.h"
#include "core/limits.h"
#include "layout/certificate_layout.h"
#include "layout/layout.h"
#include "model/document.h"
#include "pdf/pdf_writer.h"
#include "sign/sign.h"
#include "style/profile.h"
#include "text/font.h"

namespace vanban {

struct EngineOptions {
  std::vector<std::string> template_dirs;  // searched in order for <name>.xml
  std::string font_manifest;               // fonts/fonts.xml: the faces and where to find them
  std::string font_dir;                    // optional: a directory holding real Times New Roman files
  // A template may name files (extends=, emblem=, seal=, signature=) outside its own
  // directory only when this is set (style::TemplateAccess).
  bool allow_template_paths = false;
};

// A digital signature made as the file is written (RenderOptions::signatures).
struct SignatureRequest {
  sign::KeySource key;
  layout::SignatureRole role = layout::SignatureRole::Signer;
  // Signer: the signature image (blue, PNG with transparency); Body: the seal (red, PNG
  // with transparency, drawn at its real size); BodyInfo: none (the information box).
  std::string image_png;
  double image_width_mm = 0;   // the image's real width; 0: from the PNG's pHYs
  std::string tsa_url;         // B-T: an RFC 3161 timestamp from this TSA
  std::string reason, location;
};

struct RenderOptions {
  // Fixed creation date for byte-identical output: ISO 8601 ("2021-03-05",
  // "2021-03-05T08:30:00+07:00") or a PDF date ("D:20210305083000+07'00'").
  // Empty: the current time. Checked: an invalid date is Error(Usage).
  std::string creation_date;
  Limits limits;                        // what the data may ask (rows, nesting, sizes)
  // Where the render's warnings go (problems that do not stop it: a list cell converted
  // from TCVN3, …); null: they are dropped. Errors are thrown, all of them in one Error
  // (Error::diagnostics()).
  std::vector<Diagnostic>* warnings = nullptr;
  bool tagged = true;                   // tagged PDF: a structure tree in reading order
  bool pdfa = false;                    // PDF/A-2 (TCVN 14159-2): 2a when tagged, else 2u
  // Signatures applied in order, each an incremental update (the signer, then the body).
  std::vector<SignatureRequest> signatures;
  // The signing time for reproducible files (ISO 8601 with offset); empty: now.
  std::string signing_time;
};

struct BatchOptions {
  // sheet, column map, and the limits of the batch (list.limits: its rows, columns,
  // cells and sizes, the side of its images, the size of the files it reads).
  model::ListOptions list;
  bool sort_by_given_name = false;      // Vietnamese order: given name, middle, family (ICU "vi")
  // Rows of the same unit ("don_vi") together, units in the order they first appear
  // (after sorting): the order of the certificates and of the decision's danh sách.
  bool group_by_unit = false;
  layout::CertificateOptions certificate;
  // PNG files of the emblem, seal and signature (read once per batch); empty: the
  // template's own, if it names one. An image already in `certificate` wins.
  std::string emblem_png, seal_png, signature_png;
  int jobs = 2;                         // threads laying pages out (1..kMaxJobs; fewer when threads cannot start)
  // One file per row (certificate_directory): replace a file already in the directory.
  // Without it such a row fails (its error names the file) and the file is left alone.
  bool overwrite = false;
  std::function<void(size_t done, size_t total)> progress;  // called on the calling thread
};

struct BatchRowError {
  int row = 0, column = 0;   // the spreadsheet's row (the header is row 1) and column
  std::string field, message;
  std::string stt;           // the row's "STT" cell when the list has one: what a clerk looks for
};

struct BatchResult {
  size_t rows = 0;                      // rows in the list
  size_t produced = 0;                  // certificates made
  std::vector<BatchRowError> errors;    // rows that did not make one
  std::vector<Diagnostic> warnings;     // problems that stopped nothing (a column converted from TCVN3, …)
};

enum class OutputFormat { Pdf, Docx };

// Where a signature goes in a PDF whose slots vanban did not record (Engine::sign_pdf):
// every role in this rectangle of this page; not given: the body's information box at the
// top right of page 1 (an A4 page with the decree's margins) for every role.
struct SignaturePlacement {
  bool given = false;
  int page = 0;                                // 0-based
  double x = 0, y = 0, width = 0, height = 0;  // pt from the page's top-left corner; width 0: the
                                               // information box's place on that page
};

// The recognition decision's danh sách (Engine::recognition_decision).
struct DecisionOptions {
  // Its title; empty = "DANH SÁCH ĐƯỢC " + the certificate's verb and title
  // ("DANH SÁCH ĐƯỢC TẶNG GIẤY KHEN").
  std::string list_title;
};

struct Decision {
  model::Document document;   // the decision with its danh sách
  BatchResult rows;           // the list's rows: how many, how many listed, the rows left out and why
};

// Receives one file per row (certificate_files), in list (or sorted) order; `position`
// is the row's 1-based place in that order (failed rows count too).
using CertificateFileSink = std::function<void(size_t position, const model::ListRow& row, std::string bytes)>;

// Receives each certificate in list (or sorted) order, on the calling thread; the page
// may be moved from.
using CertificateSink = std::function<void(size_t position, const model::ListRow& row, layout::Page& page)>;

// The failed rows of a batch as CSV ("row,stt,column,field,message": the spreadsheet row and
// the row's STT cell, empty when the list has none), for <out>.errors.csv.
std::string batch_report_csv(const BatchResult& result);

// A file name for a row from a pattern such as "{stt}-{ho_ten}": {key} is the row's
// field ({stt} falls back to `position`), made safe for every file system, Windows
// included: / \ : * ? " < > | and control characters become "_" (a line break or TAB a
// space), invisible format characters (bidi embeddings, overrides and isolates U+202A-E,
// U+2066-9, marks U+200E/F and U+061C, zero-width characters, soft hyphen: category Cf)
// are dropped, no leading or trailing dot or space, at most 150 bytes cut on a letter
// boundary, NFC; a name Windows reserves for a device (CON, PRN, AUX, NUL, COM0-9,
// LPT0-9, in any case, with any extension) gets a leading "_"; "row-<n>" when nothing is
// left.
std::string certificate_file_name(const std::string& pattern, const model::ListRow& row, size_t position);

// The key under which two file names are the same name on a case-insensitive file
// system (NTFS, APFS): ICU case folding, then NFC. "Nguyễn An" and "NGUYỄN AN" share one.
std::string file_name_key(const std::string& name);

// A template the engine can find (Engine::templates).
struct TemplateInfo {
  std::string name;   // what to pass as <template>: "ke-hoach"
  std::string kind;   // what it makes: its document type ("Kế hoạch"), "Phụ lục" for a form,
                      // "Giấy khen" for a certificate
  std::string path;   // the file
};

namespace api {
class TemplateCache;
}

class Engine {
 public:
  explicit Engine(const EngineOptions& options);   // loads the four faces; throws Error
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // A template by name or path, read once and kept while its files are unchanged on disk
  // (api/template_cache.h): a changed file is read again at the next call.
  style::Template load_template(const std::string& name_or_path) const;
  // The same, shared rather than copied.
  std::shared_ptr<const style::Template> shared_template(const std::string& name_or_path) const;
  model::Document load_document(std::string_view data, const std::string& source_name, const Limits& limits = {}) const;
  layout::LaidOutDocument layout(const model::Document& document, const style::Template& tpl) const;
  // Lays out `data` with `tpl` whatever its layout: an administrative document (JSON or
  // XML model), or forms (a JSON object, a JSON array or a CSV file of records; `blank`
  // prints one empty form and needs no data).
  // Warnings of the data (a form's data read from TCVN3, …) go to `warnings` when given.
  layout::LaidOutDocument lay_out(const style::Template& tpl, std::string_view data, const std::string& source_name,
                                  bool blank, const Limits& limits = {}, std::vector<Diagnostic>* warnings = nullptr) const;
  std::string render_pdf(const std::string& template_name, std::string_view data,
                         const std::string& source_name, const RenderOptions& options, bool blank = false) const;
  std::string write_pdf(const layout::LaidOutDocument& laid_out, const RenderOptions& options) const;
  // One SVG document per page of `laid_out` (engine/svg, issue #15): the same pages the PDF
  // writer reads — glyph outlines from the same faces, rules, rectangles, images — so a
  // preview looks like the print. Deterministic; safe from many threads.
  std::vector<std::string> write_svg(const layout::LaidOutDocument& laid_out, const RenderOptions& options) const;
  // What a template asks for, as JSON text (issue #15: the web page builds its forms from
  // it): name, kind, layout ("document", "form", "certificate"), and the declared fields
  // with their labels, hints, required marks and tables; for documents, the model's
  // header fields, the block types the body takes, the signature and Nơi nhận. The field
  // paths are those the engine's diagnostics name, so a problem finds its input.
  std::string describe_template(const style::Template& tpl) const;
  // DOCX of the same data, written from the document tree (not the pages).
  std::string render_docx(const style::Template& tpl, std::string_view data, const std::string& source_name,
                          const RenderOptions& options, bool blank = false) const;

  // Certificates from a list (CSV, UTF-16 text, XLSX, JSON array), laid out in chunks on
  // `options.jobs` threads and handed to `sink` one by one (pages are not kept: memory
  // stays flat). Bad rows are reported in `errors`, the others are produced. Throws
  // only when the list cannot be read. The pages place graphic 0: certificate_border().
  BatchResult certificates(const style::Template& tpl, std::string_view list, const std::string& source_name,
                           const BatchOptions& options, const CertificateSink& sink) const;
  // All the certificates of a list in one file: a PDF with a page per row (one border
  // drawing, one font subset, pages streamed) or a DOCX with a section per row. `out` is
  // left empty when no row made a certificate.
  BatchResult certificates_file(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                const BatchOptions& options, const RenderOptions& render, OutputFormat format,
                                std::string& out) const;
  // The same written to `path` as it is made (a PDF is not held in memory twice): the file
  // is replaced only when at least one row made a certificate and everything was written.
  BatchResult certificates_file(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                const BatchOptions& options, const RenderOptions& render, OutputFormat format,
                                const std::string& path) const;
  // One file per row written into `dir` (created if need be), named by `pattern`
  // (certificate_file_name; names equal but for case get "-2", "-3"…), with the format's
  // extension. A file already in `dir` is replaced only with options.overwrite; else its
  // row fails (listed in `errors`, naming the file) and the file is kept.
  BatchResult certificate_directory(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                    const BatchOptions& options, const RenderOptions& render, OutputFormat format,
                                    const std::string& dir, const std::string& pattern) const;
  // One file per row, handed to `sink` in order.
  BatchResult certificate_files(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                const BatchOptions& options, const RenderOptions& render, OutputFormat format,
                                const CertificateFileSink& sink) const;

  // The Quyết định khen thưởng of a list: `decision` (a Quyết định model: agency, number,
  // căn cứ, articles, signature) with the danh sách appended as its last appendix — a
  // table (STT, họ và tên, chức vụ, đơn vị, thành tích, số sổ vàng: the columns the list
  // has) whose rows are the certificates `certificate` makes from the same list with the
  // same options, one for one, in the same order (sorted, grouped by unit with a row per
  // unit when options.group_by_unit); a row that cannot make a certificate is left out
  // and reported in `rows.errors`, as the batch reports it. The decision takes its number
  // and date from the rows' "so_quyet_dinh"/"ngay_quyet_dinh" when it gives none; a row
  // naming another number or date is an error naming the row. "{so_luong}" in the
  // decision's body and căn cứ becomes the number of rows listed.
  Decision recognition_decision(const style::Template& certificate, std::string_view list,
                                       const std::string& source_name, model::Document decision,
                                       const BatchOptions& options, const DecisionOptions& how = {}) const;
  // PDF or DOCX of a document already loaded (the decision above).
  std::string render_document(const model::Document& document, const style::Template& tpl, OutputFormat format,
                              const RenderOptions& options) const;

  // `pdf` signed with options.signatures in order (each an incremental update), each
  // appearance in the slot of its role the file records (a PDF vanban wrote), else at
  // `where`; options.signing_time, else now. Error(Signature) for a key that cannot sign.
  std::string sign_pdf(std::string_view pdf, const RenderOptions& options, const SignaturePlacement& where = {}) const;

  // Every template in the template directories, by name (a name found in two directories:
  // the first, as load_template finds it). A name load_template cannot find is an
  // Error(Template) whose hint suggests the nearest of these names.
  std::vector<TemplateInfo> templates() const;

  // The content rules of Decree 30 that layout cannot see (engine/check): abbreviations,
  // the symbol, leading zeros, Nơi nhận, "Lưu:", capitals, numbering, appendices. Returns
  // every finding (errors and warnings) with its rule ID; throws Error (every problem) only
  // when `data` cannot be read as a model for `tpl`.
  std::vector<Diagnostic> check(const style::Template& tpl, std::string_view data, const std::string& source_name,
                                const Limits& limits = {}) const;

  const text::FontFamily& fonts() const { return *fonts_; }
  const std::vector<std::string>& font_paths() const { return font_paths_; }

 private:
  EngineOptions options_;
  std::unique_ptr<text::FontFamily> fonts_;
  std::vector<std::string> font_paths_;
  // The faces' font programs, made once and shared by every PDF this engine writes
  // (pdf/font_programs.h, issue #14).
  std::unique_ptr<pdf::FontPrograms> font_programs_;
  std::unique_ptr<api::TemplateCache> templates_;  // the templates read, while unchanged on disk

  // What a render asks of the PDF writer (detail::write_options) with this engine's font
  // programs.
  pdf::WriteOptions pdf_options(const RenderOptions& options) const;

  // The rows of a list in output order (sorted when asked); checks the template.
  std::vector<const model::ListRow*> batch_rows(const style::Template& tpl, const model::RecipientList& recipients,
                                                const BatchOptions& options) const;
  // The certificate options with their images read in: the caller's files, else the
  // template's.
  static layout::CertificateOptions with_images(const style::Template& tpl, const BatchOptions& options);
  // A PDF of every certificate, pages added a chunk at a time: written to `out` as it is
  // made, or (out null) returned in `bytes`.
  BatchResult pdf_certificates(const style::Template& tpl, std::string_view list, const std::string& source_name,
                               const BatchOptions& options, const RenderOptions& render, std::ostream* out,
                               std::string* bytes) const;
  // DOCX certificates: rows checked one by one (the bad ones reported); the good ones
  // written one file per row to `per_row`, else as one file streamed to `out`, else
  // returned in `bytes`.
  BatchResult docx_certificates(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                const BatchOptions& options, const RenderOptions& render,
                                const CertificateFileSink* per_row, std::ostream* out, std::string* bytes) const;
};

// Where the templates, the font manifest (fonts.xml) and the web page (`vanban serve`)
// are: $VANBAN_TEMPLATE_DIR, $VANBAN_FONT_DIR and $VANBAN_WEB_DIR when set; else
// <prefix>/share/vanban/{templates,fonts,web} beside the installed library or program;
// else the source tree the build came from.
struct DataDirs {
  std::string templates, fonts, web;
};
DataDirs default_data_dirs();

// "2021-03-05T08:30:00+07:00" -> "D:20210305083000+07'00'"; a PDF date ("D:2021…") is
// checked and kept. Throws Error(Usage) for anything else, an impossible date or time
// (2021-02-30, 25:00) or a time zone offset out of range included.
std::string pdf_date_from_iso(const std::string& iso);

// The most threads a batch uses; and how far the text may move on a pre-printed blank.
constexpr int kMaxJobs = 256;
constexpr double kMaxOffsetMm = 50;

// Checks a batch's options: finite offsets of at most kMaxOffsetMm, a finite positive
// scale, jobs in 1..kMaxJobs. Throws Error(Usage) naming the option.
void check_batch_options(const BatchOptions& options);

// Reads an input file named on the command line or to the C API (a data file, a list, a
// PNG image): it must be a regular file (not a device such as /dev/zero, a pipe or a
// directory) of at most limits.max_input_bytes. Throws Error(Input) naming the path.
std::string read_input_file(const std::string& path, const Limits& limits);

const char* version();

}  // namespace vanban
