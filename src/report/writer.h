// Report writers: turn a Report into one output format. Writers only format; every decision
// (what to scan, what to filter, which exit code) is made before they run. Writers are pure
// functions of their arguments; call them from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "portcullis/model/report.h"
#include "portcullis/result.h"

namespace portcullis {

enum class ReportFormat { kTable, kJson, kSarif, kJunit, kCycloneDx, kSpdx };

// "table", "json", "sarif", "junit", "cyclonedx", "spdx" (also "spdx-json", "cdx").
Result<ReportFormat> ParseReportFormat(std::string_view name);
std::string_view ReportFormatName(ReportFormat format);

struct WriteOptions {
  bool color = false;        // ANSI colours in the table (the CLI sets it when stdout is a tty)
  std::string command;       // "image", "sbom", "dockerfile", ... (titles, SARIF tool run)
  size_t width = 0;          // table: columns of the terminal or log; 0 = 120
};

// The native portcullis.report/v1 JSON document (docs/report-format.md).
std::string WriteJson(const Report& report);

// Formats `report` as `format`. Fails only for a format that cannot express the report's
// content (e.g. an SBOM format for a report without an artifact).
Result<std::string> WriteReport(const Report& report, ReportFormat format,
                                const WriteOptions& options);

}  // namespace portcullis
