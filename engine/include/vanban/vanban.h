/* vanban: Vietnamese administrative documents (Decree 30/2020/ND-CP), the C API.
 *
 * A C99 interface for programs in any language (PHP, Java, .NET, Python, Node…).
 * Conventions, after SQLite and libgit2:
 *   - An engine (vanban_engine) loads the fonts and the templates' search path once. It is
 *     immutable after vanban_engine_open() and may be shared by any number of threads,
 *     each rendering its own documents at the same time.
 *   - Every function returns a vanban_status; VANBAN_OK is 0. When a call on an engine
 *     fails, vanban_errmsg() and the vanban_error_*() functions describe it: the last
 *     failure of the calling thread on that engine (so threads sharing an engine do not
 *     see each other's errors). A successful call does not clear it.
 *   - Every buffer the library returns is freed with vanban_free(); everything else the
 *     library returns (strings from vanban_errmsg(), vanban_version()) belongs to it.
 *   - No C++ exception crosses this interface; a failed allocation is VANBAN_ENOMEM.
 *   - Files are written whole or not at all: an existing output file is only replaced by a
 *     complete new one.
 *   - Strings are UTF-8 and NUL-terminated; data buffers carry their length.
 */
#ifndef VANBAN_H
#define VANBAN_H

#include <stddef.h>

#if defined(_WIN32)
#define VANBAN_API __declspec(dllexport)
#else
#define VANBAN_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define VANBAN_VERSION "0.1.0"
#define VANBAN_VERSION_NUMBER 1000 /* major * 1000000 + minor * 1000 + patch */

typedef enum vanban_status {
  VANBAN_OK = 0,
  VANBAN_ESYNTAX = 1,    /* malformed JSON, XML, CSV or XLSX; invalid UTF-8 */
  VANBAN_EMODEL = 2,     /* a missing or mistyped field, a value out of range */
  VANBAN_ETEMPLATE = 3,  /* unknown template, malformed template file, unreadable image */
  VANBAN_EFONT = 4,      /* a missing font file, a character the font lacks */
  VANBAN_ELAYOUT = 5,    /* content that cannot be laid out */
  VANBAN_EINPUT = 6,     /* an input file cannot be read */
  VANBAN_EOUTPUT = 7,    /* the output cannot be written */
  VANBAN_EMISUSE = 8,    /* a bad argument: NULL where a value is needed, unknown option */
  VANBAN_EPARTIAL = 9,   /* batch: some rows failed, the others were produced */
  VANBAN_ENOMEM = 10,    /* out of memory */
  VANBAN_EINTERNAL = 11, /* a bug: please report it with the message */
  VANBAN_ESIGN = 12      /* a key, certificate, PKCS#11 token or timestamp authority that cannot sign */
} vanban_status;

typedef enum vanban_format { VANBAN_PDF = 0, VANBAN_DOCX = 1 } vanban_format; /* others: VANBAN_EMISUSE */

typedef struct vanban_engine vanban_engine;

/* The library's version ("0.1.0") and VANBAN_VERSION_NUMBER as it was built. */
VANBAN_API const char* vanban_version(void);
VANBAN_API int vanban_version_number(void);

/* A short English name of a status ("model error"). */
VANBAN_API const char* vanban_status_name(vanban_status status);

/* Opens an engine. `template_dir` is searched first for templates (NULL: only the
 * installed ones); `font_dir` holds real Times New Roman files (NULL: Liberation Serif,
 * metric-compatible, from the font manifest). The installed data is found beside the
 * library (<prefix>/share/vanban), or where VANBAN_TEMPLATE_DIR and VANBAN_FONT_DIR point.
 * On failure *engine is still set (unless NULL was passed or memory ran out), so that
 * vanban_errmsg() can tell why; close it with vanban_engine_close(). */
VANBAN_API vanban_status vanban_engine_open(const char* template_dir, const char* font_dir, vanban_engine** engine);

/* Closes an engine (NULL is allowed). No call on it may be running or follow. */
VANBAN_API void vanban_engine_close(vanban_engine* engine);

/* The calling thread's last failure on `engine`: a message "file:line:column: field:
 * what" with the parts that are known ("" when none failed); its parts apart: the file
 * (or source name), the 1-based line and column (0 when unknown), the field path
 * ("signature.signer_name", "row 9, ngay_quyet_dinh"), the status. The strings stay
 * valid until the thread's next failing call on the engine. */
VANBAN_API const char* vanban_errmsg(const vanban_engine* engine);
VANBAN_API const char* vanban_error_file(const vanban_engine* engine);
VANBAN_API int vanban_error_line(const vanban_engine* engine);
VANBAN_API int vanban_error_column(const vanban_engine* engine);
VANBAN_API const char* vanban_error_field(const vanban_engine* engine);
VANBAN_API vanban_status vanban_error_status(const vanban_engine* engine);

/* Every problem of the calling thread's last call on `engine` (errors and warnings; reset by
 * each call, successful or not), for a portal to show field by field: an input with several
 * mistakes reports them all at once (up to 50 errors). vanban_errmsg() is the first error.
 * Warnings do not make a call fail (a list cell converted from TCVN3, a rule of the decree
 * broken in vanban_check()). The strings stay valid until the thread's next call on the
 * engine; `index` past the count gives NULL. */
typedef enum vanban_severity { VANBAN_SEVERITY_ERROR = 0, VANBAN_SEVERITY_WARNING = 1 } vanban_severity;

typedef struct vanban_diagnostic {
  vanban_severity severity;
  vanban_status status;     /* the kind of problem (VANBAN_EMODEL …); VANBAN_OK for a warning */
  const char* rule;         /* a rule ID of Decree 30 ("ND30-TYPE-2"), or "" */
  const char* file;         /* the file or source name, or "" */
  int line, column;         /* 1-based; 0 when unknown */
  const char* field;        /* field path ("signature.signer_name", "row 8 (STT 7), ho_ten"), or "" */
  const char* message;      /* what is wrong, in the process's language (Vietnamese or English) */
  const char* hint;         /* how to mend it ("did you mean \"signature\"?"), or "" */
} vanban_diagnostic;

VANBAN_API size_t vanban_diagnostic_count(const vanban_engine* engine);
VANBAN_API const vanban_diagnostic* vanban_diagnostic_get(const vanban_engine* engine, size_t index);

/* Limits on what an input may ask of the library: declared sizes are never trusted, and
 * past a limit the call fails with an error naming it (VANBAN_EINPUT for a file too large
 * or not a regular file; the readers' status — VANBAN_ESYNTAX, VANBAN_EMODEL or
 * VANBAN_ETEMPLATE for an image — for a list or image past a limit). Initialise with
 * vanban_limits_init(), which sets the defaults (shown), then change what you need, and
 * point the options' `limits` at it (NULL: the defaults; a field left 0: its default). */
typedef struct vanban_limits {
  size_t size;                         /* sizeof(vanban_limits), set by _init */
  size_t max_rows;                     /* rows of a list or form records: 1000000 */
  size_t max_columns;                  /* columns of a list: 16384 */
  size_t max_cells;                    /* non-empty cells of a list: 20000000 */
  size_t max_shared_strings;           /* XLSX shared strings: 2000000 */
  unsigned long long max_zip_entry_bytes; /* one XLSX entry, uncompressed: 256 MiB */
  unsigned int max_image_side;         /* pixels, either side of a PNG: 10000 */
  size_t max_nesting;                  /* nesting of JSON/XML values and blocks: 200 */
  unsigned long long max_input_bytes;  /* one input file (data, list, image): 1 GiB */
  size_t max_text_bytes;               /* one text: a cell of a list or form, a string of a
                                          model: 65536 */
} vanban_limits;

VANBAN_API void vanban_limits_init(vanban_limits* limits);

/* Who signs (ND30-ESIG-1..6): the signer (the signature image between the authority and
 * the name), the body (its seal, real size, over the signature's left third), or the body
 * on an attachment in a separate file or an electronic copy (no image: the information
 * box at the top right of page 1). */
typedef enum vanban_signature_role {
  VANBAN_SIGNER = 0,
  VANBAN_BODY = 1,
  VANBAN_BODY_INFO = 2
} vanban_signature_role;

/* One digital signature (PAdES B-B, B-T with a TSA). Initialise with VANBAN_SIGNATURE_INIT
 * or vanban_signature_init(): later versions may add fields at the end (`size`). In an
 * array, every element has the size of the first. */
typedef struct vanban_signature {
  size_t size;                 /* sizeof(vanban_signature) */
  const char* p12_path;        /* a PKCS#12 file (key, certificate, chain), or NULL and: */
  const char* pkcs11_module;   /* a PKCS#11 module ("/usr/lib/softhsm/libsofthsm2.so") */
  const char* token_label;     /* NULL: the first token holding a key */
  const char* key_label;       /* NULL: the token's first private key */
  const char* key_id;          /* or the key's ID, hex */
  const char* secret;          /* the PKCS#12 password or the PIN */
  vanban_signature_role role;  /* VANBAN_SIGNER (default), VANBAN_BODY, VANBAN_BODY_INFO */
  const char* image_png;       /* the signature (blue) or the seal (red), PNG with transparency */
  double image_width_mm;       /* its real width; 0: from the PNG's pHYs */
  const char* tsa_url;         /* B-T: an RFC 3161 timestamp from this server */
  const char* reason;
  const char* location;
} vanban_signature;

/* One line: bindings that read this header drop preprocessor lines (bindings/php/ffi_header.cmake). */
#define VANBAN_SIGNATURE_INIT { sizeof(vanban_signature), NULL, NULL, NULL, NULL, NULL, NULL, VANBAN_SIGNER, NULL, 0, NULL, NULL, NULL }

VANBAN_API void vanban_signature_init(vanban_signature* signature);

/* Options of one rendering. Initialise with vanban_render_options_init(): later versions
 * may add fields at the end, and `size` tells the library which ones the caller knows. */
typedef struct vanban_render_options {
  size_t size;                 /* sizeof(vanban_render_options), set by _init */
  vanban_format format;        /* VANBAN_PDF (default) or VANBAN_DOCX */
  const char* creation_date;   /* ISO 8601 "2021-03-05" or "2021-03-05T08:30:00+07:00": the
                                  same input gives the same bytes; NULL = now */
  int blank;                   /* forms: print the form empty (no data needed) */
  const char* source_name;     /* names in-memory data in errors; NULL = "<data>" */
  const vanban_limits* limits; /* NULL: the defaults of vanban_limits_init() */
  /* Added by issue #13 (callers of older headers get the defaults): PDF/A, tagging, signatures. */
  int pdfa;                    /* PDF/A-2 (TCVN 14159-2): 2a when tagged, else 2u */
  int no_tags;                 /* no structure tree (tagged PDF is the default) */
  const struct vanban_signature* signatures;  /* applied in order (the signer, then the body), */
  size_t signature_count;                     /* each an incremental update; a PDF only */
  const char* signing_time;    /* ISO 8601 with its offset, "2021-03-05T09:15:30+07:00"; NULL = now */
} vanban_render_options;

VANBAN_API void vanban_render_options_init(vanban_render_options* options);

/* Checks shared by every call: `format` must be VANBAN_PDF or VANBAN_DOCX and
 * `creation_date` a real date and time (2021-02-30, 25:00 or an offset past ±14:00 are
 * refused), else VANBAN_EMISUSE. A file named as data, list or template must be a regular
 * file (not /dev/zero, a pipe or a directory): VANBAN_EINPUT or VANBAN_ETEMPLATE.
 * Templates are found by name in the template directories, or by path; a template may
 * not name files (extends=, emblem=, seal=, signature=) outside its own directory
 * (VANBAN_ETEMPLATE). An engine keeps each template it loaded, and reads it again when
 * its file (or one it extends) changed on disk; a deleted one is an error. Running out of
 * memory, in any thread of the call, is VANBAN_ENOMEM; the host is never aborted.
 *
 * Renders `data` (a JSON or XML document model; for form templates a JSON object, a JSON
 * array or a CSV file of records) with the template `template_name` (a name such as
 * "ke-hoach" or a path to a template file). On VANBAN_OK, *out holds *out_size bytes of
 * PDF or DOCX, to be freed with vanban_free(); on failure *out is NULL. */
VANBAN_API vanban_status vanban_render(vanban_engine* engine, const char* template_name, const char* data,
                                       size_t data_size, const vanban_render_options* options, unsigned char** out,
                                       size_t* out_size);

/* The same from a file to a file (`data_path` may be NULL with options->blank). */
VANBAN_API vanban_status vanban_render_file(vanban_engine* engine, const char* template_name, const char* data_path,
                                            const char* out_path, const vanban_render_options* options);

/* Checks data against a template without writing anything (the same errors as rendering). */
VANBAN_API vanban_status vanban_validate(vanban_engine* engine, const char* template_name, const char* data,
                                         size_t data_size, const vanban_render_options* options);

/* The content rules of Decree 30 that layout cannot see (abbreviations, the symbol, leading
 * zeros, Nơi nhận, "Lưu:", capitals, numbering, appendices), checked on `data` for the
 * template: every finding is a diagnostic with its rule ID. VANBAN_OK when none is an error
 * (warnings may be listed); VANBAN_EMODEL when some are; the readers' statuses when the data
 * cannot be read. */
VANBAN_API vanban_status vanban_check(vanban_engine* engine, const char* template_name, const char* data,
                                      size_t data_size, const vanban_render_options* options);

/* Options of a certificate batch. Initialise with vanban_batch_options_init(). */
typedef struct vanban_batch_options {
  size_t size;                 /* sizeof(vanban_batch_options), set by _init */
  vanban_format format;        /* VANBAN_PDF (default) or VANBAN_DOCX */
  const char* creation_date;   /* as in vanban_render_options */
  const char* source_name;     /* names an in-memory list in errors; NULL = "<list>" */
  int sort_by_given_name;      /* Vietnamese name order: given, middle, family name */
  const char* sheet;           /* XLSX sheet name; NULL = the first */
  int a3;                      /* A3 instead of the template's A4 */
  int print_on_blank;          /* only the variable text, for pre-printed blanks */
  double offset_x_mm, offset_y_mm;  /* moves the text on a blank: finite, at most 50 mm either
                                       way (else VANBAN_EMISUSE) */
  const char* emblem_png;      /* paths of PNG images, or NULL (the template's own) */
  const char* seal_png;
  const char* signature_png;
  const char* name_pattern;    /* one file per row: "{stt}-{ho_ten}" (NULL = that) */
  int jobs;                    /* threads laying pages out, 1..256 (0 = 2); fewer are used when
                                  the process may not start more */
  int overwrite;               /* one file per row: replace files already in the directory
                                  (0: such a row fails, VANBAN_EPARTIAL, and the file is kept) */
  const vanban_limits* limits; /* NULL: the defaults of vanban_limits_init() */
  /* Added by issue #13, as in vanban_render_options: one PDF is signed once (in its
   * first page's places), one file per row: every file. */
  int pdfa;
  int no_tags;
  const struct vanban_signature* signatures;
  size_t signature_count;
  const char* signing_time;
} vanban_batch_options;

VANBAN_API void vanban_batch_options_init(vanban_batch_options* options);

/* Certificates from a list (CSV, UTF-16 text, XLSX, JSON array) held in memory, all in one
 * PDF (a page per row) or DOCX (a section per row). *rows and *failed (either may be NULL)
 * receive the number of rows and of rows that made no certificate. VANBAN_EPARTIAL: some
 * rows failed, *out holds the others, and vanban_errmsg() lists the failed rows, one per
 * line (each is also a diagnostic: vanban_diagnostic_get); any other failure leaves *out NULL. */
VANBAN_API vanban_status vanban_batch(vanban_engine* engine, const char* template_name, const char* list,
                                      size_t list_size, const vanban_batch_options* options, unsigned char** out,
                                      size_t* out_size, size_t* rows, size_t* failed);

/* The same from a list file, to `out_path`: a file, or with a trailing '/' a directory that
 * receives one file per row named by options->name_pattern. A file whose name ends in
 * ".pdf" or ".docx" (any case) must be of options->format (else VANBAN_EMISUSE, nothing
 * written), as the command line chooses the format by the extension. */
VANBAN_API vanban_status vanban_batch_file(vanban_engine* engine, const char* template_name, const char* list_path,
                                           const char* out_path, const vanban_batch_options* options, size_t* rows,
                                           size_t* failed);

/* Options of vanban_sign. Initialise with vanban_sign_options_init(). */
typedef struct vanban_sign_options {
  size_t size;                 /* sizeof(vanban_sign_options), set by _init */
  const vanban_signature* signatures;  /* applied in order, each an incremental update */
  size_t signature_count;
  const char* signing_time;    /* as in vanban_render_options */
  /* A PDF vanban did not write (it records where the decree puts each signature): the
   * page (1-based; 0 = the first) and the rectangle, mm from the page's top-left corner
   * (width 0: the information box at the top right of that page). */
  int page;
  double x_mm, y_mm, width_mm, height_mm;
  const vanban_limits* limits; /* NULL: the defaults (the images' sizes) */
} vanban_sign_options;

VANBAN_API void vanban_sign_options_init(vanban_sign_options* options);

/* Signs a PDF held in memory (VANBAN_ESIGN: a key that cannot sign, a wrong password or
 * PIN, a TSA that does not answer; VANBAN_EINPUT: not a PDF that can be updated). On
 * VANBAN_OK *out holds the signed file, to be freed with vanban_free(). */
VANBAN_API vanban_status vanban_sign(vanban_engine* engine, const char* pdf, size_t pdf_size,
                                     const vanban_sign_options* options, unsigned char** out, size_t* out_size);

/* The same from a file to a file (written whole or not at all). */
VANBAN_API vanban_status vanban_sign_file(vanban_engine* engine, const char* in_path, const char* out_path,
                                          const vanban_sign_options* options);

/* Frees a buffer the library returned (NULL is allowed). */
VANBAN_API void vanban_free(void* buffer);

/* Removes the temporary files the library is writing now (output goes to a temporary file
 * beside the target, ".vanban-tmp-<pid>-XXXXXX", renamed when complete). The library
 * installs no signal handler: a program that wants no debris when SIGINT or SIGTERM ends it
 * calls this from its handler (it is async-signal-safe) and then ends; the writes under way
 * fail. */
VANBAN_API void vanban_remove_temporaries(void);

#ifdef __cplusplus
}
#endif

#endif /* VANBAN_H */
