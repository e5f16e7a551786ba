// ScanDockerfiles: finds the Dockerfiles (config/dockerfile/discover.h), lints them
// (rules/dockerfile/linter.h) with the project configuration's "dockerfile" section, and applies
// the policy.
#include <filesystem>

#include "api/finish.h"
#include "config/dockerfile/discover.h"
#include "config/dockerfile/dockerfile.h"
#include "core/clock.h"
#include "core/strings.h"
#include "portcullis/scan.h"
#include "rules/dockerfile/linter.h"

namespace portcullis {

Result<ScanResult> ScanDockerfiles(const DockerfileScanOptions& options) {
  namespace fs = std::filesystem;
  if (options.paths.empty() && options.texts.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "no Dockerfile or directory given");
  }
  for (const DockerfileText& t : options.texts) {
    if (t.text.size() > dockerfile::kMaxDockerfileBytes) {
      return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                   fmt::format("larger than {} bytes",
                                               dockerfile::kMaxDockerfileBytes),
                                   t.name});
    }
  }
  LoadedPolicy policy = PC_TRY(LoadPolicy(options.policy, "dockerfile"));
  dockerfile::LintOptions lint;
  lint.shellcheck = options.shellcheck;
  lint.policy = policy.section;
  for (const auto& r : options.trusted_registries) lint.policy.trusted_registries.push_back(r);

  Report report;
  report.tool_version = PORTCULLIS_VERSION;
  report.created_at = NowRfc3339();
  report.artifact.type = "dockerfile";
  if (options.artifact_name.empty()) {
    std::vector<std::string> names;
    for (const DockerfileText& t : options.texts) names.push_back(t.name);
    names.insert(names.end(), options.paths.begin(), options.paths.end());
    report.artifact.name = Join(names, " ");
  } else {
    report.artifact.name = options.artifact_name;
  }
  report.scanners = {"dockerfile"};
  if (options.shellcheck) report.scanners.push_back("shellcheck");

  std::vector<std::string> files;
  for (const std::string& path : options.paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      WalkResult found = PC_TRY(dockerfile::DiscoverDockerfiles(path, options.walk));
      std::ranges::move(found.files, std::back_inserter(files));
      std::ranges::move(found.diagnostics, std::back_inserter(report.diagnostics));
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      return std::unexpected(Error{ErrorCode::kNotFound, "no such file or directory", path});
    }
  }
  for (const DockerfileText& t : options.texts) {
    dockerfile::LintDockerfile(t.text, t.name, lint, report);
  }
  dockerfile::LintDockerfileFiles(files, lint, options.parallel, report);
  return api::Finish(std::move(report), policy);
}

}  // namespace portcullis
