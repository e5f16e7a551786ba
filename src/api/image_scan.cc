// ScanImage, ScanFilesystem, ScanSbom: Scanner::Scan (src/scanner.cc) with the policy applied.
#include "api/finish.h"
#include "portcullis/scan.h"
#include "portcullis/scanner.h"

namespace portcullis {

namespace {

Result<ScanResult> Run(ScanOptions scan, const PolicyOptions& policy, std::string_view command) {
  LoadedPolicy loaded = PC_TRY(LoadPolicy(policy, command));
  Report report = PC_TRY(Scanner().Scan(scan));
  return api::Finish(std::move(report), loaded);
}

}  // namespace

Result<ScanResult> ScanImage(const ImageScanOptions& options) {
  return Run(options.scan, options.policy, "image");
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
