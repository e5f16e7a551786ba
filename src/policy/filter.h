// Finding filters applied after detection and before writing: which severities to show,
// whether unfixed vulnerabilities count. (The ignore file and VEX statements are applied here
// too.) The result decides the exit code, so filters run before writers. Pure functions.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "portcullis/model/report.h"
#include "portcullis/result.h"

namespace portcullis {

struct FilterOptions {
  std::set<Severity> severities;  // empty = every severity
  bool ignore_unfixed = false;    // drop vulnerabilities without a fixed version
};

// Parses "LOW,MEDIUM,HIGH" (case-insensitive). Fails naming the bad entry.
Result<std::set<Severity>> ParseSeverityList(std::string_view list);

// Removes the findings the options exclude. Packages and diagnostics are kept.
void ApplyFilter(Report& report, const FilterOptions& options);

// Number of findings of every kind left in `report`.
size_t CountFindings(const Report& report);

}  // namespace portcullis
