// Flags and output handling shared by the commands of the `portcullis` executable: output
// format and file, severity filter, exit code. Commands parse their own flags, call the
// library, and hand the report to EmitReport. Used from the main thread only.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "policy/filter.h"
#include "policy/project_config.h"
#include "portcullis/model/report.h"
#include "portcullis/result.h"

namespace portcullis::cli {

// Process exit codes. --exit-code N replaces kOk when findings remain after filtering.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;   // the input could not be scanned
inline constexpr int kExitUsage = 2;   // bad flags or arguments

struct OutputFlags {
  std::string format;
  std::string output;     // "" = stdout
  std::string severity;   // comma list; "" = all
  int exit_code = 0;      // exit status when findings remain
  bool ignore_unfixed = false;
  std::string ignorefile;  // "" = ./.portcullisignore when it exists
  std::string vex;         // OpenVEX document, "" = none
  bool quiet = false;
  // When set, only findings at or above this severity make the run fail (Hadolint's
  // failure-threshold); findings below it are still reported.
  std::optional<Severity> fail_threshold;
  CLI::Option* exit_code_option = nullptr;  // set by AddOutputFlags: was --exit-code given?
};

// Adds --format/-f, --output/-o, --severity, --exit-code, --quiet/-q to `cmd`.
void AddOutputFlags(CLI::App* cmd, OutputFlags& flags, std::string default_format);

// `flags` with the failure policy of a portcullis.yaml applied: `failure_threshold: none` never
// fails; a threshold makes only findings at or above it fail the run, with the --exit-code
// status or, when --exit-code was not given, kExitError.
OutputFlags WithFailurePolicy(OutputFlags flags, const PolicySection& policy);

// Filters `report`, writes it in the chosen format to the chosen place, and returns the exit
// code: flags.exit_code when findings remain, else kExitOk; kExitUsage/kExitError (after a
// one-line message on stderr) when the flags are bad or the output cannot be written.
int EmitReport(Report& report, const OutputFlags& flags, std::string_view command);

// Prints "portcullis: <error>" on stderr and returns the exit code for it.
int ReportError(const Error& error);

}  // namespace portcullis::cli
