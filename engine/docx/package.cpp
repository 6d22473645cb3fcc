// The package: the ZIP (libzip) with fixed dates, and the parts every DOCX has.
#include "docx/package.h"

#include <zip.h>

#include <cstdio>
#include <ctime>
#include <exception>
#include <memory>
#include <sstream>

#include "core/error.h"
#include "core/i18n.h"
#include "docx/writer.h"

namespace vanban::docx {

namespace {

// A PartStream as a libzip source: read once per zip_close, its size known up front
// (so the entry's headers are those of an in-memory part: the same bytes).
struct StreamSource {
  PartStream* stream;
  uint64_t size, done = 0;
  zip_error_t error;
  std::exception_ptr failure;
};

zip_int64_t stream_callback(void* state, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* s = static_cast<StreamSource*>(state);
  try {
    switch (cmd) {
      case ZIP_SOURCE_OPEN:
        s->stream->rewind();
        s->done = 0;
        return 0;
      case ZIP_SOURCE_READ: {
        size_t n = s->stream->read(static_cast<char*>(data), static_cast<size_t>(len));
        s->done += n;
        if (s->done > s->size || (n == 0 && s->done != s->size)) {
          throw Error(ErrorKind::Output, trf("a DOCX part came out {0} bytes long, not {1}", s->done, s->size));
        }
        return static_cast<zip_int64_t>(n);
      }
      case ZIP_SOURCE_CLOSE: return 0;
      case ZIP_SOURCE_STAT: {
        auto* st = static_cast<zip_stat_t*>(data);
        zip_stat_init(st);
        st->size = s->size;
        st->valid |= ZIP_STAT_SIZE;
        return sizeof(zip_stat_t);
      }
      case ZIP_SOURCE_ERROR: return zip_error_to_data(&s->error, data, len);
      case ZIP_SOURCE_FREE: return 0;
      case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
      default: zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0); return -1;
    }
  } catch (...) {
    // Nothing is thrown through libzip: the exception comes out of Package::zip.
    if (!s->failure) s->failure = std::current_exception();
    zip_error_set(&s->error, ZIP_ER_INTERNAL, 0);
    return -1;
  }
}

}  // namespace

void Package::add(const std::string& name, std::string data) { parts_.push_back(Part{name, std::move(data), nullptr, 0}); }

void Package::add(const std::string& name, PartStream& stream, uint64_t size) {
  parts_.push_back(Part{name, {}, &stream, size});
}

template <typename Sink>
void Package::write(time_t mtime, Sink&& sink) {
  zip_error_t error;
  zip_error_init(&error);
  // The archive is small next to its parts (they are deflated): it is made in memory.
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) throw Error(ErrorKind::Output, tr("libzip: cannot create a buffer"));
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(buffer);
    throw Error(ErrorKind::Output, tr("libzip: cannot open the archive"));
  }
  zip_source_keep(buffer);
  std::vector<std::unique_ptr<StreamSource>> streams;
  for (const auto& part : parts_) {
    zip_source_t* src = nullptr;
    if (part.stream) {
      streams.push_back(std::make_unique<StreamSource>(StreamSource{part.stream, part.size, 0, {}, nullptr}));
      zip_error_init(&streams.back()->error);
      src = zip_source_function(archive, stream_callback, streams.back().get());
    } else {
      // The buffers live in parts_ until zip_close (zip_source_buffer does not copy).
      src = zip_source_buffer(archive, part.data.data(), part.data.size(), 0);
    }
    zip_int64_t index = src ? zip_file_add(archive, part.name.c_str(), src, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (src) zip_source_free(src);
      zip_discard(archive);
      zip_source_free(buffer);
      throw Error(ErrorKind::Output, trf("libzip: cannot add {0}", part.name));
    }
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), mtime, 0);
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 6);
  }
  if (zip_close(archive) < 0) {
    std::string why = zip_strerror(archive);
    zip_discard(archive);
    zip_source_free(buffer);
    for (auto& s : streams) {
      if (s->failure) std::rethrow_exception(s->failure);
    }
    throw Error(ErrorKind::Output, trf("libzip: cannot write the archive: {0}", why));
  }
  zip_stat_t st;
  bool written = false;
  if (zip_source_stat(buffer, &st) == 0 && zip_source_open(buffer) == 0) {
    std::vector<char> chunk(1 << 16);
    uint64_t total = 0;
    for (zip_int64_t n; (n = zip_source_read(buffer, chunk.data(), chunk.size())) > 0;) {
      sink(chunk.data(), static_cast<size_t>(n));
      total += static_cast<uint64_t>(n);
    }
    zip_source_close(buffer);
    written = total == st.size && total > 0;
  }
  zip_source_free(buffer);
  if (!written) throw Error(ErrorKind::Output, tr("libzip: the archive could not be read back"));
}

std::string Package::zip(time_t mtime) {
  std::string out;
  write(mtime, [&](const char* data, size_t n) { out.append(data, n); });
  return out;
}

void Package::zip(time_t mtime, std::ostream& out) {
  write(mtime, [&](const char* data, size_t n) { out.write(data, static_cast<std::streamsize>(n)); });
  if (!out) throw Error(ErrorKind::Output, tr("cannot write the DOCX"));
}

std::string xml_string(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return kXmlDeclaration + out.str();
}

std::string Writer::settings() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:settings xmlns:w=\"" + std::string(kW) + "\">"
         "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
         "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
         "</w:settings>";
}

std::string Writer::font_table() const {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:fonts xmlns:w=\"" + std::string(kW) + "\"><w:font w:name=\"" + tpl_.font_family +
         "\"><w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>"
         "<w:pitch w:val=\"variable\"/></w:font></w:fonts>";
}

std::string Writer::content_types() const {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
         std::string(media_.empty() ? "" : "<Default Extension=\"png\" ContentType=\"image/png\"/>") +
         "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
         "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
         "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
         "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
         "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
         "<Override PartName=\"/word/header2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>" +
         std::string(footer_ ? "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
                               "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>" : "") +
         "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
         "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
         "</Types>";
}

std::string Writer::root_rels() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
         "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
         "</Relationships>";
}

std::string Writer::document_rels() const {
  const std::string base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::string images;
  for (size_t i = 1; i <= media_.size(); ++i) {
    images += "<Relationship Id=\"rIdImage" + std::to_string(i) + "\" Type=\"" + base + "image\" Target=\"media/image" +
              std::to_string(i) + ".png\"/>";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rIdStyles\" Type=\"" + base + "styles\" Target=\"styles.xml\"/>"
         "<Relationship Id=\"rIdSettings\" Type=\"" + base + "settings\" Target=\"settings.xml\"/>"
         "<Relationship Id=\"rIdFonts\" Type=\"" + base + "fontTable\" Target=\"fontTable.xml\"/>"
         "<Relationship Id=\"rIdHeaderDefault\" Type=\"" + base + "header\" Target=\"header1.xml\"/>"
         "<Relationship Id=\"rIdHeaderFirst\" Type=\"" + base + "header\" Target=\"header2.xml\"/>" +
         (footer_ ? "<Relationship Id=\"rIdFooterFirst\" Type=\"" + base + "footer\" Target=\"footer1.xml\"/>"
                    "<Relationship Id=\"rIdFooterEmpty\" Type=\"" + base + "footer\" Target=\"footer2.xml\"/>" : std::string()) +
         images + "</Relationships>";
}

std::string Writer::w3cdtf() const {
  if (options_.creation_date.size() >= 10) {
    std::string d = options_.creation_date;
    if (d.size() == 10) return d + "T00:00:00Z";
    return d;
  }
  char buf[32];
  time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

time_t Writer::mtime() const {
  std::tm tm{};
  std::string d = w3cdtf();
  if (std::sscanf(d.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &tm.tm_sec) < 3) {
    return 315532800;  // 1980-01-01
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

std::string Writer::core(const std::string& title, const std::string& author) const {
  pugi::xml_document d;
  xml_node cp = d.append_child("cp:coreProperties");
  cp.append_attribute("xmlns:cp") = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
  cp.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  cp.append_attribute("xmlns:dcterms") = "http://purl.org/dc/terms/";
  cp.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  cp.append_child("dc:title").text().set(title.c_str());
  cp.append_child("dc:creator").text().set(author.c_str());
  cp.append_child("dc:language").text().set("vi-VN");
  for (const char* name : {"dcterms:created", "dcterms:modified"}) {
    xml_node n = cp.append_child(name);
    n.append_attribute("xsi:type") = "dcterms:W3CDTF";
    n.text().set(w3cdtf().c_str());
  }
  return xml_string(d);
}

std::string Writer::app() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
         "<Application>vanban</Application></Properties>";
}

}  // namespace vanban::docx
