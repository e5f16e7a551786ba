// Name-based (version 5, RFC 4122 section 4.3) UUIDs, for the identifiers SBOM formats want
// unique per document (CycloneDX serialNumber, SPDX documentNamespace). Deriving them from the
// document's content keeps output deterministic, so golden files stay stable and the same
// scan gives the same document. Pure functions; any thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace portcullis {

using UuidBytes = std::array<uint8_t, 16>;

// The namespace of every UUID Portcullis derives from report content
// (a2f4c5e0-7b1d-5c39-9e0a-6f1b8d2c4e73).
inline constexpr UuidBytes kPortcullisUuidNamespace = {0xa2, 0xf4, 0xc5, 0xe0, 0x7b, 0x1d,
                                                       0x5c, 0x39, 0x9e, 0x0a, 0x6f, 0x1b,
                                                       0x8d, 0x2c, 0x4e, 0x73};

// The version-5 UUID of `name` in `name_space`, lower-case "xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx".
std::string UuidV5(const UuidBytes& name_space, std::string_view name);

}  // namespace portcullis
