// `vanban serve`'s API without HTTP (engine/serve/api.h): routes, statuses and the error
// structure, the names a request may give, the bounded pool, the page's static files.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/file_io.h"
#include "engine_fixture.h"
#include "serve/api.h"
#include "serve/server.h"
#include "serve/work_pool.h"

namespace {

using vanban::serve::Api;
using vanban::serve::Reply;
using vanban::serve::Request;
using json = nlohmann::json;

const Api& api() {
  static const Api a(vanban::test::source_tree_engine(), [] {
    vanban::serve::ServeOptions o;
    o.threads = 2;
    o.max_pages = 40;
    return o;
  }());
  return a;
}

std::string sample(const std::string& name) {
  return vanban::file_io::read_file(std::string(VANBAN_SOURCE_DIR) + "/samples/" + name);
}

Request post(const std::string& path, std::map<std::string, std::string> params, std::string body,
             std::string type = "application/json") {
  Request r;
  r.method = "POST";
  r.path = path;
  r.params = std::move(params);
  r.body = std::move(body);
  r.content_type = std::move(type);
  return r;
}

TEST(ServeApi, ListsTheTemplatesWithTheirLayout) {
  const Reply r = api().templates();
  ASSERT_EQ(r.status, 200);
  const json list = json::parse(r.body);
  std::map<std::string, std::string> layout;
  for (const auto& t : list) layout[t["name"]] = t["layout"];
  EXPECT_EQ(layout["ke-hoach"], "document");
  EXPECT_EQ(layout["phu-luc-1"], "form");
  EXPECT_EQ(layout["giay-khen"], "certificate");
  EXPECT_EQ(layout.count("nd30"), 0u) << "an abstract base is no template to render with";
}

TEST(ServeApi, RendersThePlanAsPdfAndDocx) {
  Reply r = api().handle(post("/api/render", {{"template", "ke-hoach"}, {"format", "pdf"}, {"date", "2022-01-01"}},
                              sample("ke-hoach-hoa-binh-2021.json")));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.media_type, "application/pdf");
  EXPECT_EQ(r.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(r.file_name, "ke-hoach.pdf");
  // The same request, the same bytes (a fixed date).
  Reply again = api().handle(post("/api/render", {{"template", "ke-hoach"}, {"date", "2022-01-01"}},
                                  sample("ke-hoach-hoa-binh-2021.json")));
  EXPECT_EQ(again.body, r.body);
  Reply docx = api().handle(post("/api/render", {{"template", "ke-hoach"}, {"format", "docx"}},
                                 sample("ke-hoach-hoa-binh-2021.json")));
  ASSERT_EQ(docx.status, 200) << docx.body;
  EXPECT_EQ(docx.body.rfind("PK", 0), 0u);
}

TEST(ServeApi, AnUnknownTemplateIs404WithTheNearestName) {
  Reply r = api().handle(post("/api/render", {{"template", "ke-hoac"}}, "{}"));
  ASSERT_EQ(r.status, 404);
  const json j = json::parse(r.body);
  EXPECT_EQ(j["error"]["status"], "VANBAN_ETEMPLATE");
  EXPECT_EQ(j["error"]["code"], 3);
  EXPECT_EQ(j["error"]["field"], "template");
  EXPECT_NE(j["error"]["hint"].get<std::string>().find("ke-hoach"), std::string::npos) << r.body;
  EXPECT_EQ(j["diagnostics"].size(), 1u);
}

TEST(ServeApi, ATemplateIsNeverAPath) {
  for (const char* name : {"../templates/ke-hoach", "/etc/passwd", "ke-hoach.xml", "..", ".hidden", "a/b", "a\\b",
                           "%2e%2e"}) {
    Reply r = api().handle(post("/api/render", {{"template", name}}, "{}"));
    EXPECT_EQ(r.status, 400) << name;
    EXPECT_EQ(json::parse(r.body)["error"]["status"], "VANBAN_EMISUSE") << name;
  }
  Reply r = api().describe("../../etc/passwd");
  EXPECT_EQ(r.status, 400);
}

TEST(ServeApi, AModelsAttachedFormIsANameNotAPath) {
  json model = json::parse(sample("ke-hoach-hoa-binh-2021-bieu-mau.json"));
  ASSERT_TRUE(model.contains("appendices"));
  bool changed = false;
  for (auto& a : model["appendices"]) {
    if (a.contains("form")) {
      a["form"] = "/etc/passwd";
      changed = true;
    }
  }
  ASSERT_TRUE(changed) << "the sample attaches a form";
  Reply r = api().handle(post("/api/render", {{"template", "ke-hoach"}}, model.dump()));
  ASSERT_EQ(r.status, 400) << r.body;
  const json j = json::parse(r.body);
  EXPECT_EQ(j["error"]["status"], "VANBAN_EMODEL");
  EXPECT_NE(j["error"]["field"].get<std::string>().find(".form"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("root:"), std::string::npos) << "nothing of /etc/passwd is read";
}

TEST(ServeApi, BadDataIs400WithEveryDiagnosticAndItsPlace) {
  Reply r = api().handle(post("/api/render", {{"template", "ke-hoach"}}, "{\"title\": 5,\n \"nope\": 1}"));
  ASSERT_EQ(r.status, 400);
  const json j = json::parse(r.body);
  EXPECT_EQ(j["error"]["file"], "request.json");
  EXPECT_GE(j["diagnostics"].size(), 2u) << r.body;
  for (const auto& d : j["diagnostics"]) {
    for (const char* key : {"severity", "message", "file", "line", "column", "field", "rule", "hint"}) {
      EXPECT_TRUE(d.contains(key)) << key;
    }
  }
}

TEST(ServeApi, ValidateAndCheckAnswerOkAndTheDiagnostics) {
  Reply v = api().handle(post("/api/validate", {{"template", "ke-hoach"}}, sample("ke-hoach-hoa-binh-2021.json")));
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_EQ(json::parse(v.body)["ok"], true);
  EXPECT_GE(json::parse(v.body)["pages"].get<int>(), 1);
  Reply bad = api().handle(post("/api/validate", {{"template", "ke-hoach"}}, "{\"title\": 5}"));
  ASSERT_EQ(bad.status, 200) << bad.body;
  EXPECT_EQ(json::parse(bad.body)["ok"], false);
  EXPECT_FALSE(json::parse(bad.body)["diagnostics"].empty());
  Reply c = api().handle(post("/api/check", {{"template", "ke-hoach"}}, sample("ke-hoach-hoa-binh-2021.json")));
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_TRUE(json::parse(c.body).contains("ok"));
}

TEST(ServeApi, PastTheServersPagesIs422) {
  // max_pages 40 (api()): the 200 schools of Phụ lục 1 make more pages.
  Reply r = api().handle(post("/api/render", {{"template", "phu-luc-1"}}, sample("phu-luc-1-200-truong.csv"),
                              "text/csv"));
  ASSERT_EQ(r.status, 422) << r.body.substr(0, 300);
  EXPECT_NE(json::parse(r.body)["error"]["message"].get<std::string>().find("max_pages"), std::string::npos);
}

TEST(ServeApi, BatchListsTheBadRowsAndMakesTheGoodOnes) {
  std::string list = sample("danh-sach-khen-thuong.csv");
  Reply r = api().handle(post("/api/batch", {{"template", "giay-khen"}, {"name", "list.csv"}}, list, "text/csv"));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  const json j = json::parse(r.body);
  EXPECT_GT(j["rows"].get<int>(), 0);
  EXPECT_EQ(j["produced"].get<int>() + static_cast<int>(j["errors"].size()), j["rows"].get<int>());
  EXPECT_EQ(j["media_type"], "application/pdf");
  EXPECT_EQ(j["file"].get<std::string>().rfind("JVBERi", 0), 0u) << "base64 of %PDF";
}

TEST(ServeApi, UnknownRoutesAndMethods) {
  Request get;
  get.method = "GET";
  get.path = "/api/nothing";
  EXPECT_EQ(api().handle(get).status, 404);
  get.path = "/api/render";
  EXPECT_EQ(api().handle(get).status, 405);
}

TEST(WorkPool, AFullQueueIsRefusedAndALateJobTimesOut) {
  vanban::serve::WorkPool pool(1, 1);
  std::atomic<bool> release{false};
  std::atomic<int> ran{0};
  std::thread busy([&] {
    pool.run([&] {
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ++ran;
    }, std::chrono::milliseconds(5000));
  });
  while (ran == 0 && pool.waiting() == 0) {
    // the first job is taken by the thread once the queue is empty again
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (pool.waiting() == 0) break;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  // The thread is busy: one job may wait, a second is refused.
  std::thread waiting([&] { pool.run([&] { ++ran; }, std::chrono::milliseconds(5000)); });
  while (pool.waiting() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(pool.run([&] { ++ran; }, std::chrono::milliseconds(10)), vanban::serve::WorkPool::Outcome::Full);
  release = true;
  busy.join();
  waiting.join();
  EXPECT_EQ(ran, 2);
  // A job that cannot start in time: TimedOut, and it never runs.
  std::atomic<bool> hold{false};
  std::thread blocker([&] { pool.run([&] { while (!hold) std::this_thread::sleep_for(std::chrono::milliseconds(1)); },
                                     std::chrono::milliseconds(5000)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::atomic<bool> late_ran{false};
  EXPECT_EQ(pool.run([&] { late_ran = true; }, std::chrono::milliseconds(30)), vanban::serve::WorkPool::Outcome::TimedOut);
  hold = true;
  blocker.join();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(late_ran) << "an abandoned job is dropped, not run late";
}

TEST(ServeStatic, FilesOnlyFromTheWebDirectory) {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("vanban-serve-web-" + std::to_string(::getpid()));
  fs::create_directories(root / "web" / "img");
  std::ofstream(root / "web" / "index.html") << "<!doctype html><title>t</title>";
  std::ofstream(root / "web" / "img" / "a.svg") << "<svg/>";
  std::ofstream(root / "secret.txt") << "TOP-SECRET-CONTENT";
  std::ofstream(root / "web" / ".hidden") << "hidden";
  fs::create_symlink(root / "secret.txt", root / "web" / "link.txt");
  const std::string web = (root / "web").string();
  Reply index = vanban::serve::static_file(web, "index.html");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.media_type, "text/html; charset=utf-8");
  EXPECT_EQ(vanban::serve::static_file(web, "img/a.svg").media_type, "image/svg+xml");
  for (const char* bad : {"../secret.txt", "img/../../secret.txt", "/etc/passwd", ".hidden", "link.txt", "img/",
                          "img//a.svg", "..", "img\\..\\..\\secret.txt", "nothing.js"}) {
    Reply r = vanban::serve::static_file(web, bad);
    EXPECT_EQ(r.status, 404) << bad;
    EXPECT_EQ(r.body.find("TOP-SECRET-CONTENT"), std::string::npos) << bad;
  }
  fs::remove_all(root);
}

}  // namespace
