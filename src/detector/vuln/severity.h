// Which severity a vulnerability finding gets, and why. Order: a CVSS v3 vector in the
// advisory (base score computed here) -> the vendor's own rating (known-malicious package,
// Debian urgency, GitHub's advisory severity) -> the CVE severity table (its CVSS v3 vector,
// then its Ubuntu priority) -> UNKNOWN. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "portcullis/model/severity.h"
#include "vulndb/store.h"

namespace portcullis::vuln {

struct SeverityVerdict {
  Severity severity = Severity::kUnknown;
  // "cvss_v3", "malicious", "debian", "ghsa", "cve-table:cvss_v3", "cve-table:ubuntu", "none"
  std::string source = "none";
  double score = 0;    // computed base score when a vector decided, else 0
  std::string vector;  // that vector
};

// `advisory` may be null (an id known only from Alpine secdb); `urgency` is the Debian
// tracker's urgency of the matching entry ("" if none); `table` the CVE table's row.
SeverityVerdict ResolveSeverity(const vulndb::Advisory* advisory, std::string_view urgency,
                                const std::optional<vulndb::CveSeverityRow>& table);

}  // namespace portcullis::vuln
