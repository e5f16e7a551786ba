// The Dockerfile linter: parses one Dockerfile, runs every rule of the PC-DF table (and, when
// asked, ShellCheck on each RUN), applies the project's policy (ignored rules, severity
// overrides, inline `# hadolint ignore=` / `# portcullis ignore=` pragmas) and appends
// Misconfigurations (kind "dockerfile") and Diagnostics to a Report.
//
// LintDockerfile is a pure function of its arguments except for the optional ShellCheck child
// process; it may be called from several threads at once on different reports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "policy/project_config.h"
#include "portcullis/model/report.h"

namespace portcullis::dockerfile {

struct LintOptions {
  PolicySection policy;     // ignore, severity overrides, trusted registries
  bool shellcheck = false;  // run ShellCheck on each shell-form RUN
  std::string shellcheck_program = "shellcheck";
};

// Lints `content` as the Dockerfile `path`. Malformed input gives Diagnostics (with line and
// column) and the rest is still checked; findings carry path, line, end_line and the stage.
// Returns the number of findings added.
size_t LintDockerfile(std::string_view content, const std::string& path, const LintOptions& options,
                      Report& report);

// Reads and lints every file of `paths`, `threads` files at once (0 = one per core), and
// appends the results to `report` in the order of `paths`. A file that cannot be read becomes
// a Diagnostic. Returns the number of findings added.
size_t LintDockerfileFiles(const std::vector<std::string>& paths, const LintOptions& options,
                           unsigned threads, Report& report);

}  // namespace portcullis::dockerfile
