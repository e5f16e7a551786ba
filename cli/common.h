// Flags and output handling shared by the commands of the `portcullis` executable. A command
// parses its flags into the options of a library entry point (portcullis/scan.h), calls it, and
// hands the result to Emit, which only formats and writes the report and returns the exit code
// the library decided. No filtering or policy here. Used from the main thread only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "portcullis/policy.h"
#include "portcullis/result.h"
#include "portcullis/scan.h"

namespace portcullis::cli {

struct OutputFlags {
  std::string format;
  std::string output;  // "" = stdout
  bool quiet = false;
};

// The policy flags; ToPolicyOptions turns them into the library's PolicyOptions.
struct PolicyFlags {
  std::string severity;   // comma list; "" = all
  int exit_code = 0;      // exit status when findings remain
  CLI::Option* exit_code_option = nullptr;  // set by AddPolicyFlags: was --exit-code given?
  std::string ignorefile;  // "" = ./.portcullisignore when it exists
  std::string config;      // "" = portcullis.yaml (or .hadolint.yaml) in the working directory
  bool ignore_unfixed = false;
  std::string vex;
};

// Adds --format/-f, --output/-o, --quiet/-q to `cmd`.
void AddOutputFlags(CLI::App* cmd, OutputFlags& flags, std::string default_format);

// Adds --severity, --exit-code, --ignorefile and --config (described by `config_help`).
void AddPolicyFlags(CLI::App* cmd, PolicyFlags& flags, const std::string& config_help);

// Adds --ignore-unfixed and --vex (the vulnerability flags of `image` and `fs`).
void AddVulnPolicyFlags(CLI::App* cmd, PolicyFlags& flags);

PolicyOptions ToPolicyOptions(const PolicyFlags& flags);

// The exit code for bad output flags (after a message on stderr), or nullopt when they are
// good. Commands check before scanning.
std::optional<int> CheckOutputFlags(const OutputFlags& flags);

// Prints the outcome's warnings on stderr, writes the report in the chosen format to the
// chosen place, and returns the outcome's exit code; for a failed scan or output that cannot
// be written, prints the error and returns its exit code.
int Emit(const Result<ScanResult>& result, const OutputFlags& flags, std::string_view command);

// Prints "portcullis: <error>" on stderr and returns the exit code for it.
int ReportError(const Error& error);

}  // namespace portcullis::cli
