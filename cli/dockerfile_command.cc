// `portcullis dockerfile FILE... | - | DIR`: lint Dockerfiles (issue 5). Finds the files, reads
// the project policy (--config, else portcullis.yaml or .hadolint.yaml in the current
// directory), runs the linter on each file and hands one report to EmitReport.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <set>

#include "commands.h"
#include "common.h"
#include "config/dockerfile/dockerfile.h"
#include "core/clock.h"
#include "core/strings.h"
#include "policy/project_config.h"
#include "rules/dockerfile/linter.h"

namespace portcullis::cli {

namespace {

namespace fs = std::filesystem;

struct DockerfileFlags {
  std::vector<std::string> inputs;
  std::vector<std::string> trusted_registries;
  std::string config;
  bool shellcheck = false;
  unsigned parallel = 0;
  OutputFlags output;
};

Result<std::string> ReadStdin() {
  std::string text;
  char buf[65536];
  while (true) {
    ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Fail(ErrorCode::kIo, "cannot read standard input");
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > dockerfile::kMaxDockerfileBytes) {
      return Fail(ErrorCode::kLimitExceeded, "standard input is larger than {} bytes",
                  dockerfile::kMaxDockerfileBytes);
    }
  }
  return text;
}

int Run(DockerfileFlags& f) {
  dockerfile::LintOptions options;
  options.shellcheck = f.shellcheck;
  std::optional<std::string> config_path =
      f.config.empty() ? FindProjectConfig(".") : std::optional(f.config);
  if (config_path) {
    auto config = LoadProjectConfig(*config_path);
    if (!config) return ReportError(config.error());
    if (auto keys = config->CheckSectionKeys("dockerfile"); !keys) {
      return ReportError(keys.error());
    }
    options.policy = config->For("dockerfile");
  }
  for (const auto& r : f.trusted_registries) options.policy.trusted_registries.push_back(r);

  Report report;
  report.tool_version = PORTCULLIS_VERSION;
  report.created_at = NowRfc3339();
  report.artifact.type = "dockerfile";
  report.artifact.name = Join(f.inputs, " ");
  report.scanners = {"dockerfile"};
  if (f.shellcheck) report.scanners.push_back("shellcheck");

  std::vector<std::string> files;
  for (const auto& input : f.inputs) {
    if (input == "-") {
      auto text = ReadStdin();
      if (!text) return ReportError(text.error());
      dockerfile::LintDockerfile(*text, "-", options, report);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      for (auto& path : dockerfile::FindDockerfiles(input, report.diagnostics)) {
        files.push_back(std::move(path));
      }
      continue;
    }
    if (!fs::exists(input, ec)) {
      return ReportError(Error{ErrorCode::kNotFound, "no such file or directory", input});
    }
    files.push_back(input);
  }
  dockerfile::LintDockerfileFiles(files, options, f.parallel, report);

  return EmitReport(report, WithFailurePolicy(f.output, options.policy), "dockerfile");
}

}  // namespace

void AddDockerfileCommand(CLI::App& app, int* exit_code) {
  static DockerfileFlags flags;
  CLI::App* cmd = app.add_subcommand(
      "dockerfile", "lint Dockerfiles: Hadolint and Trivy checks plus container-security rules");
  cmd->add_option("PATH", flags.inputs,
                  "Dockerfiles, '-' for standard input, or directories to search for "
                  "Dockerfile, *.Dockerfile and Containerfile")
      ->required();
  cmd->add_option("--trusted-registry", flags.trusted_registries,
                  "allow base images only from this registry (repeatable; e.g. docker.io, "
                  "ghcr.io/acme)");
  cmd->add_option("--config", flags.config,
                  "policy file: portcullis.yaml or .hadolint.yaml (default: the one in the "
                  "current directory)");
  cmd->add_option("--parallel", flags.parallel, "files linted at once (default: number of cores)");
  cmd->add_flag("--shellcheck", flags.shellcheck,
                "also run ShellCheck on every RUN (needs the shellcheck program)");
  AddOutputFlags(cmd, flags.output, "table");
  cmd->callback([exit_code] { *exit_code = Run(flags); });
}

}  // namespace portcullis::cli
