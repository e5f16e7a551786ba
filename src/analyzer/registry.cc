#include "analyzer/registry.h"

namespace portcullis {

std::vector<const Analyzer*> AnalyzersFor(const ScanOptions& options) {
  (void)options;
  std::vector<const Analyzer*> out;
  // One line per analyzer, e.g. `static const DpkgAnalyzer kDpkg; out.push_back(&kDpkg);`
  return out;
}

}  // namespace portcullis
