// The DOCX package: parts zipped with libzip at a fixed date (the same input and date
// give the same bytes). A part is held in memory, or made while the archive is written
// (a PartStream), so that a batch's document.xml never exists whole.
#pragma once
#include <pugixml.hpp>

#include <cstdint>
#include <ctime>
#include <ostream>
#include <string>
#include <vector>

namespace vanban::docx {

// The bytes of a part made on demand: after rewind(), read() fills `buffer` with the
// next bytes (0 at the end); the part is `size` bytes long (given to Package::add), the
// same on every rewind. Exceptions thrown here come out of Package::zip.
class PartStream {
 public:
  virtual ~PartStream() = default;
  virtual void rewind() = 0;
  virtual size_t read(char* buffer, size_t n) = 0;
};

class Package {
 public:
  void add(const std::string& name, std::string data);
  // `stream` is not owned and must outlive zip().
  void add(const std::string& name, PartStream& stream, uint64_t size);
  // The archive, as bytes or written to `out`.
  std::string zip(time_t mtime);
  void zip(time_t mtime, std::ostream& out);

 private:
  struct Part {
    std::string name, data;
    PartStream* stream = nullptr;
    uint64_t size = 0;
  };
  std::vector<Part> parts_;
  template <typename Sink>
  void write(time_t mtime, Sink&& sink);
};

// A whole XML document as a part: the declaration, a newline, the tree unindented.
std::string xml_string(const pugi::xml_document& doc);
// The declaration and newline that start every XML part.
inline constexpr const char* kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

}  // namespace vanban::docx
