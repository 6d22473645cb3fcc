// QR codes (libqrencode): the module matrix for the PDF layout, and a PNG of it for the
// DOCX writer. Error correction level M, 8-bit mode.
#pragma once
#include <string>
#include <vector>

namespace vanban {

struct QrCode {
  int size = 0;                      // modules per side
  std::vector<unsigned char> dark;   // size * size, row by row, 1 = dark
  bool at(int row, int column) const { return dark[static_cast<size_t>(row) * size + column] != 0; }
};

// Throws vanban::Error(Layout) when the text cannot be encoded (too long).
QrCode qr_encode(const std::string& text);

// A grey-level PNG of the code, `module_px` pixels a module, with a one-module quiet
// zone all round (the size the PDF layout gives it).
std::string qr_png(const QrCode& code, int module_px);

}  // namespace vanban
