#include "analyzer/registry.h"

#include <algorithm>

#include "analyzer/file/hardening_files.h"

namespace portcullis {

std::vector<const Analyzer*> AnalyzersFor(const ScanOptions& options) {
  std::vector<const Analyzer*> out;
  // One line per analyzer, e.g. `static const DpkgAnalyzer kDpkg; out.push_back(&kDpkg);`
  auto on = [&](ScannerKind k) {
    return std::ranges::find(options.scanners, k) != options.scanners.end();
  };
  static const HardeningFilesAnalyzer kHardeningFiles;
  if (on(ScannerKind::kHardening)) out.push_back(&kHardeningFiles);
  return out;
}

}  // namespace portcullis
