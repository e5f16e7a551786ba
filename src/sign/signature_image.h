// The signature image cosign stores next to a signed image: an OCI image manifest tagged
// "sha256-<hex>.sig" in the same repository, with one layer per signature. Each layer is the
// payload blob (media type application/vnd.dev.cosign.simplesigning.v1+json) and carries the
// base64 signature in the annotation "dev.cosignproject.cosign/signature". The config is the
// small OCI image config go-containerregistry writes for it. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/result.h"

namespace portcullis::sign {

inline constexpr std::string_view kSimpleSigningMediaType =
    "application/vnd.dev.cosign.simplesigning.v1+json";
inline constexpr std::string_view kSignatureAnnotation = "dev.cosignproject.cosign/signature";
inline constexpr std::string_view kOciManifestMediaType =
    "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view kOciConfigMediaType = "application/vnd.oci.image.config.v1+json";
// A signature manifest holds a handful of signatures; these bound what a verifier reads.
inline constexpr size_t kMaxSignatureManifestBytes = 4 * 1024 * 1024;
inline constexpr size_t kMaxSignatureLayers = 256;

// "sha256-<hex>.sig" for the image digest "sha256:<hex>". kInvalidArgument for a malformed one.
Result<std::string> SignatureTag(std::string_view image_digest);

// One layer descriptor of a signature manifest.
struct SignatureLayer {
  std::string media_type;
  std::string digest;  // "sha256:<hex>" of the payload blob
  uint64_t size = 0;
  std::map<std::string, std::string> annotations;  // the signature and anything cosign added
};

// Reads the layers of a signature manifest. Fails (kCorrupt) unless it is an OCI / Docker
// schema 2 image manifest whose layers have media types, well-formed digests, sizes and string
// annotations; kLimitExceeded beyond kMaxSignatureManifestBytes or kMaxSignatureLayers.
Result<std::vector<SignatureLayer>> ParseSignatureManifest(std::string_view json);

// The blobs and manifest of a signature image with `layers`.
struct SignatureImage {
  std::string config;         // the config blob
  std::string config_digest;  // "sha256:<hex>" of `config`
  std::string manifest;       // the manifest, media type kOciManifestMediaType
};

// Builds the signature image cosign would write for `layers`: manifest and config serialised
// as go-containerregistry serialises them (field order, compact JSON), config created
// "0001-01-01T00:00:00Z" so that the same signatures always give the same digest.
SignatureImage BuildSignatureImage(const std::vector<SignatureLayer>& layers);

}  // namespace portcullis::sign
