#include "analyzer/registry.h"

#include <algorithm>

#include "analyzer/file/hardening_files.h"
#include "analyzer/secret/secret_analyzer.h"

namespace portcullis {

std::vector<const Analyzer*> AnalyzersFor(const ScanOptions& options) {
  std::vector<const Analyzer*> out;
  // One line per analyzer, e.g. `static const DpkgAnalyzer kDpkg; out.push_back(&kDpkg);`
  if (std::ranges::find(options.scanners, ScannerKind::kSecret) != options.scanners.end()) {
    if (const Analyzer* a = SecretAnalyzerFor(options)) out.push_back(a);
  }
  static const HardeningFilesAnalyzer kHardeningFiles;
  if (std::ranges::find(options.scanners, ScannerKind::kHardening) != options.scanners.end()) {
    out.push_back(&kHardeningFiles);
  }
  return out;
}

}  // namespace portcullis
