// The runtime audit's section of `portcullis.yaml`: which findings to ignore and which
// severities to override.
//
//   ignore: [PC-RT-033]           # applies to every command
//   severity: {PC-RT-009: LOW}
//   config:                       # `portcullis config` only; adds to / overrides the above
//     ignore: [KSV-0036]
//     severity: {PC-RT-011: INFO}
//
// Ids are rule ids or aliases, case-insensitive. This reader uses only the keys above so it
// can be switched to the shared project-config loader (src/policy/project_config.h) when that
// lands, without changing callers. Pure functions; call from any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/model/finding.h"
#include "portcullis/result.h"

namespace portcullis::runtime {

struct RuntimeSettings {
  std::vector<std::string> ignore;              // lower-case ids and aliases
  std::map<std::string, Severity> severity;     // lower-case id or alias -> new severity
};

// Parses the text of a `portcullis.yaml` named `path`. Fails with kCorrupt (naming the line)
// when it is not YAML, a key has the wrong shape, or a severity name is unknown.
Result<RuntimeSettings> ParseRuntimeSettings(std::string_view text, std::string_view path);

// Drops ignored findings and applies severity overrides.
void ApplyRuntimeSettings(const RuntimeSettings& settings,
                          std::vector<Misconfiguration>& findings);

}  // namespace portcullis::runtime
