// XLSX workbooks written in the test with libzip (no binary fixtures): a sheet of inline
// strings and numbers, with styles (number formats, fonts) and workbook properties as
// a test needs them.
#pragma once
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>

namespace vanban::test {

// Parts by name -> an XLSX file's bytes (written to a temporary file by libzip).
inline std::string zip_of(const std::map<std::string, std::string>& parts) {
  static int serial = 0;
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("vanban-xlsx-" + std::to_string(getpid()) + "-" + std::to_string(++serial) + ".xlsx"))
                               .string();
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!z) return {};
  for (const auto& [name, text] : parts) {
    zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
    zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
  }
  zip_close(z);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::filesystem::remove(path);
  return out.str();
}

// A workbook of one sheet: `sheet_data` is the <sheetData> content, `styles` the
// styleSheet's content, `workbook_pr` attributes of <workbookPr/> (date1904="1").
inline std::string xlsx_of(const std::string& sheet_data, const std::string& styles = {},
                           const std::string& workbook_pr = {}, const std::string& shared = {}) {
  const std::string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  std::map<std::string, std::string> parts = {
      {"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"xl/workbook.xml", "<workbook xmlns=\"" + ns +
                              "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                              (workbook_pr.empty() ? "" : "<workbookPr " + workbook_pr + "/>") +
                              "<sheets><sheet name=\"Danh sách\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
       "Type=\"x\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + ns + "\"><sheetData>" + sheet_data + "</sheetData></worksheet>"},
  };
  if (!styles.empty()) parts["xl/styles.xml"] = "<styleSheet xmlns=\"" + ns + "\">" + styles + "</styleSheet>";
  if (!shared.empty()) parts["xl/sharedStrings.xml"] = "<sst xmlns=\"" + ns + "\">" + shared + "</sst>";
  return zip_of(parts);
}

// <c r="B2" t="inlineStr"><is><t>text</t></is></c> (with a style when s >= 0).
inline std::string inline_cell(const std::string& ref, const std::string& text, int s = -1) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"" + (s >= 0 ? " s=\"" + std::to_string(s) + "\"" : "") +
         "><is><t xml:space=\"preserve\">" + text + "</t></is></c>";
}

}  // namespace vanban::test
