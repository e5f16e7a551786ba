#include "analyzer/secret/secret_env_name.h"

#include <algorithm>
#include <array>
#include <optional>

namespace portcullis {
namespace {

constexpr size_t kMaxNameBytes = 256;

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsUpper(c) || IsLower(c) || IsDigit(c); }
char Upper(char c) { return IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

template <size_t N>
bool In(std::string_view word, const std::array<std::string_view, N>& set) {
  return std::ranges::find(set, word) != set.end();
}

constexpr std::array<std::string_view, 20> kSecretWords = {
    "PASSWORD",  "PASSWORDS",  "PASSWD",      "PASSPHRASE", "SECRET",    "SECRETS",    "TOKEN",
    "TOKENS",    "CREDENTIAL", "CREDENTIALS", "CREDS",      "PSW",       "APIKEY",     "APITOKEN",
    "SECRETKEY", "ACCESSKEY",  "PRIVATEKEY",  "AUTHKEY",    "AUTHTOKEN", "ACCESSTOKEN"};

// Secret words only as the last word of a name of two or more words.
constexpr std::array<std::string_view, 2> kShortSecretWords = {"PASS", "PWD"};

// Words after which KEY / KEYS names a credential.
constexpr std::array<std::string_view, 24> kKeyQualifiers = {
    "API",    "ACCESS",  "PRIVATE", "SECRET",  "CLIENT",  "ENCRYPTION", "DECRYPTION", "SIGNING",
    "MASTER", "ACCOUNT", "AUTH",    "LICENSE", "SERVICE", "STORAGE",    "SSH",        "APP",
    "HMAC",   "JWT",     "SESSION", "SHARED",  "ADMIN",   "CRYPTO",     "STRIPE",     "SENDGRID"};

// Words that, after the last secret word, make the name describe or point at a secret.
constexpr std::array<std::string_view, 60> kQualifiers = {
    "FILE",      "FILES",      "PATH",     "DIR",        "ID",       "IDS",      "NAME",
    "NAMES",     "USER",       "USERNAME", "TYPE",       "KIND",     "MODE",     "FORMAT",
    "ALGORITHM", "ALG",        "LENGTH",   "LEN",        "SIZE",     "MIN",      "MAX",
    "COUNT",     "TTL",        "TIMEOUT",  "LIFETIME",   "PERIOD",   "EXPIRY",   "EXPIRES",
    "EXPIRE",    "EXPIRATION", "ROTATION", "ENABLED",    "ENABLE",   "DISABLED", "REQUIRED",
    "POLICY",    "VERSION",    "HEADER",   "FIELD",      "PARAM",    "PREFIX",   "REF",
    "SOURCE",    "PROVIDER",   "STORE",    "ISSUER",     "AUDIENCE", "SCOPE",    "SCOPES",
    "URL",       "URI",        "ENDPOINT", "HOST",       "PORT",     "SERVER",   "REGION",
    "LOCATION",  "ARN",        "MOUNT",    "FINGERPRINT"};

std::string_view StripDigits(std::string_view w) {
  while (!w.empty() && IsDigit(w.back())) w.remove_suffix(1);
  return w;
}

}  // namespace

std::vector<std::string> EnvNameWords(std::string_view name) {
  name = name.substr(0, kMaxNameBytes);
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!IsAlnum(c)) {
      flush();
      continue;
    }
    if (IsUpper(c) && i > 0) {
      char prev = name[i - 1];
      bool next_lower = i + 1 < name.size() && IsLower(name[i + 1]);
      // "dbPassword" -> DB|PASSWORD, "S3Key" -> S3|KEY, "APIKey" -> API|KEY (the last capital
      // of a run starts the next word when a lower-case letter follows it).
      if (IsLower(prev) || IsDigit(prev) || (IsUpper(prev) && next_lower)) flush();
    }
    cur.push_back(Upper(c));
  }
  flush();
  return out;
}

bool IsSecretEnvName(std::string_view name) {
  std::vector<std::string> words = EnvNameWords(name);
  std::vector<std::string_view> bare;  // the words without trailing digits
  bare.reserve(words.size());
  for (const std::string& w : words) bare.push_back(StripDigits(w));
  std::optional<size_t> last;  // the last secret word
  for (size_t i = 0; i < bare.size(); ++i) {
    std::string_view w = bare[i];
    bool key = (w == "KEY" || w == "KEYS") && i > 0 && In(bare[i - 1], kKeyQualifiers);
    bool short_word = In(w, kShortSecretWords) && i > 0 && i + 1 == bare.size();
    if (In(w, kSecretWords) || short_word || key) last = i;
  }
  if (!last) return false;
  for (size_t i = *last + 1; i < bare.size(); ++i) {
    if (In(bare[i], kQualifiers)) return false;
  }
  return true;
}

}  // namespace portcullis
