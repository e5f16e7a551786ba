// CVSS v4.0 scores computed from vectors (never trusted from a stored number), as the FIRST
// specification (https://www.first.org/cvss/v4.0/specification-document, sections 7 and 8)
// and its reference calculator define them: the vector's MacroVector (EQ1..EQ6) is looked up
// in the published table of 270 MacroVector scores, then lowered by the mean proportional
// severity distance of the vector from the highest-severity vectors of its MacroVector, and
// rounded half up to one decimal (after adding 1e-6, as the calculator does since its fix for
// ties that the arithmetic lands one ulp below). Pure functions; thread-safe.
//
// The score is that of the whole vector: CVSS-B when only Base metrics are given, CVSS-BT when
// the Threat metric E is, CVSS-BE / CVSS-BTE when Environmental metrics are (E:U lowers a
// score; modified metrics and security requirements change it), as the FIRST calculator
// scores it and GitHub rates its advisories by it. Supplemental metrics are validated and
// never change a score.
#pragma once

#include <string>
#include <string_view>

#include "portcullis/model/severity.h"
#include "portcullis/result.h"

namespace portcullis::vuln {

// Longest vector accepted. The longest valid one (every metric defined, U:Clear) is 178 bytes;
// anything much longer is not a CVSS v4.0 vector.
inline constexpr size_t kMaxCvss4VectorBytes = 512;

struct Cvss4Score {
  double score = 0;  // 0.0 to 10.0, one decimal
  Severity severity = Severity::kUnknown;
  std::string macro_vector;  // EQ1..EQ6 digits, e.g. "000200"
  std::string nomenclature;  // "CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE"
};

// Scores a "CVSS:4.0/..." vector. Every Base metric (AV AC AT PR UI VC VI VA SC SI SA) must
// appear exactly once; Threat (E), Environmental (CR IR AR MAV MAC MAT MPR MUI MVC MVI MVA MSC
// MSI MSA) and Supplemental (S AU R V RE U) metrics may appear at most once each, "X" meaning
// Not Defined. Metrics may come in any order (the specification lists a canonical order, and
// real advisories do not always keep it; the score does not depend on it). Fails with kCorrupt,
// naming the metric and the byte offset of the offending part, when the prefix is wrong, a part
// is not METRIC:VALUE, a metric is unknown or repeated, a value is not one the specification
// defines for it, or a Base metric is missing; with kLimitExceeded when the vector is longer
// than kMaxCvss4VectorBytes.
[[nodiscard]] Result<Cvss4Score> ScoreCvss4(std::string_view vector);

}  // namespace portcullis::vuln
