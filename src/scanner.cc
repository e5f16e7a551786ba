// TEMPORARY (skeleton): the pipeline lands in the next commit on main.
#include "portcullis/scanner.h"

namespace portcullis {

std::string_view ScannerKindName(ScannerKind kind) {
  switch (kind) {
    case ScannerKind::kVuln: return "vuln";
    case ScannerKind::kSecret: return "secret";
    case ScannerKind::kHardening: return "hardening";
  }
  return "vuln";
}

Result<Report> Scanner::Scan(const ScanOptions&) const {
  return Fail(ErrorCode::kUnsupported, "scanning is not wired yet in this snapshot");
}

}  // namespace portcullis
