#include "analyzer/secret/secret_rules.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string>

#include <fmt/format.h>

#include "core/strings.h"

namespace portcullis {

namespace {

constexpr Severity kCrit = Severity::kCritical;
constexpr Severity kHigh = Severity::kHigh;
constexpr Severity kMed = Severity::kMedium;
constexpr Severity kLow = Severity::kLow;

// What ends a secret: a quote, backtick, whitespace, a separator, an escaped newline or the end
// of the line. gitleaks writes `(?:[\x60'"\s;]|\\[nr]|$)`; the same here, with a few more
// closing characters so JSON/YAML/HTML contexts end a secret too.
constexpr std::string_view kEnd = R"re((?:[\x60'"\s;,)\]}<>]|\\[nrt]|$))re";

// `KEYWORD...= "VALUE"`: the gitleaks "semi-generic" shape. gitleaks starts with
// `[\w.-]{0,50}?` (lazy, only to capture the variable name) which is dropped here: the match
// starts at the keyword, so Hyperscan needs no start-of-match tracking and the width stays
// bounded. The keyword alone is case-insensitive (`(?i:...)`, supported by both engines).
std::string Assign(std::string_view keywords, std::string_view value) {
  return fmt::format(
      R"re((?i:{})[\w.-]{{0,20}}[\s'"]{{0,3}}(?:=|:=|::=|:|=>|\?=|,)[\x60'"\s=]{{0,5}}({}){})re",
      keywords, value, kEnd);
}

// The Vectorscan prefilter of an Assign rule: the keyword up to the assignment operator. The
// value part multiplies the size of the compiled database (it is 95 rules), so it is left to
// the PCRE2 confirmation, which sees the whole window.
std::string AssignPrefilter(std::string_view keywords) {
  return fmt::format(R"re((?i:{})[\w.-]{{0,20}}[\s'"]{{0,3}}(?:=|:=|::=|:|=>|\?=|,))re", keywords);
}

// A prefixed token (`ghp_...`) standing on its own: word boundary, the token, then an end.
std::string Token(std::string_view body) { return fmt::format(R"re(\b({}){})re", body, kEnd); }

// The Vectorscan prefilter of a Token rule: the token up to its first repeat, shortened to at
// most 8 repetitions (`ghp_[0-9a-zA-Z]{36}` -> `\bghp_[0-9a-zA-Z]{8}`). Long bounded repeats
// are what make the database slow to compile; PCRE2 checks the full token. "" when the body
// has a top-level alternation or its first repeat is inside a group (then the full regex is
// used).
std::string TokenPrefilter(std::string_view body) {
  int depth = 0;
  bool in_class = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      continue;
    }
    if (c == '[') in_class = true;
    else if (c == '(') ++depth;
    else if (c == ')') --depth;
    else if (c == '|' && depth == 0) return "";
    else if (c == '{' || c == '*' || c == '+' || c == '?') {
      if (depth != 0 || c != '{') return "";
      size_t close = body.find('}', i);
      if (close == std::string_view::npos) return "";
      std::string_view spec = body.substr(i + 1, close - i - 1);
      unsigned min = 0;
      for (char d : spec) {
        if (d < '0' || d > '9') break;
        min = min * 10 + static_cast<unsigned>(d - '0');
      }
      // The prefix must start with a literal: `[A-Za-z0-9]{6}_...` would prefilter every word.
      if (min == 0 || i < 2 || body[0] == '[' || body[0] == '\\') return "";
      for (size_t j = close + 1; j < body.size(); ++j) {
        if (body[j] == '|') {
          // A later top-level alternation would make the cut prefix wrong.
          int dd = 0;
          for (size_t k = 0; k < body.size(); ++k) {
            if (body[k] == '\\') { ++k; continue; }
            if (body[k] == '(') ++dd;
            if (body[k] == ')') --dd;
            if (body[k] == '|' && dd == 0) return "";
          }
          break;
        }
      }
      return fmt::format(R"re(\b{}{{{}}})re", body.substr(0, i), std::min(min, 8u));
    }
  }
  return "";
}

constexpr std::string_view kUuid =
    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

constexpr std::string_view kRemediation =
    "Revoke and rotate the credential now: anyone who can pull the image can read it, even when "
    "a later layer deleted the file. Then remove it from the build (pass secrets at run time, "
    "or with BuildKit `RUN --mount=type=secret`) and rebuild.";

// True when the PEM/OpenSSH match is an encrypted private key.
bool IsEncryptedKey(std::string_view match) {
  if (match.find("ENCRYPTED") != std::string_view::npos) return true;
  if (match.find("OPENSSH PRIVATE KEY") != std::string_view::npos) {
    // openssh-key-v1 with cipher "none" base64-encodes to this prefix; any other cipher means
    // the key is protected by a passphrase.
    return match.find("b3BlbnNzaC1rZXktdjEAAAAABG5vbmU") == std::string_view::npos;
  }
  if (match.find("PuTTY-User-Key-File") != std::string_view::npos) {
    return match.find("Encryption: none") == std::string_view::npos;
  }
  return false;
}

bool CheckPlainKey(const SecretMatch& m) { return !IsEncryptedKey(m.match); }
bool CheckEncryptedKey(const SecretMatch& m) { return IsEncryptedKey(m.match); }

// Decodes base64url (or standard base64) without padding; nullopt on a bad character.
std::optional<std::string> DecodeBase64Url(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-' || c == '+') v = 62;
    else if (c == '_' || c == '/') v = 63;
    else if (c == '=') break;
    else return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

// A JWT is three base64url parts whose first decodes to a JSON header naming an algorithm.
bool CheckJwt(const SecretMatch& m) {
  auto dot = m.secret.find('.');
  if (dot == std::string_view::npos) return false;
  auto header = DecodeBase64Url(m.secret.substr(0, dot));
  if (!header || header->empty() || (*header)[0] != '{') return false;
  return header->find("\"alg\"") != std::string::npos || header->find("\"typ\"") != std::string::npos;
}

// URL credentials: documentation hosts and obvious placeholders are not secrets.
bool CheckUrlPassword(const SecretMatch& m) {
  auto at = m.match.rfind('@');
  if (at == std::string_view::npos) return false;
  std::string host = ToLower(m.match.substr(at + 1));
  for (std::string_view doc : {"example.com", "example.org", "example.net", "example"}) {
    if (host.starts_with(doc) || host.find(std::string(".") + std::string(doc)) != std::string::npos)
      return false;
  }
  std::string pass = ToLower(m.secret);
  for (std::string_view p : {"password", "passwd", "pass", "pwd", "secret", "pw", "foo", "bar",
                             "baz", "test", "user", "token"}) {
    if (pass == p) return false;
  }
  return true;
}

// Generic assignments: a value made only of identifier characters (`self.token_value`,
// `get_api_key`) is code, not a secret; require letters and digits mixed.
bool CheckGenericValue(const SecretMatch& m) {
  bool digit = false, lower = false, upper = false;
  for (char c : m.secret) {
    digit |= c >= '0' && c <= '9';
    lower |= c >= 'a' && c <= 'z';
    upper |= c >= 'A' && c <= 'Z';
  }
  if (!digit || !(lower || upper)) return false;
  // Dotted identifiers and paths are code or file names.
  if (m.secret.find('/') != std::string_view::npos && !(lower && upper)) return false;
  return true;
}

// PKCS#12 and PFX bundles start with a DER SEQUENCE.
constexpr std::string_view kDerSequence = "\x30";

// Builder for one table entry.
struct Def {
  SecretRule r;
  std::string description;
  Def(std::string_view id, std::string_view category, Severity severity, std::string_view title,
      std::string regex, double entropy = 0) {
    r.info.id = id;
    r.info.severity = severity;
    r.info.title = title;
    r.info.remediation = kRemediation;
    r.category = std::string(category);
    r.regex = std::move(regex);
    r.min_entropy = entropy;
  }
  Def&& Alias(std::string_view a) && {
    r.info.aliases.push_back(a);
    return std::move(*this);
  }
  Def&& Keywords(std::vector<std::string> k) && {
    r.keywords = std::move(k);
    return std::move(*this);
  }
  Def&& Paths(std::vector<std::string> p) && {
    r.paths = std::move(p);
    return std::move(*this);
  }
  Def&& Allow(std::string a) && {
    r.allow.push_back(std::move(a));
    return std::move(*this);
  }
  Def&& Group(int g) && {
    r.secret_group = g;
    return std::move(*this);
  }
  Def&& Check(SecretCheck c) && {
    r.check = c;
    return std::move(*this);
  }
  Def&& Magic(std::string_view m) && {
    r.magic = std::string(m);
    return std::move(*this);
  }
  Def&& Prefilter(std::string_view p) && {
    r.prefilter = std::string(p);
    return std::move(*this);
  }
  Def&& Note(std::string_view n) && {
    r.regex_note = std::string(n);
    return std::move(*this);
  }
};

constexpr std::string_view kAssignNote =
    "gitleaks' leading `[\\w.-]{0,50}?` (lazy, only there to capture the variable name) is "
    "dropped so the match starts at the keyword; `(?i)` is scoped to the keyword with "
    "`(?i:...)` and the value's character class spells out both cases instead. Vectorscan "
    "prefilters on the keyword and the assignment operator only; PCRE2 checks the value.";
constexpr std::string_view kTokenNote =
    "Unbounded repeats of the original are given an explicit upper bound (Vectorscan "
    "prefilters on the token's prefix, PCRE2 checks the whole token), and the trailing "
    "`\\z` alternative is replaced by `$` (end of line in multi-line mode, which both engines "
    "share).";

std::vector<Def> MakeDefs() {
  std::vector<Def> d;
  std::map<std::string, std::string> prefilters;  // Assign regex -> its prefilter
  auto assign = [&](std::string_view keywords, std::string_view value) {
    std::string re = Assign(keywords, value);
    prefilters[re] = AssignPrefilter(keywords);
    return re;
  };
  auto token = [&](std::string_view token_body) {
    std::string re = Token(token_body);
    std::string pre = TokenPrefilter(token_body);
    if (!pre.empty()) prefilters[re] = pre;
    return re;
  };
  auto add = [&](Def&& def) {
    auto it = prefilters.find(def.r.regex);
    if (it != prefilters.end() && def.r.prefilter.empty()) def.r.prefilter = it->second;
    d.push_back(std::move(def));
  };

  // ---- Private keys (most specific first: they contain base64 that other rules could hit).
  constexpr std::string_view pem_begin =
      R"re(-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----)re";
  const std::string pem_key =
      R"re(-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[rn]){1,8}(?:[A-Za-z][A-Za-z-]{0,30}: ?[^\r\n]{0,120}(?:\s|\\[rn]){1,8}){0,4}((?:[A-Za-z0-9+/=]|\s|\\[rn]){64,256}))re";
  add(Def("private-key", "PrivateKey", kHigh, "Asymmetric private key (PEM, OpenSSH, PGP)",
          pem_key, 3.0)
          .Prefilter(pem_begin)
          .Check(CheckPlainKey)
          .Note("Trivy and gitleaks match up to the END line with a lazy `[\\s\\S]*?`; here "
                "the BEGIN line, optional RFC 1421 headers and the first 64-256 base64 bytes "
                "(real lines or JSON `\\n` escapes) are enough, which keeps the width bounded "
                "and needs no lazy quantifier. Vectorscan only prefilters on the BEGIN line "
                "(the whole pattern is too large for it); PCRE2 checks the rest."));
  add(Def("private-key-encrypted", "PrivateKey", kLow,
          "Passphrase-protected private key (encrypted PEM/PKCS#8/OpenSSH/PuTTY)", pem_key, 3.0)
          .Prefilter(pem_begin)
          .Check(CheckEncryptedKey)
          .Note("Same pattern as private-key; the check function keeps only encrypted keys "
                "(ENCRYPTED headers, or an OpenSSH cipher other than `none`)."));
  add(Def("putty-private-key", "PrivateKey", kHigh, "PuTTY private key (unencrypted)",
          R"re((PuTTY-User-Key-File-[23]: [\w-]{3,30}\r?\nEncryption: [\w-]{2,30}))re")
          .Check(CheckPlainKey));
  add(Def("putty-private-key-encrypted", "PrivateKey", kLow, "PuTTY private key (encrypted)",
          R"re((PuTTY-User-Key-File-[23]: [\w-]{3,30}\r?\nEncryption: [\w-]{2,30}))re")
          .Check(CheckEncryptedKey));
  add(Def("base64-private-key", "PrivateKey", kHigh,
          "Base64-encoded PEM private key (Kubernetes secret, kubeconfig client-key-data)",
          R"re(\b(LS0tLS1CRUdJTi[A-Za-z0-9+/]{0,40}(?:UFJJVkFURSBLRVkt|BSSVZBVEUgS0VZL|QUklWQVRFIEtFWS)[A-Za-z0-9+/]{40,120}))re",
          3.0)
          .Note("Matches the base64 image of `-----BEGIN ... PRIVATE KEY-----` at its three "
                "possible alignments; no decoding is needed to prefilter."));
  add(Def("age-secret-key", "Age", kMed, "age encryption secret key",
          R"re((AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}))re"));
  add(Def("pkcs12-file", "PrivateKey", kHigh, "PKCS#12 / PFX key bundle", "")
          .Paths({"**/*.p12", "**/*.pfx"})
          .Magic(kDerSequence)
          .Note("Path rule (gitleaks pkcs12-file): the binary file itself is the secret; it "
                "must start with a DER SEQUENCE byte."));

  // ---- AWS
  add(Def("aws-access-key-id", "AWS", kCrit, "AWS access key ID",
          token("(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}"),
          3.0)
          .Alias("aws-access-token")
          .Note("Trivy's `MustCompileWithoutWordPrefix` becomes a plain `\\b`."));
  add(Def("aws-secret-access-key", "AWS", kCrit, "AWS secret access key",
          fmt::format(R"re((?i:aws_?(?:secret)?_?(?:access)?_?key)["']?\s{{0,4}}(?::|=>|=)\s{{0,4}}["']?([A-Za-z0-9/+=]{{40}}){})re",
                      kEnd),
          3.5)
          .Note("Trivy's `(?i)` over the whole pattern is scoped to the key name so the "
                "40-character value keeps its exact alphabet."));
  add(Def("aws-session-token", "AWS", kHigh, "AWS session token",
          fmt::format(R"re((?i:aws_?session_?token)["']?\s{{0,4}}(?::|=>|=)\s{{0,4}}["']?([A-Za-z0-9/+=]{{100,1024}}){})re",
                      kEnd),
          4.0)
          .Prefilter(R"re((?i:aws_?session_?token)["']?\s{0,4}(?::|=>|=))re"));
  add(Def("aws-mws-key", "AWS", kHigh, "Amazon MWS auth token",
          R"re(\b(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))re"));

  // ---- Google / GCP
  add(Def("gcp-service-account", "Google", kCrit, "Google Cloud service-account key (JSON)",
          R"re("private_key_id"\s{0,4}:\s{0,4}"([a-f0-9]{40})")re")
          .Keywords({"service_account"})
          .Note("Trivy matches `\"type\": \"service_account\"` alone; the key file always has "
                "a 40-hex `private_key_id`, which is what is matched here, with "
                "`service_account` required nearby."));
  add(Def("gcp-api-key", "Google", kHigh, "Google API key", token(R"re(AIza[\w-]{35})re"), 3.5));
  add(Def("gcp-oauth-client-secret", "Google", kHigh, "Google OAuth client secret",
          token(R"re(GOCSPX-[A-Za-z0-9_-]{28})re"), 3.0));
  add(Def("gcp-oauth-access-token", "Google", kHigh, "Google OAuth access token",
          token(R"re(ya29\.[0-9A-Za-z_-]{60,300})re"), 3.5));

  // ---- Azure
  add(Def("azure-storage-account-key", "Azure", kCrit, "Azure storage account key",
          R"re((?i:AccountKey)\s{0,2}=\s{0,2}([A-Za-z0-9+/]{86}==))re", 4.0));
  add(Def("azure-ad-client-secret", "Azure", kHigh, "Azure AD client secret",
          R"re((?:^|[\\'"\x60\s>=:(,)])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:$|[\\'"\x60\s<),]))re",
          3.0));
  add(Def("azure-sas-token", "Azure", kHigh, "Azure shared access signature",
          R"re([?&]sig=([A-Za-z0-9%+/]{40,90}(?:%3[Dd]|=){1,2}))re", 3.5)
          .Keywords({"sv=", "se="}));

  // ---- GitHub
  add(Def("github-pat", "GitHub", kCrit, "GitHub personal access token (classic)",
          token("ghp_[0-9a-zA-Z]{36}"), 3.0));
  add(Def("github-fine-grained-pat", "GitHub", kCrit, "GitHub fine-grained personal access token",
          token("github_pat_[0-9a-zA-Z_]{82}"), 3.0));
  add(Def("github-oauth", "GitHub", kCrit, "GitHub OAuth access token",
          token("gho_[0-9a-zA-Z]{36}"), 3.0));
  add(Def("github-app-token", "GitHub", kCrit, "GitHub App user-to-server / installation token",
          token("(?:ghu|ghs)_[0-9a-zA-Z]{36}"), 3.0));
  add(Def("github-refresh-token", "GitHub", kCrit, "GitHub refresh token",
          token("ghr_[0-9a-zA-Z]{36,76}"), 3.0));

  // ---- GitLab
  add(Def("gitlab-pat", "GitLab", kCrit, "GitLab personal access token",
          token(R"re(glpat-[\w-]{20,300}(?:\.[0-9a-z]{9})?)re"), 3.0)
          .Alias("gitlab-pat-routable"));
  add(Def("gitlab-rrt", "GitLab", kHigh, "GitLab runner registration token",
          token(R"re(GR1348941[\w-]{20})re"), 3.0));
  add(Def("gitlab-runner-authentication-token", "GitLab", kHigh,
          "GitLab runner authentication token", token(R"re(glrt-[\w-]{20,300}(?:\.[0-9a-z]{9})?)re"),
          3.0));
  add(Def("gitlab-ptt", "GitLab", kHigh, "GitLab pipeline trigger token",
          token("glptt-[0-9a-f]{40}"), 3.0));
  add(Def("gitlab-deploy-token", "GitLab", kHigh, "GitLab deploy token",
          token(R"re(gldt-[\w-]{20})re"), 3.0));
  add(Def("gitlab-cicd-job-token", "GitLab", kHigh, "GitLab CI/CD job token",
          token(R"re(glcbt-[0-9a-zA-Z]{1,5}_[\w-]{20})re"), 3.0));
  add(Def("gitlab-feed-token", "GitLab", kMed, "GitLab feed token", token(R"re(glft-[\w-]{20})re"),
          3.0));
  add(Def("gitlab-oauth-app-secret", "GitLab", kHigh, "GitLab OAuth application secret",
          token(R"re(gloas-[\w-]{64})re"), 3.0));
  add(Def("gitlab-kubernetes-agent-token", "GitLab", kHigh, "GitLab Kubernetes agent token",
          token(R"re(glagent-[\w-]{50})re"), 3.0));
  add(Def("gitlab-scim-token", "GitLab", kHigh, "GitLab SCIM token",
          token(R"re(glsoat-[\w-]{20})re"), 3.0));
  add(Def("gitlab-incoming-mail-token", "GitLab", kMed, "GitLab incoming mail token",
          token(R"re(glimt-[\w-]{25})re"), 3.0));
  add(Def("gitlab-feature-flag-client-token", "GitLab", kLow,
          "GitLab feature flag client token", token(R"re(glffct-[\w-]{20})re"), 3.0));
  add(Def("gitlab-session-cookie", "GitLab", kHigh, "GitLab session cookie",
          R"re(_gitlab_session=([0-9a-z]{32}))re", 3.0));

  // ---- Bitbucket / Atlassian
  add(Def("bitbucket-client-id", "Bitbucket", kHigh, "Bitbucket OAuth client ID",
          assign("bitbucket", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("bitbucket-client-secret", "Bitbucket", kHigh, "Bitbucket OAuth client secret",
          assign("bitbucket", "[a-zA-Z0-9=_-]{64}"), 3.0).Note(kAssignNote));
  add(Def("bitbucket-app-password", "Bitbucket", kHigh, "Bitbucket app password",
          token("ATBB[A-Za-z0-9_=.-]{28,40}"), 3.5));
  add(Def("atlassian-api-token", "Atlassian", kHigh, "Atlassian API token",
          token("ATATT3[A-Za-z0-9_=-]{186}"), 3.5));
  add(Def("atlassian-api-token-legacy", "Atlassian", kHigh, "Atlassian API token (legacy)",
          assign("atlassian|confluence|jira", "[a-zA-Z0-9]{20}[a-fA-F0-9]{4}"), 3.5)
          .Note(kAssignNote));

  // ---- Slack
  add(Def("slack-bot-token", "Slack", kHigh, "Slack bot token",
          R"re(\b(xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]{0,40}))re", 3.0)
          .Alias("slack-access-token")
          .Note("gitleaks' trailing `[a-zA-Z0-9-]*` is bounded to 40."));
  add(Def("slack-user-token", "Slack", kHigh, "Slack user token",
          R"re(\b(xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}))re", 2.0));
  add(Def("slack-app-token", "Slack", kHigh, "Slack app-level token",
          R"re(\b(xapp-\d-[A-Z0-9]{1,20}-\d{1,20}-[a-z0-9]{10,80}))re", 2.0)
          .Note("gitleaks' `+` repeats are bounded; `(?i)` is dropped because Slack emits "
                "the documented case."));
  add(Def("slack-legacy-token", "Slack", kMed, "Slack legacy token",
          R"re(\b(xox[os]-\d{1,20}-\d{1,20}-\d{1,20}-[a-fA-F\d]{8,64}))re", 2.0));
  add(Def("slack-legacy-workspace-token", "Slack", kMed, "Slack legacy workspace token",
          R"re(\b(xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48}))re", 2.0));
  add(Def("slack-legacy-bot-token", "Slack", kMed, "Slack legacy bot token",
          R"re(\b(xoxb-[0-9]{8,14}-[a-zA-Z0-9]{18,26}))re", 2.0));
  add(Def("slack-config-access-token", "Slack", kHigh, "Slack configuration access token",
          R"re(\b(xoxe\.xox[bp]-\d-[A-Za-z0-9]{163,166}))re", 2.0));
  add(Def("slack-config-refresh-token", "Slack", kHigh, "Slack configuration refresh token",
          R"re(\b(xoxe-\d-[A-Za-z0-9]{146}))re", 2.0));
  add(Def("slack-webhook-url", "Slack", kMed, "Slack incoming webhook URL",
          R"re(((?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}))re")
          .Alias("slack-web-hook"));

  // ---- Payments
  add(Def("stripe-secret-key", "Stripe", kCrit, "Stripe secret key",
          token("sk_(?:test|live|prod)_[a-zA-Z0-9]{10,99}"), 2.0)
          .Alias("stripe-secret-token")
          .Alias("stripe-access-token"));
  add(Def("stripe-restricted-key", "Stripe", kHigh, "Stripe restricted key",
          token("rk_(?:test|live|prod)_[a-zA-Z0-9]{10,99}"), 2.0));
  add(Def("stripe-publishable-key", "Stripe", kLow, "Stripe publishable key",
          token("pk_(?:test|live)_[a-zA-Z0-9]{10,99}"), 2.0)
          .Alias("stripe-publishable-token"));
  add(Def("stripe-webhook-secret", "Stripe", kHigh, "Stripe webhook signing secret",
          token("whsec_[a-zA-Z0-9]{32,64}"), 3.0));
  add(Def("square-access-token", "Square", kHigh, "Square access token",
          token(R"re((?:EAAA|sq0atp-)[\w-]{22,60})re"), 3.0));
  add(Def("square-oauth-secret", "Square", kHigh, "Square OAuth secret",
          token(R"re(sq0csp-[\w-]{43})re"), 3.0));
  add(Def("shopify-access-token", "Shopify", kHigh, "Shopify access token",
          token("shpat_[a-fA-F0-9]{32}"), 2.0).Alias("shopify-token"));
  add(Def("shopify-custom-access-token", "Shopify", kHigh, "Shopify custom app access token",
          token("shpca_[a-fA-F0-9]{32}"), 2.0));
  add(Def("shopify-private-app-access-token", "Shopify", kHigh,
          "Shopify private app access token", token("shppa_[a-fA-F0-9]{32}"), 2.0));
  add(Def("shopify-shared-secret", "Shopify", kHigh, "Shopify shared secret",
          token("shpss_[a-fA-F0-9]{32}"), 2.0));
  add(Def("flutterwave-public-key", "Flutterwave", kMed, "Flutterwave public key",
          R"re(\b(FLWPUBK_TEST-[a-hA-H0-9]{32}-X))re", 2.0));
  add(Def("flutterwave-secret-key", "Flutterwave", kMed, "Flutterwave secret key",
          R"re(\b(FLWSECK_TEST-[a-hA-H0-9]{32}-X))re", 2.0));
  add(Def("flutterwave-encryption-key", "Flutterwave", kMed, "Flutterwave encryption key",
          R"re(\b(FLWSECK_TEST[a-hA-H0-9]{12}))re", 2.0).Alias("flutterwave-enc-key"));
  add(Def("gocardless-api-token", "GoCardless", kMed, "GoCardless API token",
          assign("gocardless", "live_[a-zA-Z0-9_=-]{40}"), 3.0).Note(kAssignNote));
  add(Def("plaid-api-token", "Plaid", kHigh, "Plaid access token",
          assign("plaid", fmt::format("access-(?:sandbox|development|production)-{}", kUuid)))
          .Note(kAssignNote));
  add(Def("plaid-client-id", "Plaid", kMed, "Plaid client ID", assign("plaid", "[a-zA-Z0-9]{24}"),
          3.5).Note(kAssignNote));
  add(Def("plaid-secret-key", "Plaid", kHigh, "Plaid secret key",
          assign("plaid", "[a-zA-Z0-9]{30}"), 3.5).Note(kAssignNote));
  add(Def("finicity-api-token", "Finicity", kMed, "Finicity API token",
          assign("finicity", "[a-f0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("finicity-client-secret", "Finicity", kMed, "Finicity client secret",
          assign("finicity", "[a-zA-Z0-9]{20}"), 3.0).Note(kAssignNote));
  add(Def("coinbase-access-token", "Coinbase", kHigh, "Coinbase access token",
          assign("coinbase", "[a-zA-Z0-9_-]{64}"), 3.5).Note(kAssignNote));
  add(Def("kraken-access-token", "Kraken", kHigh, "Kraken access token",
          assign("kraken", "[a-zA-Z0-9/=_+-]{80,90}"), 3.5).Note(kAssignNote));
  add(Def("kucoin-access-token", "KuCoin", kHigh, "KuCoin access token",
          assign("kucoin", "[a-f0-9]{24}"), 3.0).Note(kAssignNote));
  add(Def("kucoin-secret-key", "KuCoin", kHigh, "KuCoin secret key", assign("kucoin", kUuid))
          .Note(kAssignNote));
  add(Def("bittrex-access-key", "Bittrex", kHigh, "Bittrex access/secret key",
          assign("bittrex", "[a-zA-Z0-9]{32}"), 3.0).Alias("bittrex-secret-key").Note(kAssignNote));
  add(Def("shippo-api-token", "Shippo", kLow, "Shippo API token",
          token("shippo_(?:live|test)_[a-fA-F0-9]{40}"), 2.0));
  add(Def("easypost-api-token", "EasyPost", kLow, "EasyPost API token",
          R"re(\b(EZAK[a-zA-Z0-9]{54})\b)re", 2.0));
  add(Def("easypost-test-api-token", "EasyPost", kLow, "EasyPost test API token",
          R"re(\b(EZTK[a-zA-Z0-9]{54})\b)re", 2.0));
  add(Def("duffel-api-token", "Duffel", kLow, "Duffel API token",
          R"re(\b(duffel_(?:test|live)_[a-zA-Z0-9_=-]{43}))re", 2.0));

  // ---- Communication
  add(Def("twilio-api-key", "Twilio", kMed, "Twilio API key", R"re(\b(SK[0-9a-fA-F]{32})\b)re",
          3.0));
  add(Def("twilio-auth-token", "Twilio", kHigh, "Twilio auth token",
          assign("twilio", "[a-f0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("sendgrid-api-token", "SendGrid", kMed, "SendGrid API key",
          token(R"re(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})re"), 3.0)
          .Note("Trivy's `SG\\.(?i)[a-z0-9_\\-\\.]{66}` is written as the documented "
                "22.43 layout; the mid-pattern `(?i)` is unnecessary with both cases listed."));
  add(Def("sendinblue-api-token", "Sendinblue", kLow, "Sendinblue (Brevo) API key",
          token("xkeysib-[a-f0-9]{64}-[a-zA-Z0-9]{16}"), 2.0));
  add(Def("mailgun-private-api-token", "Mailgun", kMed, "Mailgun private API key",
          assign("mailgun", "key-[a-f0-9]{32}"), 3.0).Alias("mailgun-token").Note(kAssignNote));
  add(Def("mailgun-pub-key", "Mailgun", kLow, "Mailgun public validation key",
          assign("mailgun", "pubkey-[a-f0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("mailgun-signing-key", "Mailgun", kMed, "Mailgun webhook signing key",
          assign("mailgun", "[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}"), 3.0).Note(kAssignNote));
  add(Def("mailchimp-api-key", "Mailchimp", kMed, "Mailchimp API key",
          assign("mailchimp", "[a-f0-9]{32}-us[0-9]{1,2}"), 3.0).Note(kAssignNote));
  add(Def("messagebird-api-token", "MessageBird", kMed, "MessageBird API token",
          assign("message[_-]?bird", "[a-zA-Z0-9]{25}"), 3.0).Note(kAssignNote));
  add(Def("messagebird-client-id", "MessageBird", kMed, "MessageBird client ID",
          assign("message[_-]?bird", kUuid)).Note(kAssignNote));
  add(Def("discord-api-token", "Discord", kMed, "Discord API key",
          assign("discord", "[a-f0-9]{64}"), 3.0).Note(kAssignNote));
  add(Def("discord-client-id", "Discord", kMed, "Discord client ID",
          assign("discord", "[0-9]{18}"), 2.0).Note(kAssignNote));
  add(Def("discord-client-secret", "Discord", kMed, "Discord client secret",
          assign("discord", "[a-zA-Z0-9=_-]{32}"), 3.0).Note(kAssignNote));
  add(Def("discord-webhook-url", "Discord", kMed, "Discord webhook URL",
          R"re(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,70}))re",
          3.5));
  add(Def("telegram-bot-api-token", "Telegram", kMed, "Telegram bot API token",
          assign(R"re(telegr\w{0,10})re", "[0-9]{5,16}:A[a-zA-Z0-9_-]{34}"), 3.0)
          .Note(kAssignNote));
  add(Def("microsoft-teams-webhook", "Microsoft", kMed, "Microsoft Teams incoming webhook",
          R"re((https://[a-z0-9]{1,50}\.webhook\.office\.com/webhookb2/[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9-]{36}))re"));
  add(Def("mattermost-access-token", "Mattermost", kMed, "Mattermost access token",
          assign("mattermost", "[a-zA-Z0-9]{26}"), 3.0).Note(kAssignNote));
  add(Def("gitter-access-token", "Gitter", kMed, "Gitter access token",
          assign("gitter", "[a-zA-Z0-9_-]{40}"), 3.0).Note(kAssignNote));
  add(Def("sendbird-access-id", "Sendbird", kMed, "Sendbird application ID",
          assign("sendbird", kUuid)).Note(kAssignNote));
  add(Def("sendbird-access-token", "Sendbird", kMed, "Sendbird access token",
          assign("sendbird", "[a-f0-9]{40}"), 3.0).Note(kAssignNote));
  add(Def("intercom-api-key", "Intercom", kLow, "Intercom API token",
          assign("intercom", "[a-zA-Z0-9=_-]{60}"), 3.0).Alias("intercom-api-token")
          .Note(kAssignNote));
  add(Def("intercom-client-secret", "Intercom", kLow, "Intercom client secret",
          assign("intercom", kUuid)).Note(kAssignNote));

  // ---- Observability
  add(Def("datadog-access-token", "Datadog", kHigh, "Datadog API/application key",
          assign("datadog|dd_api_key|dd_app_key|dd_application_key", "[a-zA-Z0-9]{32,40}"), 3.0)
          .Note(kAssignNote));
  add(Def("new-relic-user-api-key", "NewRelic", kMed, "New Relic user API key",
          token("NRAK-[A-Z0-9]{27}"), 3.0));
  add(Def("new-relic-browser-api-token", "NewRelic", kMed, "New Relic browser ingest token",
          token("NRJS-[a-f0-9]{19}"), 3.0));
  add(Def("new-relic-insert-key", "NewRelic", kMed, "New Relic insights insert key",
          token("NRII-[a-zA-Z0-9_-]{32}"), 3.0));
  add(Def("new-relic-license-key", "NewRelic", kMed, "New Relic ingest license key",
          R"re(\b([a-fA-F0-9]{36}NRAL)\b)re", 3.0));
  add(Def("new-relic-user-api-id", "NewRelic", kMed, "New Relic user API ID",
          assign("new-relic|newrelic|new_relic", "[a-zA-Z0-9]{64}"), 3.0).Note(kAssignNote));
  add(Def("grafana-api-key", "Grafana", kMed, "Grafana API key",
          token("eyJrIjoi[A-Za-z0-9]{70,400}={0,3}"), 3.0).Alias("grafana-api-token"));
  add(Def("grafana-cloud-api-token", "Grafana", kMed, "Grafana Cloud API token",
          token("glc_[A-Za-z0-9+/]{32,400}={0,3}"), 3.0)
          .Note(kTokenNote));
  add(Def("grafana-service-account-token", "Grafana", kMed, "Grafana service account token",
          token("glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"), 3.0));
  add(Def("dynatrace-api-token", "Dynatrace", kMed, "Dynatrace API token",
          token(R"re(dt0c01\.[a-zA-Z0-9]{24}\.[a-zA-Z0-9]{64})re"), 4.0));
  add(Def("sentry-user-token", "Sentry", kMed, "Sentry user auth token",
          token("sntryu_[a-f0-9]{64}"), 3.5));
  add(Def("sentry-org-token", "Sentry", kMed, "Sentry organization token",
          token("sntrys_eyJpYXQiO[a-zA-Z0-9+/]{10,200}(?:LCJyZWdpb25fdXJs|InJlZ2lvbl91cmwi|"
                "cmVnaW9uX3VybCI6)[a-zA-Z0-9+/]{10,200}={0,2}_[a-zA-Z0-9+/]{43}"),
          4.5));
  add(Def("sentry-access-token", "Sentry", kMed, "Sentry access token (legacy)",
          assign("sentry", "[a-f0-9]{64}"), 3.0).Note(kAssignNote));
  add(Def("sumologic-access-id", "SumoLogic", kMed, "Sumo Logic access ID",
          assign("sumo", "su[a-zA-Z0-9]{12}"), 3.0).Note(kAssignNote));
  add(Def("sumologic-access-token", "SumoLogic", kMed, "Sumo Logic access key",
          assign("sumo", "[a-zA-Z0-9]{64}"), 3.0).Note(kAssignNote));

  // ---- Package registries
  add(Def("npm-access-token", "Npm", kCrit, "npm access token", token("npm_[A-Za-z0-9]{36}"), 2.0));
  add(Def("npmrc-auth", "Npm", kHigh, "npm registry credential in .npmrc",
          R"re((?:^|[:\s])(?:_authToken|_auth|_password)\s{0,3}=\s{0,3}["']?([A-Za-z0-9+/=._~-]{8,200}))re",
          3.0)
          .Note("Matches `//registry/:_authToken=...` and `_auth=`; `${NPM_TOKEN}` references "
                "cannot match the value class."));
  add(Def("pypi-upload-token", "PyPI", kHigh, "PyPI upload token",
          R"re((pypi-AgEIcHlwaS5vcmc[\w-]{50,400}))re", 3.0)
          .Note("gitleaks' `{50,1000}` is bounded to 400 (real tokens are ~180 bytes)."));
  add(Def("pypirc-password", "PyPI", kHigh, "Password in .pypirc",
          R"re(^[ \t]{0,8}password[ \t]{0,4}[:=][ \t]{0,4}([^\s'"]{6,200}))re", 2.5)
          .Paths({"**/.pypirc", ".pypirc"}));
  add(Def("rubygems-api-token", "RubyGems", kMed, "RubyGems API key",
          token("rubygems_[a-f0-9]{48}"), 2.0));
  add(Def("clojars-api-token", "Clojars", kMed, "Clojars deploy token",
          R"re(\b((?i:CLOJARS_)[a-zA-Z0-9]{60}))re", 2.0));
  add(Def("private-packagist-token", "PrivatePackagist", kHigh, "Private Packagist token",
          token("packagist_[ou][ru]t_[a-fA-F0-9]{68}"), 3.0));
  add(Def("artifactory-api-key", "JFrog", kHigh, "JFrog Artifactory API key",
          R"re(\b(AKCp[A-Za-z0-9]{69})\b)re", 4.5));
  add(Def("artifactory-reference-token", "JFrog", kHigh, "JFrog Artifactory reference token",
          R"re(\b(cmVmd[A-Za-z0-9]{59})\b)re", 4.5));
  add(Def("jfrog-api-key", "JFrog", kHigh, "JFrog API key",
          assign("jfrog|artifactory|bintray|xray", "[a-zA-Z0-9]{73}"), 3.5).Note(kAssignNote));
  add(Def("jfrog-identity-token", "JFrog", kHigh, "JFrog identity token",
          assign("jfrog|artifactory|bintray|xray", "[a-zA-Z0-9]{64}"), 3.5).Note(kAssignNote));
  add(Def("nuget-config-password", "NuGet", kHigh, "Password in NuGet.config",
          R"re(<add key="(?:ClearText)?Password"\s{0,8}value="([^"]{8,200})"\s{0,8}/>)re", 1.0)
          .Paths({"**/nuget.config", "**/NuGet.config", "**/NuGet.Config", "nuget.config",
                  "NuGet.Config"}));

  // ---- Containers and infrastructure
  add(Def("dockerconfig-secret", "Docker", kHigh, "Docker config in a Kubernetes secret",
          R"re((?i:\.(?:dockerconfigjson|dockercfg)):\s{0,4}\|?\s{0,4}["']?((?:ey|ew)[A-Za-z0-9/+=]{16,1000}))re",
          3.0)
          .Note("Trivy's unbounded `\\|*\\s*` and `[A-Za-z0-9\\/\\+=]+` are bounded.")
          .Prefilter(R"re((?i:\.(?:dockerconfigjson|dockercfg)):)re"));
  add(Def("docker-config-auth", "Docker", kHigh, "Registry credential in .docker/config.json",
          R"re("(?:auth|identitytoken)"\s{0,4}:\s{0,4}"([A-Za-z0-9+/_.-]{8,1000}={0,2})")re",
          2.5)
          .Paths({"**/.docker/config.json", ".docker/config.json", "**/.dockercfg", ".dockercfg",
                  "**/containers/auth.json", "**/.config/containers/auth.json"})
          .Prefilter(R"re("(?:auth|identitytoken)"\s{0,4}:)re"));
  add(Def("dockerhub-pat", "Docker", kHigh, "Docker Hub personal access token",
          token("dckr_pat_[A-Za-z0-9_-]{27}"), 3.0));
  add(Def("hashicorp-tf-api-token", "HashiCorp", kMed, "Terraform Cloud user/org API token",
          R"re(\b([a-zA-Z0-9]{14}\.atlasv1\.[a-zA-Z0-9_=-]{60,70}))re", 3.5)
          .Note("gitleaks' `(?i)...(?-i:atlasv1)` is written with explicit case classes."));
  add(Def("hashicorp-tf-password", "HashiCorp", kMed, "Password in Terraform configuration",
          assign("administrator_login_password|password", R"re("[a-zA-Z0-9=_-]{8,20}")re"), 2.0)
          .Paths({"**/*.tf", "**/*.hcl", "*.tf", "*.hcl"})
          .Note(kAssignNote));
  add(Def("vault-service-token", "HashiCorp", kCrit, "HashiCorp Vault service token",
          token(R"re(hvs\.[\w-]{90,120})re"), 3.5));
  add(Def("vault-batch-token", "HashiCorp", kHigh, "HashiCorp Vault batch token",
          token(R"re(hvb\.[\w-]{138,300})re"), 4.0));
  add(Def("pulumi-api-token", "Pulumi", kHigh, "Pulumi access token", token("pul-[a-f0-9]{40}"),
          2.0));
  add(Def("doppler-api-token", "Doppler", kMed, "Doppler API token",
          R"re(\b(dp\.pt\.[a-zA-Z0-9]{43}))re", 2.0));
  add(Def("digitalocean-pat", "DigitalOcean", kHigh, "DigitalOcean personal access token",
          token("dop_v1_[a-f0-9]{64}"), 3.0));
  add(Def("digitalocean-access-token", "DigitalOcean", kHigh, "DigitalOcean OAuth access token",
          token("doo_v1_[a-f0-9]{64}"), 3.0));
  add(Def("digitalocean-refresh-token", "DigitalOcean", kHigh, "DigitalOcean OAuth refresh token",
          token("dor_v1_[a-f0-9]{64}"), 3.0));
  add(Def("heroku-api-key", "Heroku", kHigh, "Heroku API key", assign("heroku", kUuid))
          .Note(kAssignNote));
  add(Def("heroku-api-key-v2", "Heroku", kHigh, "Heroku API key (v2)",
          token("HRKU-AA[0-9a-zA-Z_-]{58}"), 4.0));
  add(Def("flyio-access-token", "Fly.io", kHigh, "Fly.io access token",
          token("fo1_[\\w-]{43}|fm[12][ar]?_[a-zA-Z0-9+/]{100,800}={0,3}"), 4.0)
          .Note(kTokenNote));
  add(Def("netlify-access-token", "Netlify", kMed, "Netlify access token",
          assign("netlify", "[a-zA-Z0-9=_-]{40,46}"), 3.0).Note(kAssignNote));
  add(Def("cloudflare-api-key", "Cloudflare", kHigh, "Cloudflare API token",
          assign("cloudflare", "[a-zA-Z0-9_-]{40}"), 3.0).Note(kAssignNote));
  add(Def("cloudflare-global-api-key", "Cloudflare", kHigh, "Cloudflare global API key",
          assign("cloudflare", "[a-f0-9]{37}"), 3.0).Note(kAssignNote));
  add(Def("cloudflare-origin-ca-key", "Cloudflare", kHigh, "Cloudflare Origin CA key",
          token("v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}"), 3.0));
  add(Def("fastly-api-token", "Fastly", kMed, "Fastly API token",
          assign("fastly", "[a-zA-Z0-9=_-]{32}"), 3.0).Note(kAssignNote));
  add(Def("openshift-user-token", "OpenShift", kHigh, "OpenShift user token",
          R"re(\b(sha256~[\w-]{43})(?:[^\w-]|$))re", 3.5)
          .Note("gitleaks' `\\z` alternative becomes `$`."));
  add(Def("scalingo-api-token", "Scalingo", kMed, "Scalingo API token",
          token(R"re(tk-us-[\w-]{48})re"), 2.0));
  add(Def("harness-api-key", "Harness", kHigh, "Harness access token",
          R"re(\b((?:pat|sat)\.[a-zA-Z0-9_-]{22}\.[a-zA-Z0-9]{24}\.[a-zA-Z0-9]{20}))re", 3.0));
  add(Def("octopus-deploy-api-key", "OctopusDeploy", kMed, "Octopus Deploy API key",
          token("API-[A-Z0-9]{26}"), 3.0));
  add(Def("infracost-api-token", "Infracost", kMed, "Infracost API token",
          token("ico-[a-zA-Z0-9]{32}"), 3.0));
  add(Def("prefect-api-token", "Prefect", kMed, "Prefect API token", token("pnu_[a-zA-Z0-9]{36}"),
          2.0));
  add(Def("databricks-api-token", "Databricks", kMed, "Databricks API token",
          token("dapi[a-f0-9]{32}(?:-\\d)?"), 3.0));
  add(Def("planetscale-password", "Planetscale", kMed, "PlanetScale password",
          token(R"re(pscale_pw_[\w=.-]{32,64})re"), 3.0));
  add(Def("planetscale-api-token", "Planetscale", kMed, "PlanetScale API token",
          token(R"re(pscale_tkn_[\w=.-]{32,64})re"), 3.0));
  add(Def("planetscale-oauth-token", "Planetscale", kMed, "PlanetScale OAuth token",
          token(R"re(pscale_oauth_[\w=.-]{32,64})re"), 3.0));
  add(Def("droneci-access-token", "DroneCI", kMed, "Drone CI access token",
          assign("droneci", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("travisci-access-token", "TravisCI", kMed, "Travis CI access token",
          assign("travis", "[a-zA-Z0-9]{22}"), 3.0).Note(kAssignNote));
  add(Def("codecov-access-token", "Codecov", kMed, "Codecov access token",
          assign("codecov", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("snyk-api-token", "Snyk", kHigh, "Snyk API token",
          assign("snyk[_.-]?(?:(?:api|oauth)[_.-]?)?(?:key|token)", kUuid)).Note(kAssignNote));
  add(Def("sonar-api-token", "Sonar", kMed, "SonarQube/SonarCloud token",
          token("sq[pua]_[a-f0-9]{40}"), 3.0));
  add(Def("sourcegraph-access-token", "Sourcegraph", kMed, "Sourcegraph access token",
          token("sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}"), 3.0));
  add(Def("launchdarkly-access-token", "LaunchDarkly", kMed, "LaunchDarkly access token",
          assign("launchdarkly", "[a-zA-Z0-9=_-]{40}"), 3.0).Note(kAssignNote));
  add(Def("okta-access-token", "Okta", kHigh, "Okta API token",
          assign("okta", R"re(00[\w=-]{40})re"), 4.0).Note(kAssignNote));
  add(Def("1password-secret-key", "1Password", kHigh, "1Password account secret key",
          R"re(\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b)re",
          3.8));
  add(Def("1password-service-account-token", "1Password", kHigh,
          "1Password service account token", token("ops_eyJ[a-zA-Z0-9+/]{250,1200}={0,3}"), 4.0)
          .Note(kTokenNote));
  add(Def("authress-service-client-access-key", "Authress", kHigh,
          "Authress service client access key",
          token("(?:sc|ext|scauth|authress)_[a-zA-Z0-9]{5,30}\\.[a-zA-Z0-9]{4,6}\\.acc[_-]"
                "[a-zA-Z0-9-]{10,32}\\.[a-zA-Z0-9+/_=-]{30,120}"),
          2.0));
  add(Def("maxmind-license-key", "MaxMind", kMed, "MaxMind license key",
          token("[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk"), 4.0));
  add(Def("yandex-access-token", "Yandex", kMed, "Yandex access token",
          assign("yandex", "t1\\.[A-Z0-9a-z_-]{1,200}={0,2}\\.[A-Z0-9a-z_-]{86}={0,2}"))
          .Note(kAssignNote));
  add(Def("yandex-api-key", "Yandex", kMed, "Yandex API key",
          assign("yandex", "AQVN[A-Za-z0-9_-]{35,38}")).Note(kAssignNote));
  add(Def("yandex-aws-access-token", "Yandex", kMed, "Yandex Cloud static access key",
          assign("yandex", "YC[a-zA-Z0-9_-]{38}")).Note(kAssignNote));
  add(Def("alibaba-access-key-id", "Alibaba", kHigh, "Alibaba Cloud AccessKey ID",
          token("LTAI[a-zA-Z0-9]{20}"), 2.0));
  add(Def("alibaba-secret-key", "Alibaba", kHigh, "Alibaba Cloud AccessKey secret",
          assign("alibaba", "[a-zA-Z0-9]{30}"), 2.0).Note(kAssignNote));

  // ---- AI services
  add(Def("openai-api-key", "OpenAI", kCrit, "OpenAI API key",
          token("sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ"
                "(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})|sk-[a-zA-Z0-9]{20}T3BlbkFJ"
                "[a-zA-Z0-9]{20}"),
          3.0));
  add(Def("anthropic-api-key", "Anthropic", kCrit, "Anthropic API key",
          token("sk-ant-api03-[a-zA-Z0-9_-]{93}AA"), 3.0));
  add(Def("anthropic-admin-api-key", "Anthropic", kCrit, "Anthropic admin API key",
          token("sk-ant-admin01-[a-zA-Z0-9_-]{93}AA"), 3.0));
  add(Def("huggingface-access-token", "HuggingFace", kCrit, "Hugging Face access token",
          token("hf_[a-zA-Z0-9]{34,40}"), 3.0).Alias("hugging-face-access-token"));
  add(Def("huggingface-organization-api-token", "HuggingFace", kHigh,
          "Hugging Face organization API token", token("api_org_[a-zA-Z]{34}"), 2.0));
  add(Def("cohere-api-token", "Cohere", kHigh, "Cohere API key",
          assign("cohere|co_api_key", "[a-zA-Z0-9]{40}"), 4.0).Note(kAssignNote));
  add(Def("perplexity-api-key", "Perplexity", kHigh, "Perplexity API key",
          token("pplx-[a-zA-Z0-9]{48}"), 4.0));
  add(Def("groq-api-key", "Groq", kHigh, "Groq API key", token("gsk_[a-zA-Z0-9]{52}"), 4.0));
  add(Def("privateai-api-token", "PrivateAI", kMed, "Private AI API token",
          assign("private[_-]?ai", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));

  // ---- SaaS (Trivy and gitleaks families)
  add(Def("adobe-client-id", "Adobe", kLow, "Adobe OAuth client ID",
          assign("adobe", "[a-f0-9]{32}"), 2.0).Note(kAssignNote));
  add(Def("adobe-client-secret", "Adobe", kLow, "Adobe client secret",
          token("p8e-[a-zA-Z0-9]{32}"), 2.0));
  add(Def("airtable-api-key", "Airtable", kMed, "Airtable API key",
          assign("airtable", "[a-zA-Z0-9]{17}"), 3.0).Note(kAssignNote));
  add(Def("airtable-personal-access-token", "Airtable", kMed, "Airtable personal access token",
          token("pat[a-zA-Z0-9]{14}\\.[a-f0-9]{64}"), 3.0));
  add(Def("algolia-api-key", "Algolia", kMed, "Algolia API key",
          assign("algolia", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("asana-client-id", "Asana", kMed, "Asana client ID", assign("asana", "[0-9]{16}"), 2.0)
          .Note(kAssignNote));
  add(Def("asana-client-secret", "Asana", kMed, "Asana client secret",
          assign("asana", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("beamer-api-token", "Beamer", kLow, "Beamer API token",
          assign("beamer", "b_[a-zA-Z0-9=_-]{44}"), 3.0).Note(kAssignNote));
  add(Def("confluent-access-token", "Confluent", kMed, "Confluent access key",
          assign("confluent", "[a-zA-Z0-9]{16}"), 3.0).Note(kAssignNote));
  add(Def("confluent-secret-key", "Confluent", kHigh, "Confluent secret key",
          assign("confluent", "[a-zA-Z0-9]{64}"), 3.0).Note(kAssignNote));
  add(Def("contentful-delivery-api-token", "Contentful", kLow, "Contentful delivery API token",
          assign("contentful", "[a-zA-Z0-9=_-]{43}"), 3.0).Note(kAssignNote));
  add(Def("dropbox-api-token", "Dropbox", kHigh, "Dropbox API secret",
          assign("dropbox", "[a-z0-9]{15}"), 3.0).Alias("dropbox-api-secret").Note(kAssignNote));
  add(Def("dropbox-short-lived-api-token", "Dropbox", kHigh, "Dropbox short-lived API token",
          assign("dropbox", "sl\\.[a-zA-Z0-9=_-]{135}"), 3.0).Note(kAssignNote));
  add(Def("dropbox-long-lived-api-token", "Dropbox", kHigh, "Dropbox long-lived API token",
          assign("dropbox", "[a-zA-Z0-9]{11}AAAAAAAAAA[a-zA-Z0-9_=-]{43}"), 3.0)
          .Note(kAssignNote));
  add(Def("etsy-access-token", "Etsy", kMed, "Etsy access token",
          assign("etsy", "[a-zA-Z0-9]{24}"), 3.0).Note(kAssignNote));
  add(Def("facebook-secret", "Facebook", kLow, "Facebook application secret",
          assign("facebook", "[a-f0-9]{32}"), 3.0).Alias("facebook-token").Note(kAssignNote));
  add(Def("facebook-page-access-token", "Facebook", kMed, "Facebook page access token",
          token("EAA[MC][a-zA-Z0-9]{100,300}"), 4.0)
          .Note(kTokenNote));
  add(Def("flickr-access-token", "Flickr", kLow, "Flickr access token",
          assign("flickr", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("frameio-api-token", "Frameio", kLow, "Frame.io API token",
          token("fio-u-[a-zA-Z0-9_=-]{64}"), 3.0));
  add(Def("freshbooks-access-token", "Freshbooks", kMed, "FreshBooks access token",
          assign("freshbooks", "[a-zA-Z0-9]{64}"), 3.0).Note(kAssignNote));
  add(Def("hubspot-api-key", "HubSpot", kLow, "HubSpot API key", assign("hubspot", kUuid))
          .Alias("hubspot-api-token")
          .Note(kAssignNote));
  add(Def("ionic-api-token", "Ionic", kLow, "Ionic API token",
          assign("ionic", "ion_[a-zA-Z0-9]{42}"), 3.0).Note(kAssignNote));
  add(Def("linear-api-key", "Linear", kMed, "Linear API key", token("lin_api_[a-zA-Z0-9]{40}"),
          2.0).Alias("linear-api-token"));
  add(Def("linear-client-secret", "Linear", kMed, "Linear client secret",
          assign("linear", "[a-f0-9]{32}"), 2.0).Note(kAssignNote));
  add(Def("linkedin-client-id", "LinkedIn", kLow, "LinkedIn client ID",
          assign("linked[_-]?in", "[a-zA-Z0-9]{14}"), 3.0).Note(kAssignNote));
  add(Def("linkedin-client-secret", "LinkedIn", kLow, "LinkedIn client secret",
          assign("linked[_-]?in", "[a-zA-Z0-9]{16}"), 3.0).Note(kAssignNote));
  add(Def("lob-api-key", "Lob", kLow, "Lob API key",
          assign("lob", "(?:live|test)_[a-f0-9]{35}"), 2.0).Note(kAssignNote));
  add(Def("lob-pub-api-key", "Lob", kLow, "Lob publishable API key",
          assign("lob", "(?:test|live)_pub_[a-f0-9]{31}"), 2.0).Note(kAssignNote));
  add(Def("mapbox-api-token", "Mapbox", kMed, "Mapbox public token",
          token("pk\\.[a-zA-Z0-9]{60}\\.[a-zA-Z0-9]{22}"), 3.0));
  add(Def("mapbox-secret-token", "Mapbox", kHigh, "Mapbox secret token",
          token("sk\\.[a-zA-Z0-9]{60}\\.[a-zA-Z0-9]{22}"), 3.0));
  add(Def("notion-api-token", "Notion", kMed, "Notion integration token",
          token("ntn_[0-9]{11}[A-Za-z0-9]{35}"), 4.0));
  add(Def("nytimes-access-token", "NYTimes", kLow, "New York Times API key",
          assign("nytimes|new-york-times|newyorktimes", "[a-zA-Z0-9=_-]{32}"), 3.0)
          .Note(kAssignNote));
  add(Def("postman-api-token", "Postman", kMed, "Postman API key",
          token("PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}"), 3.0));
  add(Def("rapidapi-access-token", "RapidAPI", kMed, "RapidAPI key",
          assign("rapidapi", "[a-zA-Z0-9_-]{50}"), 3.0).Note(kAssignNote));
  add(Def("readme-api-token", "Readme", kMed, "ReadMe API key", token("rdme_[a-z0-9]{70}"), 2.0));
  add(Def("settlemint-access-token", "Settlemint", kMed, "SettleMint access token",
          token("sm_(?:aat|pat|sat)_[a-zA-Z0-9]{16}"), 3.0)
          .Alias("settlemint-personal-access-token"));
  add(Def("sidekiq-secret", "Sidekiq", kMed, "Sidekiq Enterprise credential",
          assign("bundle_enterprise__contribsys__com|bundle_gems__contribsys__com",
                 "[a-f0-9]{8}:[a-f0-9]{8}"))
          .Note(kAssignNote));
  add(Def("sidekiq-sensitive-url", "Sidekiq", kMed, "Sidekiq Enterprise URL with credential",
          R"re(\bhttps?://([a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com)re"));
  add(Def("squarespace-access-token", "Squarespace", kMed, "Squarespace API key",
          assign("squarespace", kUuid)).Note(kAssignNote));
  add(Def("twitch-api-token", "Twitch", kLow, "Twitch API token",
          assign("twitch", "[a-zA-Z0-9]{30}"), 3.0).Note(kAssignNote));
  add(Def("twitter-api-key", "Twitter", kLow, "Twitter API key",
          assign("twitter", "[a-zA-Z0-9]{25}"), 3.0).Alias("twitter-token").Note(kAssignNote));
  add(Def("twitter-api-secret", "Twitter", kLow, "Twitter API secret",
          assign("twitter", "[a-zA-Z0-9]{50}"), 3.0).Note(kAssignNote));
  add(Def("twitter-access-token", "Twitter", kLow, "Twitter access token",
          assign("twitter", "[0-9]{15,25}-[a-zA-Z0-9]{20,40}"), 3.0).Note(kAssignNote));
  add(Def("twitter-access-secret", "Twitter", kLow, "Twitter access secret",
          assign("twitter", "[a-zA-Z0-9]{45}"), 3.0).Note(kAssignNote));
  add(Def("twitter-bearer-token", "Twitter", kLow, "Twitter bearer token",
          assign("twitter", "A{22}[a-zA-Z0-9%]{80,100}"), 3.0).Note(kAssignNote));
  add(Def("typeform-api-token", "Typeform", kLow, "Typeform API token",
          token("tfp_[a-zA-Z0-9_.=-]{59}"), 3.0));
  add(Def("zendesk-secret-key", "Zendesk", kMed, "Zendesk API token",
          assign("zendesk", "[a-zA-Z0-9]{40}"), 3.0).Note(kAssignNote));

  // ---- Credentials in URLs, command lines and credential files
  add(Def("git-credentials", "Git", kHigh, "Credential in .git-credentials",
          R"re(\bhttps?://[^\s:@/'"]{1,64}:([^\s:@/'"]{3,128})@[a-zA-Z0-9.-]{1,253})re", 1.0)
          .Paths({"**/.git-credentials", ".git-credentials", "**/.config/git/credentials"}));
  add(Def("curl-auth-header", "Generic", kMed, "Authorization header on a curl command line",
          R"re(\bcurl\b[^\r\n]{0,200}\s(?:-H|--header)[ =]{1,3}["'](?i:Authorization):[ \t]{0,5}(?i:Bearer|Token|Basic)[ \t]{1,3}([\w=~@.+/-]{8,200})["'])re",
          2.75)
          .Note("gitleaks' multi-line `(?:.*?|.*?(?:[\\r\\n]{1,2}.*?){1,5})` is reduced to "
                "one line of at most 200 bytes: no lazy repeats, bounded width."));
  add(Def("curl-auth-user", "Generic", kMed, "Credential on a curl command line (-u user:pass)",
          R"re(\bcurl\b[^\r\n]{0,200}\s(?:-u|--user)[ =]{1,3}["']?[^\s:'"$]{1,64}:([^\s'"$]{3,128}))re",
          2.0));
  add(Def("url-password", "Generic", kHigh, "Password in a URL (scheme://user:password@host)",
          R"re(\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\s:@/'"$<>{}]{1,64}:([^\s:@/'"$<>{}]{3,128})@[a-zA-Z0-9.-]{1,253})re",
          2.0)
          .Check(CheckUrlPassword));
  add(Def("jwt", "JWT", kMed, "JSON Web Token",
          token(R"re(ey[a-zA-Z0-9_-]{17,400}\.ey[a-zA-Z0-9_-]{17,1000}\.[a-zA-Z0-9_-]{10,600}={0,2})re"),
          3.0)
          .Alias("jwt-token")
          .Check(CheckJwt)
          .Note("gitleaks' `{17,}` and `{10,}` are bounded (400/1000/600 bytes); the check "
                "decodes the header and requires a JSON object naming `alg` or `typ`."));
  add(Def("generic-api-key", "Generic", kMed, "Secret assigned to a credential-named variable",
          fmt::format(
              R"re((?i:api[_.-]?key|secret[_.-]?key|client[_.-]?secret|access[_.-]?token|auth[_.-]?token|private[_.-]?key|passw(?:or)?d)[\w.-]{{0,20}}[\s'"]{{0,3}}(?:=|:=|:|=>)[\s]{{0,4}}["']([A-Za-z0-9+/=_.~!@#%^&*-]{{16,100}})["']{})re",
              kEnd),
          4.0)
          .Check(CheckGenericValue)
          .Note("A stricter form of gitleaks' generic-api-key: fewer key names, a quoted "
                "value of 16-100 characters, entropy 4.0 and letters mixed with digits."));
  return d;
}

}  // namespace

std::span<const SecretRule> BuiltinSecretRules() {
  static const std::vector<SecretRule> kRules = [] {
    static std::vector<std::string> descriptions;  // RuleInfo views point into these
    std::vector<Def> defs = MakeDefs();
    descriptions.reserve(defs.size());
    std::vector<SecretRule> rules;
    rules.reserve(defs.size());
    for (Def& def : defs) {
      SecretRule r = std::move(def.r);
      std::string desc = fmt::format(
          "A {} ({} family) baked into an image is readable by anyone who can pull it.",
          r.info.title, r.category);
      if (!r.regex.empty()) {
        std::string shown = r.regex;
        std::ranges::replace(shown, '`', '\'');
        desc += fmt::format(" Pattern: `{}`", shown);
      }
      if (r.min_entropy > 0) desc += fmt::format("; secret entropy at least {:.2f} bits/char", r.min_entropy);
      if (!r.keywords.empty()) desc += fmt::format("; needs nearby `{}`", Join(r.keywords, "` or `"));
      if (!r.paths.empty()) desc += fmt::format("; only in `{}`", Join(r.paths, "`, `"));
      desc += ".";
      if (!r.regex_note.empty()) desc += " Hyperscan form: " + r.regex_note;
      descriptions.push_back(std::move(desc));
      r.info.description = descriptions.back();
      rules.push_back(std::move(r));
    }
    return rules;
  }();
  return kRules;
}

std::vector<const RuleInfo*> SecretRuleInfos() {
  std::vector<const RuleInfo*> out;
  for (const SecretRule& r : BuiltinSecretRules()) out.push_back(&r.info);
  std::ranges::sort(out, [](const RuleInfo* a, const RuleInfo* b) { return a->id < b->id; });
  return out;
}

std::span<const std::string_view> BuiltinAllowedPaths() {
  static constexpr std::string_view kPaths[] = {
      "usr/share/doc/**",
      "usr/share/man/**",
      "usr/share/info/**",
      "usr/share/locale/**",
      "usr/share/common-licenses/**",
      "usr/share/ca-certificates/**",
      "etc/ssl/certs/**",
      "usr/lib/python3*/test/**",
      "usr/lib/python3*/**/tests/**",
      "usr/local/lib/python3*/test/**",
      "usr/local/lib/python3*/**/tests/**",
      "**/site-packages/**/tests/**",
      "**/dist-packages/**/tests/**",
      "**/node_modules/**/test/**",
      "**/node_modules/**/tests/**",
      "**/node_modules/**/__tests__/**",
      "**/node_modules/**/example/**",
      "**/node_modules/**/examples/**",
      "**/node_modules/**/*.md",
      "usr/lib/go*/src/**/testdata/**",
      "usr/local/go/src/**/testdata/**",
      "**/go/pkg/mod/**/testdata/**",
      "**/vendor/**/testdata/**",
  };
  return kPaths;
}

namespace {

bool GlobMatchImpl(std::string_view g, std::string_view p, int budget_depth) {
  if (budget_depth > 64) return false;
  while (!g.empty()) {
    if (g.starts_with("**")) {
      std::string_view rest = g.substr(2);
      bool slash = rest.starts_with('/');
      if (slash) {
        // "**/" matches zero or more whole segments.
        if (GlobMatchImpl(rest.substr(1), p, budget_depth + 1)) return true;
        for (size_t i = 0; i < p.size(); ++i) {
          if (p[i] == '/' && GlobMatchImpl(rest.substr(1), p.substr(i + 1), budget_depth + 1))
            return true;
        }
        return false;
      }
      for (size_t i = 0; i <= p.size(); ++i) {
        if (GlobMatchImpl(rest, p.substr(i), budget_depth + 1)) return true;
      }
      return false;
    }
    if (g[0] == '*') {
      std::string_view rest = g.substr(1);
      for (size_t i = 0; i <= p.size(); ++i) {
        if (GlobMatchImpl(rest, p.substr(i), budget_depth + 1)) return true;
        if (i < p.size() && p[i] == '/') break;
      }
      return false;
    }
    if (p.empty()) return false;
    if (g[0] == '?') {
      if (p[0] == '/') return false;
    } else if (g[0] != p[0]) {
      return false;
    }
    g.remove_prefix(1);
    p.remove_prefix(1);
  }
  return p.empty();
}

}  // namespace

bool GlobMatch(std::string_view glob, std::string_view path) {
  while (glob.starts_with('/')) glob.remove_prefix(1);
  while (path.starts_with('/')) path.remove_prefix(1);
  return GlobMatchImpl(glob, path, 0);
}

double ShannonEntropy(std::string_view s) {
  if (s.empty()) return 0;
  std::array<uint32_t, 256> counts{};
  for (unsigned char c : s) ++counts[c];
  double h = 0;
  const double n = static_cast<double>(s.size());
  for (uint32_t c : counts) {
    if (c == 0) continue;
    double p = c / n;
    h -= p * std::log2(p);
  }
  return h;
}

bool IsPlaceholderValue(std::string_view value) {
  std::string_view v = Trim(value);
  while (!v.empty() && (v.front() == '"' || v.front() == '\'')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '"' || v.back() == '\'')) v.remove_suffix(1);
  if (v.empty()) return true;
  // Variable references and template expressions.
  if (v.front() == '$' || v.find("${") != std::string_view::npos ||
      v.find("{{") != std::string_view::npos || v.find("}}") != std::string_view::npos)
    return true;
  if (v.front() == '<' && v.back() == '>') return true;
  if (v.size() >= 2 && v.front() == '%' && v.back() == '%') return true;
  if (v.size() >= 2 && v.front() == '@' && v.back() == '@') return true;
  // One character repeated, or mostly x/X/* (ghp_xxxxxxxx..., ********).
  size_t same = 0, masked = 0;
  for (char c : v) {
    same += c == v[0];
    masked += c == 'x' || c == 'X' || c == '*' || c == '.';
  }
  if (same == v.size() || masked * 2 >= v.size()) return true;
  std::string lower = ToLower(v);
  static constexpr std::string_view kMarkers[] = {
      "example", "changeme", "change_me", "change-me", "placeholder", "your_", "your-",
      "yourapikey", "yourtoken", "yoursecret", "redacted", "dummy", "sample", "replace_me",
      "replaceme", "insert_", "insert-", "xxxxx", "*****", "fake", "notasecret", "not_a_secret",
      "abcdefghij", "1234567890", "0123456789", "<token>", "mysecret", "secretkey",
  };
  for (std::string_view m : kMarkers) {
    if (lower.find(m) != std::string::npos) return true;
  }
  return false;
}

}  // namespace portcullis
