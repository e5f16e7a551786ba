// Loading a --secret-config YAML file: extra rules, disabled built-in rules, and allow-lists.
//
//   rules:                      # extra rules, matched before the built-in ones
//     - id: acme-api-key        # [a-z0-9][a-z0-9._-]{0,63}, unique
//       title: Acme API key     # required
//       category: Acme          # default "Custom"
//       severity: HIGH          # CRITICAL, HIGH, MEDIUM (default), LOW, INFO
//       regex: 'acme_([a-z0-9]{32})'   # Vectorscan- and PCRE2-compatible, bounded width
//       secret-group: 1         # default: group 1 if any, else the whole match
//       entropy: 3.0            # minimum Shannon entropy of the secret, bits/char
//       keywords: [acme]        # one must occur in or just before the match
//       paths: ["**/*.env"]     # only files matching these globs
//       allow: ['acme_0+']      # secrets matching these regexes are not reported
//   disable-rules: [jwt, generic-api-key]
//   allow-paths: ["opt/app/fixtures/**"]     # globs: `*` within a segment, `**` any depth
//   allow-values: ['^AKIA[A-Z0-9]{12}TEST$'] # secrets matching these regexes are ignored
//
// The input is untrusted: the file is read with a size limit, counts and lengths are bounded,
// and every error names the file and line. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "analyzer/secret/secret_scanner.h"
#include "portcullis/result.h"

namespace portcullis {

// Limits of a secret config.
inline constexpr size_t kMaxSecretConfigBytes = 1u << 20;
inline constexpr size_t kMaxSecretConfigRules = 500;
inline constexpr size_t kMaxSecretConfigListItems = 1000;
inline constexpr size_t kMaxSecretConfigString = 4096;

// Parses YAML text; `name` names it in errors ("secret.yaml:12: ...").
[[nodiscard]] Result<SecretConfig> ParseSecretConfig(std::string_view yaml, std::string_view name);

// Reads and parses the file at `path` (at most kMaxSecretConfigBytes).
[[nodiscard]] Result<SecretConfig> LoadSecretConfig(const std::string& path);

// Builds the scanner for a scan: the shared built-in one when `config_path` is empty, otherwise
// built-ins plus the file's changes. Compiled scanners are cached per (path, content), so
// repeated calls for the same file compile once.
[[nodiscard]] Result<std::shared_ptr<const SecretScanner>> SecretScannerForConfig(
    const std::string& config_path);

}  // namespace portcullis
