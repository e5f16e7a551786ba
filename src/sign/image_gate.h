// The signature gate of `portcullis image --verify-key PUB SOURCE`: before an image is scanned,
// it must carry a cosign signature that verifies with PUB; the scan then reads exactly the
// manifest that was verified (pinned by digest), so a tag moved between the check and the
// scan cannot slip another image in. Main thread.
#pragma once

#include <string>
#include <string_view>

#include "portcullis/registry_options.h"
#include "portcullis/result.h"

namespace portcullis::sign {

// Verifies the registry image `source` names (a scan source spec: "registry:REF" or a bare
// REF that is no local path) with the public key file `key_path`. Returns the source to scan
// instead: "registry:REGISTRY/REPOSITORY@sha256:<hex>". Fails, saying why, when the source is
// not a registry image (archives, directories and daemon images carry no registry signature),
// the key cannot be read, or no signature verifies (the verify_image.h reasons).
Result<std::string> RequireSignedImage(std::string_view source, const std::string& key_path,
                                       const RegistryOptions& options);

}  // namespace portcullis::sign
