// OpenVEX input (https://github.com/openvex/spec, v0.2.0 and the earlier v0.0.x form):
// statements by the image's maintainers that a vulnerability does not affect a product.
// `not_affected` and `fixed` statements suppress the matching vulnerability findings;
// `affected` and `under_investigation` keep them. Statements apply in document order, so a
// later statement about the same vulnerability and product overrides an earlier one.
//
// A statement matches a finding when its vulnerability (name, @id or aliases) is the finding's
// id or one of its aliases, and one of its products or subcomponents identifies the package:
// a purl equal to the package's (qualifiers ignored; without a version, any version), or the
// image itself (a pkg:oci purl, or the artifact's name or digest), which covers every package.
// A statement without products covers every package. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/model/report.h"
#include "portcullis/result.h"

namespace portcullis {

inline constexpr uint64_t kMaxVexBytes = 16ull << 20;

struct VexStatement {
  std::vector<std::string> vulnerabilities;  // name, @id and aliases
  std::vector<std::string> products;         // product and subcomponent identifiers
  std::string status;                        // not_affected, affected, fixed, under_investigation
  std::string justification;
};

struct VexDocument {
  std::string path;
  std::vector<VexStatement> statements;
};

// Parses an OpenVEX JSON document named `path`. Fails with kCorrupt (JSON syntax with its
// offset, or a statement without a vulnerability or with an unknown status, naming its index).
[[nodiscard]] Result<VexDocument> ParseVex(std::string_view text, std::string_view path);

// Reads and parses the file at `path`.
[[nodiscard]] Result<VexDocument> ReadVex(const std::string& path);

// Removes the vulnerability findings the document says do not affect the artifact. Returns
// the number removed.
size_t ApplyVex(Report& report, const VexDocument& vex);

}  // namespace portcullis
