// The secret rule table: one entry per kind of credential Portcullis recognises (cloud keys, VCS
// tokens, SaaS API keys, private keys, passwords in URLs, ...). Rules are data: an id, the
// provider family, severity, a regex that both Vectorscan (prefilter, streaming) and PCRE2
// (confirmation, capture groups) compile, an optional entropy threshold, optional context
// keywords, optional path globs, value allow-patterns and an optional check function.
//
// Regex dialect: the common subset of Hyperscan and PCRE2. Rules may not use backreferences,
// lookaround, possessive/atomic groups, \z or unbounded repeats (every `*`/`+`/`{n,}` of the
// Go/PCRE originals in Trivy and gitleaks is rewritten with an explicit upper bound so that the
// match width is bounded, which bounds the bytes kept per file for confirmation). `$` means end
// of line (both engines run multi-line). The capture group `secret_group` (default 1, or the
// whole match when the regex has no group) is the secret that is checked and redacted.
//
// The tables are immutable after first use; read them from any thread.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/rule_info.h"
#include "portcullis/model/severity.h"

namespace portcullis {

// What a check function sees of one confirmed regex match.
struct SecretMatch {
  std::string_view path;    // file path or pseudo-path ("config:Env")
  std::string_view match;   // the whole regex match
  std::string_view secret;  // the secret capture group
};

// Extra confirmation beyond regex + entropy + allow-lists; returns false to drop the match.
using SecretCheck = bool (*)(const SecretMatch& m);

struct SecretRule {
  RuleInfo info;                       // id is a provider slug, e.g. "aws-access-key-id"
  std::string category;                // provider family: "AWS", "GitHub", "PrivateKey", ...
  std::string regex;                   // Hyperscan- and PCRE2-compatible, bounded width
  // Optional simpler regex for the Vectorscan pass when `regex` is too large for it; every
  // match of `regex` must start with a match of `prefilter`. Empty = `regex`.
  std::string prefilter;
  int secret_group = -1;               // -1: group 1 if the regex has one, else the match
  double min_entropy = 0;              // Shannon entropy (bits/char) the secret must reach
  std::vector<std::string> keywords;   // if set, one must occur (any case) in the match or
                                       // in the 256 bytes before it
  std::vector<std::string> paths;      // if set, the rule only applies to matching paths
  std::vector<std::string> allow;      // PCRE2 regexes: a secret matching one is not reported
  SecretCheck check = nullptr;
  bool builtin = true;
  // Path-only rules (no regex): the file itself is the secret (PKCS#12 bundles); fires when
  // `paths` matches and the file starts with `magic` (empty = any content).
  std::string magic;
  std::string regex_note;              // why the regex differs from its Go/PCRE origin
  // Storage for rules loaded from a config file: `info.id` and `info.title` view these.
  std::string user_id;
  std::string user_title;
};

// The catalog's name and document heading (docs/rules/secret.md).
inline constexpr RuleCatalogDoc kSecretCatalog = {
    "secret", "Secret rules",
    "Rules of `portcullis image` / `portcullis fs` secret scanning (`--scanners secret`). Ids are "
    "provider slugs, the same as Trivy's or gitleaks' id for the same credential where one "
    "exists (the other tool's id is listed as an alias), so existing allow-lists and habits "
    "carry over. Every regular file of every layer is scanned, including files a later layer "
    "deleted, plus the image config (Env, Labels, Cmd, Entrypoint) and the build history. "
    "Disable rules, add your own and allow-list paths or values with `--secret-config FILE` "
    "(see src/analyzer/secret/secret_config.h for the YAML form). Findings show only the first "
    "4 characters of a secret."};

// The built-in rules, in a fixed order (more specific rules first: when two rules report the
// same bytes, the earlier one wins).
std::span<const SecretRule> BuiltinSecretRules();

// Path globs under which files are never scanned (documentation, test suites of packaged
// libraries, ...): `*` matches within one path segment, `**` any number of segments.
std::span<const std::string_view> BuiltinAllowedPaths();

// True if `path` (normalised, no leading '/') matches `glob` (same syntax, leading '/'
// ignored).
bool GlobMatch(std::string_view glob, std::string_view path);

// Shannon entropy of `s` in bits per byte (0 for empty input).
double ShannonEntropy(std::string_view s);

// True when `value` is a placeholder or documentation value, not a real secret: ${VAR}, $VAR,
// <token>, {{ .Values.x }}, %VAR%, xxxxx, *****, changeme, your-api-key-here, AWS's EXAMPLE keys,
// a single repeated character, ...
bool IsPlaceholderValue(std::string_view value);

}  // namespace portcullis
