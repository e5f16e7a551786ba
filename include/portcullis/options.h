// ScanOptions: everything a caller (the CLI, the server, a test) can ask of a scan.
// Plain value type; build it on one thread and hand it to Scanner.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/limits.h"
#include "portcullis/model/severity.h"
#include "portcullis/result.h"
#include "portcullis/registry_options.h"

namespace portcullis {

// The scanners of `portcullis image` / `portcullis fs`.
enum class ScannerKind { kVuln, kSecret, kHardening };

// "vuln", "secret", "hardening".
std::string_view ScannerKindName(ScannerKind kind);

// Parses a comma list of scanner names ("vuln,secret"), dropping repeats. Fails with
// kInvalidArgument naming an unknown entry.
[[nodiscard]] Result<std::vector<ScannerKind>> ParseScannerKinds(std::string_view list);

struct ScanOptions {
  // What to scan: "docker-archive:FILE", "oci:DIR[:TAG]", "oci-archive:FILE[:TAG]",
  // "dir:PATH", "sbom:FILE", "registry:REF", "docker:IMAGE", "podman:IMAGE", a bare path whose
  // kind is detected, or (when no such path exists) an image reference.
  std::string source;
  // "os/arch[/variant]" for image indexes; empty = linux/amd64.
  std::string platform;
  // registry:REF, docker:IMAGE, podman:IMAGE and bare references: how to reach them.
  RegistryOptions registry;
  // Which scanners run. An SBOM (package inventory) is always produced.
  std::vector<ScannerKind> scanners = {ScannerKind::kVuln, ScannerKind::kSecret,
                                       ScannerKind::kHardening};
  // Layers analysed at once; 0 = number of cores.
  unsigned parallel = 0;
  Limits limits;
  // Show a progress line on stderr when it is a terminal and the scan takes over a second.
  bool progress = true;

  // vuln: path of the SQLite advisory database ("" = $XDG_CACHE_HOME/portcullis/db.sqlite).
  std::string db_path;
  // secret: optional YAML with extra rules, disabled rules and allow-lists.
  std::string secret_config;
  // secret: files larger than this are skipped (and reported as skipped).
  uint64_t secret_max_file_bytes = 10ull << 20;
  // hardening: "default", "strict" or "debug".
  std::string hardening_profile = "default";
  // hardening: image size (bytes of the files of all layers) and layer count above which
  // PC-IMG-025 / PC-IMG-026 report (as information).
  uint64_t hardening_max_image_bytes = 1ull << 30;
  uint64_t hardening_max_layers = 50;
};

}  // namespace portcullis
