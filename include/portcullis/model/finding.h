// The finding kinds of a report: vulnerabilities, secrets, misconfigurations and diagnostics.
// Every scanner writes one of these shapes; report writers only format them. Field names
// mirror the portcullis.report/v1 JSON schema (docs/report-format.md). Plain value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "portcullis/model/severity.h"

namespace portcullis {

// A known vulnerability affecting an installed package.
struct Vulnerability {
  std::string id;                    // primary id, the CVE when there is one
  std::vector<std::string> aliases;  // other ids of the same flaw (DSA-, GHSA-, ...)
  std::string package;               // binary package name
  std::string source_package;        // source package the advisory names
  std::string installed_version;
  std::string fixed_version;         // "" when no fix exists
  std::string status;                // "fixed", "unfixed", "will_not_fix", "end_of_life"
  Severity severity = Severity::kUnknown;
  std::string severity_source;       // "cvss_v3", "cvss_v4", "debian", "ghsa", "cve-table", ...
  double cvss_score = 0;             // base score computed from cvss_vector (0 = none)
  std::string cvss_vector;
  std::string title;
  std::string description;
  std::vector<std::string> references;
  // The package instance the finding is about (two copies of one package are two findings):
  std::string package_path;          // its found_in: database, manifest, archive or binary path
  std::string layer;                 // digest of the layer that installed that instance
  std::string purl;
  std::string ecosystem;             // of the package, e.g. "Debian:12"
  std::string data_source;           // which advisory feed said so
  std::string published;             // RFC 3339, "" if unknown
  std::string modified;
};

// A secret found in a file, the image config or the build history.
struct SecretFinding {
  std::string rule_id;
  std::string title;
  Severity severity = Severity::kUnknown;
  std::string category;        // provider family: "AWS", "GitHub", "PrivateKey", ...
  std::string path;            // file path, or "config:Env", "history[3]" for non-file sources
  uint64_t line = 0;           // 1-based; 0 when not line-addressable
  std::string layer;           // digest of the layer holding the file ("" for config/history)
  bool deleted_in_later_layer = false;  // a later layer's whiteout removed the file
  std::string deleted_in_layer;         // digest of that later layer
  std::string match;           // redacted: first 4 characters of the secret, then "*****"
};

// A rule that fired: Dockerfile lint, image hardening, runtime configuration, host benchmark.
struct Misconfiguration {
  std::string id;                    // PC-DF-nnn, PC-IMG-nnn, PC-RT-nnn, PC-HOST-nnn
  std::vector<std::string> aliases;  // the same check's id in Hadolint, Trivy, Dockle, CIS, ...
  Severity severity = Severity::kUnknown;
  std::string title;
  std::string kind;                  // "dockerfile", "image", "runtime", "host"
  std::string target;                // the file or artifact checked
  std::string resource;              // "Deployment/default/web", "service web", "stage build", ...
  std::string path;                  // file path, or config key ("config.User")
  uint64_t line = 0;                 // 1-based start line; 0 when not line-addressable
  uint64_t end_line = 0;
  uint64_t column = 0;               // 1-based column of `line`; 0 when unknown
  std::string message;               // what exactly was found, naming the offending values
  std::string remediation;
  std::vector<std::string> references;
};

// Input that could not be read, fully or in part: the scan went on without it.
struct Diagnostic {
  std::string code;     // stable machine name: "tar.path_escape", "dpkg.bad_stanza", ...
  std::string path;     // file, blob or package database it concerns
  uint64_t line = 0;    // 1-based; 0 when unknown
  uint64_t column = 0;  // 1-based; 0 when unknown
  std::string message;
  Severity severity = Severity::kMedium;  // kInfo for "skipped on purpose", kHigh for lost data
};

}  // namespace portcullis
