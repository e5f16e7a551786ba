// The registry image source: an image read straight from an OCI Distribution registry. The
// registry is presented to the OCI layout reader (source/oci_layout.cc) as a LayoutFiles whose
// index.json names the referenced manifest and whose blobs/<alg>/<hex> are fetched on demand:
// manifests and indexes through /manifests/<digest>, configs and layers through /blobs/<digest>
// as HTTP streams (never a temporary file). So platform selection, digest checks and layer
// walking are exactly those of a local OCI layout, and layers download in parallel as the
// scanner walks them (--parallel). Internal to src/source/.
#pragma once

#include <memory>
#include <string>

#include "portcullis/registry_options.h"
#include "source/registry/client.h"
#include "source/registry/reference.h"
#include "source/source.h"

namespace portcullis::source_internal {

// Opens `ref` on its registry. `platform` picks an image of a manifest list / OCI index.
Result<std::unique_ptr<Source>> OpenRegistryImage(const registry::Reference& ref,
                                                  const std::string& platform, const Limits& limits,
                                                  const RegistryOptions& options);

}  // namespace portcullis::source_internal
