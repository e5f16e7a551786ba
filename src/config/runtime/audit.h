// The runtime-configuration audit behind `portcullis config`: finds and reads the inputs
// (files, directories, `docker run` lines), detects what each file is, parses it into the
// normalised model, runs the runtime rules once over everything (so a NetworkPolicy in one file
// covers workloads in another), drops findings suppressed by inline comments or the project
// policy (portcullis.yaml), and returns a Report (artifact type "config").
//
// Input kinds are detected from names and content: Kubernetes YAML/JSON (apiVersion + kind),
// compose files (a `services` map; `.env` beside them is read for interpolation), `docker
// inspect` JSON (Config + HostConfig), CI YAML with command strings, and shell scripts /
// Makefiles. Directory walks skip .git and node_modules, do not follow symlinks, and read only
// files with those names or extensions. Files are read in parallel; call from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/runtime/document.h"
#include "config/runtime/model.h"
#include "config/runtime/suppression.h"
#include "policy/project_config.h"
#include "portcullis/model/report.h"
#include "portcullis/result.h"

namespace portcullis::runtime {

enum class ConfigKind : uint8_t {
  kUnknown,      // not detected: skipped
  kAuto,         // detect from name and content
  kKubernetes,
  kCompose,
  kDockerInspect,
  kScript,       // shell script or Makefile with docker run lines
  kCi,           // CI YAML whose command strings hold docker run lines
};

// "kubernetes", "compose", "docker-inspect", "script", "ci", "unknown", "auto".
std::string_view ConfigKindName(ConfigKind kind);

// What one file held.
struct FileAudit {
  ConfigKind kind = ConfigKind::kUnknown;
  RuntimeModel model;
  std::vector<Diagnostic> diagnostics;
  Suppressions suppressions;
};

// Reads the text of one file named `path` (`kind` kAuto to detect it). `dotenv` is the text of
// the `.env` file next to a compose file ("" when there is none). Never fails: unreadable parts
// become diagnostics.
FileAudit AuditText(std::string_view text, std::string_view path, ConfigKind kind,
                    std::string_view dotenv = "", const YamlLimits& limits = {});

struct ConfigAuditOptions {
  std::vector<std::string> paths;       // files and directories
  std::vector<std::string> docker_run;  // command lines given directly (`--docker-run`)
  unsigned parallel = 0;                // files read at once; 0 = number of cores
  YamlLimits limits;
  uint64_t max_files = 200'000;         // files visited in directory walks
  PolicySection policy;                 // portcullis.yaml for `config`: ignore, severity
};

// Audits everything `options` names. Fails (kNotFound/kIo) only when a path given explicitly
// cannot be read at all; everything else becomes a diagnostic in the report.
Result<Report> AuditConfig(const ConfigAuditOptions& options);

}  // namespace portcullis::runtime
