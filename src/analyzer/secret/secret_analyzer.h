// The secret content scanner: an Analyzer (see analyzer/analyzer.h) that streams every regular
// file of a layer through a SecretScanner and records confirmed, redacted hits in
// LayerFacts::secrets. Files on the path allow-list are not read; files that look binary (a NUL
// byte in the first block) are skipped unless their name marks a key container; files larger
// than the configured limit are skipped and, when they look like text, reported as a kInfo
// diagnostic naming the --secret-max-file-bytes flag.
//
// One SecretAnalyzer is shared by all layer tasks: BeginScan is const and thread-safe; each file
// gets its own ContentScan.
#pragma once

#include <cstdint>
#include <memory>

#include "analyzer/analyzer.h"
#include "analyzer/secret/secret_scanner.h"
#include "portcullis/options.h"

namespace portcullis {

class SecretAnalyzer final : public Analyzer {
 public:
  // `scanner` must not be null. Files larger than `max_file_bytes` are not scanned.
  SecretAnalyzer(std::shared_ptr<const SecretScanner> scanner, uint64_t max_file_bytes);

  std::string_view Name() const override { return "secret"; }

  // Returns nullptr for allow-listed paths; otherwise the per-file scan.
  std::unique_ptr<ContentScan> BeginScan(const TarEntry& entry) const override;

 private:
  std::shared_ptr<const SecretScanner> scanner_;
  uint64_t max_file_bytes_;
};

// The secret analyzer for a scan's options (--secret-config, --secret-max-file-bytes), built
// once per distinct pair and kept for the life of the process (the registry hands out plain
// pointers). Returns nullptr when the config cannot be loaded; Scanner::Scan loads it first
// (SecretScannerForConfig) to report that error. Thread-safe.
const Analyzer* SecretAnalyzerFor(const ScanOptions& options);

}  // namespace portcullis
