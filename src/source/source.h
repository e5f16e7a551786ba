// Source: where an image comes from. A Source yields the image's metadata (artifact, config,
// layers) and walks each layer as a stream of tar entries; nothing is extracted to disk. Image
// sources verify every blob's digest while they read it.
//
// Kinds: docker-archive (a `docker save` tarball), OCI image layout (a directory, or the same
// packed in a tar), and a root file system directory (one pseudo-layer, no config).
//
// Once opened, a Source is immutable: WalkLayer may be called concurrently for different
// layers from different threads.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "layer/tar_walker.h"
#include "portcullis/limits.h"
#include "portcullis/model/report.h"
#include "portcullis/registry_options.h"
#include "source/image_config.h"

namespace portcullis {

class Source {
 public:
  virtual ~Source() = default;

  // Name, type, digests, tags, platform and layer list of the image.
  const Artifact& artifact() const { return artifact_; }
  // The image configuration; `present` is false for a root file system.
  const ImageConfig& config() const { return config_; }
  size_t layer_count() const { return artifact_.layers.size(); }

  // Walks layer `index` (0 = base), calling `callback` for every entry in archive order. Fails
  // when the layer cannot be read whole: missing or corrupt blob, digest mismatch, limits.
  // Hostile entries are skipped and reported in `diagnostics`. `budget` is shared by the layers
  // of one image; `on_bytes` reports progress.
  [[nodiscard]] virtual Result<WalkStats> WalkLayer(
      size_t index, const Limits& limits, const EntryCallback& callback,
      std::vector<Diagnostic>& diagnostics, ByteBudget* budget,
      const std::function<void(uint64_t)>& on_bytes) const = 0;

 protected:
  Artifact artifact_;
  ImageConfig config_;
};

// Opens the source named by `spec`:
//   docker-archive:FILE[:TAG]   a `docker save` / `skopeo copy docker-archive:` tarball
//   oci:DIR[:TAG]               an OCI image layout directory
//   oci-archive:FILE[:TAG]      an OCI image layout packed as a tar
//   dir:PATH                    a root file system directory
//   registry:REF                an image in a registry (src/source/registry/)
//   docker:IMAGE, podman:IMAGE  an image of the local Docker / Podman daemon
//   PATH                        any of the above, detected from what PATH is
//   REF                         when no such path exists: [registry/]repository[:tag|@digest]
// `platform` ("os/arch[/variant]", "" = linux/amd64) picks one image of a multi-platform index.
// `registry` says how to reach registries and daemons (defaults when omitted).
Result<std::unique_ptr<Source>> OpenSource(const std::string& spec, const std::string& platform,
                                           const Limits& limits,
                                           const RegistryOptions& registry = {});

// Helpers shared by the source implementations (src/source/*.cc). Not for other modules.
namespace source_internal {

// Splits "PATH[:TAG]": the whole spec when it names an existing file or directory, otherwise
// the part after the last ':' (when it contains no '/') is the tag.
std::pair<std::string, std::string> SplitPathAndTag(const std::string& spec);

Result<std::unique_ptr<Source>> OpenDockerArchive(const std::string& path, const std::string& tag,
                                                  const Limits& limits);
Result<std::unique_ptr<Source>> OpenOciLayoutDir(const std::string& dir, const std::string& tag,
                                                 const std::string& platform, const Limits& limits);
Result<std::unique_ptr<Source>> OpenOciArchive(const std::string& path, const std::string& tag,
                                               const std::string& platform, const Limits& limits);
class LayoutFiles;
// The OCI layout in `files` (shared by the directory and tar forms, and by docker-archives that
// also carry an OCI layout). `name`/`type` go into the Artifact.
Result<std::unique_ptr<Source>> OpenOciLayout(std::shared_ptr<const LayoutFiles> files,
                                              std::string name, std::string type,
                                              const std::string& tag, const std::string& platform,
                                              const Limits& limits);
Result<std::unique_ptr<Source>> OpenRootfsDir(const std::string& dir, const Limits& limits);
// registry:REF, docker:IMAGE, podman:IMAGE, and a bare REF that is no local path
// (src/source/remote_source.cc). nullopt when `spec` is none of these.
std::optional<Result<std::unique_ptr<Source>>> OpenRemoteSource(const std::string& spec,
                                                                const std::string& platform,
                                                                const Limits& limits,
                                                                const RegistryOptions& registry);

}  // namespace source_internal

}  // namespace portcullis
