// Policy: what decides which findings of a scan are kept and how the run ends. Every entry point
// of portcullis/scan.h takes a PolicyOptions and returns an Outcome; the CLI and any other
// caller (a server) get the same filtering and the same exit decision from the one library
// function that applies it (ApplyScanPolicy in portcullis/scan.h).
//
// What a policy is made of, in the order it is applied:
//   1. the project configuration (`portcullis.yaml`, `portcullis.yml`, `.portcullis.yaml`, or a
//      Hadolint `.hadolint.yaml`): `project_config` when given, else the first of those found in
//      `working_dir`. Its top level and the section named after the command (`image`, `fs`,
//      `sbom`, `dockerfile`, `config`) give: `ignore` (finding ids or aliases: rule ids, CVE or
//      other vulnerability ids, secret rule ids), `severity` overrides, `failure_threshold`
//      (or `none`: never fail), and the command's own keys (trusted registries, labels);
//   2. the ignore file: `ignore_file` when given, else `<working_dir>/.portcullisignore` when it
//      exists (expired entries stop applying and add an "ignore.expired" diagnostic);
//   3. OpenVEX statements (`vex`);
//   4. the severity filter (`severity`) and `ignore_unfixed`;
//   5. the exit decision: see Outcome::exit_code.
//
// Plain value types; safe to build on one thread and read from any.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "portcullis/result.h"

namespace portcullis {

// Process exit codes of the `portcullis` executable, which Outcome::exit_code and
// ExitCodeFor use.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;  // the input could not be scanned (or the gate failed
                                      // under a failure threshold without an explicit code)
inline constexpr int kExitUsage = 2;  // bad flags, arguments or options

struct PolicyOptions {
  // Severities to keep, as a comma list of names ("HIGH,CRITICAL", case-insensitive); "" keeps
  // every severity. A bad name fails the scan with kInvalidArgument before anything is read.
  std::string severity;
  // Drop vulnerabilities without a fixed version (unfixed, will_not_fix, end_of_life).
  bool ignore_unfixed = false;
  // Ignore file; "" = `.portcullisignore` in `working_dir` when it exists.
  std::string ignore_file;
  // OpenVEX document; "" = none.
  std::string vex;
  // portcullis.yaml or .hadolint.yaml; "" = discovered in `working_dir`.
  std::string project_config;
  // Where the project configuration and the ignore file are discovered; "" = the process's
  // current directory. A server should always set it.
  std::string working_dir;
  // Turn discovery off (a server scanning uploads has no project directory): only
  // `project_config` and `ignore_file` as given are read.
  bool discover = true;
  // The exit code when findings that fail the run remain (`--exit-code`); nullopt when not
  // given: kExitOk without a failure threshold, kExitError with one.
  std::optional<int> exit_code;
  // "YYYY-MM-DD" for the expiry of ignore-file entries; "" = today (SOURCE_DATE_EPOCH aware).
  std::string today;
};

// How a scan ended, decided by the policy.
struct Outcome {
  // False when a diagnostic at HIGH or above says data was skipped or truncated (a limit, an
  // unreadable file or directory, a corrupt database): the findings may be incomplete.
  bool complete = true;
  // Findings left after filtering, and those among them that fail the run (at or above the
  // failure threshold; every finding without one; none under `failure_threshold: none`).
  size_t findings = 0;
  size_t failing_findings = 0;
  // True when no finding fails the run.
  bool gate_passed = true;
  // What the process should exit with: kExitOk when the gate passed, else the `exit_code`
  // option (kExitOk when not given and there is no threshold; kExitError when not given and
  // the project configuration sets a threshold). Always kExitOk under `failure_threshold: none`.
  int exit_code = kExitOk;
  // Lines a front end should show the user beside the report (e.g. that the vulnerability
  // database is stale). Each is one sentence without a trailing newline.
  std::vector<std::string> warnings;
};

// The exit code for a scan that failed with `error`: kExitUsage for kInvalidArgument, else
// kExitError.
int ExitCodeFor(const Error& error);

}  // namespace portcullis
