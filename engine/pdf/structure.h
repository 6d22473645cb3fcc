// Tagged PDF (ISO 32000-1 §14.7-14.8): the structure tree built from the tags of layout's
// drawing elements (layout/frame.h: Page::structure, `tag` on runs, rules, rectangles and
// images) while the pages are written. Marked content: each stretch of a page's content
// stream that belongs to one structure element is `/<type> <</MCID n>> BDC … EMC`, an
// artifact `/Artifact BMC … EMC`. Structure elements are written out as soon as a page
// no longer continues them, so a batch of 10,000 certificates keeps memory flat (what
// stays is a few numbers per page: its object number and its ParentTree entry).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "layout/frame.h"

namespace vanban::pdf {

// vanban's own structure types and the standard ones they stand for (the RoleMap).
const std::map<std::string, std::string>& role_map();

// A PDF text string: UTF-16BE with its byte order mark, in hex ("<FEFF…>").
std::string text_string(std::string_view utf8);

class StructureWriter {
 public:
  // `reserve` gives a free object number; `emit` writes object `number` ("n 0 obj" is
  // added) to the output at once.
  StructureWriter(std::function<uint32_t()> reserve, std::function<void(uint32_t, std::string_view)> emit);

  // Before a page's content: the elements its tags name (Error(Output) when an index is
  // out of place: a parent after its child, a continuation of nothing).
  void begin_page(const std::vector<layout::StructNode>& nodes);
  // Marked content for `tag` (a Page::structure index, layout::kArtifact or
  // layout::kPagination) from here: closes the previous stretch unless it is the same.
  void mark(std::string& content, int tag);
  // After the page's content (closes its last stretch). True when the page has marked
  // content: its /StructParents is then its index among all pages.
  bool end_page(std::string& content);
  // The object number of page `index` (pages in order), once it is known.
  void page_numbered(uint32_t number);
  // At the end: the remaining elements, the Document element, the ParentTree and the
  // StructTreeRoot; returns the root's object number.
  uint32_t finish();

 private:
  struct Kid {
    uint32_t element = 0;  // a child element, or
    size_t page = 0;       // marked content `mcid` on page `page`
    int mcid = -1;
    int child = -1;        // the child element's id (its number is set when it has content)
  };
  struct Element {
    std::string type, alt;
    int parent = -1;        // Element id; -1: the Document
    uint32_t number = 0;    // 0 until it has content (then it is written)
    uint32_t parent_number = 0;
    size_t first_page = 0, last_page = 0;  // elements are numbered (ids) in order of first_page
    std::vector<Kid> kids;
    bool closed = false;
  };
  std::function<uint32_t()> reserve_;
  std::function<void(uint32_t, std::string_view)> emit_;
  uint32_t root_, document_;
  std::map<int, Element> open_;      // elements whose pages are not all written yet
  int next_id_ = 0;
  std::vector<int> page_ids_, previous_ids_;  // Page::structure index -> Element id
  std::vector<const layout::StructNode*> page_nodes_;
  std::vector<std::pair<int, uint32_t>> document_kids_;  // top-level elements: id, number (0: no content)
  std::vector<uint32_t> page_numbers_;        // page index -> object number
  std::vector<std::pair<size_t, uint32_t>> parent_tree_;  // page index -> its array of elements by MCID
  std::vector<uint32_t> mcid_elements_;       // this page's MCIDs -> element numbers
  size_t page_ = 0;                           // the page being written
  int current_ = INT32_MIN;                   // the tag of the open stretch
  bool open_stretch_ = false;

  uint32_t attach(int id);
  void write_closed();
};

}  // namespace vanban::pdf
