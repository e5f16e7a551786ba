#include "report/writer.h"

#include "core/strings.h"
#include "report/formats.h"

namespace portcullis {

Result<ReportFormat> ParseReportFormat(std::string_view name) {
  std::string n = ToLower(name);
  if (n == "table") return ReportFormat::kTable;
  if (n == "json") return ReportFormat::kJson;
  if (n == "sarif") return ReportFormat::kSarif;
  if (n == "junit") return ReportFormat::kJunit;
  if (n == "cyclonedx" || n == "cdx") return ReportFormat::kCycloneDx;
  if (n == "spdx" || n == "spdx-json") return ReportFormat::kSpdx;
  return Fail(ErrorCode::kInvalidArgument,
              "unknown format '{}' (expected table, json, sarif, junit, cyclonedx or spdx)",
              Excerpt(name, 40));
}

std::string_view ReportFormatName(ReportFormat format) {
  switch (format) {
    case ReportFormat::kTable: return "table";
    case ReportFormat::kJson: return "json";
    case ReportFormat::kSarif: return "sarif";
    case ReportFormat::kJunit: return "junit";
    case ReportFormat::kCycloneDx: return "cyclonedx";
    case ReportFormat::kSpdx: return "spdx";
  }
  return "table";
}

Result<void> CheckSbomArtifact(const Report& report, std::string_view format) {
  const std::string& type = report.artifact.type;
  if (report.artifact.name.empty() || type == "dockerfile" || type == "config" || type == "host") {
    return Fail(ErrorCode::kUnsupported,
                "{} is a software bill of materials format: it describes the packages of an image "
                "or a file system, and this {} report has none (use table, json, sarif or junit)",
                format, type.empty() ? "unnamed" : Excerpt(type, 20));
  }
  return {};
}

Result<std::string> WriteReport(const Report& report, ReportFormat format,
                                const WriteOptions& options) {
  switch (format) {
    case ReportFormat::kTable: return WriteTable(report, options);
    case ReportFormat::kJson: return WriteJson(report);
    case ReportFormat::kSarif: return WriteSarif(report, options);
    case ReportFormat::kJunit: return WriteJunit(report, options);
    case ReportFormat::kCycloneDx: return WriteCycloneDx(report, options);
    case ReportFormat::kSpdx: return WriteSpdx(report, options);
  }
  return Fail(ErrorCode::kInternal, "unhandled report format");
}

}  // namespace portcullis
