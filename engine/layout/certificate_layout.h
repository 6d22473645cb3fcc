// Certificates (Giấy khen, Giấy công nhận): one page per person of a list. The border is
// one shared vector graphic; the name shrinks to fit one line down to a minimum size,
// then wraps. Each page is laid out on its own, so pages can be laid out in parallel.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "layout/frame.h"
#include "model/recipient_list.h"
#include "style/profile.h"
#include "text/font.h"

namespace vanban::layout {

struct CertificateOptions {
  double scale = 1;            // 1 = the template's paper (A4 landscape); √2 = A3
  bool print_on_blank = false; // only the variable text, for pre-printed blanks
  double offset_x = 0, offset_y = 0;  // pt, moves the variable text (print on blank)
  // Optional images; the emblem is left out on a blank (it is pre-printed there), the
  // signature and seal are printed when given.
  std::shared_ptr<const RasterImage> emblem, seal, signature;
};

// The shared border of every page (index 0 of LaidOutDocument::graphics).
Graphic certificate_border(const style::Template& tpl, const CertificateOptions& options);

// Paragraphs a batch has already set (certificate_layout.cpp): the date line, achievement
// texts, positions and units come back on many rows. Shared by the threads of a batch.
struct CertificateLinesMemo;

// What every certificate of a batch shares, laid out once: the fixed top lines (emblem,
// Quốc hiệu, Tiêu ngữ and its rule, issuer, verb, title) and the signer's block.
struct CertificatePrototype {
  const style::Template* tpl;
  CertificateOptions options;
  const text::FontFamily* fonts;
  Page head;              // the fixed top lines (nothing on a blank: they are pre-printed)
  double head_bottom;     // where the name starts
  Page signer;            // signer's title, signature room, signer's name, from y = 0
  double signature_top;   // the signature room's top in `signer`
  double signer_height;   // `signer`'s height, its spacing included
  std::shared_ptr<CertificateLinesMemo> memo;  // the batch's set paragraphs
};

CertificatePrototype certificate_prototype(const style::Template& tpl, const CertificateOptions& options,
                                           const text::FontFamily& fonts);

// One certificate from the batch's prototype; thread-safe (the prototype is only read).
Page certificate_page(const CertificatePrototype& prototype, const model::ListRow& row);

// One certificate. Throws vanban::Error(Model) naming the row and column when the row
// cannot make one (no name, a date that is not a date).
Page certificate_page(const style::Template& tpl, const model::ListRow& row, const CertificateOptions& options,
                      const text::FontFamily& fonts);

}  // namespace vanban::layout
