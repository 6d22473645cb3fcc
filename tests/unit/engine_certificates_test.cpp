// Certificates end to end through `vanban batch`, read back with pdftotext, pdfminer
// (tests/e2e/pdf_probe.py), qpdf and zbarimg.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cli_harness.h"
#include "core/file_io.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using vanban::test::Dir;
using vanban::test::q;
using vanban::test::Result;
using vanban::test::run;

const std::string kSource = VANBAN_SOURCE_DIR;
const std::string kCli = VANBAN_CLI;
const std::string kList = kSource + "/samples/danh-sach-khen-thuong.csv";
constexpr double kMm = 72.0 / 25.4;

std::string page_text(const std::string& pdf, int page) {
  return vanban::test::collapse_spaces(
      run("pdftotext -raw -enc UTF-8 -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + q(pdf) + " -").output);
}

int pages(const std::string& pdf) { return vanban::test::pdf_page_count(pdf); }

TEST(Certificates, EachPageCarriesItsRowAndBadRowsAreReported) {
  Dir dir("vanban-cert");
  std::string pdf = dir.file("gk.pdf");
  Result r = run(kCli + " batch giay-khen " + q(kList) + " -o " + q(pdf) + " --date 2022-05-15");
  EXPECT_EQ(r.status, 3) << r.output;  // some rows failed, the others were produced
  EXPECT_NE(r.output.find("danh-sach-khen-thuong.csv:8:2: row 8 (STT 7), ho_ten: the name is missing"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(":9:8: row 9 (STT 8), ngay_quyet_dinh: \"31/2/2022\" is not a date"), std::string::npos) << r.output;
  std::string report = vanban::file_io::read_file(pdf + ".errors.csv");
  EXPECT_NE(report.find("row,stt,column,field,message\n8,\"7\",2,\"row 8 (STT 7), ho_ten\""), std::string::npos) << report;
  EXPECT_NE(report.find("9,\"8\",8,\"row 9 (STT 8), ngay_quyet_dinh\""), std::string::npos) << report;
  ASSERT_EQ(pages(pdf), 7);
  Result check = run("qpdf --check " + q(pdf));
  EXPECT_EQ(check.status, 0) << check.output;
  const char* names[] = {"Bà Bùi Thị Lan", "Ông Nguyễn Văn An", "Ông Đinh Công Thành", "Bà Quách Thị Hoa",
                         "Bà Tôn Nữ Hoàng Thị Phương Thảo Nguyên Khánh Linh", "Ông Xa Văn Mạnh"};
  for (int p = 1; p <= 6; ++p) {
    std::string t = page_text(pdf, p);
    EXPECT_NE(t.find(names[p - 1]), std::string::npos) << p << ": " << t;
    for (const char* fixed : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                              "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH HÒA BÌNH", "TẶNG", "GIẤY KHEN",
                              "Quyết định số 125/QĐ-SGDĐT, ngày 15/05/2022", "Hòa Bình, ngày 15 tháng 5 năm 2022",
                              "Bùi Thị Kim Tuyến"})
      EXPECT_NE(t.find(fixed), std::string::npos) << p << ": " << fixed;
    EXPECT_NE(t.find("Số sổ vàng: " + std::to_string(122 + p) + "/SV"), std::string::npos) << t;
  }
  EXPECT_NE(page_text(pdf, 1).find("Giáo viên - Trường Tiểu học Hữu Nghị"), std::string::npos);
  EXPECT_NE(page_text(pdf, 1).find("năm học 2021 - 2022"), std::string::npos);
}

TEST(Certificates, TheBorderIsOneSharedDrawing) {
  Dir dir("vanban-cert");
  std::string pdf = dir.file("gk.pdf");
  run(kCli + " batch giay-khen " + q(kList) + " -o " + q(pdf));
  Result qdf = run("qpdf --qdf --object-streams=disable " + q(pdf) + " " + q(dir.file("q.pdf")));
  std::string text = vanban::file_io::read_file(dir.file("q.pdf"));
  size_t forms = 0;
  for (size_t at = text.find("/Subtype /Form"); at != std::string::npos; at = text.find("/Subtype /Form", at + 1)) ++forms;
  EXPECT_EQ(forms, 1u);
  size_t uses = 0;
  for (size_t at = text.find("/G0 Do"); at != std::string::npos; at = text.find("/G0 Do", at + 1)) ++uses;
  EXPECT_EQ(uses, 7u);
}

TEST(Certificates, LongNamesShrinkToOneLineThenWrap) {
  Dir dir("vanban-cert");
  std::string list = dir.write("l.csv",
                               "Họ và tên,Giới tính\n"
                               "Bùi Thị Lan,Nữ\n"
                               "Công Tằng Tôn Nữ Hoàng Thị Minh Nguyệt Ánh Dương Phương Thảo Quỳnh Như Ngọc Diệp,Nữ\n"
                               "Công Tằng Tôn Nữ Hoàng Thị Minh Nguyệt Ánh Dương Phương Thảo Quỳnh Như Ngọc Diệp Hoài Thu Thanh Hương Kiều Oanh,Nữ\n");
  std::string pdf = dir.file("n.pdf");
  Result r = run(kCli + " batch giay-khen " + q(list) + " -o " + q(pdf));
  ASSERT_EQ(r.status, 0) << r.output;
  Result probe = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/pdf_probe.py") + " " + q(pdf));
  json doc = json::parse(probe.output);
  auto name_spans = [&](int page) {
    std::vector<json> out;
    for (const auto& s : doc["pages"][page]["spans"])
      if (s["font"].get<std::string>().find("Bold") != std::string::npos && s["size"].get<double>() >= 16 &&
          s["size"].get<double>() <= 28 && s["text"].get<std::string>().find("Bà") != std::string::npos)
        out.push_back(s);
    return out;
  };
  const double left = 28 * kMm, right = (297 - 28) * kMm;
  auto short_name = name_spans(0);
  ASSERT_EQ(short_name.size(), 1u);
  EXPECT_EQ(short_name[0]["size"].get<double>(), 28);
  auto shrunk = name_spans(1);
  ASSERT_EQ(shrunk.size(), 1u) << "one line";
  EXPECT_LT(shrunk[0]["size"].get<double>(), 28);
  EXPECT_GE(shrunk[0]["size"].get<double>(), 16);
  EXPECT_GE(shrunk[0]["x0"].get<double>(), left - 0.5);
  EXPECT_LE(shrunk[0]["x1"].get<double>(), right + 0.5);
  // Longer than fits at the minimum size: wrapped at the minimum size, on two lines, inside the margins.
  const std::string full_name =
      "Bà Công Tằng Tôn Nữ Hoàng Thị Minh Nguyệt Ánh Dương Phương Thảo Quỳnh Như Ngọc Diệp Hoài Thu Thanh Hương Kiều Oanh";
  std::set<long> baselines;
  std::string read_back;
  for (const auto& s : doc["pages"][2]["spans"]) {
    std::string text = s["text"].get<std::string>();
    if (s["font"].get<std::string>().find("Bold") == std::string::npos || std::abs(s["size"].get<double>() - 16) > 0.01 ||
        text.empty() || full_name.find(text) == std::string::npos)
      continue;
    baselines.insert(std::lround(s["baseline"].get<double>()));
    read_back += (read_back.empty() ? "" : " ") + text;
    EXPECT_GE(s["x0"].get<double>(), left - 0.5);
    EXPECT_LE(s["x1"].get<double>(), right + 0.5);
  }
  EXPECT_EQ(baselines.size(), 2u);
  EXPECT_EQ(read_back, full_name);
}

TEST(Certificates, SortingFollowsVietnameseNameOrder) {
  Dir dir("vanban-cert");
  std::string list = dir.write("l.csv",
                               "STT,Họ và tên\n1,Trần Văn Đạt\n2,Lê Thị Dung\n3,Lê Văn An\n4,Phạm Thị Ánh\n5,Bùi Văn Bình\n"
                               "6,Nguyễn An\n7,Hà Thị Anh\n");
  std::string pdf = dir.file("s.pdf");
  Result r = run(kCli + " batch giay-khen " + q(list) + " -o " + q(pdf) + " --sort ten");
  ASSERT_EQ(r.status, 0) << r.output;
  // Given name first (a < ă < â, d < đ; tones after letters), then middle, then family.
  const char* expected[] = {"Nguyễn An", "Lê Văn An", "Hà Thị Anh", "Phạm Thị Ánh", "Bùi Văn Bình", "Lê Thị Dung",
                            "Trần Văn Đạt"};
  for (int p = 1; p <= 7; ++p) EXPECT_NE(page_text(pdf, p).find(expected[p - 1]), std::string::npos) << p;
}

TEST(Certificates, OneFilePerRowWithSafeNames) {
  Dir dir("vanban-cert");
  std::string list = dir.write("l.csv", "STT,Họ và tên\n1,Bùi Thị Lan\n2,Lê A/B: C?\n3,Bùi Thị Lan\n");
  Result r = run(kCli + " batch giay-khen " + q(list) + " -o " + q(dir.file("out") + "/") + " --name '{ho_ten}'");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(fs::exists(dir.path / "out" / "Bùi Thị Lan.pdf"));
  EXPECT_TRUE(fs::exists(dir.path / "out" / "Bùi Thị Lan-2.pdf"));
  EXPECT_TRUE(fs::exists(dir.path / "out" / "Lê A_B_ C_.pdf"));
  EXPECT_EQ(pages((dir.path / "out" / "Bùi Thị Lan.pdf").string()), 1);
}

TEST(Certificates, QrCodeCarriesTheVerificationUrl) {
  Dir dir("vanban-cert");
  std::string tpl = dir.write("gk-qr.xml", R"(<template name="gk-qr" extends="giay-khen">
  <certificate qr="https://vanban.example/xac-thuc?so={so_so_vang}&amp;ten={ho_ten}" qr-size="28mm"/>
</template>)");
  std::string list = dir.write("l.csv", "Họ và tên,Số sổ vàng\nBùi Thị Lan,123/SV\n");
  std::string pdf = dir.file("qr.pdf");
  Result r = run(kCli + " batch " + q(tpl) + " " + q(list) + " -o " + q(pdf) + " --template-dir " + q(kSource + "/templates"));
  ASSERT_EQ(r.status, 0) << r.output;
  run("pdftoppm -r 150 -png -f 1 -l 1 " + q(pdf) + " " + q(dir.file("p")));
  Result scan = run("(zbarimg -q --raw " + q(dir.file("p-1.png")) + " 2>/dev/null)");
  EXPECT_EQ(scan.status, 0) << scan.output;
  EXPECT_EQ(scan.output, "https://vanban.example/xac-thuc?so=123%2FSV&ten=B%C3%B9i%20Th%E1%BB%8B%20Lan\n");
  // The DOCX carries the same code, as LibreOffice lays it out.
  std::string docx = dir.file("qr.docx");
  r = run(kCli + " batch " + q(tpl) + " " + q(list) + " -o " + q(docx) + " --template-dir " + q(kSource + "/templates"));
  ASSERT_EQ(r.status, 0) << r.output;
  std::string lo = vanban::test::libreoffice_pdf(docx, dir.path / "lo");
  ASSERT_FALSE(lo.empty());
  run("pdftoppm -r 150 -png -f 1 -l 1 " + q(lo) + " " + q(dir.file("d")));
  Result docx_scan = run("(zbarimg -q --raw " + q(dir.file("d-1.png")) + " 2>/dev/null)");
  EXPECT_EQ(docx_scan.output, scan.output);
}

TEST(Certificates, A3AndPrintOnBlank) {
  Dir dir("vanban-cert");
  std::string a3 = dir.file("a3.pdf");
  run(kCli + " batch giay-cong-nhan " + q(kList) + " -o " + q(a3) + " --paper a3");
  Result info = run("pdfinfo " + q(a3));
  EXPECT_NE(info.output.find("(A3)"), std::string::npos) << info.output;
  EXPECT_NE(page_text(a3, 1).find("CÔNG NHẬN ĐIỂN HÌNH TIÊN TIẾN GIAI ĐOẠN 2021 - 2025"), std::string::npos);
  std::string blank = dir.file("b.pdf");
  run(kCli + " batch giay-khen " + q(kList) + " -o " + q(blank) + " --print-on-blank --offset-x 5");
  std::string t = page_text(blank, 1);
  EXPECT_EQ(t.find("GIẤY KHEN"), std::string::npos) << "the pre-printed parts are not printed";
  EXPECT_EQ(t.find("CỘNG HÒA"), std::string::npos);
  EXPECT_NE(t.find("Bà Bùi Thị Lan"), std::string::npos);
  EXPECT_NE(t.find("Số sổ vàng: 123/SV"), std::string::npos);
}

TEST(Certificates, AnUnreadableListWritesNothing) {
  Dir dir("vanban-cert");
  std::string list = dir.write("l.csv", "Tên,Đơn vị\nLan,A\n");
  std::string pdf = dir.write("out.pdf", "previous");
  Result r = run(kCli + " batch giay-khen " + q(list) + " -o " + q(pdf));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("no name column"), std::string::npos) << r.output;
  EXPECT_EQ(vanban::file_io::read_file(pdf), "previous");
}

TEST(Certificates, AListWithNoRowsOrNoGoodRowSaysSo) {
  Dir dir("vanban-cert");
  std::string pdf = dir.write("out.pdf", "previous");
  Result r = run(kCli + " batch giay-khen " + q(dir.write("h.csv", "Họ và tên,Đơn vị\n")) + " -o " + q(pdf));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("h.csv: the list has no rows under its header"), std::string::npos) << r.output;
  r = run(kCli + " batch giay-khen " + q(dir.write("b.csv", "Họ và tên,Đơn vị\n,A\n")) + " -o " + q(pdf));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("error: no row made a certificate"), std::string::npos) << r.output;
  EXPECT_EQ(vanban::file_io::read_file(pdf), "previous");
}

}  // namespace

namespace {

std::string make_png(const Dir& dir, const std::string& kind) {
  std::string path = dir.file(kind + ".png");
  Result r = run("/usr/bin/python3 " + q(kSource + "/tests/tools/make_png.py") + " " + kind + " " + q(path));
  EXPECT_EQ(r.status, 0) << r.output;
  return path;
}

}  // namespace

TEST(Certificates, EmblemSealAndSignatureAreEmbeddedOnceAndPlacedPerDecree30) {
  Dir dir("vanban-cert");
  std::string pdf = dir.file("img.pdf");
  Result r = run(kCli + " batch giay-khen " + q(kList) + " -o " + q(pdf) + " --emblem " + q(make_png(dir, "emblem")) +
                 " --seal " + q(make_png(dir, "seal")) + " --signature " + q(make_png(dir, "signature")));
  ASSERT_EQ(r.status, 3) << r.output;  // the sample list has two bad rows
  // Each image is one object in the file, whatever the page count.
  Result list = run("pdfimages -list " + q(pdf));
  std::set<std::string> objects, pages_with_images;
  std::istringstream lines(list.output);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream f(line);
    std::string page, num, type, w, h, color, comp, bpc, enc, interp, object;
    if (!(f >> page >> num >> type >> w >> h >> color >> comp >> bpc >> enc >> interp >> object) || type != "image") continue;
    objects.insert(object);
    pages_with_images.insert(page);
  }
  EXPECT_EQ(objects.size(), 3u) << list.output;
  EXPECT_EQ(pages_with_images.size(), 7u);

  Result probe = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/pdf_probe.py") + " " + q(pdf));
  json page = json::parse(probe.output)["pages"][0];
  ASSERT_EQ(page["images"].size(), 3u);
  json emblem = page["images"][0], signature = page["images"][1], seal = page["images"][2];
  for (const auto& im : page["images"]) EXPECT_TRUE(im["smask"].get<bool>()) << "transparency kept";
  // The emblem: top centre, above the Quốc hiệu.
  EXPECT_NEAR((emblem["x0"].get<double>() + emblem["x1"].get<double>()) / 2, 297 * kMm / 2, 0.5);
  EXPECT_NEAR(emblem["bottom"].get<double>() - emblem["top"].get<double>(), 20 * kMm, 0.5);
  double national_top = 1e9, signer_title_bottom = 0, signer_name_top = 1e9;
  for (const auto& s : page["spans"]) {
    std::string t = s["text"].get<std::string>();
    if (t.find("CỘNG HÒA") != std::string::npos) national_top = s["top"].get<double>();
    if (t == "GIÁM ĐỐC") signer_title_bottom = s["bottom"].get<double>();
    if (t == "Bùi Thị Kim Tuyến") signer_name_top = s["top"].get<double>();
  }
  EXPECT_LT(emblem["bottom"].get<double>(), national_top);
  // The signature between the signer's title and name; the seal over its left third,
  // level with it.
  EXPECT_GT(signature["top"].get<double>(), signer_title_bottom);
  EXPECT_LT(signature["bottom"].get<double>(), signer_name_top);
  double sig_x0 = signature["x0"].get<double>(), sig_w = signature["x1"].get<double>() - sig_x0;
  EXPECT_NEAR(seal["x1"].get<double>(), sig_x0 + sig_w / 3, 0.5);
  EXPECT_NEAR(seal["x1"].get<double>() - seal["x0"].get<double>(), 36 * kMm, 0.5);
  EXPECT_NEAR(seal["top"].get<double>() + seal["bottom"].get<double>(),
              signature["top"].get<double>() + signature["bottom"].get<double>(), 0.5);
}

TEST(Certificates, AnOpaquePngHasNoMaskAndABrokenOneIsAnErrorNamingIt) {
  Dir dir("vanban-cert");
  std::string pdf = dir.file("o.pdf");
  std::string list = dir.write("l.csv", "Họ và tên\nBùi Thị Lan\n");
  ASSERT_EQ(run(kCli + " batch giay-khen " + q(list) + " -o " + q(pdf) + " --seal " + q(make_png(dir, "opaque"))).status, 0);
  json page = json::parse(run("/usr/bin/python3 " + q(kSource + "/tests/e2e/pdf_probe.py") + " " + q(pdf)).output)["pages"][0];
  ASSERT_EQ(page["images"].size(), 1u);
  EXPECT_FALSE(page["images"][0]["smask"].get<bool>());
  EXPECT_EQ(page["images"][0]["pixels"], json::parse("[40, 20]"));

  std::string broken = dir.write("broken.png", "\x89PNG\r\n\x1a\nnot really");
  std::string out = dir.write("keep.pdf", "previous");
  Result r = run(kCli + " batch giay-khen " + q(list) + " -o " + q(out) + " --seal " + q(broken));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find(broken), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("cannot read the PNG image"), std::string::npos) << r.output;
  EXPECT_EQ(vanban::file_io::read_file(out), "previous");
}

TEST(Certificates, ATemplateNamesItsImagesRelativeToItself) {
  Dir dir("vanban-cert");
  make_png(dir, "seal");
  std::string tpl = dir.write("gk-dau.xml", R"(<template name="gk-dau" extends="giay-khen">
  <certificate seal="seal.png" seal-size="30mm"/>
</template>)");
  std::string list = dir.write("l.csv", "Họ và tên\nBùi Thị Lan\n");
  std::string pdf = dir.file("t.pdf");
  Result r = run(kCli + " batch " + q(tpl) + " " + q(list) + " -o " + q(pdf) + " --template-dir " + q(kSource + "/templates"));
  ASSERT_EQ(r.status, 0) << r.output;
  json page = json::parse(run("/usr/bin/python3 " + q(kSource + "/tests/e2e/pdf_probe.py") + " " + q(pdf)).output)["pages"][0];
  ASSERT_EQ(page["images"].size(), 1u);
  EXPECT_NEAR(page["images"][0]["x1"].get<double>() - page["images"][0]["x0"].get<double>(), 30 * kMm, 0.5);
}

namespace {

// The words of one page, sorted: the same text whatever order a reader takes the
// frames and lines in.
std::vector<std::string> sorted_words(const std::string& pdf, int page) {
  std::istringstream in(page_text(pdf, page));
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  std::sort(words.begin(), words.end());
  return words;
}

}  // namespace

TEST(Certificates, DocxHasASectionPerRowAndSaysWhatThePdfSays) {
  Dir dir("vanban-cert");
  std::string images = " --emblem " + q(make_png(dir, "emblem")) + " --seal " + q(make_png(dir, "seal")) +
                       " --signature " + q(make_png(dir, "signature")) + " --date 2022-05-15";
  std::string docx = dir.file("gk.docx"), pdf = dir.file("gk.pdf");
  Result r = run(kCli + " batch giay-khen " + q(kList) + " -o " + q(docx) + images);
  ASSERT_EQ(r.status, 3) << r.output;  // two bad rows, reported as for the PDF
  EXPECT_NE(r.output.find("row 9 (STT 8), ngay_quyet_dinh"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(docx + ".errors.csv"));
  ASSERT_EQ(run(kCli + " batch giay-khen " + q(kList) + " -o " + q(pdf) + images).status, 3);

  // The package: schema order, a landscape A4 section per certificate, each image once.
  Result check = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/docx_check.py") + " " + q(docx));
  ASSERT_EQ(check.status, 0) << check.output;
  json report = json::parse(check.output);
  ASSERT_EQ(report["sections"].size(), 7u);
  for (const auto& s : report["sections"]) {
    EXPECT_NEAR(s["width_mm"].get<double>(), 297, 0.2);
    EXPECT_NEAR(s["height_mm"].get<double>(), 210, 0.2);
  }
  Result media = run("unzip -Z1 " + q(docx) + " | grep -c '^word/media/'");
  EXPECT_EQ(media.output, "3\n");

  // LibreOffice lays it out on 7 pages, each saying what vanban's PDF page says.
  std::string log, lo = vanban::test::libreoffice_pdf(docx, dir.path / "lo", &log);
  ASSERT_FALSE(lo.empty()) << log;
  Result info = run("pdfinfo " + q(lo));
  EXPECT_NE(info.output.find("Pages:           7"), std::string::npos) << info.output;
  EXPECT_NE(info.output.find("(A4)"), std::string::npos) << info.output;
  for (int p = 1; p <= 7; ++p) EXPECT_EQ(sorted_words(lo, p), sorted_words(pdf, p)) << "page " << p;
  EXPECT_EQ(run("pdfimages -list " + q(lo) + " | grep -cE '^ *[0-9]+ +[0-9]+ +image '").output, "21\n") << "3 images on each page";

  // A fixed date gives the same bytes.
  std::string again = dir.file("again.docx");
  run(kCli + " batch giay-khen " + q(kList) + " -o " + q(again) + images);
  EXPECT_EQ(vanban::file_io::read_file(again), vanban::file_io::read_file(docx));
}

TEST(Certificates, DocxNamesShrinkAndOneFilePerRow) {
  Dir dir("vanban-cert");
  std::string list = dir.write("l.csv",
                               "Họ và tên,Giới tính\n"
                               "Bùi Thị Lan,Nữ\n"
                               "Công Tằng Tôn Nữ Hoàng Thị Minh Nguyệt Ánh Dương Phương Thảo Quỳnh Như Ngọc Diệp,Nữ\n");
  std::string out = dir.file("out") + "/";
  Result r = run(kCli + " batch giay-khen " + q(list) + " -o " + q(out) + " --format docx");
  ASSERT_EQ(r.status, 0) << r.output;
  std::string first = out + "1-Bùi Thị Lan.docx";
  ASSERT_TRUE(fs::exists(first)) << run("ls " + q(out)).output;
  std::string long_one;
  for (const auto& e : fs::directory_iterator(out))
    if (e.path().filename().string().rfind("2-", 0) == 0) long_one = e.path().string();
  ASSERT_FALSE(long_one.empty());
  // The long name carries its own, smaller size (half-points) on its runs; the short one
  // keeps the style's 28 pt.
  std::string xml = run("unzip -p " + q(long_one) + " word/document.xml").output;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(xml, m, std::regex(R"re(<w:r><w:rPr><w:sz w:val="(\d+)"/>)re"))) << xml.substr(0, 2000);
  EXPECT_LT(std::stoi(m[1]), 56);
  EXPECT_GE(std::stoi(m[1]), 32);
  EXPECT_FALSE(std::regex_search(run("unzip -p " + q(first) + " word/document.xml").output, std::regex(R"(<w:r><w:rPr><w:sz )")));
  // And LibreOffice keeps it on one line, inside the margins.
  std::string lo = vanban::test::libreoffice_pdf(long_one, dir.path / "lo");
  ASSERT_FALSE(lo.empty());
  json page = json::parse(run("/usr/bin/python3 " + q(kSource + "/tests/e2e/pdf_probe.py") + " " + q(lo)).output)["pages"][0];
  int name_lines = 0;
  for (const auto& s : page["spans"]) {
    if (s["text"].get<std::string>().find("Công Tằng") == std::string::npos) continue;
    ++name_lines;
    EXPECT_GE(s["x0"].get<double>(), 28 * kMm - 0.5);
    EXPECT_LE(s["x1"].get<double>(), (297 - 28) * kMm + 0.5);
  }
  EXPECT_EQ(name_lines, 1);
}

TEST(Certificates, TheBytesDoNotDependOnTheThreadCount) {
  Dir dir("vanban-cert");
  std::string rows = "Họ và tên,Giới tính,Thành tích\n";
  for (int i = 0; i < 600; ++i) rows += "Người Thứ " + std::to_string(i) + ",Nữ,Đã có thành tích xuất sắc năm học 2021 - 2022\n";
  std::string list = dir.write("l.csv", rows);
  std::string one = dir.file("1.pdf"), two = dir.file("2.pdf");
  ASSERT_EQ(run(kCli + " batch giay-khen " + q(list) + " -o " + q(one) + " --jobs 1 --date 2022-05-15").status, 0);
  ASSERT_EQ(run(kCli + " batch giay-khen " + q(list) + " -o " + q(two) + " --jobs 2 --date 2022-05-15").status, 0);
  std::string a = vanban::file_io::read_file(one), b = vanban::file_io::read_file(two);
  EXPECT_EQ(a.size(), b.size());
  EXPECT_TRUE(a == b) << "one thread and two threads give the same bytes";
  EXPECT_EQ(page_text(two, 600).find("Bà Người Thứ 599") != std::string::npos, true) << page_text(two, 600);
}
