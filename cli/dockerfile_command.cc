// `portcullis dockerfile FILE... | - | DIR`: lint Dockerfiles (issue 5). Finds the files, reads
// the project policy (--config, else portcullis.yaml or .hadolint.yaml in the current
// directory), runs the linter on each file and hands one report to EmitReport.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "commands.h"
#include "common.h"
#include "config/dockerfile/dockerfile.h"
#include "core/files.h"
#include "core/strings.h"
#include "policy/project_config.h"
#include "rules/dockerfile/linter.h"

namespace portcullis::cli {

namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxDiscoveredFiles = 100'000;

struct DockerfileFlags {
  std::vector<std::string> inputs;
  std::vector<std::string> trusted_registries;
  std::string config;
  bool shellcheck = false;
  OutputFlags output;
  CLI::Option* exit_code_option = nullptr;
};

bool IsDockerfileName(std::string_view name) {
  if (name.ends_with(".dockerignore")) return false;
  return name == "Dockerfile" || name == "Containerfile" || name.ends_with(".Dockerfile") ||
         name.ends_with(".dockerfile") || name.starts_with("Dockerfile.") ||
         name.starts_with("Containerfile.");
}

// Dockerfiles under `dir`, sorted; hidden directories and node_modules are skipped.
std::vector<std::string> Discover(const std::string& dir, Report& report) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& e = *it;
    std::string name = e.path().filename().string();
    std::error_code type_ec;
    if (e.is_directory(type_ec)) {
      if ((name.starts_with('.') && name.size() > 1) || name == "node_modules" ||
          it.depth() > 64) {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (!e.is_regular_file(type_ec) || !IsDockerfileName(name)) continue;
    if (out.size() >= kMaxDiscoveredFiles) {
      report.diagnostics.push_back({"dockerfile.too_many_files", dir, 0, 0,
                                    fmt::format("more than {} Dockerfiles; the rest are not "
                                                "checked",
                                                kMaxDiscoveredFiles),
                                    Severity::kHigh});
      break;
    }
    out.push_back(e.path().string());
  }
  if (ec) {
    report.diagnostics.push_back({"dockerfile.walk", dir, 0, 0,
                                  fmt::format("cannot list the directory: {}", ec.message()),
                                  Severity::kHigh});
  }
  std::ranges::sort(out);
  return out;
}

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
    options.policy = config->For("dockerfile");
  }
  for (const auto& r : f.trusted_registries) options.policy.trusted_registries.push_back(r);

  Report report;
  report.tool_version = PORTCULLIS_VERSION;
  report.artifact.type = "dockerfile";
  report.artifact.name = Join(f.inputs, " ");
  report.scanners = {"dockerfile"};
  if (f.shellcheck) report.scanners.push_back("shellcheck");

  for (const auto& input : f.inputs) {
    if (input == "-") {
      auto text = ReadStdin();
      if (!text) return ReportError(text.error());
      dockerfile::LintDockerfile(*text, "-", options, report);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      for (const auto& path : Discover(input, report)) {
        auto text = ReadFileLimited(path, dockerfile::kMaxDockerfileBytes);
        if (!text) {
          report.diagnostics.push_back({"dockerfile.unreadable", path, 0, 0,
                                        text.error().message, Severity::kHigh});
          continue;
        }
        dockerfile::LintDockerfile(*text, path, options, report);
      }
      continue;
    }
    auto text = ReadFileLimited(input, dockerfile::kMaxDockerfileBytes);
    if (!text) return ReportError(text.error().WithPath(input));
    dockerfile::LintDockerfile(*text, input, options, report);
  }

  const PolicySection& policy = options.policy;
  OutputFlags out = f.output;
  // A configured failure threshold (Hadolint's failure-threshold) makes findings fail the run
  // even without --exit-code, as Hadolint does.
  bool threshold = policy.failure_threshold.has_value() || policy.never_fail;
  if (threshold && f.exit_code_option->count() == 0) out.exit_code = kExitError;
  int rc = EmitReport(report, out, "dockerfile");
  if (rc != out.exit_code || rc == kExitOk || !threshold) return rc;
  if (policy.never_fail) return kExitOk;
  bool over = std::ranges::any_of(report.misconfigurations, [&](const Misconfiguration& m) {
    return m.severity >= *policy.failure_threshold;
  });
  return over ? rc : kExitOk;
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
  cmd->add_flag("--shellcheck", flags.shellcheck,
                "also run ShellCheck on every RUN (needs the shellcheck program)");
  AddOutputFlags(cmd, flags.output, "table");
  for (CLI::Option* o : cmd->get_options()) {
    if (o->check_lname("exit-code")) flags.exit_code_option = o;
  }
  cmd->callback([exit_code] { *exit_code = Run(flags); });
}

}  // namespace portcullis::cli
