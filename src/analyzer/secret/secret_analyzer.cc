#include "analyzer/secret/secret_analyzer.h"

#include <cstring>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "analyzer/secret/secret_config.h"

namespace portcullis {

namespace {

// How much of the first block is sniffed for a NUL byte.
constexpr size_t kSniffBytes = 8192;

bool LooksBinary(std::span<const uint8_t> block) {
  size_t n = std::min(block.size(), kSniffBytes);
  return n > 0 && std::memchr(block.data(), 0, n) != nullptr;
}

class SecretContentScan final : public ContentScan {
 public:
  SecretContentScan(const SecretScanner& scanner, const TarEntry& entry, uint64_t max_bytes)
      : path_(entry.path),
        size_(entry.size),
        max_bytes_(max_bytes),
        too_big_(entry.size > max_bytes),
        key_container_(SecretScanner::IsKeyContainerPath(entry.path)) {
    if (!too_big_) stream_ = scanner.OpenStream(entry.path);
  }

  void Feed(std::span<const uint8_t> block) override {
    if (block.empty() || skipped_binary_) return;
    if (first_) {
      first_ = false;
      if (LooksBinary(block) && !key_container_) {
        skipped_binary_ = true;
        stream_.reset();
        return;
      }
      if (too_big_) report_too_big_ = true;
    }
    if (stream_) stream_->Feed(block);
  }

  void Finish(LayerFacts& facts) override {
    if (report_too_big_) {
      Diagnostic d;
      d.code = "secret.file_too_large";
      d.path = path_;
      d.message = fmt::format(
          "not scanned for secrets: {} bytes is more than the limit of {} bytes (raise it with "
          "--secret-max-file-bytes)",
          size_, max_bytes_);
      d.severity = Severity::kInfo;
      facts.diagnostics.push_back(std::move(d));
      return;
    }
    if (!stream_) return;
    size_t dropped = 0;
    for (SecretHit& h : stream_->Finish(&dropped)) facts.secrets.push_back(std::move(h));
    if (dropped > 0) {
      Diagnostic d;
      d.code = "secret.too_many_hits";
      d.path = path_;
      d.message = fmt::format("{} more secrets in this file were not listed (at most {} per file)",
                              dropped, kMaxHitsPerFile);
      d.severity = Severity::kInfo;
      facts.diagnostics.push_back(std::move(d));
    }
  }

 private:
  std::string path_;
  uint64_t size_;
  uint64_t max_bytes_;
  bool too_big_;
  bool key_container_;
  bool first_ = true;
  bool skipped_binary_ = false;
  bool report_too_big_ = false;
  std::unique_ptr<SecretStream> stream_;
};

}  // namespace

SecretAnalyzer::SecretAnalyzer(std::shared_ptr<const SecretScanner> scanner,
                               uint64_t max_file_bytes)
    : scanner_(std::move(scanner)), max_file_bytes_(max_file_bytes) {}

std::unique_ptr<ContentScan> SecretAnalyzer::BeginScan(const TarEntry& entry) const {
  if (entry.type != EntryType::kFile || entry.size == 0) return nullptr;
  if (scanner_->IsPathAllowed(entry.path)) return nullptr;
  return std::make_unique<SecretContentScan>(*scanner_, entry, max_file_bytes_);
}

const Analyzer* SecretAnalyzerFor(const ScanOptions& options) {
  static std::mutex mu;
  static std::map<std::pair<std::string, uint64_t>, std::unique_ptr<SecretAnalyzer>> cache;
  std::lock_guard lock(mu);
  auto key = std::make_pair(options.secret_config, options.secret_max_file_bytes);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second.get();
  auto scanner = SecretScannerForConfig(options.secret_config);
  if (!scanner) return nullptr;
  auto analyzer = std::make_unique<SecretAnalyzer>(*scanner, options.secret_max_file_bytes);
  const Analyzer* out = analyzer.get();
  cache.emplace(std::move(key), std::move(analyzer));
  return out;
}

}  // namespace portcullis
