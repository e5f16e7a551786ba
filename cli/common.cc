#include "common.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>

#include <cstdio>
#include <optional>

#include "core/files.h"
#include "report/writer.h"

namespace portcullis::cli {

void AddOutputFlags(CLI::App* cmd, OutputFlags& flags, std::string default_format) {
  flags.format = std::move(default_format);
  cmd->add_option("-f,--format", flags.format,
                  "output format: table, json, sarif, junit, cyclonedx, spdx")
      ->capture_default_str();
  cmd->add_option("-o,--output", flags.output, "write the report to this file instead of stdout");
  cmd->add_option("--severity", flags.severity,
                  "only report these severities (comma list: UNKNOWN,INFO,LOW,MEDIUM,HIGH,"
                  "CRITICAL)");
  flags.exit_code_option =
      cmd->add_option("--exit-code", flags.exit_code,
                      "exit with this status when findings remain after filtering")
          ->capture_default_str();
  cmd->add_flag("-q,--quiet", flags.quiet, "no progress output");
}

OutputFlags WithFailurePolicy(OutputFlags flags, const PolicySection& policy) {
  if (policy.never_fail) {
    flags.exit_code = kExitOk;
  } else if (policy.failure_threshold) {
    bool exit_code_given = flags.exit_code_option && flags.exit_code_option->count() > 0;
    if (!exit_code_given) flags.exit_code = kExitError;
    flags.fail_threshold = policy.failure_threshold;
  }
  return flags;
}

int ReportError(const Error& error) {
  std::fprintf(stderr, "portcullis: %s\n", error.ToString().c_str());
  return error.code == ErrorCode::kInvalidArgument ? kExitUsage : kExitError;
}

int EmitReport(Report& report, const OutputFlags& flags, std::string_view command) {
  auto format = ParseReportFormat(flags.format);
  if (!format) return ReportError(format.error());
  FilterOptions filter;
  filter.ignore_unfixed = flags.ignore_unfixed;
  if (!flags.severity.empty()) {
    auto severities = ParseSeverityList(flags.severity);
    if (!severities) return ReportError(severities.error());
    filter.severities = std::move(*severities);
  }
  std::optional<IgnoreFile> ignore;
  std::string ignore_path = flags.ignorefile;
  if (ignore_path.empty() && access(".portcullisignore", R_OK) == 0) {
    ignore_path = ".portcullisignore";
  }
  if (!ignore_path.empty()) {
    auto parsed = ReadIgnoreFile(ignore_path);
    if (!parsed) return ReportError(parsed.error());
    ignore = std::move(*parsed);
    filter.ignore_file = &*ignore;
  }
  std::optional<VexDocument> vex;
  if (!flags.vex.empty()) {
    auto parsed = ReadVex(flags.vex);
    if (!parsed) return ReportError(parsed.error());
    vex = std::move(*parsed);
    filter.vex = &*vex;
  }
  ApplyFilter(report, filter);

  WriteOptions options;
  options.command = std::string(command);
  options.color = flags.output.empty() && isatty(STDOUT_FILENO) == 1 && !std::getenv("NO_COLOR");
  struct winsize ws {};
  if (flags.output.empty() && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) {
    options.width = ws.ws_col;
  }
  auto text = WriteReport(report, *format, options);
  if (!text) return ReportError(text.error());
  if (flags.output.empty()) {
    std::fwrite(text->data(), 1, text->size(), stdout);
    std::fflush(stdout);
  } else {
    auto written = WriteFileAtomic(flags.output, *text);
    if (!written) return ReportError(written.error());
  }
  auto fails = [&](Severity s) { return !flags.fail_threshold || s >= *flags.fail_threshold; };
  bool failing =
      std::ranges::any_of(report.vulnerabilities, [&](const auto& f) { return fails(f.severity); }) ||
      std::ranges::any_of(report.secrets, [&](const auto& f) { return fails(f.severity); }) ||
      std::ranges::any_of(report.misconfigurations,
                          [&](const auto& f) { return fails(f.severity); });
  return failing ? flags.exit_code : kExitOk;
}

}  // namespace portcullis::cli
