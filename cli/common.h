// Flags and output handling shared by the commands of the `portcullis` executable: output
// format and file, severity filter, exit code. Commands parse their own flags, call the
// library, and hand the report to EmitReport. Used from the main thread only.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "policy/filter.h"
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
};

// Adds --format/-f, --output/-o, --severity, --exit-code, --quiet/-q to `cmd`.
void AddOutputFlags(CLI::App* cmd, OutputFlags& flags, std::string default_format);

// Filters `report`, writes it in the chosen format to the chosen place, and returns the exit
// code: flags.exit_code when findings remain, else kExitOk; kExitUsage/kExitError (after a
// one-line message on stderr) when the flags are bad or the output cannot be written.
int EmitReport(Report& report, const OutputFlags& flags, std::string_view command);

// Prints "portcullis: <error>" on stderr and returns the exit code for it.
int ReportError(const Error& error);

}  // namespace portcullis::cli
