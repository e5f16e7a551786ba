// CVSS base scores computed from vectors (never trusted from a stored number): CVSS v3.0 and
// v3.1 (FIRST specification, section 7). Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "portcullis/model/severity.h"
#include "portcullis/result.h"

namespace portcullis::vuln {

struct CvssScore {
  double base = 0;  // 0.0 to 10.0, one decimal
  Severity severity = Severity::kUnknown;
};

// Qualitative rating of a score: 0 -> kInfo (None), 0.1-3.9 kLow, 4.0-6.9 kMedium,
// 7.0-8.9 kHigh, 9.0-10.0 kCritical.
Severity SeverityOfScore(double score);

// Scores a "CVSS:3.0/..." or "CVSS:3.1/..." vector. Fails with kCorrupt naming the bad or
// missing metric when a base metric is absent, repeated or has an unknown value. Temporal and
// environmental metrics are accepted and do not change the base score.
[[nodiscard]] Result<CvssScore> ScoreCvss3(std::string_view vector);

}  // namespace portcullis::vuln
