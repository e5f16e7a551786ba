#include "detector/vuln/severity.h"

#include "detector/vuln/cvss.h"
#include "detector/vuln/cvss4.h"

namespace portcullis::vuln {

namespace {

std::optional<Severity> DebianUrgency(std::string_view urgency) {
  // The tracker marks guesses with '*' ("low*", "medium**").
  while (!urgency.empty() && urgency.back() == '*') urgency.remove_suffix(1);
  if (urgency == "unimportant" || urgency == "low") return Severity::kLow;
  if (urgency == "medium") return Severity::kMedium;
  if (urgency == "high") return Severity::kHigh;
  return std::nullopt;  // "not yet assigned", "end-of-life", ""
}

std::optional<Severity> GhsaSeverity(std::string_view s) {
  if (s == "low") return Severity::kLow;
  if (s == "moderate" || s == "medium") return Severity::kMedium;
  if (s == "high") return Severity::kHigh;
  if (s == "critical") return Severity::kCritical;
  return std::nullopt;
}

std::optional<Severity> UbuntuPriority(std::string_view s) {
  if (s == "negligible" || s == "low") return Severity::kLow;
  if (s == "medium") return Severity::kMedium;
  if (s == "high") return Severity::kHigh;
  if (s == "critical") return Severity::kCritical;
  return std::nullopt;  // "untriaged", ""
}

}  // namespace

SeverityVerdict ResolveSeverity(const vulndb::Advisory* advisory, std::string_view urgency,
                                const std::optional<vulndb::CveSeverityRow>& table) {
  SeverityVerdict out;
  if (advisory != nullptr && !advisory->cvss_v4.empty()) {
    if (auto score = ScoreCvss4(advisory->cvss_v4)) {
      return {score->severity, "cvss_v4", score->score, advisory->cvss_v4};
    }
  }
  if (advisory != nullptr && !advisory->cvss_v3.empty()) {
    if (auto score = ScoreCvss3(advisory->cvss_v3)) {
      return {score->severity, "cvss_v3", score->base, advisory->cvss_v3};
    }
  }
  if (advisory != nullptr && advisory->malicious) {
    return {Severity::kCritical, "malicious", 0, ""};
  }
  if (auto s = DebianUrgency(urgency)) return {*s, "debian", 0, ""};
  if (advisory != nullptr) {
    if (auto s = GhsaSeverity(advisory->vendor_severity)) return {*s, "ghsa", 0, ""};
  }
  if (table) {
    if (!table->vector.empty()) {
      if (auto score = ScoreCvss3(table->vector)) {
        return {score->severity, "cve-table:cvss_v3", score->base, table->vector};
      }
    }
    if (auto s = UbuntuPriority(table->priority)) return {*s, "cve-table:ubuntu", 0, ""};
  }
  return out;
}

}  // namespace portcullis::vuln
