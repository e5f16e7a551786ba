#include "source/image_source.h"

#include "layer/decompress.h"

namespace portcullis::source_internal {

ImageSource::ImageSource(std::shared_ptr<const LayoutFiles> files, Artifact artifact,
                         ImageConfig config, std::vector<LayerBlob> blobs)
    : files_(std::move(files)), blobs_(std::move(blobs)) {
  artifact_ = std::move(artifact);
  config_ = std::move(config);
}

Result<WalkStats> ImageSource::WalkLayer(size_t index, const Limits& limits,
                                         const EntryCallback& callback,
                                         std::vector<Diagnostic>& diagnostics, ByteBudget* budget,
                                         const std::function<void(uint64_t)>& on_bytes) const {
  if (index >= blobs_.size()) return Fail(ErrorCode::kInternal, "no layer {}", index);
  const LayerBlob& blob = blobs_[index];
  std::string name = files_->Describe(blob.file);
  auto raw = PC_TRY(files_->Open(blob.file));
  // Three stages on their own threads: read + hash the stored blob; inflate (+ hash the
  // uncompressed tar for docker-archives); here, tar parsing and the analyzers.
  if (!blob.blob_digest.empty()) {
    raw = Prefetch(VerifyDigest(std::move(raw), blob.blob_digest, blob.blob_size, name));
  }
  auto stream = PC_TRY(OpenDecompressed(std::move(raw), name));
  if (!blob.diff_id.empty()) {
    stream = VerifyDigest(std::move(stream), blob.diff_id, -1, name + " (uncompressed)");
  }
  stream = Prefetch(std::move(stream));
  return WalkTar(*stream, name, limits, callback, diagnostics, budget, on_bytes);
}

void AttachHistory(Artifact& artifact, const ImageConfig& config) {
  auto history = LayerHistory(config);
  artifact.size = 0;
  for (size_t i = 0; i < artifact.layers.size(); ++i) {
    if (i < history.size()) artifact.layers[i].created_by = history[i]->created_by;
    artifact.size += artifact.layers[i].size;
  }
}

}  // namespace portcullis::source_internal
