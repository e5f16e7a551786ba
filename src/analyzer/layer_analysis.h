// Layer analysis: one layer walked once, every entry offered to every analyzer. This is the
// per-layer task of a scan; different layers run on different threads at the same time.
#pragma once

#include <functional>
#include <span>

#include "analyzer/analyzer.h"
#include "source/source.h"

namespace portcullis {

// Walks layer `index` of `source` and runs `analyzers` over it: every entry is recorded in
// LayerFacts::files; regular files go (block by block) to the content scanners that asked for
// them, and whole to the analyzers that want them when they fit Limits::max_file_bytes
// (otherwise a Diagnostic says the file was too large to analyse). Fails when the layer
// cannot be read (digest mismatch, corrupt archive, limits).
[[nodiscard]] Result<LayerFacts> AnalyzeLayer(const Source& source, size_t index,
                                              std::span<const Analyzer* const> analyzers,
                                              const Limits& limits, ByteBudget* budget,
                                              const std::function<void(uint64_t)>& on_bytes);

}  // namespace portcullis
