// The analyzers a scan runs: an explicit table (no self-registration). Analyzer objects are
// created once per process and shared by every scan and layer task (they are thread-safe).
#pragma once

#include <vector>

#include "analyzer/analyzer.h"
#include "portcullis/options.h"

namespace portcullis {

// The analyzers to run for `options`: package and OS analyzers always (the SBOM is always
// produced); content scanners only for the scanners that are on.
std::vector<const Analyzer*> AnalyzersFor(const ScanOptions& options);

}  // namespace portcullis
