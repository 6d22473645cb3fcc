// The batch's memo of set paragraphs (CertificatePrototype::memo, issue #14): a page laid
// out from a prototype that has already set the same date line, achievements, positions
// and units is the page a prototype without a memo gives, glyph for glyph, on any thread.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <thread>
#include <vector>

#include "layout/certificate_layout.h"
#include "model/recipient_list.h"
#include "style/profile.h"
#include "test_fonts.h"

namespace {

using namespace vanban;

const style::Template& giay_khen() {
  static const style::Template tpl = style::load_template("giay-khen", {VANBAN_SOURCE_DIR "/templates"});
  return tpl;
}

// Everything drawn as text, in order: font, size, glyph, position, text.
std::string drawn(const layout::Page& page) {
  std::string out;
  char buf[160];
  for (const auto& run : page.runs) {
    for (const auto& g : run.glyphs) {
      std::snprintf(buf, sizeof buf, "%p %a %u %a %a %a %d|", static_cast<const void*>(run.font), run.size, g.glyph_id,
                    g.x, g.y, g.advance, run.tag);
      out += buf + g.text + "\n";
    }
  }
  return out;
}

model::RecipientList list() {
  std::string csv = "STT,Họ và tên,Chức vụ,Đơn vị,Thành tích\n";
  const char* names[] = {"Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Long",
                         "Tôn Nữ Thị Phương Thảo Nguyên Khánh Linh Hoàng Yến Nhi"};
  const char* achievements[] = {"Đã có thành tích xuất sắc trong phong trào thi đua năm học 2021 - 2022",
                                "Hoàn thành xuất sắc nhiệm vụ năm học 2021 - 2022"};
  for (int i = 0; i < 24; ++i) {
    csv += std::to_string(i + 1) + "," + names[i % 4] + ",Giáo viên,Trường Tiểu học Hữu Nghị," + achievements[i % 2] + "\n";
  }
  return model::read_recipient_list(csv, "l.csv", {});
}

TEST(CertificateMemo, APageFromAWarmMemoIsThePageSetAnew) {
  const auto& fonts = test::liberation_fonts();
  const model::RecipientList rows = list();
  const layout::CertificatePrototype shared = layout::certificate_prototype(giay_khen(), {}, fonts);
  // Warm the shared memo with every row, twice, from two threads.
  std::vector<std::string> first(rows.rows.size()), second(rows.rows.size());
  std::thread other([&] {
    for (size_t i = 0; i < rows.rows.size(); ++i) first[i] = drawn(layout::certificate_page(shared, rows.rows[i]));
  });
  for (size_t i = 0; i < rows.rows.size(); ++i) second[i] = drawn(layout::certificate_page(shared, rows.rows[i]));
  other.join();
  layout::CertificatePrototype plain = layout::certificate_prototype(giay_khen(), {}, fonts);
  plain.memo.reset();  // every paragraph set anew
  for (size_t i = 0; i < rows.rows.size(); ++i) {
    const std::string fresh = drawn(layout::certificate_page(plain, rows.rows[i]));
    ASSERT_FALSE(fresh.empty());
    EXPECT_EQ(first[i], fresh) << "row " << i + 1 << " (other thread)";
    EXPECT_EQ(second[i], fresh) << "row " << i + 1;
    EXPECT_EQ(drawn(layout::certificate_page(shared, rows.rows[i])), fresh) << "row " << i + 1 << " (warm)";
  }
}

TEST(CertificateMemo, TheShrunkNameIsNotTakenForTheNaturalOne) {
  // The name is set at its natural size and, when too wide, at a smaller one: both are
  // remembered, under different keys.
  const auto& fonts = test::liberation_fonts();
  const model::RecipientList rows = list();
  const layout::CertificatePrototype shared = layout::certificate_prototype(giay_khen(), {}, fonts);
  const auto& long_name = rows.rows[3];
  const std::string once = drawn(layout::certificate_page(shared, long_name));
  EXPECT_EQ(drawn(layout::certificate_page(shared, long_name)), once);
  layout::CertificatePrototype plain = shared;
  plain.memo.reset();
  EXPECT_EQ(drawn(layout::certificate_page(plain, long_name)), once);
}

}  // namespace
