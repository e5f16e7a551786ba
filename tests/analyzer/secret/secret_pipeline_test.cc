// The done-when test of secret scanning, through the real pipeline (Scanner::Scan): a
// docker-archive image whose layer 1 plants one secret per rule family and whose layer 2 deletes
// every other file must report each planted secret with the layer that holds it and the
// deleted flag; the image config and history are scanned too. The debootstrap Debian image
// (when cached) must report no secret.
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "analyzer/secret/secret_fixtures.h"
#include "analyzer/secret/secret_rules.h"
#include "portcullis/scanner.h"
#include "support/image_builder.h"
#include "support/debian_image.h"

namespace portcullis {
namespace {

using testing::ExpandTemplate;
using testing::SeedOf;

struct Planted {
  std::string rule;
  bool deleted = false;
};

TEST(SecretPipelineTest, EveryPlantedSecretWithLayerAndDeletedFlag) {
  std::map<std::string, const testing::SecretFixture*> per_family;
  for (const auto& f : testing::SecretFixtures()) {
    for (const SecretRule& r : BuiltinSecretRules()) {
      if (r.info.id == f.rule && !per_family.contains(r.category)) per_family[r.category] = &f;
    }
  }
  testing::TestImage image;
  image.layers.resize(2);
  std::map<std::string, Planted> planted;  // "/path" -> rule, deleted
  size_t i = 0;
  for (const auto& [family, f] : per_family) {
    std::string name(f->path.substr(f->path.rfind('/') + 1));
    std::string path = "srv/" + std::to_string(i) + "/" + name;
    std::string content = f->rule == "pkcs12-file" ? "" : std::string(i * 1301 % 90000, '#') + "\n";
    content += ExpandTemplate(f->text, SeedOf(f->rule)) + "\n";
    image.layers[0].push_back(testing::File(path, content));
    bool del = i % 2 == 1;
    if (del) image.layers[1].push_back(testing::Whiteout(path));
    planted["/" + path] = Planted{std::string(f->rule), del};
    ++i;
  }
  image.layers[1].push_back(testing::File("srv/readme.txt", "nothing to see\n"));
  const std::string env_token = ExpandTemplate("ghp_%{m:36}", 21);
  image.config = {{"Env", {"PATH=/usr/bin", "GITHUB_TOKEN=" + env_token}}};
  image.history = {"/bin/sh -c #(nop) ADD dir:abc in /srv",
                   "/bin/sh -c #(nop)  ARG NPM_TOKEN=npm_" + ExpandTemplate("%{m:36}", 22)};

  testing::TempDir dir;
  const std::string archive = dir / "image.tar";
  testing::Built built = testing::WriteDockerArchive(image, archive);

  ScanOptions options;
  options.source = "docker-archive:" + archive;
  options.scanners = {ScannerKind::kSecret};
  options.progress = false;
  auto report = Scanner().Scan(options);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  const std::string layer1 = report->artifact.layers.at(0).digest;
  const std::string layer2 = report->artifact.layers.at(1).digest;

  std::map<std::string, std::vector<const SecretFinding*>> by_path;
  for (const SecretFinding& s : report->secrets) by_path[s.path].push_back(&s);
  for (const auto& [path, p] : planted) {
    const SecretFinding* hit = nullptr;
    for (const SecretFinding* s : by_path[path]) {
      if (s->rule_id == p.rule) hit = s;
    }
    ASSERT_NE(hit, nullptr) << path << " " << p.rule;
    EXPECT_EQ(hit->layer, layer1) << path;
    EXPECT_EQ(hit->deleted_in_later_layer, p.deleted) << path;
    EXPECT_EQ(hit->deleted_in_layer, p.deleted ? layer2 : "") << path;
    EXPECT_TRUE(hit->match.ends_with("*****"));
    EXPECT_EQ(hit->match.find(env_token.substr(4)), std::string::npos);
  }
  std::set<std::pair<std::string, std::string>> config_hits;
  for (const SecretFinding& s : report->secrets) {
    if (!s.path.starts_with("/")) config_hits.insert({s.path, s.rule_id});
  }
  EXPECT_EQ(config_hits, (std::set<std::pair<std::string, std::string>>{
                             {"config:Env[1]", "github-pat"},
                             {"history[1]", "npm-access-token"}}));
}

TEST(SecretPipelineTest, ScannerOffReportsNoSecret) {
  testing::TestImage image;
  image.layers = {{testing::File("app/.env", ExpandTemplate("TOKEN=ghp_%{m:36}\n", 23))}};
  testing::TempDir dir;
  testing::WriteDockerArchive(image, dir / "i.tar");
  ScanOptions options;
  options.source = "docker-archive:" + (dir / "i.tar");
  options.scanners = {};  // secret off (vuln would need a vulnerability database)
  options.progress = false;
  auto report = Scanner().Scan(options);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_TRUE(report->secrets.empty());
  options.scanners = {ScannerKind::kSecret};
  report = Scanner().Scan(options);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->secrets.size(), 1u);
}

TEST(SecretPipelineTest, ConfigFileChangesRulesAndBadConfigFails) {
  testing::TempDir dir;
  testing::TestImage image;
  image.layers = {{testing::File("app/.env", "ACME=acme_" + ExpandTemplate("%{l:32}", 24) +
                                                 "\nGH=ghp_" + ExpandTemplate("%{m:36}", 25) +
                                                 "\n"),
                   testing::File("opt/fixtures/x.txt", ExpandTemplate("ghp_%{m:36}\n", 26))}};
  testing::WriteDockerArchive(image, dir / "i.tar");
  testing::WriteFile(dir / "secret.yaml",
                     "rules:\n  - id: acme-key\n    title: Acme key\n    severity: HIGH\n"
                     "    regex: 'acme_([a-z0-9]{32})'\n"
                     "disable-rules: [github-pat]\nallow-paths: ['opt/fixtures/**']\n");
  ScanOptions options;
  options.source = "docker-archive:" + (dir / "i.tar");
  options.scanners = {ScannerKind::kSecret};
  options.progress = false;
  options.secret_config = dir / "secret.yaml";
  auto report = Scanner().Scan(options);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  ASSERT_EQ(report->secrets.size(), 1u);
  EXPECT_EQ(report->secrets[0].rule_id, "acme-key");
  EXPECT_EQ(report->secrets[0].severity, Severity::kHigh);
  EXPECT_EQ(report->secrets[0].line, 1u);

  testing::WriteFile(dir / "bad.yaml", "rules:\n  - id: acme-key\n    title: t\n    regex: 'a+'\n");
  options.secret_config = dir / "bad.yaml";
  report = Scanner().Scan(options);
  ASSERT_FALSE(report.has_value());
  EXPECT_NE(report.error().ToString().find("upper bound"), std::string::npos)
      << report.error().ToString();
}

TEST(SecretPipelineTest, DebianImageReportsNoSecret) {
  REQUIRE_DEBIAN_TEST_IMAGE();
  std::string oci = testing::TestImageCache() + "/bookworm-oci";
  ScanOptions options;
  options.source = "oci:" + oci;
  options.scanners = {ScannerKind::kSecret};
  options.progress = false;
  auto report = Scanner().Scan(options);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  std::string found;
  for (const auto& s : report->secrets) found += s.path + " " + s.rule_id + "\n";
  EXPECT_TRUE(report->secrets.empty()) << found;
}

}  // namespace
}  // namespace portcullis
