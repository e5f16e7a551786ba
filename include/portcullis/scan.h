// The library API: one entry point per scan kind. Each takes an options struct (what to scan,
// how, and the PolicyOptions of portcullis/policy.h) and returns a ScanResult: the report with
// the policy applied, and the Outcome (complete or not, gate passed or not, the exit code a
// command-line front end should use, warnings to show). The `portcullis` executable is a thin
// front end over these functions; a server calls the same ones.
//
//   ScanImage        container image (docker-archive, OCI layout or archive, dir:, sbom:)
//   ScanFilesystem   a root file system directory, scanned like an image
//   ScanSbom         the package inventory only (no vulnerability, secret or hardening scanner)
//   ScanDockerfiles  Dockerfiles: files, directories (walked) and in-memory texts
//   ScanConfig       runtime configuration: Kubernetes, compose, docker inspect, docker run lines
//   ApplyScanPolicy  the policy step alone, on a report produced elsewhere
//
// Errors: a Result error means nothing was scanned (kInvalidArgument for bad options, which
// ExitCodeFor maps to kExitUsage; kNotFound for a missing input; kIo, kCorrupt,
// kDigestMismatch, kLimitExceeded when the artifact as a whole cannot be read). Everything read
// only in part is a diagnostic in the report and makes Outcome::complete false when it lost
// data.
//
// Threads: every function here may be called from any thread, and from several threads at
// once, with no locking by the caller. They share no mutable state except caches that are
// internally locked (compiled secret rules, keyed by the secret-config file's path and
// content). Each call may start its own worker threads (`parallel`). Things that are not
// per-call: the process's current directory (used when PolicyOptions::working_dir is "" or a
// path is relative), the environment (SOURCE_DATE_EPOCH, XDG_CACHE_HOME, HOME are read), and
// the progress line on stderr (ScanOptions::progress; turn it off when calling from several
// threads). Options and results are plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "portcullis/limits.h"
#include "portcullis/model/report.h"
#include "portcullis/options.h"
#include "portcullis/policy.h"
#include "portcullis/result.h"

namespace portcullis {

struct ScanResult {
  Report report;    // filtered by the policy
  Outcome outcome;
};

// ScanImage / ScanFilesystem / ScanSbom.
struct ImageScanOptions {
  // What to scan and with which scanners (portcullis/options.h). For ScanFilesystem `source`
  // is a directory path (a "dir:" prefix is added when missing); ScanSbom ignores `scanners`.
  ScanOptions scan;
  PolicyOptions policy;
  // ScanImage only: a public key file (cosign.pub or any SPKI PEM). When set, the image must be
  // a registry image with a cosign signature that verifies with this key, or ScanImage fails
  // (kExitError) before scanning; the scan then reads exactly the verified digest.
  std::string verify_key;
};

// Scans an image through Scanner::Scan and applies the policy (project-config section
// "image").
[[nodiscard]] Result<ScanResult> ScanImage(const ImageScanOptions& options);

// Scans a root file system directory like an image (section "fs").
[[nodiscard]] Result<ScanResult> ScanFilesystem(const ImageScanOptions& options);

// The software bill of materials: packages only, every scanner off (section "sbom").
[[nodiscard]] Result<ScanResult> ScanSbom(const ImageScanOptions& options);

// A Dockerfile held in memory (standard input, an upload).
struct DockerfileText {
  std::string name;  // how findings name it ("-" for standard input)
  std::string text;  // at most 8 MiB (larger fails with kLimitExceeded)
};

struct DockerfileScanOptions {
  // Dockerfiles and directories to search for them (Dockerfile, Containerfile, *.Dockerfile,
  // *.dockerfile, Dockerfile.*, Containerfile.*) with the project walker: see `walk` and the
  // README's "Directories" paragraph for what a walk skips.
  std::vector<std::string> paths;
  // In-memory Dockerfiles; linted before the files of `paths`.
  std::vector<DockerfileText> texts;
  // Base images are allowed only from these registries (added to the project config's list).
  std::vector<std::string> trusted_registries;
  // Also run ShellCheck (the `shellcheck` program) on every RUN.
  bool shellcheck = false;
  // Files linted at once; 0 = number of cores.
  unsigned parallel = 0;
  WalkLimits walk;
  // How the report names what was scanned; "" = `paths` (and the texts' names) joined.
  std::string artifact_name;
  PolicyOptions policy;
};

// Lints Dockerfiles (project-config section "dockerfile", which also gives the trusted
// registries, label schema and whether inline pragmas count). Fails with kInvalidArgument when
// nothing is named, kNotFound when a path does not exist.
[[nodiscard]] Result<ScanResult> ScanDockerfiles(const DockerfileScanOptions& options);

struct ConfigScanOptions {
  // Files and directories; directories are walked for *.yaml, *.yml, *.json, shell scripts and
  // Makefiles (with the project walker, see `walk`).
  std::vector<std::string> paths;
  // Command lines audited directly ("docker run --privileged nginx").
  std::vector<std::string> docker_run;
  // Files read at once; 0 = number of cores.
  unsigned parallel = 0;
  // Larger files are not parsed (a diagnostic says so).
  uint64_t max_file_bytes = 32ull << 20;
  WalkLimits walk;
  PolicyOptions policy;
};

// Audits runtime configuration: every input is read into one model and the runtime rules run
// once over all of it, so a NetworkPolicy in one file covers workloads in another (section
// "config"). Fails with kInvalidArgument when neither a path nor a command line is given,
// kNotFound when a path does not exist.
[[nodiscard]] Result<ScanResult> ScanConfig(const ConfigScanOptions& options);

// Applies `policy` to `report` as the entry points do for `command` ("image", "fs", "sbom",
// "dockerfile", "config": the project-config section to use). For a report made elsewhere
// (e.g. stored earlier). Fails when a policy file cannot be read or is malformed.
[[nodiscard]] Result<ScanResult> ApplyScanPolicy(Report report, const PolicyOptions& policy,
                                                 std::string_view command);

}  // namespace portcullis
