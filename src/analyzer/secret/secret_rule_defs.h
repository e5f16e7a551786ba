// How the built-in secret rule table (secret_rules.cc) is written: regex builders shared by
// many rules, the rules' check functions, the Def builder for one entry, and the DefList the
// entries are added to, in table order. Internal to src/analyzer/secret: the entries are split
// by provider family (secret_rules_keys.cc, secret_rules_cloud.cc, secret_rules_vcs.cc,
// secret_rules_saas.cc) and BuiltinSecretRules calls the Add* functions below in a fixed
// order (earlier rules win over later ones). Used once, when the table is first built.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "analyzer/secret/secret_rules.h"
#include "core/strings.h"

namespace portcullis::secret_defs {

inline constexpr Severity kCrit = Severity::kCritical;
inline constexpr Severity kHigh = Severity::kHigh;
inline constexpr Severity kMed = Severity::kMedium;
inline constexpr Severity kLow = Severity::kLow;

// What ends a secret: a quote, backtick, whitespace, a separator, an escaped newline or the end
// of the line. gitleaks writes `(?:[\x60'"\s;]|\\[nr]|$)`; the same here, with a few more
// closing characters so JSON/YAML/HTML contexts end a secret too.
inline constexpr std::string_view kEnd = R"re((?:[\x60'"\s;,)\]}<>]|\\[nrt]|$))re";

// `KEYWORD...= "VALUE"`: the gitleaks "semi-generic" shape. gitleaks starts with
// `[\w.-]{0,50}?` (lazy, only to capture the variable name) which is dropped here: the match
// starts at the keyword, so Hyperscan needs no start-of-match tracking and the width stays
// bounded. The keyword alone is case-insensitive (`(?i:...)`, supported by both engines).
inline std::string Assign(std::string_view keywords, std::string_view value) {
  return fmt::format(
      R"re((?i:{})[\w.-]{{0,20}}[\s'"]{{0,3}}(?:=|:=|::=|:|=>|\?=|,)[\x60'"\s=]{{0,5}}({}){})re",
      keywords, value, kEnd);
}

// The Vectorscan prefilter of an Assign rule: the keyword up to the assignment operator. The
// value part multiplies the size of the compiled database (it is 95 rules), so it is left to
// the PCRE2 confirmation, which sees the whole window.
inline std::string AssignPrefilter(std::string_view keywords) {
  return fmt::format(R"re((?i:{})[\w.-]{{0,20}}[\s'"]{{0,3}}(?:=|:=|::=|:|=>|\?=|,))re", keywords);
}

// A prefixed token (`ghp_...`) standing on its own: word boundary, the token, then an end.
inline std::string Token(std::string_view body) {
  return fmt::format(R"re(\b({}){})re", body, kEnd);
}

// The Vectorscan prefilter of a Token rule: the token up to its first repeat, shortened to at
// most 8 repetitions (`ghp_[0-9a-zA-Z]{36}` -> `\bghp_[0-9a-zA-Z]{8}`). Long bounded repeats
// are what make the database slow to compile; PCRE2 checks the full token. "" when the body
// has a top-level alternation or its first repeat is inside a group (then the full regex is
// used).
inline std::string TokenPrefilter(std::string_view body) {
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

inline constexpr std::string_view kUuid =
    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

inline constexpr std::string_view kRemediation =
    "Revoke and rotate the credential now: anyone who can pull the image can read it, even when "
    "a later layer deleted the file. Then remove it from the build (pass secrets at run time, "
    "or with BuildKit `RUN --mount=type=secret`) and rebuild.";

// True when the PEM/OpenSSH match is an encrypted private key.
inline bool IsEncryptedKey(std::string_view match) {
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

inline bool CheckPlainKey(const SecretMatch& m) { return !IsEncryptedKey(m.match); }
inline bool CheckEncryptedKey(const SecretMatch& m) { return IsEncryptedKey(m.match); }

// Decodes base64url (or standard base64) without padding; nullopt on a bad character.
inline std::optional<std::string> DecodeBase64Url(std::string_view in) {
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
inline bool CheckJwt(const SecretMatch& m) {
  auto dot = m.secret.find('.');
  if (dot == std::string_view::npos) return false;
  auto header = DecodeBase64Url(m.secret.substr(0, dot));
  if (!header || header->empty() || (*header)[0] != '{') return false;
  return header->find("\"alg\"") != std::string::npos || header->find("\"typ\"") != std::string::npos;
}

// URL credentials: documentation hosts and obvious placeholders are not secrets.
inline bool CheckUrlPassword(const SecretMatch& m) {
  auto at = m.match.rfind('@');
  if (at == std::string_view::npos) return false;
  std::string host = ToLower(m.match.substr(at + 1));
  for (std::string_view doc : {"example.com", "example.org", "example.net", "example"}) {
    if (host.starts_with(doc)) return false;
    // ".doc" searched as '.' followed by doc: GCC 12 at -O3 misreports `"." + string` (bug
    // 105329, -Wrestrict).
    for (size_t dot = host.find('.'); dot != std::string::npos; dot = host.find('.', dot + 1)) {
      if (std::string_view(host).substr(dot + 1).starts_with(doc)) return false;
    }
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
inline bool CheckGenericValue(const SecretMatch& m) {
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
inline constexpr std::string_view kDerSequence = "\x30";

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

inline constexpr std::string_view kAssignNote =
    "gitleaks' leading `[\\w.-]{0,50}?` (lazy, only there to capture the variable name) is "
    "dropped so the match starts at the keyword; `(?i)` is scoped to the keyword with "
    "`(?i:...)` and the value's character class spells out both cases instead. Vectorscan "
    "prefilters on the keyword and the assignment operator only; PCRE2 checks the value.";
inline constexpr std::string_view kTokenNote =
    "Unbounded repeats of the original are given an explicit upper bound (Vectorscan "
    "prefilters on the token's prefix, PCRE2 checks the whole token), and the trailing "
    "`\\z` alternative is replaced by `$` (end of line in multi-line mode, which both engines "
    "share).";

// The table being built: Add keeps the order; Assign and TokenRegex build a regex and remember
// the simpler prefilter Vectorscan uses for it.
class DefList {
 public:
  std::string Assign(std::string_view keywords, std::string_view value) {
    std::string re = secret_defs::Assign(keywords, value);
    prefilters_[re] = AssignPrefilter(keywords);
    return re;
  }
  std::string TokenRegex(std::string_view token_body) {
    std::string re = Token(token_body);
    std::string pre = TokenPrefilter(token_body);
    if (!pre.empty()) prefilters_[re] = pre;
    return re;
  }
  void Add(Def&& def) {
    auto it = prefilters_.find(def.r.regex);
    if (it != prefilters_.end() && def.r.prefilter.empty()) def.r.prefilter = it->second;
    defs_.push_back(std::move(def));
  }
  std::vector<Def> Take() { return std::move(defs_); }

 private:
  std::vector<Def> defs_;
  std::map<std::string, std::string> prefilters_;  // Assign/Token regex -> its prefilter
};

// One function per provider family, in table order.
void AddPrivateKeyRules(DefList& list);
void AddAwsRules(DefList& list);
void AddGcpRules(DefList& list);
void AddAzureRules(DefList& list);
void AddGitHubRules(DefList& list);
void AddGitLabRules(DefList& list);
void AddBitbucketRules(DefList& list);
void AddSlackRules(DefList& list);
void AddPaymentRules(DefList& list);
void AddCommunicationRules(DefList& list);
void AddObservabilityRules(DefList& list);
void AddPackageRegistryRules(DefList& list);
void AddInfrastructureRules(DefList& list);
void AddAiRules(DefList& list);
void AddSaasRules(DefList& list);
void AddUrlAndFileCredentialRules(DefList& list);

}  // namespace portcullis::secret_defs
