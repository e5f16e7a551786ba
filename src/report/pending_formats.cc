// TEMPORARY (skeleton): the formats below are being written on the report-writers branch,
// which deletes this file. Until then they refuse with a clear error instead of printing
// something wrong.
#include "report/formats.h"

namespace portcullis {

namespace {
std::string Unavailable(std::string_view format) {
  return fmt::format("{{\"error\": \"format {} is not built into this development snapshot\"}}\n",
                     format);
}
}  // namespace

std::string WriteTable(const Report& report, const WriteOptions&) {
  std::string out;
  for (const auto& p : report.packages) out += fmt::format("{}\t{}\t{}\n", p.name, p.version, p.arch);
  return out;
}
std::string WriteSarif(const Report&, const WriteOptions&) { return Unavailable("sarif"); }
std::string WriteJunit(const Report&, const WriteOptions&) { return Unavailable("junit"); }
Result<std::string> WriteCycloneDx(const Report&, const WriteOptions&) {
  return Fail(ErrorCode::kUnsupported, "cyclonedx output is not built into this snapshot");
}
Result<std::string> WriteSpdx(const Report&, const WriteOptions&) {
  return Fail(ErrorCode::kUnsupported, "spdx output is not built into this snapshot");
}

}  // namespace portcullis
