#include "source/source.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/image_builder.h"

namespace portcullis {
namespace {

using testing::Compress;
using testing::TempDir;
using testing::TestImage;

TestImage SmallImage(Compress c = Compress::kGzip) {
  TestImage image;
  image.compress = c;
  image.layers = {{testing::Dir("etc"), testing::File("etc/hostname", "box\n"),
                   testing::File("etc/os-release", "ID=debian\n")},
                  {testing::File("app/run.sh", "#!/bin/sh\necho hi\n", 0755),
                   testing::Whiteout("etc/hostname")}};
  image.config = {{"User", "1000"}, {"Env", {"PATH=/usr/bin", "FOO=bar"}},
                  {"ExposedPorts", {{"8080/tcp", nlohmann::json::object()}}}};
  image.history = {"ADD rootfs.tar /", "COPY run.sh /app/"};
  return image;
}

// Walks every layer; returns the paths seen per layer, or the first error.
Result<std::vector<std::vector<std::string>>> WalkAll(const Source& source) {
  std::vector<std::vector<std::string>> out;
  for (size_t i = 0; i < source.layer_count(); ++i) {
    std::vector<std::string> paths;
    std::vector<Diagnostic> diags;
    auto stats = source.WalkLayer(
        i, {},
        [&](const TarEntry& e, EntryReader& r) -> Result<void> {
          paths.push_back(e.path);
          while (!PC_TRY(r.NextBlock()).empty()) {
          }
          return {};
        },
        diags, nullptr, {});
    if (!stats) return std::unexpected(stats.error());
    out.push_back(paths);
  }
  return out;
}

const std::vector<std::vector<std::string>> kSmallPaths = {
    {"etc", "etc/hostname", "etc/os-release"}, {"app/run.sh", "etc/hostname"}};

TEST(SourceTest, OciLayoutDirectory) {
  TempDir tmp;
  auto built = WriteOciLayout(SmallImage(), tmp / "oci", "v1");
  auto source = OpenSource("oci:" + (tmp / "oci"), "", {});
  ASSERT_TRUE(source) << source.error().ToString();
  const Artifact& a = (*source)->artifact();
  EXPECT_EQ(a.type, "oci-layout");
  EXPECT_EQ(a.digest, built.manifest_digest);
  EXPECT_EQ(a.config_digest, built.config_digest);
  EXPECT_EQ(a.platform, "linux/amd64");
  EXPECT_EQ(a.repo_tags, std::vector<std::string>{"v1"});
  ASSERT_EQ(a.layers.size(), 2u);
  EXPECT_EQ(a.layers[0].digest, built.layer_digests[0]);
  EXPECT_EQ(a.layers[0].diff_id, built.diff_ids[0]);
  EXPECT_EQ(a.layers[1].created_by, "COPY run.sh /app/");
  const ImageConfig& c = (*source)->config();
  EXPECT_EQ(c.user, "1000");
  EXPECT_EQ(c.env, (std::vector<std::string>{"PATH=/usr/bin", "FOO=bar"}));
  EXPECT_EQ(c.exposed_ports, std::vector<std::string>{"8080/tcp"});
  auto paths = WalkAll(**source);
  ASSERT_TRUE(paths) << paths.error().ToString();
  EXPECT_EQ(*paths, kSmallPaths);
}

TEST(SourceTest, EveryFormatReadsTheSameImage) {
  TempDir tmp;
  WriteOciLayout(SmallImage(Compress::kZstd), tmp / "oci-zstd");
  WriteOciLayout(SmallImage(Compress::kNone), tmp / "oci-plain");
  WriteOciLayout(SmallImage(Compress::kGzip), tmp / "oci");
  testing::TarDirectory(tmp / "oci", tmp / "oci.tar");
  WriteDockerArchive(SmallImage(), tmp / "docker.tar");
  struct Case {
    std::string spec, type;
  } cases[] = {
      {"oci:" + (tmp / "oci-zstd"), "oci-layout"},  {tmp / "oci-plain", "oci-layout"},
      {"oci-archive:" + (tmp / "oci.tar"), "oci-archive"}, {tmp / "oci.tar", "oci-archive"},
      {"docker-archive:" + (tmp / "docker.tar"), "docker-archive"},
      {tmp / "docker.tar", "docker-archive"},
  };
  for (const auto& c : cases) {
    auto source = OpenSource(c.spec, "", {});
    ASSERT_TRUE(source) << c.spec << ": " << source.error().ToString();
    EXPECT_EQ((*source)->artifact().type, c.type) << c.spec;
    EXPECT_EQ((*source)->config().user, "1000") << c.spec;
    auto paths = WalkAll(**source);
    ASSERT_TRUE(paths) << c.spec << ": " << paths.error().ToString();
    EXPECT_EQ(*paths, kSmallPaths) << c.spec;
  }
}

TEST(SourceTest, RootfsDirectory) {
  TempDir tmp;
  std::filesystem::create_directories(tmp / "root/etc");
  std::filesystem::create_directories(tmp / "root/usr/lib");
  testing::WriteFile(tmp / "root/usr/lib/os-release", "ID=alpine\n");
  std::filesystem::create_symlink("../usr/lib/os-release", tmp / "root/etc/os-release");
  ASSERT_EQ(mkfifo((tmp / "root/etc/fifo").c_str(), 0644), 0);  // must not block the walk
  for (std::string spec : {"dir:" + (tmp / "root"), tmp / "root"}) {
    auto source = OpenSource(spec, "", {});
    ASSERT_TRUE(source) << source.error().ToString();
    EXPECT_EQ((*source)->artifact().type, "rootfs");
    EXPECT_FALSE((*source)->config().present);
    std::map<std::string, std::pair<EntryType, std::string>> seen;
    std::vector<Diagnostic> diags;
    auto stats = (*source)->WalkLayer(
        0, {},
        [&](const TarEntry& e, EntryReader& r) -> Result<void> {
          std::string content;
          for (;;) {
            auto b = PC_TRY(r.NextBlock());
            if (b.empty()) break;
            content.append(reinterpret_cast<const char*>(b.data()), b.size());
          }
          seen[e.path] = {e.type, e.type == EntryType::kSymlink ? e.link_target : content};
          return {};
        },
        diags, nullptr, {});
    ASSERT_TRUE(stats) << stats.error().ToString();
    EXPECT_EQ(seen["etc/os-release"], std::make_pair(EntryType::kSymlink,
                                                     std::string("../usr/lib/os-release")));
    EXPECT_EQ(seen["usr/lib/os-release"].second, "ID=alpine\n");
    EXPECT_EQ(seen["etc/fifo"].first, EntryType::kFifo);
  }
}

TEST(SourceTest, TamperedLayerIsADigestMismatchNamingTheBlob) {
  TempDir tmp;
  auto built = WriteOciLayout(SmallImage(Compress::kNone), tmp / "oci");
  std::string blob = tmp / ("oci/blobs/sha256/" + built.layer_digests[1].substr(7));
  std::string data = testing::ReadFile(blob);
  data[data.find("echo hi")] = 'E';  // same size, different content: the tar still parses
  testing::WriteFile(blob, data);
  auto source = OpenSource(tmp / "oci", "", {});
  ASSERT_TRUE(source) << source.error().ToString();
  auto paths = WalkAll(**source);
  ASSERT_FALSE(paths);
  EXPECT_EQ(paths.error().code, ErrorCode::kDigestMismatch);
  EXPECT_NE(paths.error().path.find(built.layer_digests[1].substr(7)), std::string::npos);
}

TEST(SourceTest, TamperedDockerArchiveLayerFailsItsDiffId) {
  TempDir tmp;
  WriteDockerArchive(SmallImage(), tmp / "d.tar");
  std::string data = testing::ReadFile(tmp / "d.tar");
  data[data.find("echo hi")] = 'E';
  testing::WriteFile(tmp / "d.tar", data);
  auto source = OpenSource(tmp / "d.tar", "", {});
  ASSERT_TRUE(source) << source.error().ToString();
  auto paths = WalkAll(**source);
  ASSERT_FALSE(paths);
  EXPECT_EQ(paths.error().code, ErrorCode::kDigestMismatch);
  EXPECT_NE(paths.error().path.find("layer.tar"), std::string::npos);
}

TEST(SourceTest, TamperedConfigFailsAtOpen) {
  TempDir tmp;
  auto built = WriteOciLayout(SmallImage(), tmp / "oci");
  std::string blob = tmp / ("oci/blobs/sha256/" + built.config_digest.substr(7));
  std::string data = testing::ReadFile(blob);
  data[data.find("1000")] = '0';
  testing::WriteFile(blob, data);
  auto source = OpenSource(tmp / "oci", "", {});
  ASSERT_FALSE(source);
  EXPECT_EQ(source.error().code, ErrorCode::kDigestMismatch);
}

TEST(SourceTest, MissingBlob) {
  TempDir tmp;
  auto built = WriteOciLayout(SmallImage(), tmp / "oci");
  std::filesystem::remove(tmp / ("oci/blobs/sha256/" + built.layer_digests[0].substr(7)));
  auto source = OpenSource(tmp / "oci", "", {});
  ASSERT_TRUE(source);
  auto paths = WalkAll(**source);
  ASSERT_FALSE(paths);
  EXPECT_EQ(paths.error().code, ErrorCode::kNotFound);
}

TEST(SourceTest, PlatformSelectionInAnIndex) {
  TempDir tmp;
  TestImage amd = SmallImage(), arm = SmallImage(), armv7 = SmallImage();
  arm.architecture = "arm64";
  arm.layers[0].push_back(testing::File("arch", "arm64"));
  armv7.architecture = "arm";
  testing::WriteOciIndex({{"linux/amd64", amd}, {"linux/arm64/v8", arm}, {"linux/arm/v7", armv7}},
                         tmp / "multi");
  auto def = OpenSource(tmp / "multi", "", {});
  ASSERT_TRUE(def) << def.error().ToString();
  EXPECT_EQ((*def)->artifact().platform, "linux/amd64");
  for (std::string p : {"linux/arm64", "linux/arm64/v8"}) {
    auto s = OpenSource("oci:" + (tmp / "multi") + ":multi", p, {});
    ASSERT_TRUE(s) << p << ": " << s.error().ToString();
    EXPECT_EQ((*s)->artifact().platform, "linux/arm64") << p;
  }
  auto missing = OpenSource(tmp / "multi", "linux/s390x", {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("linux/arm/v7"), std::string::npos);
  auto bad = OpenSource(tmp / "multi", "linux", {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST(SourceTest, TagSelection) {
  TempDir tmp;
  WriteOciLayout(SmallImage(), tmp / "oci", "1.0");
  EXPECT_TRUE(OpenSource("oci:" + (tmp / "oci") + ":1.0", "", {}));
  auto wrong = OpenSource("oci:" + (tmp / "oci") + ":2.0", "", {});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kNotFound);
  EXPECT_NE(wrong.error().message.find("1.0"), std::string::npos);
}

TEST(SourceTest, HostileArchives) {
  TempDir tmp;
  WriteDockerArchive(SmallImage(), tmp / "d.tar");
  std::string data = testing::ReadFile(tmp / "d.tar");
  testing::WriteFile(tmp / "truncated.tar", data.substr(0, data.size() / 2));
  testing::WriteFile(tmp / "garbage.tar", std::string(2048, 'G'));
  testing::WriteFile(tmp / "compressed.tar.gz", testing::Compressed(data, Compress::kGzip));
  testing::WriteFile(tmp / "empty.tar", "");
  testing::WriteFile(tmp / "notimage.tar", testing::MakeTar({testing::File("hello", "x")}));
  struct Case {
    std::string path;
    ErrorCode code;
  } cases[] = {
      {tmp / "truncated.tar", ErrorCode::kCorrupt},
      {tmp / "garbage.tar", ErrorCode::kCorrupt},
      {tmp / "compressed.tar.gz", ErrorCode::kUnsupported},
      {tmp / "empty.tar", ErrorCode::kCorrupt},
      {tmp / "notimage.tar", ErrorCode::kUnsupported},
      {tmp / "nonexistent", ErrorCode::kNotFound},
  };
  for (const auto& c : cases) {
    auto s = OpenSource(c.path, "", {});
    ASSERT_FALSE(s) << c.path;
    EXPECT_EQ(s.error().code, c.code) << c.path << ": " << s.error().ToString();
  }
}

TEST(SourceTest, ManifestJsonBombsAreBounded) {
  TempDir tmp;
  std::string deep(100000, '[');
  testing::WriteFile(tmp / "deep.tar", testing::MakeTar({testing::File("manifest.json", deep)}));
  auto s = OpenSource("docker-archive:" + (tmp / "deep.tar"), "", {});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kLimitExceeded);
  Limits small;
  small.max_json_bytes = 1000;
  testing::WriteFile(tmp / "big.tar",
                     testing::MakeTar({testing::File("manifest.json", std::string(5000, ' '))}));
  auto big = OpenSource("docker-archive:" + (tmp / "big.tar"), "", small);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::kLimitExceeded);
}

TEST(SourceTest, DockerArchiveSymlinkedLayersAreFollowed) {
  // `docker save` links identical layers instead of storing them twice.
  TempDir tmp;
  std::string layer = testing::MakeTar({testing::File("a", "1")});
  std::string d = testing::Digest(layer);
  nlohmann::json config = {{"architecture", "amd64"},
                           {"os", "linux"},
                           {"rootfs", {{"type", "layers"}, {"diff_ids", {d, d}}}}};
  std::string config_text = config.dump();
  std::string config_name = testing::Digest(config_text).substr(7) + ".json";
  nlohmann::json manifest = nlohmann::json::array(
      {{{"Config", config_name}, {"RepoTags", {"x:1"}}, {"Layers", {"l1/layer.tar", "l2/layer.tar"}}}});
  testing::WriteFile(tmp / "d.tar",
                     testing::MakeTar({testing::File("l1/layer.tar", layer),
                                       testing::Symlink("l2/layer.tar", "../l1/layer.tar"),
                                       testing::File(config_name, config_text),
                                       testing::File("manifest.json", manifest.dump())}));
  auto s = OpenSource(tmp / "d.tar", "", {});
  ASSERT_TRUE(s) << s.error().ToString();
  auto paths = WalkAll(**s);
  ASSERT_TRUE(paths) << paths.error().ToString();
  EXPECT_EQ(*paths, (std::vector<std::vector<std::string>>{{"a"}, {"a"}}));
}

}  // namespace
}  // namespace portcullis
