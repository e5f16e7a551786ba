// The hardening detector end to end: a deliberately bad image where every rule fires exactly
// where expected, a distroless-style image where none fires, the profiles, the end-of-life
// rule, the debootstrap-built Debian image (asserted exactly), `portcullis fs`, and the CLI
// flags and exit codes.
#include "rules/image/hardening.h"

#include <cstdlib>
#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "rules/image/hardening_fixtures.h"
#include "support/run_binary.h"
#include "support/debian_image.h"

namespace portcullis {
namespace {

using namespace testing;  // NOLINT: fixture builders

using PathsByRule = std::map<std::string, std::vector<std::string>>;

PathsByRule ByRule(const std::vector<Misconfiguration>& findings) {
  PathsByRule out;
  for (const auto& m : findings) out[m.id].push_back(m.path);
  for (auto& [id, paths] : out) std::ranges::sort(paths);
  return out;
}

const Misconfiguration* FindingOf(const Report& r, std::string_view id) {
  for (const auto& m : r.misconfigurations) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

std::vector<Diagnostic> HardeningDiagnostics(const Report& r) {
  std::vector<Diagnostic> out;
  for (const auto& d : r.diagnostics) {
    if (d.code.starts_with("hardening.")) out.push_back(d);
  }
  return out;
}

// Pins the scan date (SOURCE_DATE_EPOCH) for the end-of-life rule.
class ScanDate {
 public:
  explicit ScanDate(const char* epoch) { setenv("SOURCE_DATE_EPOCH", epoch, 1); }
  ~ScanDate() { unsetenv("SOURCE_DATE_EPOCH"); }
};

// Root, a setuid copy, curl, a shell, sudo, a cache, an empty password, EXPOSE 22, a password
// in ENV, and more: everything a production image should not carry.
TestImage BadImage() {
  TestImage img;
  img.layers = {{
      Dir("etc"),
      File("etc/passwd",
           "root:x:0:0:root:/root:/bin/sh\n"
           "toor:x:0:0::/root:/bin/sh\n"
           "app:x:1000:1000::/home/app:/bin/sh\n"
           "app2:x:1000:1000::/home/app:/bin/sh\n"),
      File("etc/group", "root:x:0:\napp:x:1000:\n"),
      File("etc/shadow", "root:*:19000::::::\napp::19000::::::\n", 0640),
      File("bin/busybox", "busybox", 0755),
      Symlink("bin/sh", "busybox"),
      File("usr/bin/apt-get", "apt", 0755),
      File("usr/bin/curl", "curl", 0755),
      File("usr/bin/gdb", "gdb", 0755),
      File("usr/bin/sudo", "sudo", 04755),
      File("etc/sudoers.d/app", "app ALL=(ALL) NOPASSWD: ALL\n", 0440),
      File("var/cache/apt/archives/curl_7.88.1_amd64.deb", std::string(4096, 'd')),
      File("lib/x86_64-linux-gnu/libc.so.6", "libc", 0755),
      Dir("data", 0777),
  }};
  AddLayer(img, {File("usr/local/bin/passwd-copy", "passwd", 04755)},
           "COPY passwd-copy /usr/local/bin/ # buildkit");
  AddLayer(img,
           {File("root/.aws/credentials",
                 "[prod]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                 "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
                 0600)},
           "ADD https://example.com/creds.tgz /root/ # buildkit");
  AddLayer(img, {File("etc/motd", "hi\n")},
           "RUN /bin/sh -c apt-get update && apt-get upgrade -y # buildkit");
  img.config = {{"ExposedPorts", {{"22/tcp", nlohmann::json::object()}}},
                {"Env", {"PATH=/bin", "DB_PASSWORD=s3cr3t-pass",
                         "GITHUB_TOKEN=ghp_R8x2Vq9LmT4kZp7Wc3Nf6Hs1Jd5Gb0YeUa2i"}}};
  return img;
}

TEST(HardeningTest, BadImageFiresEveryRuleExactlyWhereExpected) {
  ScanOptions options;
  options.hardening_max_image_bytes = 4096;
  options.hardening_max_layers = 3;
  Report report = ScanHardening(BadImage(), options);
  PathsByRule expected = {
      {"PC-IMG-001", {"config.User"}},
      // 002, 003 and 018 are about a non-root user: this image runs as root.
      {"PC-IMG-004", {"/usr/bin/sudo", "/usr/local/bin/passwd-copy"}},
      {"PC-IMG-005", {"/data"}},
      {"PC-IMG-006", {"/bin/sh"}},
      {"PC-IMG-007", {"/usr/bin/apt-get"}},
      {"PC-IMG-008", {"/usr/bin/curl"}},
      {"PC-IMG-009", {"/usr/bin/gdb"}},
      {"PC-IMG-010", {"/usr/bin/sudo"}},
      {"PC-IMG-011", {"/etc/shadow"}},
      {"PC-IMG-012", {"/etc/passwd"}},
      {"PC-IMG-013", {"/etc/passwd"}},
      // The secret rules know the GitHub token; the name rule catches the plain password.
      {"PC-IMG-014", {"config.Env[GITHUB_TOKEN]"}},
      {"PC-IMG-015", {"config.Env[DB_PASSWORD]"}},
      {"PC-IMG-016", {"config.Healthcheck"}},
      {"PC-IMG-017", {"config.ExposedPorts[22/tcp]"}},
      {"PC-IMG-019", {"history[2]"}},
      {"PC-IMG-020", {"history[3]"}},
      {"PC-IMG-021", {"/var/cache/apt/archives"}},
      {"PC-IMG-022", {"/root/.aws/credentials"}},
      // 023 needs OS detection (no os-release here).
      {"PC-IMG-024", {"/lib/x86_64-linux-gnu/libc.so.6"}},
      {"PC-IMG-025", {""}},
      {"PC-IMG-026", {""}},
  };
  EXPECT_EQ(ByRule(report.misconfigurations), expected);
  for (const auto& m : report.misconfigurations) {
    EXPECT_EQ(m.kind, "image");
    EXPECT_EQ(m.target, report.artifact.name);
    EXPECT_FALSE(m.message.empty());
    EXPECT_FALSE(m.remediation.empty());
  }
  EXPECT_NE(FindingOf(report, "PC-IMG-004")->message.find(
                "/usr/bin/sudo is setuid (mode 4755, owner 0:0 (root:root), package unknown)"),
            std::string::npos);
  EXPECT_NE(FindingOf(report, "PC-IMG-006")->message.find("sh (/bin/sh -> /bin/busybox, busybox "
                                                          "applet), busybox (/bin/busybox)"),
            std::string::npos)
      << FindingOf(report, "PC-IMG-006")->message;
  EXPECT_NE(FindingOf(report, "PC-IMG-022")->message.find("profiles prod"), std::string::npos);
  EXPECT_NE(FindingOf(report, "PC-IMG-012")->message.find("uid 1000 is shared by app (line 3), "
                                                          "app2 (line 4)"),
            std::string::npos);

  // The same image as a docker-archive gives the same findings.
  TempDir tmp;
  WriteDockerArchive(BadImage(), tmp / "bad.tar");
  options.source = "docker-archive:" + (tmp / "bad.tar");
  options.scanners = {ScannerKind::kHardening};
  options.progress = false;
  auto archive = Scanner().Scan(options);
  ASSERT_TRUE(archive) << archive.error().ToString();
  EXPECT_EQ(ByRule(archive->misconfigurations), expected);
}

TEST(HardeningTest, DistrolessStyleImagePassesEveryRule) {
  for (std::string profile : {"default", "strict", "debug"}) {
    ScanOptions options;
    options.hardening_profile = profile;
    Report report = ScanHardening(CleanImage(), options);
    EXPECT_TRUE(report.misconfigurations.empty())
        << profile << ": " << report.misconfigurations.front().id << " "
        << report.misconfigurations.front().message;
    EXPECT_TRUE(HardeningDiagnostics(report).empty()) << profile;
  }
}

TEST(HardeningTest, ProfilesChangeSeveritiesAndFilter) {
  ScanOptions strict;
  strict.hardening_profile = "strict";
  Report s = ScanHardening(BadImage(), strict);
  Report d = ScanHardening(BadImage());
  ASSERT_NE(FindingOf(s, "PC-IMG-006"), nullptr);
  EXPECT_EQ(FindingOf(d, "PC-IMG-006")->severity, Severity::kLow);
  EXPECT_EQ(FindingOf(s, "PC-IMG-006")->severity, Severity::kHigh);  // a shell is an error
  EXPECT_EQ(FindingOf(s, "PC-IMG-016")->severity, Severity::kMedium);
  EXPECT_EQ(FindingOf(s, "PC-IMG-001")->severity, Severity::kHigh);

  ScanOptions debug;
  debug.hardening_profile = "debug";
  Report g = ScanHardening(BadImage(), debug);
  std::vector<std::string> ids;
  for (const auto& m : g.misconfigurations) {
    EXPECT_GE(m.severity, Severity::kHigh) << m.id;
    ids.push_back(m.id);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"PC-IMG-001", "PC-IMG-011", "PC-IMG-013",
                                           "PC-IMG-014", "PC-IMG-022"}));

  ScanOptions bad;
  bad.hardening_profile = "paranoid";
  bad.source = "oci:/nonexistent";
  auto r = Scanner().Scan(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("unknown hardening profile 'paranoid'"), std::string::npos);
}

TEST(HardeningTest, EndOfLifeRelease) {
  MergedView view = Merge({});
  ImageConfig config;
  Artifact artifact;
  artifact.name = "old:1";
  struct Case {
    bool eol;
    std::string name, date;
    std::vector<std::string> messages;
  } cases[] = {
      {true, "Debian GNU/Linux 10 (buster)", "2024-06-30",
       {"Debian GNU/Linux 10 (buster) reached its end of life on 2024-06-30: it gets no more "
        "security updates"}},
      {false, "Debian GNU/Linux 12 (bookworm)", "2028-06-30", {}},
  };
  for (const auto& c : cases) {
    OsInfo os;
    os.family = "debian";
    os.name = c.name;
    os.eol = c.eol;
    os.eol_date = c.date;
    HardeningInput input;
    input.view = &view;
    input.config = &config;
    input.artifact = &artifact;
    input.os = &os;
    std::vector<Diagnostic> diags;
    std::vector<std::string> messages;
    for (const auto& m : DetectHardening(input, diags)) {
      EXPECT_EQ(m.id, "PC-IMG-023");
      EXPECT_EQ(m.path, "/etc/os-release");
      EXPECT_EQ(m.target, "old:1");
      messages.push_back(m.message);
    }
    EXPECT_EQ(messages, c.messages);
  }
}

TEST(HardeningTest, DebianBookwormImage) {
  REQUIRE_DEBIAN_TEST_IMAGE();
  std::string oci = testing::TestImageCache() + "/bookworm-oci";
  ScanDate date("1767225600");  // 2026-01-01: Debian 12 is supported until 2028-06-30
  ScanOptions options;
  options.source = "oci:" + oci;
  options.scanners = {ScannerKind::kHardening};
  options.progress = false;
  auto report = Scanner().Scan(options);
  ASSERT_TRUE(report) << report.error().ToString();
  PathsByRule expected = {
      // config user 1000 is not root, but has no passwd entry in a debootstrap root
      {"PC-IMG-003", {"config.User"}},
      {"PC-IMG-004",
       {"/usr/bin/chage", "/usr/bin/chfn", "/usr/bin/chsh", "/usr/bin/expiry", "/usr/bin/gpasswd",
        "/usr/bin/mount", "/usr/bin/newgrp", "/usr/bin/passwd", "/usr/bin/su", "/usr/bin/umount",
        "/usr/sbin/unix_chkpwd"}},
      {"PC-IMG-006", {"/bin/sh"}},
      {"PC-IMG-007", {"/bin/apt"}},
      // no PC-IMG-008: the third layer deletes /usr/bin/curl
      {"PC-IMG-016", {"config.Healthcheck"}},
      {"PC-IMG-021", {"/var/cache/apt/archives", "/var/lib/apt/lists"}},
  };
  EXPECT_EQ(ByRule(report->misconfigurations), expected);
  EXPECT_EQ(FindingOf(*report, "PC-IMG-006")->message,
            "shells: sh (/bin/sh -> /usr/bin/dash, package dash), bash (/bin/bash -> "
            "/usr/bin/bash, package bash), rbash (/bin/rbash -> /usr/bin/bash, package bash), "
            "dash (/bin/dash -> /usr/bin/dash, package dash)");
  EXPECT_EQ(FindingOf(*report, "PC-IMG-007")->message,
            "package managers: apt (/bin/apt -> /usr/bin/apt, package apt), apt-get (/bin/apt-get "
            "-> /usr/bin/apt-get, package apt), dpkg (/bin/dpkg -> /usr/bin/dpkg, package dpkg)");
  for (const auto& m : report->misconfigurations) {
    if (m.id == "PC-IMG-004") {
      EXPECT_EQ(m.message.find("package unknown"), std::string::npos) << m.message;
    }
  }
  EXPECT_TRUE(HardeningDiagnostics(*report).empty());

  // Past the end of Debian 12 LTS the same image is end-of-life.
  ScanDate later("1861920000");  // 2029-01-01
  auto old = Scanner().Scan(options);
  ASSERT_TRUE(old) << old.error().ToString();
  const Misconfiguration* eol = FindingOf(*old, "PC-IMG-023");
  ASSERT_NE(eol, nullptr);
  EXPECT_EQ(eol->path, "/etc/os-release");
  EXPECT_NE(eol->message.find("12 (bookworm) reached its end of life on 2028-06-30"),
            std::string::npos)
      << eol->message;
}

TEST(HardeningTest, FsCommandHasNoConfigRules) {
  REQUIRE_DEBIAN_TEST_IMAGE();
  std::string rootfs = testing::TestImageCache() + "/bookworm-rootfs";
  auto r = RunPortcullis({"fs", rootfs, "--scanners", "hardening", "-f", "json", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  std::set<std::string> ids;
  for (const auto& m : doc["misconfigurations"]) ids.insert(m["id"].get<std::string>());
  // No config: no user, health check or history rules; the root file system still has curl.
  EXPECT_EQ(ids, (std::set<std::string>{"PC-IMG-004", "PC-IMG-006", "PC-IMG-007", "PC-IMG-008",
                                        "PC-IMG-021"}));
}

TEST(HardeningTest, CliFlagsAndExitCodes) {
  TempDir tmp;
  WriteOciLayout(BadImage(), tmp / "bad");
  WriteOciLayout(CleanImage(), tmp / "clean");
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string out_contains, err_contains;
  } cases[] = {
      {{"image", tmp / "bad", "--hardening-profile", "bogus"}, 2, "", "--hardening-profile"},
      {{"image", tmp / "bad", "--scanners", "hardening", "--severity", "HIGH,CRITICAL",
        "--exit-code", "3", "-f", "json", "-q"},
       3, "PC-IMG-001", ""},
      {{"image", tmp / "clean", "--scanners", "hardening", "--exit-code", "3", "-f", "json", "-q",
        "--hardening-profile", "strict"},
       0, "\"misconfigurations\"", ""},
      {{"image", tmp / "bad", "--scanners", "hardening", "-f", "json", "-q",
        "--hardening-max-layers", "1"},
       0, "over the threshold of 1", ""},
      // Every format of `portcullis image` carries the findings.
      {{"image", tmp / "bad", "--scanners", "hardening", "-f", "table", "-q"}, 0, "PC-IMG-006",
       ""},
      {{"image", tmp / "bad", "--scanners", "hardening", "-f", "sarif", "-q"}, 0,
       "PC-IMG-017", ""},
      {{"image", tmp / "bad", "--scanners", "hardening", "-f", "junit", "-q"}, 0, "PC-IMG-010",
       ""},
  };
  for (const auto& c : cases) {
    auto r = RunPortcullis(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.args[1] << " " << r.err;
    EXPECT_NE(r.out.find(c.out_contains), std::string::npos) << r.out.substr(0, 400);
    EXPECT_NE(r.err.find(c.err_contains), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace portcullis
