// Built-in secret rules for private keys and for credentials in URLs, command lines and
// credential files (see secret_rule_defs.h for how an entry is written).
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "analyzer/secret/secret_rule_defs.h"

namespace portcullis::secret_defs {

void AddPrivateKeyRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

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
}

void AddUrlAndFileCredentialRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

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
}

}  // namespace portcullis::secret_defs
