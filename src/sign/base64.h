// Base64 (RFC 4648, standard alphabet, '=' padding) as cosign's key files, signature annotations
// and key envelopes use it. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "portcullis/result.h"

namespace portcullis::sign {

// `data` in base64 with padding, no line breaks.
std::string Base64Encode(std::string_view data);

// Decodes `text` strictly: standard alphabet, length a multiple of 4, '=' padding only at the
// end, unused bits zero, no whitespace. Fails with kCorrupt (naming the offset) otherwise.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace portcullis::sign
