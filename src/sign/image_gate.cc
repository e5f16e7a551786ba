// The signature gate before an image scan.
#include "sign/image_gate.h"

#include <unistd.h>

#include "core/files.h"
#include "sign/keys.h"
#include "sign/pem.h"
#include "sign/remote_signing.h"

namespace portcullis::sign {

Result<std::string> RequireSignedImage(std::string_view source, const std::string& key_path,
                                       const RegistryOptions& options) {
  std::string_view reference = source;
  if (reference.starts_with("registry:")) {
    reference.remove_prefix(9);
  } else {
    for (std::string_view local :
         {"docker-archive:", "oci:", "oci-archive:", "dir:", "sbom:", "docker:", "podman:"}) {
      if (reference.starts_with(local)) {
        return Fail(ErrorCode::kInvalidArgument,
                    "--verify-key checks registry images; {} is a {} source, which carries no "
                    "registry signature",
                    source, local.substr(0, local.size() - 1));
      }
    }
    if (access(std::string(reference).c_str(), F_OK) == 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  "--verify-key checks registry images; {} is a local path (use registry:REF "
                  "for the registry image)",
                  source);
    }
  }
  std::string text = PC_TRY(ReadFileLimited(key_path, kMaxKeyFileBytes));
  auto key = PublicKey::FromPem(text);
  if (!key) return std::unexpected(key.error().WithPath(key_path));
  ResolvedImage image;
  Verification verification = PC_TRY(VerifyRemoteImage(reference, *key, options, &image));
  if (!verification.verified) {
    return Fail(ErrorCode::kNotFound, "refusing to scan {}/{}@{}: {}", image.registry,
                image.repository, image.digest, verification.message);
  }
  return "registry:" + image.Pinned();
}

}  // namespace portcullis::sign
