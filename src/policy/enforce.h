// The policy step of every scan (portcullis/policy.h explains the policy): LoadPolicy reads
// the policy files a PolicyOptions names or discovers, once, before the scan (so bad options
// fail before anything is scanned, and a linter can use the project configuration's keys);
// EnforcePolicy then filters a report with it and decides the Outcome. The entry points of
// src/api/ are the only callers; nothing else filters findings or picks exit codes.
//
// Both functions keep no state; a LoadedPolicy is a plain value that any number of threads may
// read at once.
#pragma once

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "policy/ignore_file.h"
#include "policy/project_config.h"
#include "policy/vex.h"
#include "portcullis/model/report.h"
#include "portcullis/policy.h"
#include "portcullis/result.h"

namespace portcullis {

struct LoadedPolicy {
  std::string command;               // project-config section in force
  std::string config_path;           // the project configuration read; "" = none
  PolicySection section;             // its top level with the command's section applied
  std::set<Severity> severities;     // empty = every severity
  bool ignore_unfixed = false;
  std::optional<IgnoreFile> ignore_file;
  std::optional<VexDocument> vex;
  std::optional<int> exit_code;
  std::string today;
};

// Reads what `options` names for `command`: the project configuration (explicit, else
// discovered in the working directory; its `command` section may hold only the keys the format
// defines and `known_keys`), the ignore file (explicit, else discovered), the VEX document, and
// parses the severity list. Fails with the error of the first file that cannot be read or
// parsed, or kInvalidArgument for a bad severity name or key.
[[nodiscard]] Result<LoadedPolicy> LoadPolicy(const PolicyOptions& options,
                                              std::string_view command,
                                              std::initializer_list<std::string_view> known_keys =
                                                  {});

// Applies `policy` to `report`: the project configuration's `ignore` and `severity` entries to
// every finding kind, then the ignore file, VEX, the severity filter and ignore_unfixed; then
// decides the Outcome (portcullis/policy.h). Packages and diagnostics are kept.
Outcome EnforcePolicy(Report& report, const LoadedPolicy& policy);

}  // namespace portcullis
