// PEM armour (RFC 7468) for key files: "-----BEGIN LABEL-----", base64 lines, "-----END
// LABEL-----". Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "portcullis/result.h"

namespace portcullis::sign {

// Key files are small; anything larger is refused before parsing.
inline constexpr size_t kMaxKeyFileBytes = 64 * 1024;

struct PemBlock {
  std::string label;  // "PUBLIC KEY", "ENCRYPTED SIGSTORE PRIVATE KEY", ...
  std::string body;   // the decoded bytes
};

// The first PEM block of `text` (text before it is ignored, as OpenSSL and Go do). Fails with
// kCorrupt when there is none, the END line is missing or names another label, the block has
// RFC 1421 headers (legacy "Proc-Type: 4,ENCRYPTED" keys), or the body is not base64; with
// kLimitExceeded when `text` is larger than kMaxKeyFileBytes.
Result<PemBlock> ParsePem(std::string_view text);

// `body` armoured under `label`, 64 base64 characters per line, ending in a newline (the form
// Go's pem.EncodeToMemory and OpenSSL write).
std::string EncodePem(std::string_view label, std::string_view body);

}  // namespace portcullis::sign
