// Diagnostics as values (core/diagnostic.h), message patterns (core/i18n.h) and "did you
// mean" (core/suggest.h).
#include <gtest/gtest.h>

#include "core/diagnostic.h"
#include "core/i18n.h"
#include "core/suggest.h"

namespace vanban {
namespace {

TEST(Diagnostics, CollectsEveryErrorAndThrowsThemAllAtOnce) {
  Diagnostics d;
  d.error(ErrorKind::Model, "unknown field \"sigature\"", "a.json", 3, 5, "sigature", "did you mean \"signature\"?");
  d.warning("converted from TCVN3", "list.csv", 0, 0, "ho_ten");
  d.error(ErrorKind::Model, "must not be empty", "a.json", 9, 2, "title");
  EXPECT_TRUE(d.has_errors());
  EXPECT_EQ(d.error_count(), 2u);
  EXPECT_EQ(d.warnings().size(), 1u);
  try {
    d.throw_if_errors();
    FAIL() << "no error thrown";
  } catch (const Error& e) {
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.field_path(), "sigature");
    EXPECT_NE(std::string(e.what()).find("did you mean"), std::string::npos);
    ASSERT_EQ(e.diagnostics().size(), 3u);
    EXPECT_EQ(e.diagnostics()[2].field, "title");
    EXPECT_EQ(diagnostics_of(e).size(), 3u);
  }
}

TEST(Diagnostics, AWarningAloneThrowsNothing) {
  Diagnostics d;
  d.warning("w");
  EXPECT_NO_THROW(d.throw_if_errors());
}

TEST(Diagnostics, PastTheLimitOneErrorCountsTheRest) {
  Diagnostics d(3);
  for (int i = 0; i < 10; ++i) d.error(ErrorKind::Model, "bad " + std::to_string(i), "f", i + 1, 1);
  EXPECT_TRUE(d.full());
  ASSERT_EQ(d.all().size(), 4u);
  EXPECT_EQ(d.all()[3].message, "7 more errors not shown (at most 3 are listed)");
}

TEST(Diagnostics, AnErrorWithoutAListIsItsOwnDiagnostic) {
  Error e(ErrorKind::Syntax, "unexpected end", "", 2, 7);
  auto all = diagnostics_of(e.with_file("x.json"));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].file, "x.json");
  EXPECT_EQ(all[0].kind, ErrorKind::Syntax);
  EXPECT_EQ(all[0].format(), "x.json:2:7: unexpected end");
  Diagnostics d;
  d.error(ErrorKind::Model, "m", "", 1, 1);
  try {
    d.throw_if_errors();
  } catch (const Error& thrown) {
    EXPECT_EQ(thrown.with_file("y.json").diagnostics()[0].file, "y.json");
  }
}

TEST(Messages, PatternsTakeTheirArgumentsInAnyOrder) {
  EXPECT_EQ(trf("{1} then {0}", "a", 2), "2 then a");
  EXPECT_EQ(trf("{{literal}} {0}", "x"), "{literal}} x");
  EXPECT_EQ(trf("{5} stays", "x"), "{5} stays");
  EXPECT_EQ(std::string(tr("an English message")), "an English message");
}

TEST(Suggest, NamesTheNearestKnownName) {
  std::vector<std::string> fields = {"signature", "signatures", "issuing_agency", "title", "body"};
  EXPECT_EQ(closest_name("sigature", fields), "signature");
  EXPECT_EQ(closest_name("titel", fields), "title");
  EXPECT_EQ(closest_name("issuing_agncy", fields), "issuing_agency");
  EXPECT_EQ(closest_name("zzzzzz", fields), "");
  EXPECT_EQ(did_you_mean("bdy", fields), "did you mean \"body\"?");
  // Diacritics and case are ignored: a Vietnamese header typed without them.
  EXPECT_EQ(closest_name("Ho va ten", {"Họ và tên", "Đơn vị"}), "Họ và tên");
  EXPECT_EQ(closest_name("don vi", {"Họ và tên", "Đơn vị"}), "Đơn vị");
}

}  // namespace
}  // namespace vanban
