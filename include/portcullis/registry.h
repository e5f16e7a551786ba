// Registry queries of the library: list a repository's tags with the digests they point at, so a
// CI job or the server can scan a whole repository (`portcullis registry ls`).
// Thread-safe: ListRepositoryTags may be called from several threads at once (each call uses its
// own registry client; the blob cache and credential helpers are safe to share).
#pragma once

#include <string>
#include <vector>

#include "portcullis/registry_options.h"
#include "portcullis/result.h"

namespace portcullis {

struct RepositoryTag {
  std::string tag;
  std::string digest;  // "sha256:..." of the manifest the tag points at; "" when not resolved
};

struct RepositoryTags {
  std::string registry;    // "docker.io", "127.0.0.1:5000"
  std::string repository;  // "library/alpine", "test/app"
  std::vector<RepositoryTag> tags;  // in the registry's order (pagination followed)
};

// Lists the tags of `repository` ("[registry/]repository", Docker Hub defaults as for image
// references) and, when `with_digests`, resolves each tag to its manifest digest (one HEAD
// request per tag). Fails on a malformed name, an unreachable registry, refused credentials.
[[nodiscard]] Result<RepositoryTags> ListRepositoryTags(const std::string& repository,
                                                        const RegistryOptions& options,
                                                        bool with_digests = true);

}  // namespace portcullis
