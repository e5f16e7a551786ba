// The secret analyzer as the layer walker drives it: real tar layers written with libarchive,
// walked by WalkTar, every block fed to the analyzer's ContentScan. Also the debootstrap Debian
// root (when present) must report no secret, and the generated rule docs must be current.
#include <archive.h>
#include <archive_entry.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "analyzer/secret/secret_analyzer.h"
#include "analyzer/secret/secret_fixtures.h"
#include "core/files.h"
#include "layer/tar_walker.h"
#include "support/debian_image.h"

namespace portcullis {
namespace {

using testing::ExpandTemplate;
using testing::SecretFixtures;
using testing::SeedOf;

struct TarFile {
  std::string path;
  std::string content;
};

// Writes a ustar/pax archive of regular files into memory.
std::string WriteTar(const std::vector<TarFile>& files) {
  std::string out;
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_set_bytes_in_last_block(a, 1);
  archive_write_open(
      a, &out, nullptr,
      [](archive*, void* client, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(client)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr);
  for (const TarFile& f : files) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, f.path.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(f.content.size()));
    archive_write_header(a, e);
    archive_write_data(a, f.content.data(), f.content.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

class MemoryStream : public ByteStream {
 public:
  explicit MemoryStream(std::string data) : data_(std::move(data)) {}
  Result<size_t> Read(uint8_t* buf, size_t size) override {
    size_t n = std::min(size, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

// Runs `analyzer` over one tar layer the way the layer analysis does.
LayerFacts AnalyzeLayer(const Analyzer& analyzer, std::string tar, size_t index) {
  LayerFacts facts;
  facts.index = index;
  MemoryStream stream(std::move(tar));
  auto walked = WalkTar(
      stream, "layer", Limits{},
      [&](const TarEntry& entry, EntryReader& reader) -> Result<void> {
        facts.files.push_back(FileMeta{entry.path, entry.type, entry.mode, entry.uid, entry.gid,
                                       entry.size, entry.link_target});
        if (entry.type != EntryType::kFile) return {};
        auto scan = analyzer.BeginScan(entry);
        if (!scan) return {};
        for (;;) {
          auto block = PC_TRY(reader.NextBlock());
          if (block.empty()) break;
          scan->Feed(block);
        }
        scan->Finish(facts);
        return {};
      },
      facts.diagnostics);
  EXPECT_TRUE(walked.has_value()) << walked.error().ToString();
  return facts;
}

std::shared_ptr<const SecretScanner> Scanner() {
  auto s = SecretScanner::Builtin();
  EXPECT_TRUE(s.has_value());
  return *s;
}

// Layer 1 plants one secret per rule family (in large files, so secrets straddle the walker's
// blocks); layer 2 deletes every other file with a whiteout. The analyzer must report each
// planted secret in layer 1 at its path, and layer 2 must carry the whiteouts the applier uses
// to flag them deleted_in_later_layer.
TEST(SecretAnalyzerTest, LayeredImagePlantsOneSecretPerFamily) {
  std::map<std::string, const testing::SecretFixture*> per_family;
  for (const auto& f : SecretFixtures()) {
    for (const SecretRule& r : BuiltinSecretRules()) {
      if (r.info.id == f.rule && !per_family.contains(r.category)) per_family[r.category] = &f;
    }
  }
  ASSERT_GE(per_family.size(), 60u);
  std::vector<TarFile> layer1;
  std::map<std::string, std::string> expected;  // path -> rule id
  std::set<std::string> deleted;
  size_t i = 0;
  for (const auto& [family, f] : per_family) {
    std::string dir = "srv/" + std::to_string(i) + "/";
    std::string name(f->path.substr(f->path.rfind('/') + 1));
    std::string path = dir + name;
    // Pad so the secret lands at a different offset in the walker's blocks for each file.
    std::string content(static_cast<size_t>(i) * 997 % 70000, ' ');
    content += "\n" + ExpandTemplate(f->text, SeedOf(f->rule)) + "\n";
    layer1.push_back({path, content});
    expected[path] = std::string(f->rule);
    if (i % 2 == 1) deleted.insert(path);
    ++i;
  }
  std::vector<TarFile> layer2;
  for (const std::string& p : deleted) {
    auto slash = p.rfind('/');
    layer2.push_back({p.substr(0, slash + 1) + ".wh." + p.substr(slash + 1), ""});
  }
  SecretAnalyzer analyzer(Scanner(), 10ull << 20);
  LayerFacts l1 = AnalyzeLayer(analyzer, WriteTar(layer1), 0);
  LayerFacts l2 = AnalyzeLayer(analyzer, WriteTar(layer2), 1);

  std::map<std::string, std::set<std::string>> found;
  for (const SecretHit& h : l1.secrets) found[h.path].insert(h.rule_id);
  for (const auto& [path, rule] : expected) {
    EXPECT_TRUE(found[path].contains(rule)) << path << " expected " << rule;
  }
  EXPECT_TRUE(l2.secrets.empty());
  std::set<std::string> whiteouts;
  for (const FileMeta& m : l2.files) {
    if (m.type == EntryType::kWhiteout) whiteouts.insert(m.path);
  }
  EXPECT_EQ(whiteouts, deleted);
}

TEST(SecretAnalyzerTest, BinaryFilesAreSkippedExceptKeyContainers) {
  std::string key = ExpandTemplate(
      "-----BEGIN RSA PRIVATE KEY-----\nMII%{b:61}\n%{b:64}\n-----END RSA PRIVATE KEY-----\n", 9);
  std::string binary = std::string("\x7f" "ELF\0\0\0", 7) + "\n" + key;
  SecretAnalyzer analyzer(Scanner(), 10ull << 20);
  LayerFacts facts = AnalyzeLayer(
      analyzer, WriteTar({{"usr/bin/tool", binary}, {"etc/app/server.pem", binary}}), 0);
  ASSERT_EQ(facts.secrets.size(), 1u);
  EXPECT_EQ(facts.secrets[0].path, "etc/app/server.pem");
  EXPECT_EQ(facts.secrets[0].rule_id, "private-key");
  EXPECT_EQ(facts.secrets[0].line, 2u);
}

TEST(SecretAnalyzerTest, LargeTextFilesAreReportedAsSkipped) {
  std::string big(5000, 'a');
  big += "\n" + ExpandTemplate("ghp_%{m:36}", 5) + "\n";
  std::string bin(5000, '\0');
  SecretAnalyzer analyzer(Scanner(), 4096);
  LayerFacts facts =
      AnalyzeLayer(analyzer, WriteTar({{"app/big.txt", big}, {"app/big.bin", bin},
                                       {"app/small.txt", ExpandTemplate("ghp_%{m:36}\n", 6)}}),
                   0);
  ASSERT_EQ(facts.secrets.size(), 1u);
  EXPECT_EQ(facts.secrets[0].path, "app/small.txt");
  ASSERT_EQ(facts.diagnostics.size(), 1u);
  EXPECT_EQ(facts.diagnostics[0].path, "app/big.txt");
  EXPECT_EQ(facts.diagnostics[0].severity, Severity::kInfo);
  EXPECT_NE(facts.diagnostics[0].message.find("--secret-max-file-bytes"), std::string::npos);
}

TEST(SecretAnalyzerTest, AllowListedPathsAreNotRead) {
  std::string text = ExpandTemplate("ghp_%{m:36}\n", 8);
  SecretAnalyzer analyzer(Scanner(), 10ull << 20);
  LayerFacts facts = AnalyzeLayer(
      analyzer, WriteTar({{"usr/share/doc/x/README", text}, {"app/README", text}}), 0);
  ASSERT_EQ(facts.secrets.size(), 1u);
  EXPECT_EQ(facts.secrets[0].path, "app/README");
}

// The debootstrap-built Debian 12 root has certificates, docs and Python's test suite, and no
// secret.
TEST(SecretAnalyzerTest, DebianRootReportsNoSecret) {
  REQUIRE_DEBIAN_TEST_IMAGE();
  std::filesystem::path root = std::filesystem::path(testing::TestImageCache()) / "bookworm-rootfs";
  std::error_code ec;
  SecretAnalyzer analyzer(Scanner(), 10ull << 20);
  LayerFacts facts;
  size_t files = 0;
  std::vector<char> buf(64 * 1024);
  for (auto it = std::filesystem::recursive_directory_iterator(
           root, std::filesystem::directory_options::skip_permission_denied, ec);
       it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
    TarEntry entry;
    entry.path = std::filesystem::relative(it->path(), root, ec).string();
    entry.size = it->file_size(ec);
    auto scan = analyzer.BeginScan(entry);
    if (!scan) continue;
    std::ifstream in(it->path(), std::ios::binary);
    while (in) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      auto n = static_cast<size_t>(in.gcount());
      if (n == 0) break;
      scan->Feed({reinterpret_cast<const uint8_t*>(buf.data()), n});
    }
    scan->Finish(facts);
    ++files;
  }
  EXPECT_GT(files, 1000u);
  std::string found;
  for (const SecretHit& h : facts.secrets) {
    found += h.path + ":" + std::to_string(h.line) + " " + h.rule_id + " " + h.match + "\n";
  }
  EXPECT_TRUE(facts.secrets.empty()) << found;
}

}  // namespace
}  // namespace portcullis
