// End-to-end tests against Debian's real registry (docker-registry, distribution 2.8), started
// on 127.0.0.1 with a free port in a temporary directory: the debootstrap test image is pushed
// with skopeo, and `portcullis image 127.0.0.1:PORT/test/app:1` must give the same report as
// scanning the pushed OCI directory — over plain HTTP (--insecure), over TLS with the test's CA
// and htpasswd basic auth (credentials from a docker config.json), and with token auth (a token
// issuer in this file signs RS256 JWTs with a key the test makes; the registry trusts its
// certificate). Skipped when docker-registry, skopeo, openssl or the test image are missing.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "source/registry/credentials.h"
#include "support/image_builder.h"
#include "support/loopback.h"
#include "support/run_binary.h"

extern char** environ;

namespace portcullis {
namespace {

using testing::TempDir;

std::string Cache() {
  const char* env = std::getenv("PORTCULLIS_TEST_CACHE");
  return env ? env : "/var/cache/portcullis-test";
}

std::string ImageDir() { return Cache() + "/bookworm-oci"; }

bool Have(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

#define REQUIRE_TOOLS()                                                                      \
  if (!std::filesystem::exists(Cache() + "/bookworm.done") || !Have("docker-registry") ||    \
      !Have("skopeo") || !Have("openssl")) {                                                 \
    FAIL() << "needs docker-registry, skopeo, openssl and the debootstrap test image "      \
              "(scripts/setup, tests/tools/make-debian-image.sh)";                          \
  }

using testing::FreePort;
using testing::Listening;

int Sh(const std::string& cmd) { return std::system(cmd.c_str()); }

std::string Base64Url(std::string_view data) {
  std::string s = registry::Base64Encode(data);
  for (char& c : s) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!s.empty() && s.back() == '=') s.pop_back();
  return s;
}

// docker-registry on 127.0.0.1:port(), its storage and config in a temporary directory.
class Distribution {
 public:
  enum class Mode { kPlain, kTlsBasic, kToken };

  Distribution(const TempDir& tmp, Mode mode, int token_port = 0) : port_(FreePort()) {
    std::string yaml =
        "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n"
        "    rootdirectory: " +
        (tmp / "storage") +
        "\n  delete:\n    enabled: true\n"
        "http:\n  addr: 127.0.0.1:" +
        std::to_string(port_) + "\n";
    if (mode == Mode::kTlsBasic) {
      yaml += "  tls:\n    certificate: " + (tmp / "tls.crt") + "\n    key: " + (tmp / "tls.key") +
              "\nauth:\n  htpasswd:\n    realm: portcullis-test\n    path: " + (tmp / "htpasswd") +
              "\n";
    } else if (mode == Mode::kToken) {
      yaml += "auth:\n  token:\n    realm: http://127.0.0.1:" + std::to_string(token_port) +
              "/token\n    service: portcullis-test\n    issuer: portcullis-test-issuer\n"
              "    rootcertbundle: " +
              (tmp / "token.crt") + "\n";
    }
    testing::WriteFile(tmp / "registry.yml", yaml);
    std::string config = tmp / "registry.yml";
    std::string log = tmp / "registry.log";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> argv = {const_cast<char*>("docker-registry"), const_cast<char*>("serve"),
                               config.data(), nullptr};
    EXPECT_EQ(posix_spawnp(&pid_, "docker-registry", &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    for (int i = 0; i < 200 && !Listening(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    EXPECT_TRUE(Listening(port_)) << testing::ReadFile(log);
  }
  ~Distribution() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  int port_;
  pid_t pid_ = -1;
};

// The report of `portcullis image SOURCE`, without what names the source.
nlohmann::json Report(const std::vector<std::string>& args,
                      const std::vector<std::string>& env = {}) {
  auto r = testing::RunPortcullis(args, "", env);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (r.exit_code != 0) return nullptr;
  auto doc = nlohmann::json::parse(r.out);
  // Findings name their target (the source as given): the same placeholder for every source.
  std::string name = doc["artifact"]["name"];
  std::string text = doc.dump();
  for (size_t p = text.find(name); p != std::string::npos; p = text.find(name, p)) {
    text.replace(p, name.size(), "SOURCE");
  }
  for (size_t p = text.find("registry:SOURCE"); p != std::string::npos;
       p = text.find("registry:SOURCE", p)) {
    text.replace(p, 15, "SOURCE");
  }
  doc = nlohmann::json::parse(text);
  doc.erase("created_at");
  doc["artifact"].erase("name");
  doc["artifact"].erase("type");
  doc["artifact"].erase("repo_tags");
  return doc;
}

class RegistryDistributionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(Cache() + "/bookworm.done")) return;
    db_ = tmp_ / "db.sqlite";
    auto r = testing::RunPortcullis(
        {"db", "import",
         std::string(PORTCULLIS_SOURCE_DIR) + "/tests/data/advisories/osv-subset.tar.zst", "--db",
         db_, "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::vector<std::string> Scan(const std::string& source) {
    return {"image", source, "--db", db_, "-f", "json", "-q", "--cache-dir", tmp_ / "blobs"};
  }
  nlohmann::json Local() { return Report(Scan("oci:" + ImageDir() + ":app")); }
  void Push(const std::string& host, const std::string& creds = "") {
    std::string cmd = "skopeo copy --quiet --dest-tls-verify=false " +
                      (creds.empty() ? "" : "--dest-creds " + creds + " ") + "oci:" + ImageDir() +
                      ":app docker://" + host + "/test/app:1 2>" + (tmp_ / "skopeo.err");
    ASSERT_EQ(Sh(cmd), 0) << testing::ReadFile(tmp_ / "skopeo.err");
  }
  void WriteDockerConfig(const std::string& host, const std::string& user,
                         const std::string& password) {
    std::filesystem::create_directories(tmp_ / "docker");
    testing::WriteFile(
        tmp_ / "docker/config.json",
        nlohmann::json{
            {"auths", {{host, {{"auth", registry::Base64Encode(user + ":" + password)}}}}}}
            .dump());
  }
  TempDir tmp_;
  std::string db_;
};

TEST_F(RegistryDistributionTest, PlainHttpGivesTheSameReportAsTheLocalLayout) {
  REQUIRE_TOOLS();
  Distribution reg(tmp_, Distribution::Mode::kPlain);
  Push(reg.host());
  auto local = Local();
  ASSERT_FALSE(local.is_null());
  ASSERT_GT(local.at("packages").size(), 100u);
  auto remote = Report([&] {
    auto a = Scan(reg.host() + "/test/app:1");
    a.push_back("--insecure");
    return a;
  }());
  ASSERT_FALSE(remote.is_null());
  for (const char* part : {"packages", "vulnerabilities", "misconfigurations", "secrets"}) {
    EXPECT_EQ(remote.at(part), local.at(part)) << part;
  }
  EXPECT_GT(local.at("vulnerabilities").size(), 0u);
  EXPECT_EQ(remote, local);
  // Cached: the second scan is the same.
  auto cached = Report([&] {
    auto a = Scan("registry:" + reg.host() + "/test/app:1");
    a.push_back("--insecure");
    return a;
  }());
  EXPECT_EQ(cached, local);
  // Without --insecure the plain-HTTP registry is refused (TLS is the default).
  auto refused = testing::RunPortcullis(Scan(reg.host() + "/test/app:1"));
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("tried the local path"), std::string::npos) << refused.err;
  // registry ls lists the tag with its digest.
  auto ls = testing::RunPortcullis(
      {"registry", "ls", reg.host() + "/test/app", "-f", "json", "--insecure"});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  auto tags = nlohmann::json::parse(ls.out);
  ASSERT_EQ(tags["tags"].size(), 1u);
  EXPECT_EQ(tags["tags"][0]["tag"], "1");
  EXPECT_EQ(tags["tags"][0]["digest"], local["artifact"]["digest"]);
}

TEST_F(RegistryDistributionTest, TlsWithBasicAuthFromDockerConfig) {
  REQUIRE_TOOLS();
  if (Sh("python3 -c 'import crypt' 2>/dev/null") != 0) GTEST_SKIP() << "no python3 crypt (bcrypt)";
  ASSERT_EQ(Sh("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
               "-addext subjectAltName=IP:127.0.0.1 -keyout " +
               (tmp_ / "tls.key") + " -out " + (tmp_ / "tls.crt") + " 2>/dev/null"),
            0);
  ASSERT_EQ(Sh("python3 -W ignore -c \"import crypt; print('alice:' + crypt.crypt('s3cret', "
               "crypt.mksalt(crypt.METHOD_BLOWFISH)))\" > " +
               (tmp_ / "htpasswd")),
            0);
  Distribution reg(tmp_, Distribution::Mode::kTlsBasic);
  Push(reg.host(), "alice:s3cret");
  auto local = Local();
  // Anonymous: refused, and the error says how to give credentials.
  auto args = Scan(reg.host() + "/test/app:1");
  args.insert(args.end(), {"--ca-cert", tmp_ / "tls.crt", "--docker-config", tmp_ / "none"});
  auto anonymous = testing::RunPortcullis(args);
  EXPECT_NE(anonymous.exit_code, 0);
  EXPECT_NE(anonymous.err.find("--username"), std::string::npos) << anonymous.err;
  // Verified TLS with the test's CA, credentials from DOCKER_CONFIG/config.json.
  WriteDockerConfig(reg.host(), "alice", "s3cret");
  auto verified = Scan(reg.host() + "/test/app:1");
  verified.insert(verified.end(), {"--ca-cert", tmp_ / "tls.crt", "--no-cache"});
  EXPECT_EQ(Report(verified, {"DOCKER_CONFIG=" + (tmp_ / "docker")}), local);
  // An unknown CA fails TLS verification.
  auto untrusted = testing::RunPortcullis(Scan(reg.host() + "/test/app:1"), "",
                                          {"DOCKER_CONFIG=" + (tmp_ / "docker")});
  EXPECT_NE(untrusted.exit_code, 0);
  // --password-stdin.
  auto with_stdin = Scan(reg.host() + "/test/app:1");
  with_stdin.insert(with_stdin.end(), {"--insecure", "--username", "alice", "--password-stdin",
                                       "--docker-config", tmp_ / "none"});
  auto r = testing::RunPortcullis(with_stdin, "s3cret\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// Signs RS256 JWTs for distribution's token auth: x5c names the certificate the registry trusts.
class TokenIssuer {
 public:
  TokenIssuer(const std::string& key_pem, const std::string& cert_pem) {
    BIO* bio = BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()));
    key_ = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    std::string b64;
    std::istringstream in(cert_pem);
    std::string line;
    while (std::getline(in, line)) {
      if (line.find("-----") == std::string::npos) b64 += line;
    }
    cert_der_b64_ = b64;
    port_ = server_.bind_to_any_port("127.0.0.1");
    server_.Get("/token", [this](const httplib::Request& req, httplib::Response& res) {
      ++requests;
      std::string expected = "Basic " + registry::Base64Encode("alice:s3cret");
      if (req.get_header_value("Authorization") != expected) {
        res.status = 401;
        return;
      }
      nlohmann::json access = nlohmann::json::array();
      for (size_t i = 0; i < req.get_param_value_count("scope"); ++i) {
        std::string scope = req.get_param_value("scope", i);  // repository:NAME:ACTIONS
        auto first = scope.find(':'), last = scope.rfind(':');
        if (first == std::string::npos || last == first) continue;
        nlohmann::json actions = nlohmann::json::array();
        std::string list = scope.substr(last + 1);
        for (size_t p = 0; p <= list.size();) {
          size_t q = list.find(',', p);
          if (q == std::string::npos) q = list.size();
          actions.push_back(list.substr(p, q - p));
          p = q + 1;
        }
        access.push_back({{"type", scope.substr(0, first)},
                          {"name", scope.substr(first + 1, last - first - 1)},
                          {"actions", actions}});
      }
      res.set_content(nlohmann::json{{"token", Sign(access)}, {"expires_in", 300}}.dump(),
                      "application/json");
    });
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 200 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  ~TokenIssuer() {
    server_.stop();
    thread_.join();
    EVP_PKEY_free(key_);
  }
  int port() const { return port_; }
  std::atomic<int> requests{0};

 private:
  std::string Sign(const nlohmann::json& access) {
    long now = static_cast<long>(std::time(nullptr));
    nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"x5c", {cert_der_b64_}}};
    nlohmann::json claims = {{"iss", "portcullis-test-issuer"},
                             {"sub", "alice"},
                             {"aud", "portcullis-test"},
                             {"exp", now + 300},
                             {"nbf", now - 10},
                             {"iat", now},
                             {"jti", std::to_string(now) + std::to_string(requests.load())},
                             {"access", access}};
    std::string input = Base64Url(header.dump()) + "." + Base64Url(claims.dump());
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t len = 0;
    EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key_);
    EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()),
                   input.size());
    std::string sig(len, '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    EVP_MD_CTX_free(ctx);
    sig.resize(len);
    return input + "." + Base64Url(sig);
  }

  EVP_PKEY* key_ = nullptr;
  std::string cert_der_b64_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

TEST_F(RegistryDistributionTest, TokenAuth) {
  REQUIRE_TOOLS();
  ASSERT_EQ(Sh("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=token-issuer "
               "-keyout " +
               (tmp_ / "token.key") + " -out " + (tmp_ / "token.crt") + " 2>/dev/null"),
            0);
  TokenIssuer issuer(testing::ReadFile(tmp_ / "token.key"), testing::ReadFile(tmp_ / "token.crt"));
  Distribution reg(tmp_, Distribution::Mode::kToken, issuer.port());
  Push(reg.host(), "alice:s3cret");
  auto local = Local();
  auto args = Scan(reg.host() + "/test/app:1");
  args.insert(args.end(), {"--insecure", "--no-cache"});
  issuer.requests = 0;
  EXPECT_EQ(Report(args, {"PORTCULLIS_USERNAME=alice", "PORTCULLIS_PASSWORD=s3cret"}), local);
  EXPECT_EQ(issuer.requests.load(), 1);  // one token for the repository, reused for every blob
  WriteDockerConfig(reg.host(), "alice", "s3cret");
  EXPECT_EQ(Report(args, {"DOCKER_CONFIG=" + (tmp_ / "docker")}), local);
  auto wrong =
      testing::RunPortcullis(args, "", {"PORTCULLIS_USERNAME=alice", "PORTCULLIS_PASSWORD=x"});
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.err.find("token service"), std::string::npos) << wrong.err;
}

}  // namespace
}  // namespace portcullis
