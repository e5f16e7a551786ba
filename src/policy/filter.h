// Finding filters applied after detection and before writing: the ignore file and VEX
// statements (policy/ignore_file.h, policy/vex.h), which severities to show, whether unfixed
// vulnerabilities count. The result decides the exit code, so filters run before writers.
// Pure functions.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "policy/ignore_file.h"
#include "policy/vex.h"
#include "portcullis/model/report.h"
#include "portcullis/result.h"

namespace portcullis {

struct FilterOptions {
  std::set<Severity> severities;  // empty = every severity
  bool ignore_unfixed = false;    // drop vulnerabilities without a fixed version
  const IgnoreFile* ignore_file = nullptr;  // accepted findings (not owned)
  const VexDocument* vex = nullptr;         // VEX statements (not owned)
  std::string today;                        // "YYYY-MM-DD" for ignore expiry; "" = clock's today
};

// Parses "LOW,MEDIUM,HIGH" (case-insensitive). Fails naming the bad entry.
Result<std::set<Severity>> ParseSeverityList(std::string_view list);

// Removes the findings the options exclude: ignore-file and VEX first (expired ignore entries
// add Diagnostics), then severities and unfixed. Packages and diagnostics are kept.
void ApplyFilter(Report& report, const FilterOptions& options);

// Number of findings of every kind left in `report`.
size_t CountFindings(const Report& report);

}  // namespace portcullis
