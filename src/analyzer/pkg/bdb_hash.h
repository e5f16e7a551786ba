// Berkeley DB hash files, read-only and from memory: the format of rpm's legacy Packages
// database (CentOS 7, RHEL/UBI 8, Amazon Linux 2). Every page is bounds-checked; overflow
// chains are followed with loop and length limits. Only what rpm uses is supported: unencrypted
// files without page checksums, plain and off-page items (no duplicates). Pure function;
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/model/finding.h"
#include "portcullis/result.h"

namespace portcullis {

struct BdbRecord {
  std::string key;
  std::string value;
};

// Every key/value pair of the hash database `content` (named `path` in messages), in page
// order. Fails (kCorrupt / kUnsupported) when the metadata page is not that of a hash
// database this reader supports. Pages or items that do not parse are reported in
// `diagnostics` (code "bdb.bad_page", naming the page) and skipped; the rest is returned.
// `max_value_bytes` bounds one value (an rpm header is at most 256 MiB).
Result<std::vector<BdbRecord>> ReadBdbHash(std::string_view content, std::string_view path,
                                           std::vector<Diagnostic>& diagnostics,
                                           uint64_t max_value_bytes = 256ull << 20);

}  // namespace portcullis
