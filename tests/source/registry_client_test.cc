// The registry client and image source against FakeRegistry: an honest registry (image, index
// with platforms, tags, push), its auth (Basic, Bearer with token reuse per scope), the blob
// cache, retries; and a hostile one (wrong digests, a 50 MB manifest, a redirect loop, a blob
// that never ends, a stalled connection, schema 1): each a clear error within its limits.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "core/digest.h"
#include "source/registry/client.h"
#include "source/registry_fake.h"
#include "source/source.h"
#include "support/image_builder.h"

namespace portcullis {
namespace {

using testing::Built;
using testing::Compress;
using testing::FakeRegistry;
using testing::TempDir;
using testing::TestImage;

TestImage SmallImage(std::string arch = "amd64") {
  TestImage image;
  image.architecture = std::move(arch);
  image.layers = {{testing::Dir("etc"), testing::File("etc/os-release", "ID=debian\n")},
                  {testing::File("app/run.sh", "#!/bin/sh\necho hi\n", 0755)}};
  image.config = {{"User", "1000"}};
  return image;
}

RegistryOptions Options(const TempDir& tmp) {
  RegistryOptions o;
  o.insecure = true;
  o.cache_dir = tmp / "cache";
  o.docker_config = tmp / "no-docker-config";
  o.retry_base_ms = 10;
  o.idle_timeout_seconds = 2;
  o.connect_timeout_seconds = 5;
  return o;
}

size_t CountLayers(const Source& source) {
  size_t entries = 0;
  for (size_t i = 0; i < source.layer_count(); ++i) {
    std::vector<Diagnostic> diags;
    auto stats = source.WalkLayer(i, {},
                                  [&](const TarEntry&, EntryReader& r) -> Result<void> {
                                    ++entries;
                                    while (!PC_TRY(r.NextBlock()).empty()) {
                                    }
                                    return {};
                                  },
                                  diags, nullptr, {});
    EXPECT_TRUE(stats) << stats.error().ToString();
  }
  return entries;
}

TEST(RegistryClientTest, ScansAnImageFromTheRegistry) {
  TempDir tmp;
  Built built = testing::WriteOciLayout(SmallImage(), tmp / "oci", "1");
  FakeRegistry reg(tmp / "oci");
  reg.Start();
  auto source = OpenSource(reg.host() + "/test/app:1", "", {}, Options(tmp));
  ASSERT_TRUE(source) << source.error().ToString();
  const Artifact& a = (*source)->artifact();
  EXPECT_EQ(a.type, "registry");
  EXPECT_EQ(a.name, reg.host() + "/test/app:1");
  EXPECT_EQ(a.digest, built.manifest_digest);
  EXPECT_EQ(a.config_digest, built.config_digest);
  EXPECT_EQ(a.repo_tags, std::vector<std::string>{reg.host() + "/test/app:1"});
  EXPECT_EQ((*source)->config().user, "1000");
  EXPECT_EQ(CountLayers(**source), 3u);
  // registry: form, and by digest.
  auto by_digest = OpenSource("registry:" + reg.host() + "/test/app@" + built.manifest_digest, "",
                              {}, Options(tmp));
  ASSERT_TRUE(by_digest) << by_digest.error().ToString();
  EXPECT_EQ((*by_digest)->artifact().digest, built.manifest_digest);
}

TEST(RegistryClientTest, DockerHubImagesComeFromTheMirrorFirst) {
  TempDir tmp;
  Built built = testing::WriteOciLayout(SmallImage(), tmp / "oci", "1");
  FakeRegistry mirror(tmp / "oci");
  mirror.Start();
  RegistryOptions o = Options(tmp);
  o.registry_mirrors = {"http://127.0.0.1:1/", "http://" + mirror.host() + "/"};
  auto source = OpenSource("test/app:1", "", {}, o);
  ASSERT_TRUE(source) << source.error().ToString();
  EXPECT_EQ((*source)->artifact().name, "docker.io/test/app:1");
  EXPECT_EQ((*source)->artifact().digest, built.manifest_digest);
  EXPECT_EQ(CountLayers(**source), 3u);
  // Only Docker Hub images use mirrors.
  EXPECT_FALSE(OpenSource("registry:127.0.0.1:1/test/app:1", "", {}, o));
}

TEST(RegistryClientTest, SecondScanDownloadsOnlyTheManifest) {
  TempDir tmp;
  testing::WriteOciLayout(SmallImage(), tmp / "oci", "1");
  FakeRegistry reg(tmp / "oci");
  reg.Start();
  {
    auto source = OpenSource(reg.host() + "/test/app:1", "", {}, Options(tmp));
    ASSERT_TRUE(source) << source.error().ToString();
    EXPECT_EQ(CountLayers(**source), 3u);
  }
  int first = reg.requests.load();
  EXPECT_GE(first, 4);  // manifest, config, 2 layers (+ a failed https attempt maybe)
  reg.requests = 0;
  auto source = OpenSource(reg.host() + "/test/app:1", "", {}, Options(tmp));
  ASSERT_TRUE(source) << source.error().ToString();
  EXPECT_EQ(CountLayers(**source), 3u);
  EXPECT_EQ(reg.requests.load(), 1);  // the manifest (plain HTTP was learned per client)
  // --no-cache downloads everything again.
  RegistryOptions no_cache = Options(tmp);
  no_cache.no_cache = true;
  reg.requests = 0;
  auto again = OpenSource(reg.host() + "/test/app:1", "", {}, no_cache);
  ASSERT_TRUE(again);
  EXPECT_EQ(CountLayers(**again), 3u);
  EXPECT_GE(reg.requests.load(), 4);
}

TEST(RegistryClientTest, CacheIsTrimmedLeastRecentlyUsedFirst) {
  TempDir tmp;
  registry::BlobCache cache(tmp / "c", 100);
  std::string a(60, 'a'), b(60, 'b');
  cache.Put(Sha256Digest(a), a);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  cache.Put(Sha256Digest(b), b);
  EXPECT_NE(cache.Open(Sha256Digest(a)), nullptr);  // touched: now the most recent
  cache.Trim();
  EXPECT_NE(cache.Open(Sha256Digest(a)), nullptr);
  EXPECT_EQ(cache.Open(Sha256Digest(b)), nullptr);
  cache.Put(Sha256Digest("x"), "not x");  // content that does not hash to its digest
  EXPECT_EQ(cache.Open(Sha256Digest("x")), nullptr);
}

TEST(RegistryClientTest, PicksThePlatformOfAnIndex) {
  TempDir tmp;
  testing::WriteOciIndex(
      {{"linux/amd64", SmallImage("amd64")}, {"linux/arm64", SmallImage("arm64")}}, tmp / "oci",
      "multi");
  FakeRegistry reg(tmp / "oci");
  reg.Start();
  auto arm = OpenSource(reg.host() + "/test/app:multi", "linux/arm64", {}, Options(tmp));
  ASSERT_TRUE(arm) << arm.error().ToString();
  EXPECT_EQ((*arm)->artifact().platform, "linux/arm64");
  EXPECT_EQ(CountLayers(**arm), 3u);
  auto amd = OpenSource(reg.host() + "/test/app:multi", "", {}, Options(tmp));
  ASSERT_TRUE(amd) << amd.error().ToString();
  EXPECT_EQ((*amd)->artifact().platform, "linux/amd64");
  auto none = OpenSource(reg.host() + "/test/app:multi", "linux/s390x", {}, Options(tmp));
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("linux/arm64"), std::string::npos) << none.error().message;
}

TEST(RegistryClientTest, BasicAuth) {
  TempDir tmp;
  testing::WriteOciLayout(SmallImage(), tmp / "oci", "1");
  FakeRegistry reg(tmp / "oci", FakeRegistry::Auth::kBasic);
  reg.Start();
  RegistryOptions o = Options(tmp);
  auto anonymous = OpenSource(reg.host() + "/test/app:1", "", {}, o);
  ASSERT_FALSE(anonymous);
  EXPECT_NE(anonymous.error().message.find("--username"), std::string::npos)
      << anonymous.error().message;
  o.username = "alice";
  o.password = "wrong";
  auto wrong = OpenSource(reg.host() + "/test/app:1", "", {}, o);
  ASSERT_FALSE(wrong);
  o.password = "s3cret";
  auto ok = OpenSource(reg.host() + "/test/app:1", "", {}, o);
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(CountLayers(**ok), 3u);
}

TEST(RegistryClientTest, BearerTokenReusedPerScope) {
  TempDir tmp;
  testing::WriteOciLayout(SmallImage(), tmp / "oci", "1");
  FakeRegistry reg(tmp / "oci", FakeRegistry::Auth::kBearer);
  reg.Start();
  RegistryOptions o = Options(tmp);
  o.no_cache = true;
  o.username = "alice";
  o.password = "s3cret";
  registry::RegistryClient client(reg.host(), o);
  auto m = client.GetManifest("test/app", "1");
  ASSERT_TRUE(m) << m.error().ToString();
  auto tags = client.ListTags("test/app");
  ASSERT_TRUE(tags) << tags.error().ToString();
  EXPECT_EQ(*tags, std::vector<std::string>{"1"});
  auto digest = client.ResolveDigest("test/app", "1");
  ASSERT_TRUE(digest);
  EXPECT_EQ(*digest, m->digest);
  EXPECT_EQ(reg.token_requests.load(), 1);
  auto other = client.GetManifest("test/other", "1");  // another scope: another token
  EXPECT_TRUE(other);
  EXPECT_EQ(reg.token_requests.load(), 2);
  // Wrong credentials: the token service refuses, and the error says so.
  o.password = "wrong";
  registry::RegistryClient refused(reg.host(), o);
  auto denied = refused.GetManifest("test/app", "1");
  ASSERT_FALSE(denied);
  EXPECT_NE(denied.error().message.find("token service"), std::string::npos)
      << denied.error().message;
}

TEST(RegistryClientTest, PushBlobAndManifestThenReadThemBack) {
  TempDir tmp;
  FakeRegistry reg;
  std::map<std::string, std::string> blobs;
  std::map<std::string, std::pair<std::string, std::string>> manifests;
  std::mutex mu;
  reg.server().Post(R"(/v2/(.+)/blobs/uploads/)", [](const httplib::Request& req,
                                                     httplib::Response& res) {
    res.status = 202;
    res.set_header("Location", "/v2/" + std::string(req.matches[1]) + "/blobs/uploads/u1?state=x");
  });
  reg.server().Put(R"(/v2/(.+)/blobs/uploads/u1)",
                   [&](const httplib::Request& req, httplib::Response& res) {
                     std::lock_guard lock(mu);
                     if (req.get_param_value("state") != "x" ||
                         Sha256Digest(req.body) != req.get_param_value("digest")) {
                       res.status = 400;
                       return;
                     }
                     blobs[req.get_param_value("digest")] = req.body;
                     res.status = 201;
                   });
  reg.server().Get(R"(/v2/(.+)/blobs/(sha256:[0-9a-f]+))",
                   [&](const httplib::Request& req, httplib::Response& res) {
                     std::lock_guard lock(mu);
                     auto it = blobs.find(req.matches[2]);
                     if (it == blobs.end()) {
                       res.status = 404;
                       return;
                     }
                     res.set_content(it->second, "application/octet-stream");
                   });
  reg.server().Put(R"(/v2/(.+)/manifests/(.+))",
                   [&](const httplib::Request& req, httplib::Response& res) {
                     std::lock_guard lock(mu);
                     manifests[req.matches[2]] = {req.get_header_value("Content-Type"), req.body};
                     manifests[Sha256Digest(req.body)] = manifests[req.matches[2]];
                     res.set_header("Docker-Content-Digest", Sha256Digest(req.body));
                     res.status = 201;
                   });
  reg.server().Get(R"(/v2/(.+)/manifests/(.+))",
                   [&](const httplib::Request& req, httplib::Response& res) {
                     std::lock_guard lock(mu);
                     auto it = manifests.find(req.matches[2]);
                     if (it == manifests.end()) {
                       res.status = 404;
                       return;
                     }
                     res.set_content(it->second.second, it->second.first.c_str());
                   });
  reg.Start();
  RegistryOptions o = Options(tmp);
  o.no_cache = true;
  registry::RegistryClient client(reg.host(), o);
  std::string payload = R"({"critical":{"type":"cosign container image signature"}})";
  auto blob = client.PutBlob("test/app", payload);
  ASSERT_TRUE(blob) << blob.error().ToString();
  EXPECT_EQ(*blob, Sha256Digest(payload));
  EXPECT_EQ(blobs.size(), 1u);
  // A second push of the same blob is a HEAD only.
  int before = reg.requests.load();
  ASSERT_TRUE(client.PutBlob("test/app", payload));
  EXPECT_EQ(reg.requests.load(), before + 1);
  std::string manifest = nlohmann::json{{"schemaVersion", 2},
                                        {"mediaType", registry::kOciManifestType},
                                        {"layers", nlohmann::json::array()}}
                             .dump();
  auto pushed =
      client.PutManifest("test/app", "sha256-abc.sig", registry::kOciManifestType, manifest);
  ASSERT_TRUE(pushed) << pushed.error().ToString();
  auto back = client.GetManifest("test/app", "sha256-abc.sig");
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(back->content, manifest);
  EXPECT_EQ(back->digest, *pushed);
  EXPECT_EQ(back->media_type, registry::kOciManifestType);
  auto stream = client.GetBlob("test/app", *blob, static_cast<int64_t>(payload.size()));
  ASSERT_TRUE(stream) << stream.error().ToString();
  auto text = ReadAll(**stream, 1 << 20, "blob");
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, payload);
}

// --- hostile registries ---------------------------------------------------------------------

class HostileRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    built_ = testing::WriteOciLayout(SmallImage(), tmp_ / "oci", "1");
    options_ = Options(tmp_);
    options_.no_cache = true;
  }
  // Opens the image and walks every layer; the first error.
  std::optional<Error> Scan(FakeRegistry& reg, const std::string& ref = "/test/app:1") {
    auto source = OpenSource(reg.host() + ref, "", {}, options_);
    if (!source) return source.error();
    for (size_t i = 0; i < (*source)->layer_count(); ++i) {
      std::vector<Diagnostic> diags;
      auto stats = (*source)->WalkLayer(i, {},
                                        [&](const TarEntry&, EntryReader& r) -> Result<void> {
                                          while (!PC_TRY(r.NextBlock()).empty()) {
                                          }
                                          return {};
                                        },
                                        diags, nullptr, {});
      if (!stats) return stats.error();
    }
    return std::nullopt;
  }
  TempDir tmp_;
  Built built_;
  RegistryOptions options_;
};

TEST_F(HostileRegistryTest, WrongLayerDigest) {
  FakeRegistry reg(tmp_ / "oci");
  std::string layer = built_.layer_digests[1];
  reg.server().Get("/v2/test/app/blobs/" + layer,
                   [&](const httplib::Request&, httplib::Response& res) {
                     std::string real;
                     reg.ReadBlob(layer, real);
                     real[real.size() - 10] ^= 1;  // same size, other bytes
                     res.set_content(real, "application/octet-stream");
                   });
  reg.Start();
  auto err = Scan(reg);
  ASSERT_TRUE(err);
  EXPECT_TRUE(err->code == ErrorCode::kDigestMismatch || err->code == ErrorCode::kCorrupt)
      << err->ToString();
}

TEST_F(HostileRegistryTest, WrongManifestDigest) {
  FakeRegistry reg(tmp_ / "oci");
  reg.server().Get(R"(/v2/test/app/manifests/(.+))",
                   [&](const httplib::Request&, httplib::Response& res) {
                     std::string real;
                     reg.ReadBlob(built_.manifest_digest, real);
                     res.set_header("Docker-Content-Digest", built_.config_digest);
                     res.set_content(real, "application/vnd.oci.image.manifest.v1+json");
                   });
  reg.Start();
  auto err = Scan(reg);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->code, ErrorCode::kDigestMismatch) << err->ToString();
  // Asked by digest, the bytes must hash to it.
  auto by_digest = Scan(reg, "/test/app@" + built_.config_digest);
  ASSERT_TRUE(by_digest);
  EXPECT_EQ(by_digest->code, ErrorCode::kDigestMismatch) << by_digest->ToString();
}

TEST_F(HostileRegistryTest, FiftyMegabyteManifest) {
  FakeRegistry reg(tmp_ / "oci");
  const std::string chunk(1 << 20, ' ');
  const std::string big(50 << 20, ' ');
  reg.server().Get("/v2/test/app/manifests/big",
                   [&](const httplib::Request&, httplib::Response& res) {
                     res.set_content(big, "application/vnd.oci.image.manifest.v1+json");
                   });
  reg.server().Get(
      "/v2/test/app/manifests/chunked", [&](const httplib::Request&, httplib::Response& res) {
        res.set_chunked_content_provider("application/vnd.oci.image.manifest.v1+json",
                                         [&](size_t offset, httplib::DataSink& sink) {
                                           if (offset >= (50u << 20) || reg.stopping()) {
                                             sink.done();
                                             return true;
                                           }
                                           return sink.write(chunk.data(), chunk.size());
                                         });
      });
  reg.Start();
  options_.idle_timeout_seconds = 20;  // a loaded machine may be slow to start 50 MB
  auto start = std::chrono::steady_clock::now();
  for (const char* ref : {"/test/app:big", "/test/app:chunked"}) {
    auto err = Scan(reg, ref);
    ASSERT_TRUE(err) << ref;
    EXPECT_EQ(err->code, ErrorCode::kLimitExceeded) << err->ToString();
    EXPECT_NE(err->message.find("4194304"), std::string::npos) << err->ToString();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

TEST_F(HostileRegistryTest, RedirectLoop) {
  FakeRegistry reg(tmp_ / "oci");
  std::string layer = built_.layer_digests[0];
  reg.server().Get("/v2/test/app/blobs/" + layer,
                   [&](const httplib::Request&, httplib::Response& res) {
                     res.set_redirect("/v2/test/app/blobs/" + layer);
                   });
  reg.Start();
  auto err = Scan(reg);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->code, ErrorCode::kNetwork);
  EXPECT_NE(err->message.find("redirect"), std::string::npos) << err->ToString();
}

TEST_F(HostileRegistryTest, BlobThatNeverEnds) {
  FakeRegistry reg(tmp_ / "oci");
  std::string layer = built_.layer_digests[0];
  const std::string chunk(64 << 10, 'x');
  reg.server().Get("/v2/test/app/blobs/" + layer,
                   [&](const httplib::Request&, httplib::Response& res) {
                     res.set_chunked_content_provider(
                         "application/octet-stream", [&](size_t, httplib::DataSink& sink) {
                           if (reg.stopping()) {
                             sink.done();
                             return true;
                           }
                           return sink.write(chunk.data(), chunk.size());
                         });
                   });
  reg.Start();
  auto start = std::chrono::steady_clock::now();
  auto err = Scan(reg);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->code, ErrorCode::kLimitExceeded) << err->ToString();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  // The public GetBlob is bounded the same way.
  registry::RegistryClient client(reg.host(), options_);
  auto stream = client.GetBlob("test/app", layer, 1000);
  ASSERT_TRUE(stream);
  auto all = ReadAll(**stream, 1 << 30, "blob");
  ASSERT_FALSE(all);
  EXPECT_EQ(all.error().code, ErrorCode::kLimitExceeded);
}

TEST_F(HostileRegistryTest, StalledConnection) {
  FakeRegistry reg(tmp_ / "oci");
  std::string layer = built_.layer_digests[0];
  reg.server().Get("/v2/test/app/blobs/" + layer,
                   [&](const httplib::Request&, httplib::Response& res) {
                     res.set_chunked_content_provider(
                         "application/octet-stream", [&](size_t offset, httplib::DataSink& sink) {
                           if (offset == 0) return sink.write("\x1f\x8b", 2);
                           // Then nothing, until the test ends.
                           while (!reg.stopping()) {
                             std::this_thread::sleep_for(std::chrono::milliseconds(20));
                           }
                           sink.done();
                           return true;
                         });
                   });
  reg.Start();
  options_.idle_timeout_seconds = 1;
  auto start = std::chrono::steady_clock::now();
  auto err = Scan(reg);
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(err);
  EXPECT_EQ(err->code, ErrorCode::kNetwork);
  EXPECT_NE(err->message.find("no data for 1 s"), std::string::npos) << err->ToString();
  EXPECT_LT(took, std::chrono::seconds(8));
}

TEST_F(HostileRegistryTest, RetriesHonourRetryAfterThenGiveUp) {
  FakeRegistry reg(tmp_ / "oci");
  std::atomic<int> busy{0};
  reg.server().Get("/v2/test/app/manifests/1",
                   [&](const httplib::Request&, httplib::Response& res) {
                     if (busy++ < 2) {
                       res.status = 429;
                       res.set_header("Retry-After", "1");
                       return;
                     }
                     std::string real;
                     reg.ReadBlob(built_.manifest_digest, real);
                     res.set_content(real, "application/vnd.oci.image.manifest.v1+json");
                   });
  reg.server().Get("/v2/test/app/manifests/down",
                   [&](const httplib::Request&, httplib::Response& res) { res.status = 503; });
  reg.Start();
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(Scan(reg)) << "should succeed after two 429s";
  EXPECT_EQ(busy.load(), 3);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  options_.retries = 2;
  auto err = Scan(reg, "/test/app:down");
  ASSERT_TRUE(err);
  EXPECT_NE(err->message.find("HTTP 503"), std::string::npos) << err->ToString();
}

TEST_F(HostileRegistryTest, SchemaOneIsUnsupported) {
  FakeRegistry reg(tmp_ / "oci");
  reg.server().Get(
      "/v2/test/app/manifests/old", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"schemaVersion":1,"name":"test/app","tag":"old","fsLayers":[]})",
                        "application/vnd.docker.distribution.manifest.v1+prettyjws");
      });
  reg.Start();
  auto err = Scan(reg, "/test/app:old");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->code, ErrorCode::kUnsupported);
  EXPECT_NE(err->message.find("schema 1"), std::string::npos) << err->ToString();
}

TEST_F(HostileRegistryTest, UnknownImageSaysWhatWasTried) {
  FakeRegistry reg(tmp_ / "oci");
  reg.Start();
  auto err = Scan(reg, "/test/app:nope");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->code, ErrorCode::kNotFound);
  EXPECT_NE(err->message.find("local path"), std::string::npos) << err->message;
  EXPECT_NE(err->message.find("MANIFEST_UNKNOWN"), std::string::npos) << err->message;
  EXPECT_NE(err->message.find("docker:"), std::string::npos) << err->message;
}

}  // namespace
}  // namespace portcullis
