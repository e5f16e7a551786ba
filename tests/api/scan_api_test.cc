// The library API (portcullis/scan.h) against the `portcullis` executable: every entry point,
// called with the options the CLI fills from the same flags, gives the same filtered findings
// and the same exit code, with each policy input (severity filter, ignore file, project
// configuration with a failure threshold, --exit-code, discovery in the working directory).
// Also: the Outcome's fields, option errors, and the entry points called from four threads at
// once giving identical reports.
#include "portcullis/scan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "analyzer/secret/secret_fixtures.h"
#include "report/writer.h"
#include "support/image_builder.h"
#include "support/run_binary.h"

namespace portcullis {
namespace {

namespace fs = std::filesystem;

const char* kBadDockerfile =
    "FROM ubuntu:latest\nENV API_TOKEN=abcdef123456\nRUN apt-get update\nADD http://x/y /y\n";
const char* kOtherDockerfile = "FROM debian\nRUN curl http://example.com/i.sh | sh\n";
const char* kK8s =
    "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  hostPID: true\n"
    "  containers:\n    - {name: web, image: 'nginx:1.25'}\n";
const char* kCompose = "services:\n  db:\n    image: postgres:16\n    privileged: true\n";
const char* kScript = "#!/bin/sh\ndocker run --pid=host --rm alpine:3.19 true\n";

void Write(const std::string& path, std::string_view text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
}

// One finding per line: kind, id, where. The comparison key of the CLI and the library.
std::vector<std::string> Keys(const nlohmann::json& doc) {
  std::vector<std::string> out;
  for (const auto& v : doc["vulnerabilities"]) {
    out.push_back(fmt::format("V {} {}", v["id"].get<std::string>(),
                              v["package"].get<std::string>()));
  }
  for (const auto& s : doc["secrets"]) {
    out.push_back(fmt::format("S {} {}:{}", s["rule_id"].get<std::string>(),
                              s["path"].get<std::string>(), s["line"].get<uint64_t>()));
  }
  for (const auto& m : doc["misconfigurations"]) {
    out.push_back(fmt::format("M {} {} {}:{} {}", m["id"].get<std::string>(),
                              m["severity"].get<std::string>(), m["target"].get<std::string>(),
                              m["line"].get<uint64_t>(), m["resource"].get<std::string>()));
  }
  return out;
}

std::vector<std::string> PackageNames(const nlohmann::json& doc) {
  std::vector<std::string> out;
  for (const auto& p : doc["packages"]) out.push_back(p["name"]);
  return out;
}

struct Scanned {
  int exit_code = -1;
  nlohmann::json doc;
  std::string err;
};

// The policy flags of one case, given both ways.
struct PolicyCase {
  std::string name;
  std::string severity;
  std::string ignore_file;
  std::string config;
  std::optional<int> exit_code;
  std::string cwd;  // working directory (discovery)

  std::vector<std::string> Flags() const {
    std::vector<std::string> out;
    if (!severity.empty()) out.insert(out.end(), {"--severity", severity});
    if (!ignore_file.empty()) out.insert(out.end(), {"--ignorefile", ignore_file});
    if (!config.empty()) out.insert(out.end(), {"--config", config});
    if (exit_code) out.insert(out.end(), {"--exit-code", std::to_string(*exit_code)});
    return out;
  }
  PolicyOptions Options() const {
    PolicyOptions o;
    o.severity = severity;
    o.ignore_file = ignore_file;
    o.project_config = config;
    o.exit_code = exit_code;
    o.working_dir = cwd;
    return o;
  }
};

Scanned RunCli(std::vector<std::string> args, const PolicyCase& c) {
  for (auto& f : c.Flags()) args.push_back(f);
  fs::path before = fs::current_path();
  fs::current_path(c.cwd);  // tests run on one thread
  auto r = testing::RunPortcullis(args);
  fs::current_path(before);
  return {r.exit_code, nlohmann::json::parse(r.out, nullptr, false), r.err};
}

Scanned FromLibrary(const Result<ScanResult>& r) {
  if (!r) return {ExitCodeFor(r.error()), nlohmann::json(), r.error().ToString()};
  return {r->outcome.exit_code, nlohmann::json::parse(WriteJson(r->report)), ""};
}

class ScanApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new testing::TempDir();
    const testing::TempDir& t = *tmp_;
    // A project: Dockerfiles (one in a hidden directory), runtime configuration, secrets.
    Write(t / "proj/Dockerfile", kBadDockerfile);
    Write(t / "proj/.devcontainer/Dockerfile", kOtherDockerfile);
    Write(t / "proj/.git/Dockerfile", kBadDockerfile);  // VCS metadata: never read
    Write(t / "proj/k8s/app.yaml", kK8s);
    Write(t / "proj/docker-compose.yml", kCompose);
    Write(t / "proj/scripts/run.sh", kScript);
    Write(t / "proj/app/settings.env",
          "TOKEN=" + testing::ExpandTemplate("ghp_%{m:36}", 11) + "\n");
    Write(t / "proj/app/server.key",
          testing::ExpandTemplate("-----BEGIN RSA PRIVATE KEY-----\nMII%{b:61}\n%{b:64}\n"
                                  "-----END RSA PRIVATE KEY-----\n",
                                  13));
    // An image: a dpkg database, a secret, and the default (root) user.
    testing::TestImage image;
    image.layers = {{testing::File("var/lib/dpkg/status",
                                   "Package: bash\nStatus: install ok installed\nVersion: "
                                   "5.2.15-2+b2\nArchitecture: amd64\n\n"),
                     testing::File("app/.env", "GITHUB_TOKEN=" +
                                                   testing::ExpandTemplate("ghp_%{m:36}", 12) +
                                                   "\n"),
                     testing::File("usr/bin/sudo", "x", 04755)}};
    WriteOciLayout(image, t / "oci");
    fs::create_directories(t / "empty");
    fs::create_directories(t / "disc");
  }
  static void TearDownTestSuite() {
    delete tmp_;
    tmp_ = nullptr;
  }

  // The cases run for every entry point. `ids` are finding ids the unfiltered scan has: the
  // ignore file accepts the first, the project configuration the last.
  static std::vector<PolicyCase> Cases(const std::vector<std::string>& ids) {
    const testing::TempDir& t = *tmp_;
    std::string first = ids.front(), last = ids.back();
    Write(t / "ignore.yaml", fmt::format("ignore:\n  - id: {}\n    reason: accepted\n", first));
    Write(t / "portcullis.yaml",
          fmt::format("ignore: [{}]\nfailure_threshold: HIGH\n", last));
    Write(t / "disc/portcullis.yaml", "failure_threshold: none\n");
    Write(t / "disc/.portcullisignore", fmt::format("- id: {}\n  reason: r\n", last));
    std::string empty = t / "empty", disc = t / "disc";
    return {
        {"plain", "", "", "", std::nullopt, empty},
        {"severity", "HIGH,CRITICAL", "", "", std::nullopt, empty},
        {"ignorefile", "", t / "ignore.yaml", "", 4, empty},
        {"threshold", "", "", t / "portcullis.yaml", std::nullopt, empty},
        {"threshold+exit", "", "", t / "portcullis.yaml", 3, empty},
        {"exit", "CRITICAL", "", "", 5, empty},
        {"discovered", "", "", "", 6, disc},
    };
  }

  // Runs every case through the CLI (`args`) and the library (`scan`), and compares.
  void Compare(const std::vector<std::string>& args,
               const std::function<Result<ScanResult>(const PolicyOptions&)>& scan) {
    PolicyCase plain{"plain", "", "", "", std::nullopt, *tmp_ / "empty"};
    auto unfiltered = scan(plain.Options());
    ASSERT_TRUE(unfiltered) << unfiltered.error().ToString();
    std::vector<std::string> ids;
    std::set<std::string> all_keys;
    for (const auto& k : Keys(nlohmann::json::parse(WriteJson(unfiltered->report)))) {
      ids.push_back(k.substr(2, k.find(' ', 2) - 2));
      all_keys.insert(k);
    }
    ASSERT_GE(ids.size(), 2u) << args[0] << ": the fixture must have findings";
    std::set<std::vector<std::string>> distinct;
    for (const PolicyCase& c : Cases(ids)) {
      SCOPED_TRACE(args[0] + " " + c.name);
      Scanned cli = RunCli(args, c);
      Scanned lib = FromLibrary(scan(c.Options()));
      ASSERT_FALSE(cli.doc.is_discarded()) << cli.err;
      ASSERT_FALSE(lib.doc.is_null()) << lib.err;
      EXPECT_EQ(cli.exit_code, lib.exit_code) << cli.err;
      std::vector<std::string> keys = Keys(cli.doc);
      EXPECT_EQ(keys, Keys(lib.doc));
      EXPECT_EQ(PackageNames(cli.doc), PackageNames(lib.doc));
      for (const auto& k : keys) EXPECT_TRUE(all_keys.contains(k)) << k;  // filters only drop
      distinct.insert(keys);
      // The policy did what it says.
      bool has_first = std::ranges::any_of(keys, [&](auto& k) { return k.find(ids.front()) == 2; });
      bool has_last = std::ranges::any_of(keys, [&](auto& k) { return k.find(ids.back()) == 2; });
      if (c.name == "plain") {
        EXPECT_EQ(keys.size(), all_keys.size());
        EXPECT_EQ(lib.exit_code, 0);
      } else if (c.name == "ignorefile") {
        EXPECT_FALSE(has_first);
        EXPECT_EQ(lib.exit_code, keys.empty() ? 0 : 4);
      } else if (c.name.starts_with("threshold")) {
        EXPECT_FALSE(has_last);
        bool high = false;
        for (const char* kind : {"vulnerabilities", "secrets", "misconfigurations"}) {
          for (const auto& f : cli.doc[kind]) {
            high = high || f["severity"] == "HIGH" || f["severity"] == "CRITICAL";
          }
        }
        EXPECT_EQ(lib.exit_code, high ? (c.exit_code ? 3 : 1) : 0);
      } else if (c.name == "discovered") {
        EXPECT_FALSE(has_last);
        EXPECT_EQ(lib.exit_code, 0);  // failure_threshold: none
      }
    }
    EXPECT_GE(distinct.size(), 3u) << args[0] << ": the cases must filter differently";
  }

  static testing::TempDir* tmp_;
};

testing::TempDir* ScanApi::tmp_ = nullptr;

TEST_F(ScanApi, DockerfilesLikeTheCli) {
  std::string proj = *tmp_ / "proj";
  Compare({"dockerfile", proj, "-f", "json", "-q"}, [&](const PolicyOptions& policy) {
    DockerfileScanOptions o;
    o.paths = {proj};
    o.artifact_name = proj;
    o.policy = policy;
    return ScanDockerfiles(o);
  });
  // The hidden .devcontainer directory is searched; .git is not.
  DockerfileScanOptions o;
  o.paths = {proj};
  o.policy.discover = false;
  auto r = ScanDockerfiles(o);
  ASSERT_TRUE(r);
  std::set<std::string> targets;
  for (const auto& m : r->report.misconfigurations) targets.insert(m.target);
  EXPECT_EQ(targets, (std::set<std::string>{proj + "/.devcontainer/Dockerfile",
                                            proj + "/Dockerfile"}));
}

TEST_F(ScanApi, ConfigLikeTheCli) {
  std::string proj = *tmp_ / "proj";
  std::string line = "docker run --privileged -v /var/run/docker.sock:/var/run/docker.sock x:1";
  Compare({"config", proj, "--docker-run", line, "-f", "json", "-q"},
          [&](const PolicyOptions& policy) {
            ConfigScanOptions o;
            o.paths = {proj};
            o.docker_run = {line};
            o.policy = policy;
            return ScanConfig(o);
          });
}

TEST_F(ScanApi, ImageLikeTheCli) {
  std::string oci = *tmp_ / "oci";
  Compare({"image", oci, "--scanners", "secret,hardening", "-f", "json", "-q"},
          [&](const PolicyOptions& policy) {
            ImageScanOptions o;
            o.scan.source = oci;
            o.scan.scanners = {ScannerKind::kSecret, ScannerKind::kHardening};
            o.scan.progress = false;
            o.policy = policy;
            return ScanImage(o);
          });
}

TEST_F(ScanApi, FilesystemLikeTheCli) {
  std::string proj = *tmp_ / "proj";
  Compare({"fs", proj, "--scanners", "secret,hardening", "-f", "json", "-q"},
          [&](const PolicyOptions& policy) {
            ImageScanOptions o;
            o.scan.source = proj;
            o.scan.scanners = {ScannerKind::kSecret, ScannerKind::kHardening};
            o.scan.progress = false;
            o.policy = policy;
            return ScanFilesystem(o);
          });
}

TEST_F(ScanApi, SbomLikeTheCli) {
  std::string oci = *tmp_ / "oci";
  PolicyCase plain{"plain", "", "", "", std::nullopt, *tmp_ / "empty"};
  Scanned cli = RunCli({"sbom", oci, "-f", "json", "-q"}, plain);
  ImageScanOptions o;
  o.scan.source = oci;
  o.scan.progress = false;
  o.policy = plain.Options();
  auto r = ScanSbom(o);
  ASSERT_TRUE(r) << r.error().ToString();
  Scanned lib = FromLibrary(r);
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(lib.exit_code, 0);
  EXPECT_EQ(PackageNames(cli.doc), std::vector<std::string>{"bash"});
  EXPECT_EQ(PackageNames(cli.doc), PackageNames(lib.doc));
  EXPECT_TRUE(r->report.scanners.empty());
  EXPECT_TRUE(Keys(lib.doc).empty());
}

TEST_F(ScanApi, OutcomeCompletenessAndGate) {
  DockerfileScanOptions o;
  o.paths = {*tmp_ / "proj"};
  o.policy.discover = false;
  auto full = ScanDockerfiles(o);
  ASSERT_TRUE(full);
  EXPECT_TRUE(full->outcome.complete);
  EXPECT_FALSE(full->outcome.gate_passed);
  EXPECT_EQ(full->outcome.findings, full->report.misconfigurations.size());
  EXPECT_EQ(full->outcome.failing_findings, full->outcome.findings);
  EXPECT_EQ(full->outcome.exit_code, kExitOk);  // no --exit-code, no threshold
  o.policy.exit_code = 9;
  EXPECT_EQ(ScanDockerfiles(o)->outcome.exit_code, 9);

  // A walk cut short by a limit: reported, and the outcome is incomplete.
  o.walk.max_entries = 2;
  auto cut = ScanDockerfiles(o);
  ASSERT_TRUE(cut);
  EXPECT_FALSE(cut->outcome.complete);
  EXPECT_TRUE(std::ranges::any_of(cut->report.diagnostics,
                                  [](const Diagnostic& d) { return d.code == "walk.entries"; }));

  // In-memory texts (standard input) and a severity filter that leaves nothing.
  DockerfileScanOptions text;
  text.texts = {{"-", kBadDockerfile}};
  text.policy.discover = false;
  text.policy.severity = "UNKNOWN";
  text.policy.exit_code = 1;
  auto none = ScanDockerfiles(text);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->outcome.findings, 0u);
  EXPECT_TRUE(none->outcome.gate_passed);
  EXPECT_EQ(none->outcome.exit_code, kExitOk);
}

TEST_F(ScanApi, OptionErrors) {
  ConfigScanOptions nothing;
  auto r = ScanConfig(nothing);
  ASSERT_FALSE(r);
  EXPECT_EQ(ExitCodeFor(r.error()), kExitUsage);

  DockerfileScanOptions missing;
  missing.paths = {*tmp_ / "no-such-file"};
  auto m = ScanDockerfiles(missing);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ExitCodeFor(m.error()), kExitError);

  ImageScanOptions bad;
  bad.scan.source = *tmp_ / "oci";
  bad.policy.severity = "SEVERE";
  auto b = ScanImage(bad);
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message.find("unknown severity 'SEVERE'"), std::string::npos);

  PolicyOptions broken;
  Write(*tmp_ / "broken.yaml", "ignore: [\n");
  broken.project_config = *tmp_ / "broken.yaml";
  EXPECT_FALSE(ApplyScanPolicy(Report{}, broken, "image"));
  EXPECT_FALSE(ParseScannerKinds("vuln,nope"));
  EXPECT_EQ(*ParseScannerKinds("secret, vuln,secret"),
            (std::vector<ScannerKind>{ScannerKind::kSecret, ScannerKind::kVuln}));
}

TEST_F(ScanApi, ApplyScanPolicyFiltersAStoredReport) {
  Report report;
  Misconfiguration low, high;
  low.id = "PC-X-1";
  low.severity = Severity::kLow;
  high.id = "PC-X-2";
  high.severity = Severity::kHigh;
  report.misconfigurations = {low, high};
  report.diagnostics.push_back({"vulndb.stale", "db", 0, 0, "old database", Severity::kMedium});
  PolicyOptions policy;
  policy.discover = false;
  policy.severity = "HIGH";
  policy.exit_code = 2;
  auto r = ApplyScanPolicy(report, policy, "image");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->report.misconfigurations.size(), 1u);
  EXPECT_EQ(r->report.misconfigurations[0].id, "PC-X-2");
  EXPECT_EQ(r->outcome.exit_code, 2);
  EXPECT_EQ(r->outcome.warnings, std::vector<std::string>{"old database"});
}

// Four threads call the three kinds of entry point at once; every report equals the one the
// same call gave alone.
TEST_F(ScanApi, ConcurrentCallsGiveIdenticalReports) {
  std::string proj = *tmp_ / "proj", oci = *tmp_ / "oci";
  PolicyOptions policy;
  policy.discover = false;
  policy.severity = "LOW,MEDIUM,HIGH,CRITICAL";
  std::vector<std::function<Result<ScanResult>()>> calls = {
      [&] {
        ImageScanOptions o;
        o.scan.source = oci;
        o.scan.scanners = {ScannerKind::kSecret, ScannerKind::kHardening};
        o.scan.progress = false;
        o.scan.parallel = 2;
        o.policy = policy;
        return ScanImage(o);
      },
      [&] {
        DockerfileScanOptions o;
        o.paths = {proj};
        o.parallel = 2;
        o.policy = policy;
        return ScanDockerfiles(o);
      },
      [&] {
        ConfigScanOptions o;
        o.paths = {proj};
        o.docker_run = {"docker run --privileged nginx"};
        o.parallel = 2;
        o.policy = policy;
        return ScanConfig(o);
      },
  };
  auto json_of = [](const Result<ScanResult>& r) {
    if (!r) return "error: " + r.error().ToString();
    Report report = r->report;
    report.created_at.clear();
    return WriteJson(report);
  };
  std::vector<std::string> expected;
  for (auto& call : calls) {
    expected.push_back(json_of(call()));
    ASSERT_FALSE(expected.back().starts_with("error")) << expected.back();
  }
  constexpr int kThreads = 4, kRounds = 3;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        for (size_t i = 0; i < calls.size(); ++i) {
          // Each thread starts at a different entry point, so different kinds overlap.
          size_t k = (i + static_cast<size_t>(t)) % calls.size();
          got[t].push_back(std::to_string(k) + json_of(calls[k]()));
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(got[t].size(), static_cast<size_t>(kRounds) * calls.size());
    for (const std::string& g : got[t]) {
      size_t k = static_cast<size_t>(g[0] - '0');
      EXPECT_EQ(g.substr(1), expected[k]) << "thread " << t << ", entry point " << k;
    }
  }
}

}  // namespace
}  // namespace portcullis
