// The vulnerability detector: matches installed packages against the advisory database and
// appends one Vulnerability per (package, vulnerability) to the report.
//
// OS packages match only their own distribution's advisories: Debian by source package in
// "Debian:<major>", Alpine by origin in "Alpine:v<major>.<minor>" with Alpine's secdb as the
// primary source (an OSV record counts only for ids secdb does not list). A Debian CVE and the
// DSA/DLA/DTSA fixing it are one finding under the CVE id, the advisory among its aliases; a
// DSA/DLA whose CVEs the tracker does not list for that package is reported under its own id.
// Language packages match by name in their ecosystem (npm, PyPI, Go, Maven, crates.io,
// RubyGems) — except those an OS package installed (Package::installed_by): the distribution
// patches them, and its advisories for that OS package are the ones that apply.
//
// Each finding is about one package instance (Vulnerability::package_path and layer). The
// findings of one instance whose ids or aliases overlap (GHSA-x and PYSEC-y both aliasing
// CVE-z) are one finding whose id is the CVE, the others its aliases. data_source names the
// archive of the row that matched ("osv:debian.tar.zst", "alpine-secdb").
//
// Status: "fixed" when a fixed version exists; otherwise "will_not_fix" when the Debian
// tracker rates the issue "unimportant" (no security impact worth a fix), "end_of_life" when
// it says the release is no longer supported for that package, else "unfixed".
//
// Call from one thread (the VulnDb is used without locking).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "portcullis/model/report.h"
#include "portcullis/result.h"
#include "vulndb/store.h"

namespace portcullis::vuln {

// The OSV ecosystem of an OS release: "Debian:12", "Alpine:v3.19", "Ubuntu:22.04"; "" when
// unknown.
std::string OsEcosystem(const OsInfo& os);

// Appends the vulnerabilities of `packages` to `report.vulnerabilities` (sorted by package,
// then severity, worst first, then id). Packages without an ecosystem take the OS's for
// deb/apk packages; ecosystems without a version comparator are skipped (one "vuln.skipped"
// Diagnostic per ecosystem); ecosystems the database has no advisory for are skipped with one
// "vulndb.no_data_for_ecosystem" Diagnostic (severity high) each. Fails only when the
// database cannot be read.
[[nodiscard]] Result<void> DetectVulnerabilities(const vulndb::VulnDb& db,
                                                 const std::optional<OsInfo>& os,
                                                 const std::vector<Package>& packages,
                                                 Report& report);

}  // namespace portcullis::vuln
