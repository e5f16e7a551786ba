// The `sbom:FILE` source: reads a CycloneDX (1.4 to 1.6) or SPDX (2.2, 2.3) JSON document back
// into the packages and operating system it describes, so a stored SBOM can be checked for
// vulnerabilities without the image. Packages are identified by their package URL (purl),
// which gives their type, ecosystem and, for OS packages, the source package ("upstream"
// qualifier) and distribution ("distro" qualifier); components without a purl are skipped and
// counted in a Diagnostic. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/limits.h"
#include "portcullis/model/report.h"
#include "portcullis/result.h"

namespace portcullis {

struct SbomContents {
  Artifact artifact;  // type "sbom", name = the file, digest = the image's when the SBOM says
  std::optional<OsInfo> os;
  std::vector<Package> packages;
  std::vector<Diagnostic> diagnostics;
};

// What a package URL says. `name` is the package name as its ecosystem writes it (Maven
// "group:artifact", Go "module/path", npm "@scope/name").
struct Purl {
  std::string type;       // "deb", "apk", "rpm", "npm", "pypi", "golang", "maven", ...
  std::string namespace_;
  std::string name;
  std::string version;
  std::vector<std::pair<std::string, std::string>> qualifiers;

  std::string Qualifier(std::string_view key) const;
};

// Parses "pkg:type/namespace/name@version?qualifiers#subpath" (percent-decoded). Fails with
// kCorrupt naming what is missing.
[[nodiscard]] Result<Purl> ParsePurl(std::string_view purl);

// Reads an SBOM document; `path` names it in errors. Fails with kUnsupported when it is JSON
// but neither CycloneDX nor SPDX, kCorrupt when it is not JSON.
[[nodiscard]] Result<SbomContents> ReadSbom(std::string_view text, std::string_view path,
                                            const Limits& limits);

// Reads the SBOM file at `path` (at most limits.max_json_bytes).
[[nodiscard]] Result<SbomContents> ReadSbomFile(const std::string& path, const Limits& limits);

}  // namespace portcullis
