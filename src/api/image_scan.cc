// ScanImage, ScanFilesystem, ScanSbom: Scanner::Scan (src/scanner.cc) with the policy applied.
#include "api/finish.h"
#include "portcullis/scan.h"
#include "portcullis/scanner.h"
#include "sign/image_gate.h"

namespace portcullis {

namespace {

Result<ScanResult> Run(ScanOptions scan, const PolicyOptions& policy, std::string_view command) {
  LoadedPolicy loaded = PC_TRY(LoadPolicy(policy, command));
  Report report = PC_TRY(Scanner().Scan(scan));
  return api::Finish(std::move(report), loaded);
}

}  // namespace

Result<ScanResult> ScanImage(const ImageScanOptions& options) {
  if (options.verify_key.empty()) return Run(options.scan, options.policy, "image");
  ScanOptions scan = options.scan;
  auto pinned = sign::RequireSignedImage(scan.source, options.verify_key, scan.registry);
  if (!pinned) {
    // Refused, not a usage error: exit 1 however the verification failed.
    Error error = pinned.error();
    if (error.code == ErrorCode::kInvalidArgument) error.code = ErrorCode::kUnsupported;
    return std::unexpected(std::move(error));
  }
  scan.source = std::move(*pinned);
  return Run(std::move(scan), options.policy, "image");
}

Result<ScanResult> ScanFilesystem(const ImageScanOptions& options) {
  ScanOptions scan = options.scan;
  if (!scan.source.starts_with("dir:")) scan.source = "dir:" + scan.source;
  return Run(std::move(scan), options.policy, "fs");
}

Result<ScanResult> ScanSbom(const ImageScanOptions& options) {
  ScanOptions scan = options.scan;
  scan.scanners.clear();
  return Run(std::move(scan), options.policy, "sbom");
}

}  // namespace portcullis
