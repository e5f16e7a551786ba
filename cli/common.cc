#include "common.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "core/files.h"
#include "report/writer.h"

namespace portcullis::cli {

void AddOutputFlags(CLI::App* cmd, OutputFlags& flags, std::string default_format) {
  flags.format = std::move(default_format);
  cmd->add_option("-f,--format", flags.format,
                  "output format: table, json, sarif, junit, cyclonedx, spdx")
      ->capture_default_str();
  cmd->add_option("-o,--output", flags.output, "write the report to this file ('-': standard output); a regular file is replaced atomically, a device or FIFO written through, anything else refused");
  cmd->add_flag("-q,--quiet", flags.quiet, "no progress output");
}

void AddPolicyFlags(CLI::App* cmd, PolicyFlags& flags, const std::string& config_help) {
  cmd->add_option("--severity", flags.severity,
                  "only report these severities (comma list: UNKNOWN,INFO,LOW,MEDIUM,HIGH,"
                  "CRITICAL)");
  flags.exit_code_option =
      cmd->add_option("--exit-code", flags.exit_code,
                      "exit with this status when findings remain after filtering")
          ->capture_default_str();
  cmd->add_option("--ignorefile", flags.ignorefile,
                  "YAML file of accepted findings (default ./.portcullisignore when present)");
  cmd->add_option("--config", flags.config, config_help);
}

void AddVulnPolicyFlags(CLI::App* cmd, PolicyFlags& flags) {
  cmd->add_flag("--ignore-unfixed", flags.ignore_unfixed,
                "drop vulnerabilities without a fixed version (unfixed, will_not_fix, "
                "end_of_life)");
  cmd->add_option("--vex", flags.vex,
                  "OpenVEX document: not_affected and fixed statements suppress findings");
}

PolicyOptions ToPolicyOptions(const PolicyFlags& flags) {
  PolicyOptions options;
  options.severity = flags.severity;
  options.ignore_unfixed = flags.ignore_unfixed;
  options.ignore_file = flags.ignorefile;
  options.vex = flags.vex;
  options.project_config = flags.config;
  if (flags.exit_code_option && flags.exit_code_option->count() > 0) {
    options.exit_code = flags.exit_code;
  }
  return options;
}

int ReportError(const Error& error) {
  std::fprintf(stderr, "portcullis: %s\n", error.ToString().c_str());
  return ExitCodeFor(error);
}

std::optional<int> CheckOutputFlags(const OutputFlags& flags) {
  auto format = ParseReportFormat(flags.format);
  if (!format) return ReportError(format.error());
  return std::nullopt;
}

int Emit(const Result<ScanResult>& result, const OutputFlags& flags, std::string_view command) {
  if (!result) return ReportError(result.error());
  for (const std::string& w : result->outcome.warnings) {
    std::fprintf(stderr, "portcullis: warning: %s\n", w.c_str());
  }
  auto format = ParseReportFormat(flags.format);
  if (!format) return ReportError(format.error());
  WriteOptions options;
  options.command = std::string(command);
  bool to_stdout = flags.output.empty() || flags.output == "-";
  options.color = to_stdout && isatty(STDOUT_FILENO) == 1 && !std::getenv("NO_COLOR");
  struct winsize ws {};
  if (to_stdout && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) {
    options.width = ws.ws_col;
  }
  auto text = WriteReport(result->report, *format, options);
  if (!text) return ReportError(text.error());
  if (flags.output.empty() || flags.output == "-") {
    std::fwrite(text->data(), 1, text->size(), stdout);
    std::fflush(stdout);
  } else {
    auto written = WriteOutputFile(flags.output, *text);
    if (!written) return ReportError(written.error());
  }
  return result->outcome.exit_code;
}

}  // namespace portcullis::cli
