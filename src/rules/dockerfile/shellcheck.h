// ShellCheck passthrough for the Dockerfile linter (as Hadolint does it): each shell-form RUN
// becomes a script for the stage's SHELL, with the ARG and ENV names in force exported so
// SC2154 stays quiet, and ShellCheck's JSON findings become Misconfigurations with ids SCnnnn
// at the Dockerfile lines they refer to. Internal to src/rules/dockerfile/ (linter.cc).
//
// Runs `shellcheck` as a child process per RUN (bounded input, output and time). Thread-safe:
// it keeps no state between calls.
#pragma once

#include <string>
#include <vector>

#include "portcullis/model/finding.h"
#include "rules/dockerfile/rules.h"

namespace portcullis::dockerfile {

// Appends ShellCheck's findings on every shell-form RUN of `context` to `findings`. When the
// program cannot be run, appends one Diagnostic (code "dockerfile.shellcheck_skipped",
// severity INFO) saying so and returns.
void RunShellcheck(const LintContext& context, const std::string& program,
                   std::vector<Misconfiguration>& findings, std::vector<Diagnostic>& diagnostics);

}  // namespace portcullis::dockerfile
