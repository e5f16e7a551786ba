// Report: everything one command found about one artifact. Every command (image, fs, sbom,
// dockerfile, config, host) produces this one shape; writers in src/report/ format it.
// Plain value type; build it on one thread, then read it from any.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "portcullis/model/finding.h"
#include "portcullis/model/package.h"

namespace portcullis {

inline constexpr std::string_view kReportSchema = "portcullis.report/v1";

struct Layer {
  std::string digest;      // blob digest as stored ("sha256:..."); diff_id when only that exists
  std::string diff_id;     // sha256 of the uncompressed tar, from the image config
  uint64_t size = 0;       // stored (possibly compressed) size in bytes
  std::string media_type;
  std::string created_by;  // history entry of the layer, when the config has one
};

struct Artifact {
  std::string name;        // what the user passed: path, reference
  std::string type;        // "docker-archive", "oci-layout", "oci-archive", "rootfs",
                           // "sbom", "dockerfile", "config", "host"
  std::string digest;      // manifest digest (OCI) or config digest (image id); "" for dirs
  std::string config_digest;
  std::vector<std::string> repo_tags;
  std::string platform;    // "linux/amd64"
  std::vector<Layer> layers;
  uint64_t size = 0;       // sum of layer sizes
};

struct OsInfo {
  std::string family;      // "debian", "ubuntu", "alpine", "rhel", "fedora", "rocky", ...
  std::string version;     // "12.5", "3.19.1", "9.3"
  std::string name;        // PRETTY_NAME, for people
  std::string codename;    // "bookworm"
  bool eol = false;        // the release is past its end of life on the scan date
  std::string eol_date;    // "2028-06-30", "" when the table has no entry
};

struct Report {
  std::string schema = std::string(kReportSchema);
  std::string tool_version;
  std::string created_at;  // RFC 3339 UTC
  Artifact artifact;
  std::optional<OsInfo> os;
  std::vector<Package> packages;
  std::vector<Vulnerability> vulnerabilities;
  std::vector<SecretFinding> secrets;
  std::vector<Misconfiguration> misconfigurations;
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> scanners;  // which scanners ran: "vuln", "secret", "hardening", ...
};

}  // namespace portcullis
