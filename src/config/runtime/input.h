// Reading one runtime-configuration input for `portcullis config`: detects what a file is from
// its name and content — Kubernetes YAML/JSON (apiVersion + kind), compose files (a `services`
// map; `.env` beside them is read for interpolation), `docker inspect` JSON (Config +
// HostConfig), CI YAML with command strings, shell scripts / Makefiles — and parses it into the
// normalised model with its inline suppressions. Running the rules over the inputs is not done
// here: that is the scan in src/api/ (config/ sits below rules/).
//
// Pure functions of their arguments and of the files they are asked to read; any thread may
// call them, several at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/runtime/document.h"
#include "config/runtime/model.h"
#include "config/runtime/suppression.h"
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

// True when a directory walk should read `path`: shell scripts and Makefiles by name or
// extension, and *.yaml, *.yml, *.json.
bool IsConfigCandidateName(std::string_view path);

// Reads the file `path` and audits it (kAuto), with the `.env` next to it when it may be a
// compose file. A file that cannot be read gives a "config.read" diagnostic (HIGH); an
// `explicit_file` (named by the user, not found by a walk) that is no input kind gives a
// "config.unrecognised" one (INFO).
FileAudit AuditFile(const std::string& path, bool explicit_file, const YamlLimits& limits);

}  // namespace portcullis::runtime
