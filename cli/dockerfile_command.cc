// `portcullis dockerfile FILE... | - | DIR`: lint Dockerfiles (issue 5). Parses the flags into
// DockerfileScanOptions (standard input becomes an in-memory text), calls ScanDockerfiles
// (portcullis/scan.h) and writes the report.
#include <unistd.h>

#include <cerrno>

#include "commands.h"
#include "common.h"
#include "core/strings.h"
#include "portcullis/scan.h"

namespace portcullis::cli {

namespace {

// What ScanDockerfiles accepts in memory; more is refused while reading.
constexpr size_t kMaxStdinBytes = 8u << 20;

struct DockerfileFlags {
  std::vector<std::string> inputs;
  std::vector<std::string> trusted_registries;
  bool shellcheck = false;
  unsigned parallel = 0;
  OutputFlags output;
  PolicyFlags policy;
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
    if (text.size() > kMaxStdinBytes) {
      return Fail(ErrorCode::kLimitExceeded, "standard input is larger than {} bytes",
                  kMaxStdinBytes);
    }
  }
  return text;
}

int Run(DockerfileFlags& f) {
  if (auto bad = CheckOutputFlags(f.output)) return *bad;
  DockerfileScanOptions options;
  options.trusted_registries = f.trusted_registries;
  options.shellcheck = f.shellcheck;
  options.parallel = f.parallel;
  options.artifact_name = Join(f.inputs, " ");
  options.policy = ToPolicyOptions(f.policy);
  for (const auto& input : f.inputs) {
    if (input == "-") {
      auto text = ReadStdin();
      if (!text) return ReportError(text.error());
      options.texts.push_back({"-", std::move(*text)});
    } else {
      options.paths.push_back(input);
    }
  }
  return Emit(ScanDockerfiles(options), f.output, "dockerfile");
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
  cmd->add_option("--parallel", flags.parallel, "files linted at once (default: number of cores)");
  cmd->add_flag("--shellcheck", flags.shellcheck,
                "also run ShellCheck on every RUN (needs the shellcheck program)");
  AddOutputFlags(cmd, flags.output, "table");
  AddPolicyFlags(cmd, flags.policy,
                 "policy file: portcullis.yaml or .hadolint.yaml (default: the one in the "
                 "current directory)");
  cmd->callback([exit_code] { *exit_code = Run(flags); });
}

}  // namespace portcullis::cli
