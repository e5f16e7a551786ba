// Read-only views of a Report shared by the writers: findings in the one order every format
// prints them, and the lookups that tie a vulnerability to the package it affects. A view
// holds pointers into the Report, which must outlive it and not change meanwhile. Build and
// use a view on one thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "portcullis/model/report.h"

namespace portcullis {

// Lower-case severity name ("critical", ..., "unknown").
std::string LowerSeverityName(Severity s);

// Display form of a layer digest: the first 12 hex digits ("sha256:0123456789ab..." ->
// "0123456789ab"); other strings are returned cut to 19 bytes.
std::string ShortDigest(std::string_view digest);

// True for an RFC 3339 date-time: "YYYY-MM-DDTHH:MM:SS", an optional fraction, then "Z" or
// "+HH:MM" / "-HH:MM".
bool IsRfc3339DateTime(std::string_view s);

class ReportView {
 public:
  explicit ReportView(const Report& report);

  const Report& report() const { return report_; }

  // Packages by name, version, arch, purl, found_in.
  const std::vector<const Package*>& packages() const { return packages_; }
  // Findings by severity (worst first), then id / rule, then location; ties keep input order.
  const std::vector<const Vulnerability*>& vulnerabilities() const { return vulnerabilities_; }
  const std::vector<const SecretFinding*>& secrets() const { return secrets_; }
  const std::vector<const Misconfiguration*>& misconfigurations() const {
    return misconfigurations_;
  }
  // Diagnostics by severity (worst first), then path, line, code.
  const std::vector<const Diagnostic*>& diagnostics() const { return diagnostics_; }

  // The package instance `v` is about: the one with v's purl, name, installed version and
  // found_in = v.package_path. nullptr when the report lists no such package.
  const Package* PackageOf(const Vulnerability& v) const;

 private:
  const Report& report_;
  std::vector<const Package*> packages_;
  std::vector<const Vulnerability*> vulnerabilities_;
  std::vector<const SecretFinding*> secrets_;
  std::vector<const Misconfiguration*> misconfigurations_;
  std::vector<const Diagnostic*> diagnostics_;
  using InstanceKey =
      std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>;
  std::map<InstanceKey, const Package*> by_instance_;  // purl, name, version, found_in
};

}  // namespace portcullis
