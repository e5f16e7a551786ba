// Package URLs (pkg:oci/...) for the scanned image itself, used by the SBOM writers to name
// the artifact they describe. The image's name comes from its repository tags, which are
// untrusted text from the image archive. Pure functions; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "portcullis/model/report.h"

namespace portcullis {

// A parsed image reference "[registry/]repository[:tag]".
struct ImageReference {
  std::string registry;    // "ghcr.io", "localhost:5000"; "" when the reference names none
  std::string repository;  // "library/debian", "org/app" (lower-case path components)
  std::string tag;         // "" when absent
};

// Parses a reference as `docker tag` writes them. The first path component is a registry when
// it contains '.' or ':' or is "localhost". nullopt when a component or the tag has characters
// a reference may not have, or the reference is longer than 512 bytes.
std::optional<ImageReference> ParseImageReference(std::string_view text);

// The purl of `artifact` as an OCI image, "pkg:oci/<name>@<digest>?arch=..&repository_url=..
// &tag=..", when it has a manifest digest (not a docker-archive image id) and a repository tag
// "repository:tag" or "registry/repository[:tag]" that parses (a bare word, as OCI layouts
// often carry, may be a tag or a repository, so it is not used); "" otherwise.
// repository_url is only set when the tag names a registry.
std::string OciPurl(const Artifact& artifact);

}  // namespace portcullis
