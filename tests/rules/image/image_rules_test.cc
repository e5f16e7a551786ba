// Every image-hardening rule: fixtures that fire it (with the exact paths it must report) and
// near misses that must not, each a change to the clean distroless-style image, scanned through
// the real pipeline. Also: the generated docs/rules/image.md is up to date, and the rule table
// is consistent (ids, strict severities stated in the docs).
#include "rules/image/image_rules.h"

#include <functional>
#include <set>
#include <cstdlib>

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "rules/image/hardening.h"
#include "rules/image/hardening_fixtures.h"

namespace portcullis {
namespace {

using namespace testing;  // NOLINT: fixture builders

struct Case {
  std::string rule;
  std::string name;
  std::function<void(TestImage&, ScanOptions&)> change;
  std::vector<std::string> paths;     // exactly the paths the rule reports; empty = near miss
  std::string message_part = "";      // the first finding's message contains this
};

void SetUser(TestImage& img, std::string user) { img.config["User"] = std::move(user); }

const std::string kTwoRoots = kPasswd + "toor:x:0:0::/root:/bin/sh\n";

// A fresh EC private key in PEM (PKCS#8), made with libcrypto.
std::string NewPrivateKeyPem() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(n));
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

std::vector<Case> Cases() {
  return {
      // PC-IMG-001 root user
      {"PC-IMG-001", "user unset", [](auto& i, auto&) { i.config.erase("User"); },
       {"config.User"}, "not set"},
      {"PC-IMG-001", "0:0", [](auto& i, auto&) { SetUser(i, "0:0"); }, {"config.User"}, "'0:0'"},
      {"PC-IMG-001", "root:root", [](auto& i, auto&) { SetUser(i, "root:root"); },
       {"config.User"}},
      {"PC-IMG-001", "name mapped to uid 0",
       [](auto& i, auto&) {
         SetUser(i, "toor");
         AddLayer(i, {File("etc/passwd", kTwoRoots)});
       },
       {"config.User"}, "line 4"},
      {"PC-IMG-001", "near: non-root name", [](auto& i, auto&) { SetUser(i, "nonroot"); }, {}},
      {"PC-IMG-001", "near: uid 10", [](auto& i, auto&) { SetUser(i, "10:0"); }, {}},
      // PC-IMG-002 unknown user or group name
      {"PC-IMG-002", "unknown user", [](auto& i, auto&) { SetUser(i, "app"); }, {"config.User"},
       "'app' is not in /etc/passwd"},
      {"PC-IMG-002", "unknown group", [](auto& i, auto&) { SetUser(i, "65532:staff"); },
       {"config.User"}, "group 'staff'"},
      {"PC-IMG-002", "near: known names", [](auto& i, auto&) { SetUser(i, "nonroot:nonroot"); },
       {}},
      // PC-IMG-003 uid without passwd entry
      {"PC-IMG-003", "uid 1000", [](auto& i, auto&) { SetUser(i, "1000"); }, {"config.User"},
       "uid 1000"},
      {"PC-IMG-003", "near: scratch image without passwd",
       [](auto& i, auto&) {
         SetUser(i, "1000");
         AddLayer(i, {Whiteout("etc/passwd")});
       },
       {}},
      // PC-IMG-004 setuid/setgid
      {"PC-IMG-004", "setuid copy",
       [](auto& i, auto&) {
         AddLayer(i, {File("usr/bin/su", "su", 04755), Owned(File("usr/bin/wall", "w", 02755), 0, 5)});
       },
       {"/usr/bin/su", "/usr/bin/wall"}, "setuid (mode 4755, owner 0:0 (root:root)"},
      {"PC-IMG-004", "near: removed or chmod-ed later",
       [](auto& i, auto&) {
         AddLayer(i, {File("usr/bin/su", "su", 04755), File("usr/bin/mount", "m", 04755)});
         AddLayer(i, {Whiteout("usr/bin/su"), File("usr/bin/mount", "m", 0755)});
       },
       {}},
      // PC-IMG-005 world-writable
      {"PC-IMG-005", "0777 dir and 0666 file",
       [](auto& i, auto&) { AddLayer(i, {Dir("data", 0777), File("etc/app.conf", "x", 0666)}); },
       {"/data", "/etc/app.conf"}, "without the sticky bit (mode 0777"},
      {"PC-IMG-005", "near: sticky dir, symlink",
       [](auto& i, auto&) { AddLayer(i, {Dir("shared", 01777), Symlink("link", "/app")}); }, {}},
      // PC-IMG-006 shells
      {"PC-IMG-006", "busybox applets",
       [](auto& i, auto&) {
         AddLayer(i, {File("bin/busybox", "bb", 0755), Symlink("bin/sh", "busybox"),
                      Hardlink("bin/ash", "bin/busybox")});
       },
       {"/bin/sh"}, "sh (/bin/sh -> /bin/busybox, busybox applet), ash (/bin/ash -> /bin/busybox"},
      {"PC-IMG-006", "bash through a merged /usr",
       [](auto& i, auto&) {
         AddLayer(i, {Symlink("bin", "usr/bin"), File("usr/bin/bash", "b", 0755)});
       },
       {"/bin/bash"}, "bash (/bin/bash -> /usr/bin/bash)"},
      {"PC-IMG-006", "near: not executable, dangling link, removed",
       [](auto& i, auto&) {
         AddLayer(i, {File("bin/sh", "#", 0644), Symlink("bin/bash", "/nowhere"),
                      File("bin/dash", "d", 0755)});
         AddLayer(i, {Whiteout("bin/dash")});
       },
       {}},
      // PC-IMG-007 package managers
      {"PC-IMG-007", "apt-get and pip",
       [](auto& i, auto&) {
         AddLayer(i, {File("usr/bin/apt-get", "a", 0755), File("usr/local/bin/pip", "p", 0755)});
       },
       {"/usr/bin/apt-get"}, "apt-get (/usr/bin/apt-get), pip (/usr/local/bin/pip)"},
      {"PC-IMG-007", "near: outside the executable dirs",
       [](auto& i, auto&) { AddLayer(i, {File("opt/tools/apt-get", "a", 0755)}); }, {}},
      // PC-IMG-008 network tools
      {"PC-IMG-008", "curl",
       [](auto& i, auto&) { AddLayer(i, {File("usr/bin/curl", "c", 0755)}); }, {"/usr/bin/curl"},
       "network tools: curl"},
      {"PC-IMG-008", "near: curl deleted in a later layer",
       [](auto& i, auto&) {
         AddLayer(i, {File("usr/bin/curl", "c", 0755)});
         AddLayer(i, {Whiteout("usr/bin/curl")});
       },
       {}},
      // PC-IMG-009 debuggers and compilers
      {"PC-IMG-009", "cc -> gcc-12 and gdb",
       [](auto& i, auto&) {
         AddLayer(i, {File("usr/bin/gcc-12", "g", 0755), Symlink("usr/bin/cc", "gcc-12"),
                      File("usr/bin/gdb", "g", 0755)});
       },
       {"/usr/bin/gdb"}, "gdb (/usr/bin/gdb), cc (/usr/bin/cc -> /usr/bin/gcc-12)"},
      {"PC-IMG-009", "near: compiler internals",
       [](auto& i, auto&) {
         AddLayer(i, {File("usr/lib/gcc/x86_64-linux-gnu/12/cc1", "c", 0755)});
       },
       {}},
      // PC-IMG-010 sudo
      {"PC-IMG-010", "sudo with NOPASSWD",
       [](auto& i, auto&) {
         AddLayer(i, {File("usr/bin/sudo", "s", 04755),
                      File("etc/sudoers.d/app", "# app\napp ALL=(ALL) NOPASSWD: ALL\n", 0440)});
       },
       {"/usr/bin/sudo"}, "/etc/sudoers.d/app line 2: 'app ALL=(ALL) NOPASSWD: ALL'"},
      {"PC-IMG-010", "near: sudoers without sudo",
       [](auto& i, auto&) { AddLayer(i, {File("etc/sudoers", "root ALL=(ALL) ALL\n", 0440)}); },
       {}},
      // PC-IMG-011 empty passwords
      {"PC-IMG-011", "empty in shadow and in passwd",
       [](auto& i, auto&) {
         AddLayer(i, {File("etc/shadow", kShadow + "guest::19000:0:99999:7:::\n"),
                      File("etc/passwd", kPasswd + "guest:x:1001:1001::/:/bin/false\n"
                                                   "kiosk::1002:1002::/:/bin/false\n")});
       },
       {"/etc/shadow", "/etc/passwd"}, "'guest' has an empty password in /etc/shadow (line 4)"},
      {"PC-IMG-011", "near: locked accounts",
       [](auto& i, auto&) {
         AddLayer(i, {File("etc/shadow", kShadow + "guest:!*:19000:0:99999:7:::\n")});
       },
       {}},
      // PC-IMG-012 duplicate ids
      {"PC-IMG-012", "uid and gid",
       [](auto& i, auto&) {
         AddLayer(i, {File("etc/passwd", kPasswd + "app:x:65532:65532::/:/bin/false\n"),
                      File("etc/group", kGroup + "app:x:65532:\n")});
       },
       {"/etc/passwd", "/etc/group"}, "uid 65532 is shared by nonroot (line 3), app (line 4)"},
      {"PC-IMG-012", "near: second uid 0 is PC-IMG-013's",
       [](auto& i, auto&) { AddLayer(i, {File("etc/passwd", kTwoRoots)}); }, {}},
      // PC-IMG-013 extra uid 0
      {"PC-IMG-013", "toor", [](auto& i, auto&) { AddLayer(i, {File("etc/passwd", kTwoRoots)}); },
       {"/etc/passwd"}, "'toor' has uid 0 (/etc/passwd line 4)"},
      {"PC-IMG-013", "near: root only", [](auto&, auto&) {}, {}},
      // PC-IMG-014 secrets in the config (the secret rules)
      {"PC-IMG-014", "GitHub token in Env, AWS key id in a label",
       [](auto& i, auto&) {
         i.config["Env"] = {"PATH=/bin", "GH_TOKEN=ghp_R8x2Vq9LmT4kZp7Wc3Nf6Hs1Jd5Gb0YeUa2i"};
         i.config["Labels"] = {{"ci.deploy", "AKIAZ7QF3XHN2LDU5K4W"}};
       },
       {"config.Env[GH_TOKEN]", "config.Labels[ci.deploy]"}, "(secret rule github-pat), ghp_*****"},
      {"PC-IMG-014", "near: ordinary values",
       [](auto& i, auto&) {
         i.config["Env"] = {"PATH=/bin", "AWS_REGION=eu-west-1", "GIT_COMMIT=4f2a9c1"};
         i.config["Labels"] = {{"org.opencontainers.image.source", "https://github.com/a/b"}};
       },
       {}},
      // PC-IMG-015 credential-like env names
      {"PC-IMG-015", "DB_PASSWORD and apiKey",
       [](auto& i, auto&) {
         i.config["Env"] = {"DB_PASSWORD=hunter2", "apiKey=abc123", "PATH=/bin"};
       },
       {"config.Env[DB_PASSWORD]", "config.Env[apiKey]"}, "7-character value"},
      {"PC-IMG-015", "near: files, paths, numbers, public keys, GPG",
       [](auto& i, auto&) {
         i.config["Env"] = {"DB_PASSWORD_FILE=/run/secrets/db", "TOKEN_TTL=3600",
                            "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
                            "PUBLIC_KEY=ssh-ed25519 AAAA", "SSL_KEY=/etc/ssl/private/k.pem",
                            "KEYCLOAK_URL=http://kc", "API_TOKEN=", "USE_SECRET=true",
                            "SECRET_KEY=${SECRET_KEY}"};
       },
       {}},
      // PC-IMG-016 healthcheck
      {"PC-IMG-016", "none", [](auto& i, auto&) { i.config.erase("Healthcheck"); },
       {"config.Healthcheck"}, "no HEALTHCHECK"},
      {"PC-IMG-016", "NONE", [](auto& i, auto&) { i.config["Healthcheck"] = {{"Test", {"NONE"}}}; },
       {"config.Healthcheck"}, "HEALTHCHECK NONE"},
      {"PC-IMG-016", "near: shell form",
       [](auto& i, auto&) {
         i.config["Healthcheck"] = {{"Test", {"CMD-SHELL", "/app --health"}}};
       },
       {}},
      // PC-IMG-017 ssh/telnet
      {"PC-IMG-017", "22 and a range over 23",
       [](auto& i, auto&) {
         i.config["ExposedPorts"] = {{"22/tcp", nlohmann::json::object()},
                                     {"20-25/tcp", nlohmann::json::object()}};
       },
       {"config.ExposedPorts[20-25/tcp]", "config.ExposedPorts[22/tcp]"}, "SSH"},
      {"PC-IMG-017", "near: 2222",
       [](auto& i, auto&) { i.config["ExposedPorts"] = {{"2222/tcp", nlohmann::json::object()}}; },
       {}},
      // PC-IMG-018 privileged port, non-root
      {"PC-IMG-018", "80 as uid 65532",
       [](auto& i, auto&) {
         i.config["ExposedPorts"] = {{"80/tcp", nlohmann::json::object()},
                                     {"22/tcp", nlohmann::json::object()}};
       },
       {"config.ExposedPorts[80/tcp]"}, "runs as uid 65532"},
      {"PC-IMG-018", "near: 80 as root",
       [](auto& i, auto&) {
         SetUser(i, "root");
         i.config["ExposedPorts"] = {{"80/tcp", nlohmann::json::object()}};
       },
       {}},
      // PC-IMG-019 ADD
      {"PC-IMG-019", "remote and local ADD",
       [](auto& i, auto&) {
         AddLayer(i, {File("opt/tool.tgz", "t")},
                  "ADD https://example.com/tool.tgz /opt/ # buildkit");
         AddLayer(i, {File("srv/app/x", "x")}, "/bin/sh -c #(nop) ADD file:9f8e7d in /srv/app ");
       },
       {"history[1]", "history[2]"}, "remote content"},
      {"PC-IMG-019", "near: base ADD, checksum-pinned ADD, COPY",
       [](auto& i, auto&) {
         AddLayer(i, {File("opt/tool.tgz", "t")},
                  "ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
                  "https://example.com/tool.tgz /opt/ # buildkit");
         AddLayer(i, {File("opt/add.txt", "t")}, "COPY ADD.txt /opt/add.txt # buildkit");
       },
       {}},
      // PC-IMG-020 apt upgrade
      {"PC-IMG-020", "apt-get upgrade",
       [](auto& i, auto&) {
         AddLayer(i, {File("etc/x", "x")},
                  "RUN /bin/sh -c apt-get update && apt-get -y dist-upgrade # buildkit");
       },
       {"history[1]"}, "apt dist-upgrade"},
      {"PC-IMG-020", "near: installing unattended-upgrades",
       [](auto& i, auto&) {
         AddLayer(i, {File("etc/x", "x")},
                  "RUN /bin/sh -c apt-get update && apt-get install -y unattended-upgrades");
       },
       {}},
      // PC-IMG-021 caches
      {"PC-IMG-021", "apt archives and lists, pip",
       [](auto& i, auto&) {
         AddLayer(i, {File("var/cache/apt/archives/curl_7.88_amd64.deb", std::string(2048, 'd')),
                      File("var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease", "r"),
                      File("root/.cache/pip/http/a/b", "p")});
       },
       {"/root/.cache/pip", "/var/cache/apt/archives", "/var/lib/apt/lists"},
       "1 files (1 B) left in /root/.cache/pip, e.g. /root/.cache/pip/http/a/b"},
      {"PC-IMG-021", "near: lock files and empty dirs",
       [](auto& i, auto&) {
         AddLayer(i, {File("var/lib/apt/lists/lock", ""), Dir("var/cache/apt/archives/partial"),
                      File("var/cache/apt/archives/lock", "")});
       },
       {}},
      // PC-IMG-022 credential files (structural part; private keys need the secret rules)
      {"PC-IMG-022", "aws credentials and docker auth",
       [](auto& i, auto&) {
         AddLayer(i, {File("root/.aws/credentials",
                           "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                           "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
                           0600),
                      File("home/nonroot/.docker/config.json",
                           R"({"auths":{"registry.example.com":{"auth":"dXNlcjpwYXNz"}}})")});
       },
       {"/home/nonroot/.docker/config.json", "/root/.aws/credentials"}, "registry.example.com"},
      {"PC-IMG-022", "private keys by name and by content",
       [](auto& i, auto&) {
         AddLayer(i, {File("root/.ssh/id_ecdsa", NewPrivateKeyPem(), 0600),
                      File("etc/app/tls/server.key", NewPrivateKeyPem(), 0640)});
       },
       {"/etc/app/tls/server.key", "/root/.ssh/id_ecdsa"}, "a private key"},
      {"PC-IMG-022", "near: certificates and a key that a later layer deletes",
       [](auto& i, auto&) {
         AddLayer(i, {File("etc/ssl/certs/ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n"),
                      File("etc/app/README.key", "put your PRIVATE KEY here\n"),
                      File("root/.ssh/id_rsa", NewPrivateKeyPem(), 0600)});
         AddLayer(i, {Whiteout("root/.ssh/id_rsa")});
       },
       {}},
      {"PC-IMG-022", "near: no secret in either",
       [](auto& i, auto&) {
         AddLayer(i, {File("root/.aws/credentials", "[default]\nregion = eu-west-1\n"),
                      File("root/.docker/config.json",
                           R"({"auths":{"registry.example.com":{}},"credsStore":"desktop"})")});
       },
       {}},
      // PC-IMG-023 end-of-life release (OS detection; the scan date is pinned to 2026-01-01)
      {"PC-IMG-023", "Debian 10",
       [](auto& i, auto&) {
         AddLayer(i, {File("etc/os-release",
                           "PRETTY_NAME=\"Debian GNU/Linux 10 (buster)\"\nNAME=\"Debian GNU/Linux\"\n"
                           "VERSION_ID=\"10\"\nVERSION_CODENAME=buster\nID=debian\n")});
       },
       {"/etc/os-release"}, "Debian GNU/Linux 10 (buster) reached its end of life on 2024-06-30"},
      {"PC-IMG-023", "near: Debian 12",
       [](auto& i, auto&) {
         AddLayer(i, {File("etc/os-release",
                           "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                           "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n")});
       },
       {}},
      // PC-IMG-024 unmanaged libc
      {"PC-IMG-024", "musl without apk",
       [](auto& i, auto&) {
         AddLayer(i, {File("lib/ld-musl-x86_64.so.1", "m", 0755)});
         AddLayer(i, {Whiteout("var/lib/dpkg")});
       },
       {"/lib/ld-musl-x86_64.so.1"}, "no OS package database"},
      {"PC-IMG-024", "near: musl with its apk database",
       [](auto& i, auto&) {
         AddLayer(i, {File("lib/ld-musl-x86_64.so.1", "m", 0755),
                      File("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\n\n")});
         AddLayer(i, {Whiteout("var/lib/dpkg")});
       },
       {}},
      // PC-IMG-025 size
      {"PC-IMG-025", "over 1 KiB",
       [](auto& i, auto& o) {
         AddLayer(i, {File("data.bin", std::string(64 << 10, 'x'))});
         o.hardening_max_image_bytes = 1024;
       },
       {""}, "largest layers: layer 1"},
      {"PC-IMG-025", "near: under the default", [](auto&, auto&) {}, {}},
      // PC-IMG-026 layer count
      {"PC-IMG-026", "3 layers over 2",
       [](auto& i, auto& o) {
         AddLayer(i, {File("a", "a")});
         AddLayer(i, {File("b", "b")});
         o.hardening_max_layers = 2;
       },
       {""}, "3 layers, over the threshold of 2"},
      {"PC-IMG-026", "near: at the threshold",
       [](auto& i, auto& o) {
         AddLayer(i, {File("a", "a")});
         o.hardening_max_layers = 2;
       },
       {}},
  };
}

// Pins the scan date (SOURCE_DATE_EPOCH) for the end-of-life rule.
class ScanDate {
 public:
  explicit ScanDate(const char* epoch) { setenv("SOURCE_DATE_EPOCH", epoch, 1); }
  ~ScanDate() { unsetenv("SOURCE_DATE_EPOCH"); }
};

TEST(ImageRulesTest, EachRuleFiresAndNearMissesDoNot) {
  ScanDate date("1767225600");  // 2026-01-01
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.rule + ": " + c.name);
    TestImage img = CleanImage();
    ScanOptions options;
    c.change(img, options);
    Report report = ScanHardening(img, options);
    std::vector<std::string> paths;
    const Misconfiguration* first = nullptr;
    for (const auto& m : report.misconfigurations) {
      EXPECT_EQ(m.kind, "image");
      if (m.id != c.rule) continue;
      if (!first) first = &m;
      paths.push_back(m.path);
    }
    std::ranges::sort(paths);
    std::vector<std::string> expected = c.paths;
    std::ranges::sort(expected);
    EXPECT_EQ(paths, expected);
    if (first && !c.message_part.empty()) {
      EXPECT_NE(first->message.find(c.message_part), std::string::npos) << first->message;
    }
  }
}

TEST(ImageRulesTest, EveryRuleHasAFiringCaseAndANearMiss) {
  std::set<std::string> fires, misses;
  for (const Case& c : Cases()) (c.paths.empty() ? misses : fires).insert(c.rule);
  for (const ImageRule& r : ImageRules()) {
    std::string id(r.info.id);
    EXPECT_TRUE(fires.contains(id)) << id;
    EXPECT_TRUE(misses.contains(id)) << id;
  }
}

TEST(ImageRulesTest, TableIsConsistent) {
  auto rules = ImageRules();
  ASSERT_EQ(rules.size(), 26u);
  for (size_t i = 0; i < rules.size(); ++i) {
    const ImageRule& r = rules[i];
    EXPECT_EQ(r.info.id, fmt::format("PC-IMG-{:03}", i + 1));
    EXPECT_FALSE(r.info.title.empty());
    EXPECT_FALSE(r.info.description.empty());
    EXPECT_FALSE(r.info.remediation.empty());
    EXPECT_NE(r.check, nullptr);
    EXPECT_GE(r.strict, r.info.severity) << r.info.id;
    // The docs state every raised severity.
    bool says = r.info.description.find(fmt::format("`--hardening-profile strict` its severity is {}",
                                                    SeverityName(r.strict))) != std::string::npos;
    EXPECT_EQ(says, r.strict != r.info.severity) << r.info.id;
  }
}

}  // namespace
}  // namespace portcullis
