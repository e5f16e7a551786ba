// `portcullis config`: audits runtime configuration — Kubernetes manifests, docker-compose
// files, docker inspect output, and docker/podman run lines in scripts, Makefiles and CI
// files, or given with --docker-run. Parses the flags into ConfigScanOptions, calls ScanConfig
// (portcullis/scan.h) and writes the report.
#include "commands.h"
#include "common.h"
#include "portcullis/scan.h"

namespace portcullis::cli {

namespace {

struct ConfigFlags {
  std::vector<std::string> paths;
  std::vector<std::string> docker_run;
  unsigned parallel = 0;
  uint64_t max_file_bytes = ConfigScanOptions{}.max_file_bytes;
  OutputFlags output;
  PolicyFlags policy;
};

int RunConfig(const ConfigFlags& f) {
  if (auto bad = CheckOutputFlags(f.output)) return *bad;
  ConfigScanOptions options;
  options.paths = f.paths;
  options.docker_run = f.docker_run;
  options.parallel = f.parallel;
  options.max_file_bytes = f.max_file_bytes;
  options.policy = ToPolicyOptions(f.policy);
  return Emit(ScanConfig(options), f.output, "config");
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
  cmd->add_option("--parallel", flags.parallel, "files read at once (default: number of cores)");
  cmd->add_option("--max-file-bytes", flags.max_file_bytes, "skip (and report) larger files")
      ->capture_default_str();
  AddOutputFlags(cmd, flags.output, "table");
  AddPolicyFlags(cmd, flags.policy,
                 "policy file: portcullis.yaml (ignore, severity, failure_threshold; default: "
                 "the one in the current directory)");
  cmd->callback([exit_code] { *exit_code = RunConfig(flags); });
}

}  // namespace portcullis::cli
