// The individual report formats behind WriteReport (writer.h), one file each. Internal to
// src/report/ and its tests; callers outside use WriteReport. Pure functions; any thread.
#pragma once

#include <string>
#include <string_view>

#include "report/writer.h"

namespace portcullis {

// Terminal table: header, then one section per finding kind present (sbom: the packages).
std::string WriteTable(const Report& report, const WriteOptions& options);
// SARIF 2.1.0, one run; rules for every vulnerability id, secret rule and misconfiguration id.
std::string WriteSarif(const Report& report, const WriteOptions& options);
// JUnit XML: one testsuite per finding kind that ran, one failing testcase per finding.
std::string WriteJunit(const Report& report, const WriteOptions& options);
// CycloneDX 1.5 JSON and SPDX 2.3 JSON. Fail as CheckSbomArtifact says.
Result<std::string> WriteCycloneDx(const Report& report, const WriteOptions& options);
Result<std::string> WriteSpdx(const Report& report, const WriteOptions& options);

// `s` as text that cannot act on a terminal: invalid UTF-8 becomes U+FFFD; tab and newline
// print as \t and \n, other C0 controls and DEL as \xNN, C1 controls and bidirectional
// formatting characters (U+061C, U+200E/F, U+202A-E, U+2066-9) as \u{NNNN}.
std::string TerminalSafe(std::string_view s);

// An SBOM describes software in an artifact: fails (kUnsupported, naming `format`) for a
// report without an artifact name, or of a Dockerfile, a runtime configuration or a host.
Result<void> CheckSbomArtifact(const Report& report, std::string_view format);

}  // namespace portcullis
