// ImageSource: the Source of an image whose layers are blobs in a LayoutFiles (docker-archive
// and OCI layouts alike). Each layer is opened, digest-verified, decompressed and read ahead on
// a background thread, then walked. Internal to src/source/.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "source/layout_files.h"
#include "source/source.h"

namespace portcullis::source_internal {

struct LayerBlob {
  std::string file;            // path of the blob inside the layout
  std::string blob_digest;     // verified over the stored bytes ("" = not declared)
  int64_t blob_size = -1;      // verified when >= 0
  std::string diff_id;         // verified over the uncompressed bytes ("" = skip)
};

class ImageSource : public Source {
 public:
  ImageSource(std::shared_ptr<const LayoutFiles> files, Artifact artifact, ImageConfig config,
              std::vector<LayerBlob> blobs);

  Result<WalkStats> WalkLayer(size_t index, const Limits& limits, const EntryCallback& callback,
                              std::vector<Diagnostic>& diagnostics, ByteBudget* budget,
                              const std::function<void(uint64_t)>& on_bytes) const override;

 private:
  std::shared_ptr<const LayoutFiles> files_;
  std::vector<LayerBlob> blobs_;
};

// Fills artifact.layers[i].created_by from the config history, and artifact.size.
void AttachHistory(Artifact& artifact, const ImageConfig& config);

}  // namespace portcullis::source_internal
