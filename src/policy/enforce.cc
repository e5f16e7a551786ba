#include "policy/enforce.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "policy/filter.h"

namespace portcullis {

namespace {

// `name` in the working directory `dir` ("" = the current directory, named relatively so that
// messages read as before: ".portcullisignore").
std::string InWorkingDir(const std::string& dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  return (std::filesystem::path(dir) / name).string();
}

// The project configuration's ignore list and severity overrides, on every finding kind.
void ApplySection(const PolicySection& section, Report& report) {
  ApplyPolicy(section, report.misconfigurations);
  std::erase_if(report.vulnerabilities,
                [&](const Vulnerability& v) { return section.Ignores(v.id, v.aliases); });
  for (Vulnerability& v : report.vulnerabilities) {
    if (auto s = section.SeverityFor(v.id, v.aliases)) v.severity = *s;
  }
  const std::vector<std::string> no_aliases;
  std::erase_if(report.secrets,
                [&](const SecretFinding& f) { return section.Ignores(f.rule_id, no_aliases); });
  for (SecretFinding& f : report.secrets) {
    if (auto s = section.SeverityFor(f.rule_id, no_aliases)) f.severity = *s;
  }
}

}  // namespace

int ExitCodeFor(const Error& error) {
  return error.code == ErrorCode::kInvalidArgument ? kExitUsage : kExitError;
}

Result<LoadedPolicy> LoadPolicy(const PolicyOptions& options, std::string_view command,
                                std::initializer_list<std::string_view> known_keys) {
  LoadedPolicy out;
  out.command = std::string(command);
  out.ignore_unfixed = options.ignore_unfixed;
  out.exit_code = options.exit_code;
  out.today = options.today;
  if (!options.severity.empty()) out.severities = PC_TRY(ParseSeverityList(options.severity));

  std::optional<std::string> config_path;
  if (!options.project_config.empty()) {
    config_path = options.project_config;
  } else if (options.discover) {
    config_path = FindProjectConfig(options.working_dir.empty() ? "." : options.working_dir);
  }
  if (config_path) {
    ProjectConfig config = PC_TRY(LoadProjectConfig(*config_path));
    PC_TRY_VOID(config.CheckSectionKeys(command, known_keys));
    out.section = config.For(command);
    out.config_path = *config_path;
  }

  std::string ignore_path = options.ignore_file;
  if (ignore_path.empty() && options.discover) {
    std::string found = InWorkingDir(options.working_dir, ".portcullisignore");
    if (::access(found.c_str(), R_OK) == 0) ignore_path = std::move(found);
  }
  if (!ignore_path.empty()) out.ignore_file = PC_TRY(ReadIgnoreFile(ignore_path));
  if (!options.vex.empty()) out.vex = PC_TRY(ReadVex(options.vex));
  return out;
}

Outcome EnforcePolicy(Report& report, const LoadedPolicy& policy) {
  ApplySection(policy.section, report);
  FilterOptions filter;
  filter.severities = policy.severities;
  filter.ignore_unfixed = policy.ignore_unfixed;
  filter.ignore_file = policy.ignore_file ? &*policy.ignore_file : nullptr;
  filter.vex = policy.vex ? &*policy.vex : nullptr;
  filter.today = policy.today;
  ApplyFilter(report, filter);

  Outcome outcome;
  outcome.complete = std::ranges::none_of(
      report.diagnostics, [](const Diagnostic& d) { return d.severity >= Severity::kHigh; });
  outcome.findings = CountFindings(report);
  const PolicySection& section = policy.section;
  auto fails = [&](Severity s) {
    return !section.failure_threshold || s >= *section.failure_threshold;
  };
  if (!section.never_fail) {
    for (const auto& f : report.vulnerabilities) outcome.failing_findings += fails(f.severity);
    for (const auto& f : report.secrets) outcome.failing_findings += fails(f.severity);
    for (const auto& f : report.misconfigurations) outcome.failing_findings += fails(f.severity);
  }
  outcome.gate_passed = outcome.failing_findings == 0;
  if (!outcome.gate_passed) {
    int fallback = section.failure_threshold ? kExitError : kExitOk;
    outcome.exit_code = policy.exit_code.value_or(fallback);
  }
  return outcome;
}

}  // namespace portcullis
