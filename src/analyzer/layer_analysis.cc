#include "analyzer/layer_analysis.h"

#include "core/strings.h"

namespace portcullis {

Result<LayerFacts> AnalyzeLayer(const Source& source, size_t index,
                                std::span<const Analyzer* const> analyzers, const Limits& limits,
                                ByteBudget* budget,
                                const std::function<void(uint64_t)>& on_bytes) {
  LayerFacts facts;
  facts.index = index;
  std::vector<const Analyzer*> whole;
  std::vector<std::unique_ptr<ContentScan>> scans;
  std::string content;
  const std::string& layer_name = source.artifact().layers[index].digest;

  auto on_entry = [&](const TarEntry& entry, EntryReader& reader) -> Result<void> {
    facts.files.push_back(FileMeta{entry.path, entry.type, entry.mode, entry.uid, entry.gid,
                                   entry.size, entry.link_target});
    if (entry.type != EntryType::kFile) return {};
    whole.clear();
    scans.clear();
    for (const Analyzer* a : analyzers) {
      if (a->Wants(entry)) whole.push_back(a);
      if (auto scan = a->BeginScan(entry)) scans.push_back(std::move(scan));
    }
    if (whole.empty() && scans.empty()) return {};  // the walker skips the content
    bool keep = !whole.empty() && entry.size <= limits.max_file_bytes;
    if (!whole.empty() && !keep) {
      facts.diagnostics.push_back(
          {"analyzer.file_too_large", entry.path, 0, 0,
           fmt::format("{} bytes, over the limit of {} (--max-file-bytes); not analysed",
                       entry.size, limits.max_file_bytes),
           Severity::kMedium});
    }
    content.clear();
    if (keep) content.reserve(static_cast<size_t>(entry.size));
    for (;;) {
      auto block = PC_TRY(reader.NextBlock());
      if (block.empty()) break;
      for (auto& scan : scans) scan->Feed(block);
      if (keep) {
        if (content.size() + block.size() > limits.max_file_bytes) {
          keep = false;  // the header lied about the size
          content.clear();
          facts.diagnostics.push_back({"analyzer.file_too_large", entry.path, 0, 0,
                                       "content longer than its declared size; not analysed",
                                       Severity::kMedium});
        } else {
          content.append(reinterpret_cast<const char*>(block.data()), block.size());
        }
      }
    }
    for (auto& scan : scans) scan->Finish(facts);
    if (keep) {
      for (const Analyzer* a : whole) a->Analyze(entry, content, facts);
    }
    return {};
  };

  auto stats = source.WalkLayer(index, limits, on_entry, facts.diagnostics, budget, on_bytes);
  if (!stats) return std::unexpected(stats.error());
  facts.bytes = stats->bytes;
  facts.entries = stats->entries;
  // Diagnostics from the walker name the layer blob; point file-level ones at the layer too.
  for (auto& d : facts.diagnostics) {
    if (d.path.empty()) d.path = layer_name;
  }
  return facts;
}

}  // namespace portcullis
