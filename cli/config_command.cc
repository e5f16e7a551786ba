// `portcullis config`: audits runtime configuration — Kubernetes manifests, docker-compose
// files, docker inspect output, and docker/podman run lines in scripts, Makefiles and CI
// files, or given with --docker-run.
#include <optional>

#include "commands.h"
#include "common.h"
#include "config/runtime/audit.h"
#include "policy/project_config.h"

namespace portcullis::cli {

namespace {

struct ConfigFlags {
  std::vector<std::string> paths;
  std::vector<std::string> docker_run;
  std::string settings_path;
  unsigned parallel = 0;
  uint64_t max_file_bytes = runtime::YamlLimits{}.max_file_bytes;
  OutputFlags output;
};

int RunConfig(const ConfigFlags& f) {
  if (f.paths.empty() && f.docker_run.empty()) {
    return ReportError(Error{ErrorCode::kInvalidArgument,
                             "give at least one PATH or --docker-run 'docker run ...'"});
  }
  runtime::ConfigAuditOptions options;
  options.paths = f.paths;
  options.docker_run = f.docker_run;
  options.parallel = f.parallel;
  options.limits.max_file_bytes = f.max_file_bytes;
  // portcullis.yaml: the one named by --config, else the one in the working directory
  // (portcullis.yaml, portcullis.yml, .portcullis.yaml; a .hadolint.yaml has no `config` part).
  PolicySection policy;
  std::optional<std::string> config_path =
      f.settings_path.empty() ? FindProjectConfig(".") : std::optional(f.settings_path);
  if (config_path) {
    auto config = LoadProjectConfig(*config_path);
    if (!config) return ReportError(config.error());
    if (auto keys = config->CheckSectionKeys("config"); !keys) return ReportError(keys.error());
    policy = config->For("config");
  }
  options.policy = policy;
  auto report = runtime::AuditConfig(options);
  if (!report) return ReportError(report.error());
  return EmitReport(*report, WithFailurePolicy(f.output, policy), "config");
}

}  // namespace

void AddConfigCommand(CLI::App& app, int* exit_code) {
  static ConfigFlags flags;
  CLI::App* cmd = app.add_subcommand(
      "config",
      "audit runtime configuration: Kubernetes manifests, docker-compose files, docker inspect "
      "output, docker run lines in scripts, Makefiles and CI files");
  cmd->add_option("PATH", flags.paths, "files or directories to audit");
  cmd->add_option("--docker-run", flags.docker_run,
                  "audit one command line, e.g. --docker-run 'docker run --privileged nginx'");
  cmd->add_option("--config", flags.settings_path,
                  "policy file: portcullis.yaml (ignore, severity, failure_threshold; default: "
                  "the one in the current directory)");
  cmd->add_option("--parallel", flags.parallel, "files read at once (default: number of cores)");
  cmd->add_option("--max-file-bytes", flags.max_file_bytes, "skip (and report) larger files")
      ->capture_default_str();
  AddOutputFlags(cmd, flags.output, "table");
  cmd->callback([exit_code] { *exit_code = RunConfig(flags); });
}

}  // namespace portcullis::cli
