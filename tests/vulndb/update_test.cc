// `db update` against a local HTTP server (cpp-httplib on 127.0.0.1) that serves OSV-style
// exports (<ecosystem>/all.zip) built by the test from real records: first download, a
// conditional request answered 304, a changed export, a missing ecosystem, and no server at
// all (one clear error, database untouched).
#include "vulndb/update.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include <atomic>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>

#include "vulndb/store.h"
#include "vulndb/test_util.h"

namespace portcullis::vulndb {
namespace {

using portcullis::vulntest::RunCommand;
using portcullis::vulntest::SourcePath;
using portcullis::vulntest::TempDir;

// A zip holding `files` (name -> content), as OSV's exports are.
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string out;
  struct archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  archive_write_open(
      a, &out, nullptr,
      [](struct archive*, void* user, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(user)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr);
  for (const auto& [name, content] : files) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
    archive_write_header(a, e);
    archive_write_data(a, content.data(), content.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

std::string Record(const std::string& member) {
  auto r = RunCommand("zstd -dc " + SourcePath("tests/data/advisories/osv-subset.tar.zst") +
                      " | tar -xO '" + member + "'");
  EXPECT_EQ(r.exit_code, 0) << member;
  return r.out;
}

class Server {
 public:
  Server() {
    server_.Get(R"(/(.+)/all\.zip)", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu_);
      ++requests_;
      if (req.has_header("If-None-Match")) conditional_ = true;
      auto it = zips_.find(req.matches[1]);
      if (it == zips_.end()) {
        res.status = 404;
        return;
      }
      std::string etag = "\"" + std::to_string(std::hash<std::string>()(it->second)) + "\"";
      if (req.get_header_value("If-None-Match") == etag) {
        res.status = 304;
        return;
      }
      res.set_header("ETag", etag);
      res.set_content(it->second, "application/zip");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Server() {
    server_.stop();
    thread_.join();
  }
  void Serve(const std::string& eco, std::string zip) {
    std::lock_guard lock(mu_);
    zips_[eco] = std::move(zip);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }
  bool conditional() {
    std::lock_guard lock(mu_);
    return conditional_;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::map<std::string, std::string> zips_;
  int requests_ = 0;
  bool conditional_ = false;
};

TEST(VulnDbUpdate, DownloadsConditionallyAndImports) {
  TempDir dir;
  Server server;
  std::string lodash = Record("npm/GHSA/2021/GHSA-35jh-r3h4-6jhm.json");
  ASSERT_FALSE(lodash.empty());
  server.Serve("npm", MakeZip({{"GHSA-35jh-r3h4-6jhm.json", lodash}}));
  UpdateOptions options;
  options.db_path = (dir.path() / "db.sqlite").string();
  options.base_url = server.url() + "/";
  options.ecosystems = {"npm", "PyPI"};

  auto first = UpdateDatabase(options);
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(first->stats.inserted, 1u);
  ASSERT_EQ(first->messages.size(), 2u);
  EXPECT_NE(first->messages[0].find("npm: downloaded"), std::string::npos);
  EXPECT_NE(first->messages[1].find("PyPI: not found"), std::string::npos);
  {
    auto db = VulnDb::Open(options.db_path, VulnDb::Mode::kReadOnly);
    ASSERT_TRUE(db.has_value());
    auto rows = (*db)->FindAffected("npm", "lodash");
    ASSERT_TRUE(rows.has_value());
    EXPECT_EQ(rows->size(), 1u);
  }
  // Nothing left behind next to the database but the database.
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_TRUE(e.path().filename().string().starts_with("db.sqlite")) << e.path();
  }

  // Unchanged export: a conditional request, answered 304, nothing imported.
  auto second = UpdateDatabase(options);
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_TRUE(server.conditional());
  EXPECT_NE(second->messages[0].find("unchanged"), std::string::npos);
  EXPECT_EQ(second->stats.files, 0u);

  // A changed export: downloaded again; the known record is skipped by `modified`.
  std::string minimist = Record("npm/GHSA/2022/GHSA-xvch-5gv4-984h.json");
  server.Serve("npm", MakeZip({{"GHSA-35jh-r3h4-6jhm.json", lodash},
                               {"GHSA-xvch-5gv4-984h.json", minimist}}));
  auto third = UpdateDatabase(options);
  ASSERT_TRUE(third.has_value()) << third.error().ToString();
  EXPECT_EQ(third->stats.inserted, 1u);
  EXPECT_EQ(third->stats.unchanged, 1u);
}

TEST(VulnDbUpdate, NoServerFailsWithOneLineAndKeepsTheDatabase) {
  TempDir dir;
  std::string db_path = (dir.path() / "db.sqlite").string();
  {
    auto db = VulnDb::Open(db_path, VulnDb::Mode::kReadWrite);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->SetMeta("marker", "kept").has_value());
  }
  // A port nothing listens on: bind one (without listening), read its number, close it.
  int port = 0;
  {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    port = ntohs(addr.sin_port);
    close(fd);
  }
  UpdateOptions options;
  options.db_path = db_path;
  options.base_url = "http://127.0.0.1:" + std::to_string(port);
  options.ecosystems = {"npm"};
  auto r = UpdateDatabase(options);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kNetwork);
  EXPECT_NE(r.error().message.find("cannot reach http://127.0.0.1"), std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().message.find("the database was not changed"), std::string::npos);
  EXPECT_EQ(r.error().message.find('\n'), std::string::npos);
  auto db = VulnDb::Open(db_path, VulnDb::Mode::kReadOnly);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ((*db)->Meta("marker").value_or(""), "kept");
}

}  // namespace
}  // namespace portcullis::vulndb
