// ProjectConfig: a project's own policy file, shared by every checker that has rules.
//
// `portcullis.yaml` (also `portcullis.yml`, `.portcullis.yaml`) has the same keys at the top
// level, which apply to every command, and in per-command sections, which apply to one:
//
//   ignore: [PC-DF-008, DL3059]          # rule ids or any alias (Hadolint, Trivy, CIS, ...)
//   severity: {PC-DF-009: HIGH, DL3008: INFO}
//   trusted_registries: [docker.io, ghcr.io/acme]
//   failure_threshold: MEDIUM             # findings at or above it fail; "none" never fails
//   dockerfile:                           # section for `portcullis dockerfile`
//     ignore: [PC-DF-046]
//     label_schema: {org.opencontainers.image.source: url}   # and strict_labels: true
//   config:                               # section for `portcullis config` (runtime audit)
//     ignore: [KSV-0017]
//     severity: {PC-RT-012: LOW}
//     failure_threshold: HIGH
//
// A section's value replaces the top-level one for scalars and severity entries and adds to
// it for lists. Keys the format does not define are kept, per section, in `extras` for the
// command that owns the section to read and validate (CheckSectionKeys); unknown top-level
// keys are errors. Keys a command has no use for (trusted_registries and the label keys for
// `config`) are accepted in its section and have no effect there.
//
// A Hadolint `.hadolint.yaml` (ignored, override.{error,warning,info,style}, trustedRegistries,
// failure-threshold, no-fail, disable-ignore-pragma, label-schema, strict-labels) is read into
// the `dockerfile` section of
// the same structure, so teams that switch keep their settings.
//
// Inputs are untrusted: size and nesting are capped, yaml-cpp's exceptions are caught here,
// errors name the file and line. All functions are pure or read only the files named; call
// them from any thread. A ProjectConfig is a plain value.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/model/finding.h"
#include "portcullis/model/severity.h"
#include "portcullis/result.h"

namespace portcullis {

inline constexpr size_t kMaxProjectConfigBytes = 1u << 20;

struct PolicySection {
  std::vector<std::string> ignore;              // rule ids or aliases, upper-case
  std::map<std::string, Severity> severity;     // rule id or alias (upper-case) -> severity
  std::vector<std::string> trusted_registries;  // "docker.io", "ghcr.io/acme", "*.corp.example"
  std::optional<Severity> failure_threshold;    // findings at or above it fail the command
  bool never_fail = false;                      // failure_threshold: none / hadolint no-fail
  bool inline_ignores = true;                   // honour `# hadolint ignore=` pragmas
  // dockerfile: required labels and the type of their values (text, url, rfc3339, spdx, hash,
  // semver, email), as Hadolint's label-schema; strict: no other labels are allowed.
  std::map<std::string, std::string> label_schema;
  bool strict_labels = false;
  // Keys this format does not define, for the section's owner: key -> values (a scalar is a
  // one-element list). Only lists of scalars and scalars are kept.
  std::map<std::string, std::vector<std::string>> extras;
  std::map<std::string, uint64_t> extra_lines;  // extras key -> its line in the file

  // Applies `over` on top of this section: lists are appended, scalars and map entries of
  // `over` win.
  void MergeFrom(const PolicySection& over);

  // True when `id` or one of `aliases` is ignored (case-insensitive).
  bool Ignores(std::string_view id, const std::vector<std::string>& aliases) const;

  // The severity configured for `id` (or, failing that, for the first alias that has one).
  std::optional<Severity> SeverityFor(std::string_view id,
                                      const std::vector<std::string>& aliases) const;
};

struct ProjectConfig {
  std::string path;                               // file it was read from
  std::string format;                             // "portcullis" or "hadolint"
  PolicySection global;                           // top-level keys
  std::map<std::string, PolicySection> sections;  // per command: "dockerfile", "config", ...

  // The policy in force for `command`: the top level with its section applied.
  PolicySection For(std::string_view command) const;

  // Fails with kInvalidArgument, naming the file, the line and the keys expected, when the
  // section of `command` holds a key that neither the format defines nor `known` lists. A
  // Hadolint file passes: its output options (format, no-color, ...) are kept and not used.
  Result<void> CheckSectionKeys(std::string_view command,
                                std::initializer_list<std::string_view> known = {}) const;
};

// Drops the findings `policy` ignores (by id or alias) and applies its severity overrides to
// the rest; order is kept.
void ApplyPolicy(const PolicySection& policy, std::vector<Misconfiguration>& findings);

// Parses portcullis.yaml text; `path` names it in errors. Fails with kCorrupt (with the line)
// for malformed YAML, kInvalidArgument for a bad value or unknown key, kLimitExceeded when too
// large or nested too deeply.
Result<ProjectConfig> ParseProjectConfig(std::string_view text, std::string path);

// Parses .hadolint.yaml text into the `dockerfile` section. Same failures.
Result<ProjectConfig> ParseHadolintConfig(std::string_view text, std::string path);

// Reads `path`: a file named .hadolint.yaml / .hadolint.yml / hadolint.yaml is read as
// Hadolint's format, anything else as portcullis.yaml.
Result<ProjectConfig> LoadProjectConfig(const std::string& path);

// The config file to use in directory `dir`: portcullis.yaml, portcullis.yml,
// .portcullis.yaml, then .hadolint.yaml, .hadolint.yml; nullopt when there is none.
std::optional<std::string> FindProjectConfig(const std::string& dir);

}  // namespace portcullis
