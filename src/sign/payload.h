// The "simple signing" payload cosign signs (containers/image's JSON data format with cosign's
// type string):
//   {"critical":{"identity":{"docker-reference":"REPO"},
//                "image":{"docker-manifest-digest":"sha256:HEX"},
//                "type":"cosign container image signature"},
//    "optional":null}
// written byte for byte as cosign (Go's encoding/json) writes it. The signature covers these
// bytes, so a verifier checks the stored bytes and only then reads fields from them; nothing is
// re-serialised. Pure functions; thread-safe.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "portcullis/result.h"

namespace portcullis::sign {

inline constexpr std::string_view kCosignSignatureType = "cosign container image signature";
// A payload is a few hundred bytes; user annotations may add some. Larger ones are refused.
inline constexpr size_t kMaxPayloadBytes = 256 * 1024;

// The payload for `manifest_digest` ("sha256:<hex>") of an image in repository
// `docker_reference` ("registry/path/name", no tag or digest). `optional` becomes the
// "optional" object (keys sorted, as Go writes maps), or null when empty. Strings are escaped
// as Go does (<, >, & as \u003c, \u003e, \u0026; U+2028/9; invalid UTF-8 as U+FFFD).
std::string MakeSimpleSigningPayload(std::string_view docker_reference,
                                     std::string_view manifest_digest,
                                     const std::map<std::string, std::string>& optional = {});

// What a payload says. `optional` is null or the object as stored.
struct SimpleSigningPayload {
  std::string docker_reference;
  std::string manifest_digest;
  nlohmann::json optional;
};

// Reads a payload's fields. Fails (kCorrupt) unless it is a JSON object with the critical
// identity / image / type members (exact names; a key repeated anywhere is refused, so that no
// two parsers can read different digests from one payload), type "cosign container image
// signature", and a well-formed sha256 digest; kLimitExceeded above kMaxPayloadBytes.
Result<SimpleSigningPayload> ParseSimpleSigningPayload(std::string_view bytes);

}  // namespace portcullis::sign
