// Every built-in secret rule fires on its fixture and stays quiet on its near-miss; the scanner
// finds the same secrets however the bytes are split into blocks; look-alikes report nothing.
#include <algorithm>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "analyzer/secret/secret_fixtures.h"
#include "analyzer/secret/secret_rules.h"
#include "analyzer/secret/secret_scanner.h"
#include "rules/catalogs.h"

namespace portcullis {
namespace {

using testing::ExpandTemplate;
using testing::SecretFixture;
using testing::SecretFixtures;
using testing::SeedOf;

const SecretScanner& Builtin() {
  static auto scanner = SecretScanner::Builtin();
  EXPECT_TRUE(scanner.has_value()) << scanner.error().ToString();
  return **scanner;
}

std::set<std::string> RuleIds(const std::vector<SecretHit>& hits) {
  std::set<std::string> out;
  for (const auto& h : hits) out.insert(h.rule_id);
  return out;
}

std::string Describe(const std::vector<SecretHit>& hits) {
  std::string s;
  for (const auto& h : hits) s += h.rule_id + "@" + std::to_string(h.line) + "(" + h.match + ") ";
  return s;
}

// Feeds `text` through a stream in blocks of `block` bytes.
std::vector<SecretHit> ScanInBlocks(const SecretScanner& s, std::string_view text,
                                    std::string_view path, size_t block) {
  auto stream = s.OpenStream(path);
  for (size_t i = 0; i < text.size(); i += block) {
    std::string_view part = text.substr(i, block);
    stream->Feed({reinterpret_cast<const uint8_t*>(part.data()), part.size()});
  }
  return stream->Finish();
}

TEST(SecretRulesTest, TableHasEveryFamilyAndAtLeast120Rules) {
  auto rules = BuiltinSecretRules();
  EXPECT_GE(rules.size(), 120u);
  std::set<std::string> ids, categories;
  for (const SecretRule& r : rules) {
    EXPECT_TRUE(ids.insert(std::string(r.info.id)).second) << "duplicate id " << r.info.id;
    categories.insert(r.category);
    EXPECT_FALSE(r.info.title.empty()) << r.info.id;
    EXPECT_FALSE(r.info.description.empty()) << r.info.id;
  }
  for (std::string_view family :
       {"AWS", "Google", "Azure", "GitHub", "GitLab", "Bitbucket", "Slack", "Stripe", "Twilio",
        "SendGrid", "Mailgun", "Shopify", "Atlassian", "Datadog", "NewRelic", "Npm", "PyPI",
        "Docker", "HashiCorp", "OpenAI", "Anthropic", "PrivateKey", "JWT", "Generic", "Git"}) {
    EXPECT_TRUE(categories.contains(std::string(family))) << family;
  }
}

TEST(SecretRulesTest, BuiltinRulesCompileInBothEngines) {
  auto s = SecretScanner::Builtin();
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ((*s)->Rules().size(), BuiltinSecretRules().size());
}

TEST(SecretRulesTest, EveryRuleHasAFixture) {
  std::set<std::string> with_fixture;
  for (const SecretFixture& f : SecretFixtures()) with_fixture.insert(std::string(f.rule));
  for (const SecretRule& r : BuiltinSecretRules()) {
    EXPECT_TRUE(with_fixture.contains(std::string(r.info.id))) << "no fixture for " << r.info.id;
  }
}

class SecretFixtureTest : public ::testing::TestWithParam<SecretFixture> {};

TEST_P(SecretFixtureTest, FiresOnFixtureNotOnNearMiss) {
  const SecretFixture& f = GetParam();
  const uint64_t seed = SeedOf(f.rule);
  // Path-only rules look at the first bytes of the file: no prefix line for them.
  const std::string prefix = f.rule == "pkcs12-file" ? "" : "# config\n";
  const std::string body = ExpandTemplate(f.text, seed);
  const std::string text = prefix + body + "\n";
  const uint64_t last_line = 2 + static_cast<uint64_t>(std::ranges::count(body, '\n'));
  auto hits = Builtin().ScanText(text, f.path);
  ASSERT_TRUE(RuleIds(hits).contains(std::string(f.rule))) << text << "\n=> " << Describe(hits);
  for (const SecretHit& h : hits) {
    if (h.rule_id != f.rule) continue;
    EXPECT_EQ(h.path, f.path);
    EXPECT_TRUE(h.match.ends_with("*****")) << h.match;
    EXPECT_LE(h.match.size(), 4u + 5u);
    if (f.rule != "pkcs12-file") {
      EXPECT_GE(h.line, 2u);
      EXPECT_LE(h.line, last_line);
    }
  }
  const std::string near = prefix +
                           (f.near_text.empty() ? ExpandTemplate(f.text, seed, true)
                                                : ExpandTemplate(f.near_text, seed)) +
                           "\n";
  auto near_hits = Builtin().ScanText(near, f.near_path.empty() ? f.path : f.near_path);
  EXPECT_FALSE(RuleIds(near_hits).contains(std::string(f.rule)))
      << near << "\n=> " << Describe(near_hits);
}

TEST_P(SecretFixtureTest, SameHitsWhateverTheBlockSplit) {
  const SecretFixture& f = GetParam();
  // Padding pushes the secret across block boundaries at different offsets.
  const std::string text = std::string(1000, 'z') + "\n" + ExpandTemplate(f.text, SeedOf(f.rule)) +
                           "\nmore text\n";
  auto whole = Builtin().ScanText(text, f.path);
  for (size_t block : {1u, 3u, 64u, 511u, 4096u}) {
    auto split = ScanInBlocks(Builtin(), text, f.path, block);
    ASSERT_EQ(split.size(), whole.size()) << "block " << block << ": " << Describe(split);
    for (size_t i = 0; i < split.size(); ++i) {
      EXPECT_EQ(split[i].rule_id, whole[i].rule_id);
      EXPECT_EQ(split[i].line, whole[i].line);
      EXPECT_EQ(split[i].match, whole[i].match);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllRules, SecretFixtureTest, ::testing::ValuesIn(SecretFixtures()),
                         [](const auto& info) {
                           std::string n(info.param.rule);
                           std::ranges::replace(n, '-', '_');
                           return n;
                         });

TEST(SecretScannerTest, LineNumbersSurviveLargePrefixes) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "line " + std::to_string(i) + " of harmless text\n";
  text += "export GITHUB_TOKEN=" + ExpandTemplate("ghp_%{m:36}", 7) + "\n";
  auto hits = ScanInBlocks(Builtin(), text, "app/env.sh", 4096);
  ASSERT_EQ(hits.size(), 1u) << Describe(hits);
  EXPECT_EQ(hits[0].rule_id, "github-pat");
  EXPECT_EQ(hits[0].line, 5001u);
  EXPECT_EQ(hits[0].match.substr(0, 4), "ghp_");
}

TEST(SecretScannerTest, ManySecretsInOneFileAreAllReported) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += ExpandTemplate("token=ghp_%{m:36}\n", 100 + i);
  auto hits = ScanInBlocks(Builtin(), text, "app/tokens", 777);
  EXPECT_EQ(hits.size(), 50u);
  for (size_t i = 0; i < hits.size(); ++i) EXPECT_EQ(hits[i].line, i + 1);
}

TEST(SecretScannerTest, RedactionShowsFourCharacters) {
  EXPECT_EQ(RedactSecret("ghp_abcdefgh"), "ghp_*****");
  EXPECT_EQ(RedactSecret("abcdef"), "abc*****");
  EXPECT_EQ(RedactSecret(""), "*****");
}

TEST(SecretScannerTest, EncryptedKeysAreReportedLower) {
  const std::string body = ExpandTemplate("%{b:64}\n%{b:64}\n", 3);
  auto plain = Builtin().ScanText(
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ" + body,
      "root/.ssh/id_ed25519");
  ASSERT_EQ(RuleIds(plain), std::set<std::string>{"private-key"}) << Describe(plain);
  EXPECT_EQ(plain[0].severity, Severity::kHigh);
  auto enc = Builtin().ScanText(
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAG" + body,
      "root/.ssh/id_ed25519");
  ASSERT_EQ(RuleIds(enc), std::set<std::string>{"private-key-encrypted"}) << Describe(enc);
  EXPECT_EQ(enc[0].severity, Severity::kLow);
  auto pem = Builtin().ScanText(
      "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A1B\n\n" +
          body,
      "etc/app/key.pem");
  EXPECT_EQ(RuleIds(pem), std::set<std::string>{"private-key-encrypted"}) << Describe(pem);
  auto json = Builtin().ScanText(
      "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMII" + ExpandTemplate("%{b:61}", 4) +
          "\\n" + ExpandTemplate("%{b:64}", 5) + "\\n-----END PRIVATE KEY-----\\n\"}",
      "app/sa.json");
  EXPECT_EQ(RuleIds(json), std::set<std::string>{"private-key"}) << Describe(json);
}

// Look-alikes that real images are full of: none may be reported.
TEST(SecretScannerTest, LookAlikesReportNothing) {
  const std::vector<std::pair<std::string, std::string>> corpus = {
      {"docs/aws.md", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                      "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"},
      {"app/.env.template", "GITHUB_TOKEN=${GITHUB_TOKEN}\nAPI_KEY=\"<token>\"\n"
                            "password: changeme\nSLACK_TOKEN=xoxb-your-token-here\n"
                            "STRIPE_KEY=\"sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\"\n"
                            "api_key = \"your-api-key-here\"\n"
                            "token: \"{{ .Values.token }}\"\n"},
      {"app/hashes.txt",
       "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"
       "md5 d41d8cd98f00b204e9800998ecf8427e\n"
       "commit 3fee940a3d638d290c8de7ddf516193868dd8e63\n"
       "id = 123e4567-e89b-12d3-a456-426614174000\n"
       "uuid: f47ac10b-58cc-4372-a567-0e02b2c3d479\n"},
      {"etc/ssl/ca-bundle.pem",
       "-----BEGIN CERTIFICATE-----\n"
       "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n"
       "RTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYD\n"
       "-----END CERTIFICATE-----\n"},
      {"app/package-lock.json",
       "\"integrity\": \"sha512-2hJqJjUk2j0Xf2kxqKQWd3PJVZAsMkpJqZxqZ0gF3t3lY6Ek/OVZIT4Zk"
       "B8y8sOEq4Pz+m8f2Bz2zYj2Tb8jpA==\",\n\"resolved\": \"https://registry.npmjs.org/a/-/a-1.0.0.tgz\"\n"},
      {"app/yarn.lock", "  integrity sha1-6D46fj8wCzTLnYf2FfoMvzV2kO4=\n"},
      {"app/go.sum", "golang.org/x/net v0.17.0 h1:pVaXccu2ozPjCXewfr1S7xoV6xqe6vaaP0nWm0G8sJo=\n"},
      {"app/static/app.min.js",
       "!function(e,t){\"object\"==typeof exports?module.exports=t():e.lib=t()}(this,function()"
       "{var n=\"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\";return "
       "{key:function(e){return e.apiKey||null},token:null}});\n"},
      {"usr/lib/python3/dist-packages/app/settings.py",
       "password = os.environ.get('DB_PASSWORD')\nsecret_key = settings.SECRET_KEY\n"
       "token = self._get_access_token()\napi_key = config[\"api_key\"]\n"},
      {"app/readme.txt", "Connect with postgres://user:password@localhost:5432/db or "
                         "https://user:pass@example.com/path\n"},
      {"app/jwt-doc.txt", "header eyJhbGciOiJIUzI1NiJ9 only, no token\n"},
  };
  for (const auto& [path, text] : corpus) {
    auto hits = Builtin().ScanText(text, path);
    EXPECT_TRUE(hits.empty()) << path << ": " << Describe(hits);
  }
}

TEST(SecretScannerTest, PathAllowList) {
  EXPECT_TRUE(Builtin().IsPathAllowed("usr/share/doc/git/README.md"));
  EXPECT_TRUE(Builtin().IsPathAllowed("usr/lib/python3.11/test/test_ssl.py"));
  EXPECT_TRUE(Builtin().IsPathAllowed("app/node_modules/jws/test/data/key.pem"));
  EXPECT_TRUE(Builtin().IsPathAllowed("app/node_modules/@scope/x/lib/tests/fixture.js"));
  EXPECT_FALSE(Builtin().IsPathAllowed("app/node_modules/jws/lib/sign.js"));
  EXPECT_FALSE(Builtin().IsPathAllowed("usr/share/app/config.json"));
  EXPECT_FALSE(Builtin().IsPathAllowed("root/.ssh/id_rsa"));
}

TEST(SecretScannerTest, GlobMatching) {
  struct Case {
    std::string_view glob, path;
    bool match;
  };
  const Case cases[] = {
      {"usr/share/doc/**", "usr/share/doc/a/b", true},
      {"usr/share/doc/**", "usr/share/docs/a", false},
      {"**/.npmrc", ".npmrc", true},
      {"**/.npmrc", "root/.npmrc", true},
      {"**/.npmrc", "root/x.npmrc", false},
      {"usr/lib/python3*/test/**", "usr/lib/python3.11/test/x.py", true},
      {"usr/lib/python3*/test/**", "usr/lib/python3.11/x/test/x.py", false},
      {"**/*.p12", "a/b/c.p12", true},
      {"/etc/*.conf", "etc/a.conf", true},
      {"?at", "cat", true},
  };
  for (const Case& c : cases) EXPECT_EQ(GlobMatch(c.glob, c.path), c.match) << c.glob << " " << c.path;
}

TEST(SecretScannerTest, EntropyAndPlaceholders) {
  EXPECT_DOUBLE_EQ(ShannonEntropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("abcd"), 2.0);
  EXPECT_TRUE(IsPlaceholderValue("${TOKEN}"));
  EXPECT_TRUE(IsPlaceholderValue("<your-token>"));
  EXPECT_TRUE(IsPlaceholderValue("xxxxxxxxxxxxxxxxxxxx"));
  EXPECT_TRUE(IsPlaceholderValue("AKIAIOSFODNN7EXAMPLE"));
  EXPECT_TRUE(IsPlaceholderValue("{{ .Values.x }}"));
  EXPECT_FALSE(IsPlaceholderValue("q8Zr2LmV0bX7kT1sW9yN"));
}

TEST(SecretScannerTest, ImageConfigAndHistory) {
  ImageConfigStrings cfg;
  const std::string token = ExpandTemplate("ghp_%{m:36}", 11);
  cfg.env = {"PATH=/usr/bin", "GITHUB_TOKEN=" + token,
             "DB_PASSWORD=" + ExpandTemplate("%{m:12}7%{m:12}", 12)};
  cfg.labels = {{"maintainer", "ops@acme.io"}};
  cfg.cmd = {"/bin/sh", "-c", "curl -u admin:" + ExpandTemplate("%{m:16}", 13) + " https://x.io"};
  cfg.history = {"/bin/sh -c #(nop) ADD file:abc in /", "ARG NPM_TOKEN=npm_" +
                                                            ExpandTemplate("%{m:36}", 14)};
  auto findings = ScanImageConfigSecrets(Builtin(), cfg);
  std::set<std::pair<std::string, std::string>> got;
  for (const auto& f : findings) got.insert({f.path, f.rule_id});
  EXPECT_TRUE(got.contains({"config:Env[1]", "github-pat"}));
  EXPECT_TRUE(got.contains({"config:Env[2]", "generic-api-key"}));
  EXPECT_TRUE(got.contains({"config:Cmd", "curl-auth-user"}));
  EXPECT_TRUE(got.contains({"history[1]", "npm-access-token"}));
  EXPECT_EQ(findings.size(), 4u);
  for (const auto& f : findings) {
    EXPECT_TRUE(f.layer.empty());
    EXPECT_TRUE(f.match.ends_with("*****"));
  }
}

TEST(SecretScannerTest, CatalogIsRegisteredForDocs) {
  bool found = false;
  for (const RuleCatalog& c : RuleCatalogs()) {
    if (c.name != "secret") continue;
    found = true;
    EXPECT_EQ(c.rules().size(), BuiltinSecretRules().size());
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace portcullis
