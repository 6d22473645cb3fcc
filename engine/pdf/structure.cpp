#include "pdf/structure.h"

#include "core/error.h"
#include "core/i18n.h"
#include "pdf/font_embedding.h"

namespace vanban::pdf {

const std::map<std::string, std::string>& role_map() {
  static const std::map<std::string, std::string> map = {
      {"HeaderBlock", "Div"},     // ô 1-4: issuing body, Quốc hiệu and Tiêu ngữ, Số, place and date
      {"SignatureBlock", "Div"},  // ô 7-9: Nơi nhận and the signatures
      {"Signature", "Div"},       // one signer: authority, title, name (ND30-SIG)
      {"Recipients", "Div"},      // ô 9b: Nơi nhận (ND30-NN-3)
  };
  return map;
}

std::string text_string(std::string_view utf8) { return "<FEFF" + utf16_hex(std::string(utf8)) + ">"; }

namespace {
std::string ref(uint32_t n) { return std::to_string(n) + " 0 R"; }
}  // namespace

StructureWriter::StructureWriter(std::function<uint32_t()> reserve, std::function<void(uint32_t, std::string_view)> emit)
    : reserve_(std::move(reserve)), emit_(std::move(emit)) {
  root_ = reserve_();
  document_ = reserve_();
}

void StructureWriter::begin_page(const std::vector<layout::StructNode>& nodes) {
  previous_ids_.swap(page_ids_);
  page_ids_.assign(nodes.size(), -1);
  page_nodes_.clear();
  for (size_t i = 0; i < nodes.size(); ++i) {
    const layout::StructNode& node = nodes[i];
    page_nodes_.push_back(&node);
    if (node.parent >= static_cast<int>(i) || node.parent < -1 ||
        node.continues >= static_cast<int>(previous_ids_.size()) || node.continues < -1 || node.type.empty()) {
      throw Error(ErrorKind::Output, tr("a page's structure names an element out of place"));
    }
    if (node.continues >= 0 && open_.count(previous_ids_[node.continues])) {
      page_ids_[i] = previous_ids_[node.continues];
      continue;
    }
    Element e;
    e.type = node.type;
    e.alt = node.alt;
    e.parent = node.parent >= 0 ? page_ids_[node.parent] : -1;
    e.first_page = e.last_page = page_;
    // Its place among its parent's kids: the order of the page's elements (reading order),
    // filled in when it has content.
    if (e.parent >= 0) open_.at(e.parent).kids.push_back(Kid{0, 0, -1, next_id_});
    else document_kids_.emplace_back(next_id_, 0);
    page_ids_[i] = next_id_;
    open_.emplace(next_id_++, std::move(e));
  }
  // The previous page's elements this page does not continue are complete.
  for (int id : previous_ids_) {
    bool continued = false;
    for (int now : page_ids_) continued = continued || now == id;
    auto it = open_.find(id);
    if (!continued && it != open_.end()) it->second.closed = true;
  }
  mcid_elements_.clear();
  current_ = INT32_MIN;
  open_stretch_ = false;
}

uint32_t StructureWriter::attach(int id) {
  Element& e = open_.at(id);
  if (e.number) return e.number;
  e.number = reserve_();
  e.parent_number = document_;
  const uint32_t number = e.number;
  if (e.parent >= 0) {
    e.parent_number = attach(e.parent);
    for (auto k = open_.at(e.parent).kids.rbegin(); k != open_.at(e.parent).kids.rend(); ++k) {
      if (k->child == id) {
        k->element = number;
        break;
      }
    }
  } else {
    for (auto k = document_kids_.rbegin(); k != document_kids_.rend(); ++k) {
      if (k->first == id) {
        k->second = number;
        break;
      }
    }
  }
  return number;
}

void StructureWriter::mark(std::string& content, int tag) {
  if (open_stretch_ && tag == current_) return;
  if (open_stretch_) content += "EMC\n";
  current_ = tag;
  open_stretch_ = true;
  if (tag == layout::kArtifact) {
    content += "/Artifact BMC\n";
    return;
  }
  if (tag == layout::kPagination) {
    content += "/Artifact <</Type /Pagination>> BDC\n";
    return;
  }
  if (tag < 0 || tag >= static_cast<int>(page_ids_.size())) {
    throw Error(ErrorKind::Output, tr("a page's content names a missing structure element"));
  }
  const int id = page_ids_[tag];
  const uint32_t number = attach(id);
  Element& e = open_.at(id);
  const int mcid = static_cast<int>(mcid_elements_.size());
  mcid_elements_.push_back(number);
  e.kids.push_back(Kid{0, page_, mcid, -1});
  e.last_page = page_;
  content += "/" + e.type + " <</MCID " + std::to_string(mcid) + ">> BDC\n";
}

bool StructureWriter::end_page(std::string& content) {
  if (open_stretch_) content += "EMC\n";
  open_stretch_ = false;
  const bool marked = !mcid_elements_.empty();
  if (marked) {
    std::string array = "[";
    for (size_t i = 0; i < mcid_elements_.size(); ++i) array += (i ? " " : "") + ref(mcid_elements_[i]);
    array += "]";
    const uint32_t n = reserve_();
    emit_(n, array);
    parent_tree_.emplace_back(page_, n);
  }
  ++page_;
  return marked;
}

void StructureWriter::page_numbered(uint32_t number) {
  page_numbers_.push_back(number);
  write_closed();
}

// Writes the complete elements whose pages all have numbers, and forgets them.
void StructureWriter::write_closed() {
  for (auto it = open_.begin(); it != open_.end();) {
    Element& e = it->second;
    // The elements from here on began on pages not numbered yet: none can be written (a
    // batch's chunk of 256 pages has all its elements open before its pages are numbered;
    // looking at them all for every page made the chunk quadratic).
    if (e.first_page >= page_numbers_.size()) break;
    if (!e.closed || (e.number && e.last_page >= page_numbers_.size())) {
      ++it;
      continue;
    }
    if (e.number) {
      // /Pg: the page of its first marked content; kids on other pages say theirs.
      size_t pg = SIZE_MAX;
      for (const Kid& k : e.kids) {
        if (k.mcid >= 0) {
          pg = k.page;
          break;
        }
      }
      std::string dict = "<</S /" + e.type + " /P " + ref(e.parent_number);
      if (pg != SIZE_MAX) dict += " /Pg " + ref(page_numbers_.at(pg));
      if (!e.alt.empty()) dict += " /Alt " + text_string(e.alt);
      dict += " /K [";
      bool first = true;
      for (const Kid& k : e.kids) {
        if (k.mcid < 0 && !k.element) continue;  // a child without content
        if (!first) dict += ' ';
        first = false;
        if (k.mcid < 0) dict += ref(k.element);
        else if (k.page == pg) dict += std::to_string(k.mcid);
        else dict += "<</Type /MCR /Pg " + ref(page_numbers_.at(k.page)) + " /MCID " + std::to_string(k.mcid) + ">>";
      }
      dict += "]>>";
      emit_(e.number, dict);
    }
    it = open_.erase(it);
  }
}

uint32_t StructureWriter::finish() {
  for (auto& [id, e] : open_) e.closed = true;
  write_closed();
  std::string doc = "<</Type /StructElem /S /Document /P " + ref(root_) + " /K [";
  bool first = true;
  for (const auto& [id, number] : document_kids_) {
    if (!number) continue;
    doc += (first ? "" : " ") + ref(number);
    first = false;
  }
  emit_(document_, doc + "]>>");
  std::string nums = "<</Nums [";
  for (size_t i = 0; i < parent_tree_.size(); ++i) {
    nums += (i ? " " : "") + std::to_string(parent_tree_[i].first) + " " + ref(parent_tree_[i].second);
  }
  const uint32_t tree = reserve_();
  emit_(tree, nums + "]>>");
  std::string roles;
  for (const auto& [custom, standard] : role_map()) roles += "/" + custom + " /" + standard + " ";
  emit_(root_, "<</Type /StructTreeRoot /K " + ref(document_) + " /ParentTree " + ref(tree) + " /ParentTreeNextKey " +
                   std::to_string(page_) + " /RoleMap <<" + roles + ">>>>");
  return root_;
}

}  // namespace vanban::pdf
