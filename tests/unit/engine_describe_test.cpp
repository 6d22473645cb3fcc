// Engine::describe_template (issue #15): what a template asks for, as JSON. The page builds
// its inputs from it and puts a diagnostic next to the input whose path it names, so the
// paths are checked against the engine's own readers: a value put at a described path is
// read (or, when wrong, reported at exactly that path).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "core/diagnostic.h"
#include "engine_fixture.h"
#include "model/recipient_list.h"

namespace {

using Json = nlohmann::json;
using vanban::Engine;
using vanban::Error;
using vanban::test::source_tree_engine;

const std::string kSource = VANBAN_SOURCE_DIR;

Json describe(const std::string& name) {
  const Engine& e = source_tree_engine();
  return Json::parse(e.describe_template(e.load_template(name)));
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The field paths of every diagnostic `data` gets when read for `tpl` (empty: read fine).
std::set<std::string> problems(const std::string& tpl, const std::string& data) {
  const Engine& e = source_tree_engine();
  std::set<std::string> out;
  try {
    e.lay_out(e.load_template(tpl), data, "data.json", false);
  } catch (const Error& err) {
    for (const auto& d : vanban::diagnostics_of(err)) out.insert(d.field);
  }
  return out;
}

// "date.day" -> the JSON pointer "/date/day".
Json::json_pointer pointer(const std::string& path) {
  std::string p = "/" + path;
  for (auto& c : p) c = c == '.' ? '/' : c;
  return Json::json_pointer(p);
}

TEST(EngineDescribe, FormFieldsAreTheFormsDeclaredFieldsInOrder) {
  Json j = describe("phu-luc-1");
  EXPECT_EQ(j["name"], "phu-luc-1");
  EXPECT_EQ(j["kind"], "Phụ lục 1");
  EXPECT_EQ(j["layout"], "form");
  const Json& f = j["form"];
  EXPECT_EQ(f["label"], "Phụ lục 1");
  EXPECT_EQ(f["title"], "ĐĂNG KÝ XÂY DỰNG MÔ HÌNH, ĐIỂN HÌNH TIÊN TIẾN GIAI ĐOẠN 2021-2025");
  const Json& items = f["items"];
  ASSERT_EQ(items.size(), 8u);
  EXPECT_EQ(items[0]["type"], "field");
  EXPECT_EQ(items[0]["path"], "ten_dang_ky");
  EXPECT_EQ(items[0]["number"], "1");
  EXPECT_EQ(items[0]["label"], "Tên tập thể hoặc cá nhân đăng ký");
  EXPECT_NE(items[0]["hint"].get<std::string>().find("Đối với tập thể"), std::string::npos);
  EXPECT_EQ(items[0]["lines"], 2);
  EXPECT_EQ(items[0]["required"], false);  // a form prints blank: it asks for nothing
  EXPECT_EQ(items[5]["path"], "thoi_gian");
  EXPECT_EQ(items[6]["type"], "place-date");
  EXPECT_EQ(items[6]["path"], "dia_danh_ngay");
  EXPECT_EQ(items[6]["text"], "………..,ngày…. tháng…. năm 2021");
  EXPECT_EQ(items[7]["type"], "signing");
  EXPECT_EQ(items[7]["path"], "nguoi_ky");
  EXPECT_EQ(items[7]["caption"], "CÁ NHÂN HOẶC ĐẠI ĐIỆN TẬP THỂ ĐĂNG KÝ");
}

TEST(EngineDescribe, FormPathsAreWhatTheFormDataReaderTakesAndNames) {
  for (const char* name : {"phu-luc-1", "phu-luc-2", "phu-luc-3"}) {
    Json j = describe(name);
    Json record = Json::object(), wrong = Json::object();
    std::set<std::string> scalar_paths, table_paths;
    std::function<void(const Json&)> walk = [&](const Json& items) {
      for (const auto& item : items) {
        if (item["type"] == "row") {
          walk(item["fields"]);
        } else if (item["type"] == "table") {
          const auto& cols = item["columns"];
          ASSERT_FALSE(cols.empty());
          Json row = Json::object();
          for (const auto& c : cols) row[c["name"].get<std::string>()] = "x";
          record[item["path"].get<std::string>()] = Json::array({row});
          // A cell of the wrong type is reported at <table>[0].<column>.
          wrong[item["path"].get<std::string>()] = Json::array({{{cols[0]["name"].get<std::string>(), {{"a", 1}}}}});
          table_paths.insert(item["path"].get<std::string>() + "[0]." + cols[0]["name"].get<std::string>());
        } else if (item.contains("path")) {
          record[item["path"].get<std::string>()] = "Giá trị";
          wrong[item["path"].get<std::string>()] = Json::array({1});
          scalar_paths.insert(item["path"].get<std::string>());
        }
      }
    };
    walk(j["form"]["items"]);
    ASSERT_FALSE(scalar_paths.empty()) << name;
    // Every described path is a field the reader takes...
    EXPECT_EQ(problems(name, record.dump()), std::set<std::string>{}) << name << ": " << record.dump();
    // ...and a wrong value there is reported at that very path.
    std::set<std::string> expected = scalar_paths;
    expected.insert(table_paths.begin(), table_paths.end());
    EXPECT_EQ(problems(name, wrong.dump()), expected) << name;
  }
  // The table of Phụ lục 3 with its columns and their header groups.
  Json j = describe("phu-luc-3");
  const Json* table = nullptr;
  for (const auto& item : j["form"]["items"]) {
    if (item["type"] == "table") table = &item;
  }
  ASSERT_NE(table, nullptr);
  EXPECT_EQ((*table)["path"], "thong_ke");
  EXPECT_EQ((*table)["blank_rows"], 4);
  ASSERT_EQ((*table)["columns"].size(), 7u);
  EXPECT_EQ((*table)["columns"][1]["title"], "Nội dung, tiêu chí so sánh");
  EXPECT_EQ((*table)["columns"][2]["group"], "Trước khi có mô hình");
  EXPECT_EQ((*table)["columns"][2]["align"], "right");
  EXPECT_EQ((*table)["columns"][0]["width"]["kind"], "fixed");
  EXPECT_EQ((*table)["columns"][1]["width"]["kind"], "share");
  // Phụ lục 2's row puts two fields side by side.
  Json two = describe("phu-luc-2");
  const Json& row = two["form"]["items"][3];
  EXPECT_EQ(row["type"], "row");
  ASSERT_EQ(row["fields"].size(), 2u);
  EXPECT_EQ(row["fields"][1]["path"], "email");
}

TEST(EngineDescribe, DocumentFieldPathsAreTheModelsAndNamedByItsDiagnostics) {
  for (const char* name : {"ke-hoach", "quyet-dinh", "cong-van", "bien-ban"}) {
    Json j = describe(name);
    ASSERT_EQ(j["layout"], "document") << name;
    const Json sample = Json::parse(slurp(kSource + "/samples/" + name + ".json"));
    std::set<std::string> required;
    for (const auto& f : j["document"]["fields"]) {
      const std::string path = f["path"];
      const std::string type = f["type"];
      if (f["required"] == true) required.insert(path);
      // A value of the described type at the path is read: the model has no problem...
      Json good = sample;
      if (type == "integer") good[pointer(path)] = f.value("min", 1) + 1;
      else if (type == "boolean") good[pointer(path)] = true;
      else if (type == "choice") good[pointer(path)] = f["values"][0];
      else if (type == "lines" || type == "rich-list") good[pointer(path)] = Json::array({"Dòng một;", "Dòng hai."});
      else good[pointer(path)] = "Giá trị";
      if (path.rfind("number.", 0) == 0 && !good["number"].contains("symbol")) good["number"]["symbol"] = "KH-SGDĐT";
      EXPECT_EQ(problems(name, good.dump()), std::set<std::string>{}) << name << ": " << path;
      // ...and a value of the wrong type there is reported at exactly that path.
      Json model = sample;
      model[pointer(path)] = type == "boolean" ? Json("có") : Json(Json::object({{"sai", 1}}));
      if (type == "integer") model[pointer(path)] = "ba";
      auto got = problems(name, model.dump());
      EXPECT_TRUE(got.count(path)) << name << ": " << path << " -> " << (got.empty() ? "" : *got.begin());
    }
    // The required ones are those the reader says are missing when left out.
    for (const auto& path : required) {
      Json model = sample;
      model[pointer(path).parent_pointer()].erase(pointer(path).back());
      auto got = problems(name, model.dump());
      EXPECT_TRUE(got.count(path)) << name << ": leaving out " << path;
    }
    EXPECT_TRUE(required.count("issuing_agency") && required.count("place") && required.count("date.year") &&
                required.count("subject"))
        << name;
  }
}

TEST(EngineDescribe, RulesNamedAreTheDecreesRules) {
  const std::string spec = slurp(std::string(VANBAN_SHARED_DIR) + "/spec/nd30.md");
  ASSERT_FALSE(spec.empty());
  std::set<std::string> rules;
  for (const char* name : {"ke-hoach", "quyet-dinh", "cong-van", "bao-cao"}) {
    Json j = describe(name);
    for (const auto& f : j["document"]["fields"]) {
      if (f.contains("rule")) rules.insert(f["rule"]);
    }
    for (const auto& f : j["document"]["signature"]["fields"]) {
      if (f.contains("rule")) rules.insert(f["rule"]);
    }
    rules.insert(j["document"]["recipients"]["rule"].get<std::string>());
  }
  EXPECT_GE(rules.size(), 10u);
  for (const auto& r : rules) EXPECT_NE(spec.find("**" + r + "**"), std::string::npos) << r;
  Json plan = describe("ke-hoach");
  for (const auto& f : plan["document"]["fields"]) {
    if (f["path"] == "issuing_agency") EXPECT_EQ(f["rule"], "ND30-CQ-1");
  }
}

TEST(EngineDescribe, DocumentRegionsDecideTheFields) {
  auto paths = [](const Json& j) {
    std::set<std::string> out;
    for (const auto& f : j["document"]["fields"]) out.insert(f["path"]);
    return out;
  };
  Json plan = describe("ke-hoach");
  EXPECT_EQ(plan["kind"], "Kế hoạch");
  EXPECT_EQ(plan["document"]["type_name"], "KẾ HOẠCH");
  EXPECT_EQ(plan["document"]["abbreviation"], "KH");
  EXPECT_FALSE(paths(plan).count("kinh_gui"));   // Mẫu 1.4 has no Kính gửi
  EXPECT_FALSE(paths(plan).count("preamble"));
  Json letter = describe("cong-van");
  EXPECT_TRUE(paths(letter).count("kinh_gui"));   // Mẫu 1.5
  EXPECT_EQ(letter["document"]["regions"][0]["subject_under_number"], true);
  Json decision = describe("quyet-dinh");
  EXPECT_TRUE(paths(decision).count("preamble"));  // Mẫu 1.2: căn cứ, "QUYẾT ĐỊNH:"
  EXPECT_TRUE(paths(decision).count("authority"));
  bool decision_word = false;
  for (const auto& r : decision["document"]["regions"]) decision_word |= r.value("decision_word", "") == "QUYẾT ĐỊNH:";
  EXPECT_TRUE(decision_word);
  // A Biên bản (Mẫu 1.9) has no date line: no day and month to ask.
  Json minutes = describe("bien-ban");
  EXPECT_FALSE(paths(minutes).count("date.day"));
  EXPECT_TRUE(paths(minutes).count("date.year"));
  // Numbering as the template prints it, for the labels the page shows.
  std::map<std::string, Json> blocks;
  for (const auto& b : decision["document"]["body"]["blocks"]) blocks[b["type"]] = b;
  EXPECT_EQ(blocks["article"]["numbering"]["first"], "Điều 1. ");
  EXPECT_EQ(blocks["section"]["numbering"]["second"], "II. ");
  EXPECT_EQ(blocks.size(), 13u);
  EXPECT_TRUE(blocks["table"]["numbering"].is_null());
  // Signature and Nơi nhận.
  EXPECT_EQ(plan["document"]["signature"]["path"], "signature");
  EXPECT_EQ(plan["document"]["signature"]["fields"][0]["path"], "authority");
  EXPECT_EQ(plan["document"]["recipients"]["label"], "Nơi nhận:");
  // The body's block types are what the model reader takes: each with its needed parts reads.
  Json sample = Json::parse(slurp(kSource + "/samples/ke-hoach.json"));
  Json body = Json::array();
  for (const auto& b : plan["document"]["body"]["blocks"]) {
    Json block = {{"type", b["type"]}};
    for (const auto& need : b["needs"]) {
      std::string part = need.get<std::string>().substr(0, need.get<std::string>().find('|'));
      if (part == "lines") block[part] = 2;
      else if (part == "columns") block[part] = Json::array({Json::object()});
      else if (part == "rows") block[part] = Json::array({Json::array({"ô"})});
      else block[part] = "Nội dung";
    }
    body.push_back(block);
  }
  sample["body"] = body;
  EXPECT_EQ(problems("ke-hoach", sample.dump()), std::set<std::string>{}) << body.dump();
}

TEST(EngineDescribe, CertificateColumnsAreTheListsKeys) {
  Json j = describe("giay-khen");
  EXPECT_EQ(j["layout"], "certificate");
  EXPECT_EQ(j["kind"], "Giấy khen");
  const Json& c = j["certificate"];
  EXPECT_EQ(c["title"], "GIẤY KHEN");
  EXPECT_EQ(c["verb"], "TẶNG");
  std::set<std::string> required;
  for (const auto& col : c["columns"]) {
    // A clerk's header as described folds to the column's key.
    EXPECT_EQ(vanban::model::canonical_key(col["header"].get<std::string>()), col["name"]) << col.dump();
    if (col["required"] == true) required.insert(col["name"]);
  }
  EXPECT_EQ(required, std::set<std::string>{"ho_ten"});
  // The held list's header is covered by the described columns.
  std::string list = slurp(kSource + "/samples/danh-sach-khen-thuong.csv");
  std::string header = list.substr(0, list.find('\n'));
  std::set<std::string> names;
  for (const auto& col : c["columns"]) names.insert(col["name"]);
  std::stringstream cells(header);
  for (std::string cell; std::getline(cells, cell, ',');) {
    EXPECT_TRUE(names.count(vanban::model::canonical_key(cell))) << cell;
  }
}

TEST(EngineDescribe, DeterministicJson) {
  const Engine& e = source_tree_engine();
  auto tpl = e.load_template("quyet-dinh");
  EXPECT_EQ(e.describe_template(tpl), e.describe_template(tpl));
  EXPECT_NO_THROW(Json::parse(e.describe_template(e.load_template("van-ban-hanh-chinh"))));
}

}  // namespace
