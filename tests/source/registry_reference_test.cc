// Image reference parsing and normalisation, base64, and where credentials come from
// (flags, environment, config.json auths, a docker-credential helper).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "source/registry/credentials.h"
#include "source/registry/reference.h"

namespace portcullis::registry {
namespace {

struct RefCase {
  const char* text;
  const char* registry;
  const char* repository;
  const char* tag;
  const char* digest;
};

constexpr char kDigest[] =
    "sha256:c2e2e16866fb5b775054cd95bd47e476ad6da66f9abdb1af9e4458ae4b4768b4";

TEST(RegistryReferenceTest, Normalises) {
  const std::string d = kDigest;
  const RefCase cases[] = {
      {"alpine", "docker.io", "library/alpine", "latest", ""},
      {"alpine:3.19", "docker.io", "library/alpine", "3.19", ""},
      {"library/alpine:3.19", "docker.io", "library/alpine", "3.19", ""},
      {"docker.io/alpine", "docker.io", "library/alpine", "latest", ""},
      {"index.docker.io/org/app:v1", "docker.io", "org/app", "v1", ""},
      {"bitnami/redis", "docker.io", "bitnami/redis", "latest", ""},
      {"ghcr.io/org/team/app:1.0-rc_1", "ghcr.io", "org/team/app", "1.0-rc_1", ""},
      {"localhost/app", "localhost", "app", "latest", ""},
      {"localhost:5000/app:2", "localhost:5000", "app", "2", ""},
      {"127.0.0.1:5055/test/app:1", "127.0.0.1:5055", "test/app", "1", ""},
      {"registry:127.0.0.1:5055/test/app:1", "127.0.0.1:5055", "test/app", "1", ""},
      {"Quay.IO/a/b", "quay.io", "a/b", "latest", ""},
      {"my_org/a__b.c-d", "docker.io", "my_org/a__b.c-d", "latest", ""},
  };
  for (const auto& c : cases) {
    auto ref = ParseReference(c.text);
    ASSERT_TRUE(ref) << c.text << ": " << ref.error().message;
    EXPECT_EQ(ref->registry, c.registry) << c.text;
    EXPECT_EQ(ref->repository, c.repository) << c.text;
    EXPECT_EQ(ref->tag, c.tag) << c.text;
    EXPECT_EQ(ref->digest, c.digest) << c.text;
  }
  auto by_digest = ParseReference("alpine@" + d);
  ASSERT_TRUE(by_digest);
  EXPECT_EQ(by_digest->tag, "");
  EXPECT_EQ(by_digest->digest, d);
  EXPECT_EQ(by_digest->Identifier(), d);
  EXPECT_EQ(by_digest->ToString(), "docker.io/library/alpine@" + d);
  auto both = ParseReference("host:1/a/b:v2@" + d);
  ASSERT_TRUE(both);
  EXPECT_EQ(both->tag, "v2");
  EXPECT_EQ(both->Identifier(), d);
  EXPECT_EQ(both->ToString(), "host:1/a/b:v2@" + d);
  EXPECT_EQ(ParseReference("alpine")->ApiHost(), "registry-1.docker.io");
  EXPECT_EQ(ParseReference("ghcr.io/a/b")->ApiHost(), "ghcr.io");
}

TEST(RegistryReferenceTest, RejectsMalformed) {
  for (const char* text :
       {"", "Alpine", "a//b", "/abs/path", "./rel", "a:", "a:-x", "a@sha256:12", "a@md5:0123",
        "host:5000/", "a/b:c/d", "a..b", "-a", "a-", "a b", "ghcr.io/Org/app", "registry:"}) {
    auto ref = ParseReference(text);
    EXPECT_FALSE(ref) << text << " parsed as " << ref->ToString();
    if (!ref) {
      EXPECT_EQ(ref.error().code, ErrorCode::kInvalidArgument) << text;
    }
  }
  std::string long_tag = "a:" + std::string(129, 't');
  EXPECT_FALSE(ParseReference(long_tag));
  EXPECT_FALSE(ParseReference(std::string(5000, 'a')));
}

TEST(RegistryReferenceTest, RepositoryHasNoTag) {
  auto repo = ParseRepository("127.0.0.1:5055/test/app");
  ASSERT_TRUE(repo);
  EXPECT_EQ(repo->registry, "127.0.0.1:5055");
  EXPECT_EQ(repo->repository, "test/app");
  EXPECT_EQ(repo->tag, "");
  EXPECT_FALSE(ParseRepository("test/app:1"));
  EXPECT_FALSE(ParseRepository(std::string("test/app@") + kDigest));
}

TEST(RegistryBase64Test, RoundTrips) {
  for (const std::string& s :
       std::vector<std::string>{"", "a", "ab", "abc", "user:pa:ss", std::string("\0\xff\x10", 3)}) {
    auto back = Base64Decode(Base64Encode(s));
    ASSERT_TRUE(back) << s;
    EXPECT_EQ(*back, s);
  }
  EXPECT_EQ(Base64Encode("user:secret"), "dXNlcjpzZWNyZXQ=");
  EXPECT_EQ(*Base64Decode("dXNlcjpzZWNyZXQ"), "user:secret");  // padding optional
  EXPECT_FALSE(Base64Decode("!!!!"));
}

class RegistryCredentialsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pc-creds-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    unsetenv("PORTCULLIS_USERNAME");
    unsetenv("PORTCULLIS_PASSWORD");
    options_.docker_config = dir_.string();
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    unsetenv("PORTCULLIS_USERNAME");
    unsetenv("PORTCULLIS_PASSWORD");
  }
  void WriteConfig(const std::string& json) { std::ofstream(dir_ / "config.json") << json; }
  // A docker-credential-NAME script in dir_/bin that answers for `server` only.
  std::string WriteHelper(const std::string& name, const std::string& server) {
    std::filesystem::create_directories(dir_ / "bin");
    auto path = dir_ / "bin" / ("docker-credential-" + name);
    std::ofstream(path)
        << "#!/bin/sh\n[ \"$1\" = get ] || exit 3\nread url\n"
           "if [ \"$url\" = \""
        << server
        << "\" ]; then\n  printf '{\"ServerURL\":\"%s\",\"Username\":\"helper-user\","
           "\"Secret\":\"helper-secret\"}' \"$url\"\nelse\n"
           "  echo 'credentials not found in native keychain'; exit 1\nfi\n";
    ::chmod(path.c_str(), 0755);
    return (dir_ / "bin").string();
  }

  std::filesystem::path dir_;
  RegistryOptions options_;
};

TEST_F(RegistryCredentialsTest, NoConfigIsAnonymous) {
  auto c = FindCredentials("ghcr.io", options_);
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->empty());
}

TEST_F(RegistryCredentialsTest, FlagsThenEnvironmentThenConfig) {
  WriteConfig(R"({"auths":{"ghcr.io":{"auth":"Y2ZnOmNmZ3Bhc3M="}}})");  // cfg:cfgpass
  auto c = FindCredentials("ghcr.io", options_);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->username, "cfg");
  EXPECT_EQ(c->password, "cfgpass");
  setenv("PORTCULLIS_USERNAME", "env", 1);
  setenv("PORTCULLIS_PASSWORD", "envpass", 1);
  c = FindCredentials("ghcr.io", options_);
  EXPECT_EQ(c->username, "env");
  EXPECT_EQ(c->source, "environment");
  options_.username = "flag";
  options_.password = "flagpass";
  c = FindCredentials("ghcr.io", options_);
  EXPECT_EQ(c->username, "flag");
  EXPECT_EQ(c->password, "flagpass");
}

TEST_F(RegistryCredentialsTest, AuthsKeysAreNormalised) {
  WriteConfig(R"({"auths":{
      "https://index.docker.io/v1/":{"auth":"aHViOmh1YnBhc3M="},
      "https://127.0.0.1:5055":{"username":"u","password":"p"},
      "other.example":{"auth":"b3RoZXI6eA=="}}})");
  auto hub = FindCredentials("docker.io", options_);
  EXPECT_EQ(hub->username, "hub");
  EXPECT_EQ(hub->password, "hubpass");
  auto local = FindCredentials("127.0.0.1:5055", options_);
  EXPECT_EQ(local->username, "u");
  EXPECT_EQ(local->password, "p");
  EXPECT_TRUE(FindCredentials("ghcr.io", options_)->empty());
}

TEST_F(RegistryCredentialsTest, BrokenConfigFailsClosed) {
  WriteConfig(R"({"auths":{"ghcr.io":{"auth":"bm8tY29sb24="}}})");  // "no-colon"
  auto c = FindCredentials("ghcr.io", options_);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kCorrupt);
  WriteConfig("{not json");
  EXPECT_FALSE(FindCredentials("ghcr.io", options_));
}

TEST_F(RegistryCredentialsTest, CredentialHelpers) {
  std::string bin = WriteHelper("pctest", "127.0.0.1:5055");
  std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  setenv("PATH", (bin + ":" + old_path).c_str(), 1);
  // credHelpers for one registry wins over auths.
  WriteConfig(R"({"credHelpers":{"127.0.0.1:5055":"pctest"},
                  "auths":{"127.0.0.1:5055":{"auth":"Y2ZnOmNmZ3Bhc3M="}}})");
  auto c = FindCredentials("127.0.0.1:5055", options_);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->username, "helper-user");
  EXPECT_EQ(c->password, "helper-secret");
  EXPECT_EQ(c->source, "docker-credential-pctest");
  // credsStore for every registry; "not found" is anonymous (then auths).
  WriteConfig(R"({"credsStore":"pctest"})");
  EXPECT_EQ(FindCredentials("127.0.0.1:5055", options_)->username, "helper-user");
  EXPECT_TRUE(FindCredentials("ghcr.io", options_)->empty());
  // A helper that is not installed, or a hostile name, is an error.
  WriteConfig(R"({"credsStore":"pc-no-such-helper"})");
  EXPECT_FALSE(FindCredentials("ghcr.io", options_));
  WriteConfig(R"({"credsStore":"../../bin/sh"})");
  auto bad = FindCredentials("ghcr.io", options_);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  setenv("PATH", old_path.c_str(), 1);
}

}  // namespace
}  // namespace portcullis::registry
