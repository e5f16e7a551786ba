// `portcullis key generate`, `sign`, `verify` and `image --verify-key` end to end against
// Debian's real registry (docker-registry, distribution 2.8) on 127.0.0.1 with a free port,
// plain HTTP (--insecure). Two small images are built as OCI layouts and pushed with skopeo.
// The stored signature is also checked with `openssl dgst`. Skipped when docker-registry,
// skopeo, curl or openssl are missing.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "sign/base64.h"
#include "sign/payload.h"
#include "support/image_builder.h"
#include "support/loopback.h"
#include "support/run_binary.h"

extern char** environ;

namespace portcullis::sign {
namespace {

using portcullis::testing::TempDir;

bool Have(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

int Sh(const std::string& command) { return std::system(command.c_str()); }

std::string Capture(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

using testing::FreePort;
using testing::Listening;

// docker-registry serving plain HTTP on 127.0.0.1, storage under `dir`.
class Registry {
 public:
  explicit Registry(const std::string& dir) : dir_(dir), port_(FreePort()) {
    testing::WriteFile(dir + "/registry.yml",
                       "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n"
                       "    rootdirectory: " +
                           dir + "/storage\nhttp:\n  addr: 127.0.0.1:" + std::to_string(port_) +
                           "\n");
    std::string config = dir + "/registry.yml";
    std::string log = dir + "/registry.log";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> argv = {const_cast<char*>("docker-registry"), const_cast<char*>("serve"),
                               config.data(), nullptr};
    EXPECT_EQ(posix_spawnp(&pid_, "docker-registry", &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    for (int i = 0; i < 400 && !Listening(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    EXPECT_TRUE(Listening(port_)) << testing::ReadFile(log);
  }
  ~Registry() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }
  // The file holding blob `digest` in the registry's storage.
  std::string BlobFile(const std::string& digest) const {
    std::string hex = digest.substr(7);
    return dir_ + "/storage/docker/registry/v2/blobs/sha256/" + hex.substr(0, 2) + "/" + hex +
           "/data";
  }

 private:
  std::string dir_;
  int port_;
  pid_t pid_ = -1;
};

class SignRegistry : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Have("docker-registry") || !Have("skopeo") || !Have("curl") || !Have("openssl")) {
      // scripts/setup installs them: a machine without them must not pass by skipping.
      FAIL() << "needs docker-registry, skopeo, curl and openssl (scripts/setup installs them)";
    }
    std::filesystem::create_directories(tmp_ / "registry");
    registry_.emplace(tmp_ / "registry");
    repo_ = registry_->host() + "/test/app";
    testing::TestImage a;
    a.layers = {
        {testing::Dir("etc"), testing::File("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")}};
    testing::TestImage b;
    b.layers = {
        {testing::Dir("etc"), testing::File("etc/os-release", "ID=alpine\nVERSION_ID=3.18.0\n")}};
    digest_a_ = testing::WriteOciLayout(a, tmp_ / "a", "test").manifest_digest;
    digest_b_ = testing::WriteOciLayout(b, tmp_ / "b", "test").manifest_digest;
    ASSERT_NE(digest_a_, digest_b_);
    Push("a");
    // Two key pairs, as `portcullis key generate` writes them.
    for (const char* prefix : {"alice", "mallory"}) {
      auto r = Run({"key", "generate", "--output-key-prefix", tmp_ / prefix});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }

  void Push(const std::string& layout, const std::string& tag = "1") {
    ASSERT_EQ(Sh("skopeo copy --quiet --dest-tls-verify=false oci:" + (tmp_ / layout) +
                 ":test docker://" + repo_ + ":" + tag + " 2>" + (tmp_ / "skopeo.err")),
              0)
        << testing::ReadFile(tmp_ / "skopeo.err");
  }

  testing::RunResult Run(std::vector<std::string> args) {
    return testing::RunPortcullis(
        args, "", {"PORTCULLIS_KEY_PASSWORD=open sesame", "XDG_CACHE_HOME=" + (tmp_ / "cache")});
  }
  testing::RunResult Sign(const std::string& key, const std::string& ref) {
    return Run({"sign", "--key", tmp_ / (key + ".key"), "--insecure", ref});
  }
  testing::RunResult Verify(const std::string& key, const std::string& ref) {
    return Run({"verify", "--key", tmp_ / (key + ".pub"), "--insecure", "--no-cache", ref});
  }

  std::string Curl(const std::string& path, const std::string& accept = "") {
    return Capture("curl -sf " + (accept.empty() ? std::string() : "-H 'Accept: " + accept + "' ") +
                   "http://" + registry_->host() + "/v2/test/app/" + path);
  }
  std::string SigTag(const std::string& digest) { return "sha256-" + digest.substr(7) + ".sig"; }

  // Pushes a manifest / a blob to test/app with plain HTTP requests (the registry API itself).
  bool PutManifest(const std::string& tag, const std::string& text) {
    testing::WriteFile(tmp_ / "put.json", text);
    return Sh("curl -sf -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' "
              "--data-binary @" +
              (tmp_ / "put.json") + " http://" + registry_->host() + "/v2/test/app/manifests/" +
              tag + " >/dev/null") == 0;
  }
  bool PutBlob(const std::string& data) {
    testing::WriteFile(tmp_ / "put.blob", data);
    std::string location =
        Capture("curl -sf -X POST -D - -o /dev/null http://" + registry_->host() +
                "/v2/test/app/blobs/uploads/ | tr -d '\\r' "
                "| sed -n 's/^[Ll]ocation: //p'");
    while (!location.empty() && (location.back() == '\n' || location.back() == ' ')) {
      location.pop_back();
    }
    if (location.empty()) return false;
    std::string url =
        location.starts_with("http") ? location : "http://" + registry_->host() + location;
    url += (url.find('?') == std::string::npos ? "?" : "&") + std::string("digest=") +
           testing::Digest(data);
    return Sh("curl -sf -X PUT -H 'Content-Type: application/octet-stream' --data-binary @" +
              (tmp_ / "put.blob") + " '" + url + "' >/dev/null") == 0;
  }

  TempDir tmp_;
  std::optional<Registry> registry_;
  std::string repo_;
  std::string digest_a_, digest_b_;
};

TEST_F(SignRegistry, SignThenVerifyAndTheStoredSignatureVerifiesWithOpenssl) {
  auto signed_ = Sign("alice", repo_ + ":1");
  ASSERT_EQ(signed_.exit_code, 0) << signed_.err;
  EXPECT_NE(signed_.err.find("Pushed signature to " + repo_ + ":" + SigTag(digest_a_)),
            std::string::npos)
      << signed_.err;

  auto verified = Verify("alice", repo_ + ":1");
  ASSERT_EQ(verified.exit_code, 0) << verified.err;
  auto payloads = nlohmann::json::parse(verified.out);
  ASSERT_EQ(payloads.size(), 1u);
  EXPECT_EQ(payloads[0]["critical"]["image"]["docker-manifest-digest"], digest_a_);
  EXPECT_EQ(payloads[0]["critical"]["identity"]["docker-reference"], repo_);
  EXPECT_EQ(payloads[0]["critical"]["type"], "cosign container image signature");
  // By digest too.
  EXPECT_EQ(Verify("alice", repo_ + "@" + digest_a_).exit_code, 0);

  // The signature image, read straight from the registry, is cosign's format...
  std::string manifest_text =
      Curl("manifests/" + SigTag(digest_a_), "application/vnd.oci.image.manifest.v1+json");
  auto manifest = nlohmann::json::parse(manifest_text);
  EXPECT_EQ(manifest["mediaType"], "application/vnd.oci.image.manifest.v1+json");
  EXPECT_EQ(manifest["config"]["mediaType"], "application/vnd.oci.image.config.v1+json");
  ASSERT_EQ(manifest["layers"].size(), 1u);
  const auto& layer = manifest["layers"][0];
  EXPECT_EQ(layer["mediaType"], "application/vnd.dev.cosign.simplesigning.v1+json");
  std::string payload = Curl("blobs/" + layer["digest"].get<std::string>());
  EXPECT_EQ(payload, MakeSimpleSigningPayload(repo_, digest_a_));
  // ...and `openssl dgst` verifies the stored signature over the stored payload.
  auto der =
      Base64Decode(layer["annotations"]["dev.cosignproject.cosign/signature"].get<std::string>());
  ASSERT_TRUE(der);
  testing::WriteFile(tmp_ / "payload.json", payload);
  testing::WriteFile(tmp_ / "sig.der", *der);
  std::string openssl =
      Capture("openssl dgst -sha256 -verify " + (tmp_ / "alice.pub") + " -signature " +
              (tmp_ / "sig.der") + " " + (tmp_ / "payload.json") + " 2>&1");
  EXPECT_EQ(openssl, "Verified OK\n");

  // A second signer appends a layer; both keys verify; signing again changes nothing.
  ASSERT_EQ(Sign("mallory", repo_ + ":1").exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(Curl("manifests/" + SigTag(digest_a_),
                                       "application/vnd.oci.image.manifest.v1+json"))["layers"]
                .size(),
            2u);
  EXPECT_EQ(Verify("alice", repo_ + ":1").exit_code, 0);
  EXPECT_EQ(Verify("mallory", repo_ + ":1").exit_code, 0);
  auto again = Sign("alice", repo_ + ":1");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.err.find("already signed"), std::string::npos) << again.err;
}

TEST_F(SignRegistry, VerifyFailsClosedWithItsReason) {
  // Unsigned.
  auto unsigned_ = Verify("alice", repo_ + ":1");
  EXPECT_EQ(unsigned_.exit_code, 1);
  EXPECT_NE(unsigned_.err.find("no signatures"), std::string::npos) << unsigned_.err;
  EXPECT_EQ(unsigned_.out, "");

  ASSERT_EQ(Sign("alice", repo_ + ":1").exit_code, 0);
  // Another key.
  auto wrong_key = Verify("mallory", repo_ + ":1");
  EXPECT_EQ(wrong_key.exit_code, 1);
  EXPECT_NE(wrong_key.err.find("no signature by this key"), std::string::npos) << wrong_key.err;

  // Another image re-pushed to the tag: it has no signature of its own...
  Push("b");
  auto repushed = Verify("alice", repo_ + ":1");
  EXPECT_EQ(repushed.exit_code, 1);
  EXPECT_NE(repushed.err.find("no signatures"), std::string::npos) << repushed.err;
  EXPECT_NE(repushed.err.find(digest_b_), std::string::npos) << repushed.err;
  // ...and copying A's signature image to B's signature tag does not help.
  ASSERT_TRUE(PutManifest(SigTag(digest_b_), Curl("manifests/" + SigTag(digest_a_),
                                                  "application/vnd.oci.image.manifest.v1+json")));
  auto copied = Verify("alice", repo_ + ":1");
  EXPECT_EQ(copied.exit_code, 1);
  EXPECT_NE(copied.err.find("signature is for another image"), std::string::npos) << copied.err;
  // Image A itself still verifies by digest.
  EXPECT_EQ(Verify("alice", repo_ + "@" + digest_a_).exit_code, 0);
}

TEST_F(SignRegistry, EditedPayloadFails) {
  ASSERT_EQ(Sign("alice", repo_ + ":1").exit_code, 0);
  auto manifest = nlohmann::json::parse(
      Curl("manifests/" + SigTag(digest_a_), "application/vnd.oci.image.manifest.v1+json"));
  std::string payload_digest = manifest["layers"][0]["digest"];
  std::string payload = Curl("blobs/" + payload_digest);
  ASSERT_FALSE(payload.empty());

  // 1. The payload bytes edited in the registry's storage, under their old digest.
  std::string edited = payload;
  edited.replace(edited.find("test/app"), 8, "test/apq");
  testing::WriteFile(registry_->BlobFile(payload_digest), edited);
  auto tampered = Verify("alice", repo_ + ":1");
  EXPECT_EQ(tampered.exit_code, 1);
  EXPECT_NE(tampered.err.find("tampered"), std::string::npos) << tampered.err;
  testing::WriteFile(registry_->BlobFile(payload_digest), payload);
  EXPECT_EQ(Verify("alice", repo_ + ":1").exit_code, 0);

  // 2. The edited payload pushed as a new blob, the signature manifest pointed at it with the
  // old signature (the form a registry accepts: everything content-addressed and consistent).
  ASSERT_TRUE(PutBlob(edited));
  manifest["layers"][0]["digest"] = testing::Digest(edited);
  manifest["layers"][0]["size"] = edited.size();
  ASSERT_TRUE(PutManifest(SigTag(digest_a_), manifest.dump()));
  auto re_pushed = Verify("alice", repo_ + ":1");
  EXPECT_EQ(re_pushed.exit_code, 1);
  EXPECT_NE(re_pushed.err.find("payload or signature was altered"), std::string::npos)
      << re_pushed.err;
}

TEST_F(SignRegistry, ImageVerifyKeyRefusesUnsignedImagesBeforeScanning) {
  std::vector<std::string> scan = {"image",      "--verify-key", tmp_ / "alice.pub", "--insecure",
                                   "--no-cache", "--scanners",   "secret,hardening", "-f",
                                   "json",       "-q",           repo_ + ":1"};
  auto refused = Run(scan);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("refusing to scan"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("no signatures"), std::string::npos) << refused.err;
  EXPECT_EQ(refused.out, "");

  ASSERT_EQ(Sign("alice", repo_ + ":1").exit_code, 0);
  auto scanned = Run(scan);
  ASSERT_EQ(scanned.exit_code, 0) << scanned.err;
  auto report = nlohmann::json::parse(scanned.out);
  EXPECT_EQ(report["artifact"]["digest"], digest_a_) << scanned.out.substr(0, 400);

  // Signed by another key: refused.
  scan[2] = tmp_ / "mallory.pub";
  auto wrong = Run(scan);
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("no signature by this key"), std::string::npos) << wrong.err;
  // A local layout carries no registry signature: refused too.
  scan[2] = tmp_ / "alice.pub";
  scan.back() = "oci:" + (tmp_ / "a") + ":test";
  auto local = Run(scan);
  EXPECT_EQ(local.exit_code, 1);
  EXPECT_NE(local.err.find("registry images"), std::string::npos) << local.err;
}

TEST_F(SignRegistry, KeyGenerateWritesCosignFilesAndRefusesToOverwrite) {
  std::string key = testing::ReadFile(tmp_ / "alice.key");
  std::string pub = testing::ReadFile(tmp_ / "alice.pub");
  EXPECT_TRUE(key.starts_with("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"));
  EXPECT_TRUE(pub.starts_with("-----BEGIN PUBLIC KEY-----\n"));
  EXPECT_EQ(std::filesystem::status(tmp_ / "alice.key").permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto again = Run({"key", "generate", "--output-key-prefix", tmp_ / "alice"});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
  EXPECT_EQ(testing::ReadFile(tmp_ / "alice.key"), key);
  // The wrong password cannot sign; no password at all (no terminal) is an error too.
  auto wrong =
      testing::RunPortcullis({"sign", "--key", tmp_ / "alice.key", "--insecure", repo_ + ":1"}, "",
                             {"PORTCULLIS_KEY_PASSWORD=not it"});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("wrong password"), std::string::npos) << wrong.err;
  // COSIGN_PASSWORD works as cosign's variable.
  auto cosign_var =
      testing::RunPortcullis({"sign", "--key", tmp_ / "alice.key", "--insecure", repo_ + ":1"}, "",
                             {"COSIGN_PASSWORD=open sesame", "XDG_CACHE_HOME=" + (tmp_ / "cache")});
  EXPECT_EQ(cosign_var.exit_code, 0) << cosign_var.err;
}

}  // namespace
}  // namespace portcullis::sign
