// Which severity a vulnerability finding gets, and why. Order: a CVSS v4.0 vector in the
// advisory, else a CVSS v3 vector (either scored here from the vector; a vector that does not
// parse is passed over) -> the vendor's own rating (known-malicious package, Debian urgency,
// GitHub's advisory severity) -> the CVE severity table (its CVSS v3 vector, then its Ubuntu
// priority) -> UNKNOWN. v4 comes before v3 because it is the current FIRST standard and the
// vendors that give both rate by it: in every one of the 198 GitHub advisories of the project's
// OSV subset with both vectors, GitHub's own severity is the v4 band (44 differ from the v3
// band). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "portcullis/model/severity.h"
#include "vulndb/store.h"

namespace portcullis::vuln {

struct SeverityVerdict {
  Severity severity = Severity::kUnknown;
  // "cvss_v4", "cvss_v3", "malicious", "debian", "ghsa", "cve-table:cvss_v3",
  // "cve-table:ubuntu", "none"
  std::string source = "none";
  double score = 0;    // score computed from the vector when one decided, else 0
  std::string vector;  // that vector
};

// `advisory` may be null (an id known only from Alpine secdb); `urgency` is the Debian
// tracker's urgency of the matching entry ("" if none); `table` the CVE table's row.
SeverityVerdict ResolveSeverity(const vulndb::Advisory* advisory, std::string_view urgency,
                                const std::optional<vulndb::CveSeverityRow>& table);

}  // namespace portcullis::vuln
