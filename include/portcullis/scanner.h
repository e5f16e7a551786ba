// Scanner: the one entry point to scanning an image or a root filesystem. The CLI and the
// server both call it; neither has scanning logic of its own.
//
// A Scanner is cheap to construct. Scan() may be called from any thread; concurrent calls on
// one Scanner are safe (it holds no mutable state between calls).
#pragma once

#include "portcullis/result.h"
#include "portcullis/model/report.h"
#include "portcullis/options.h"

namespace portcullis {

class Scanner {
 public:
  // Reads the source named by `options.source`, analyses every layer, merges them and runs
  // the chosen scanners. Returns the report, whose `diagnostics` list what could be read only in
  // part; returns an Error only when the artifact as a whole cannot be read (missing file,
  // digest mismatch, limit exceeded, not an image).
  [[nodiscard]] Result<Report> Scan(const ScanOptions& options) const;
};

}  // namespace portcullis
