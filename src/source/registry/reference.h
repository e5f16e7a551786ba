// Image references: `[registry/]repository[:tag|@sha256:...]`, parsed and normalised as the
// Docker client does (docker.io and library/ defaults, "latest" when neither tag nor digest is
// given). Pure functions on strings; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "portcullis/result.h"

namespace portcullis::registry {

inline constexpr std::string_view kDockerHub = "docker.io";

struct Reference {
  std::string registry;    // "docker.io", "ghcr.io", "127.0.0.1:5000" (lower-case host[:port])
  std::string repository;  // "library/alpine", "test/app"
  std::string tag;         // "" when a digest is given without a tag
  std::string digest;      // "sha256:<hex>" or ""

  // The tag or digest to ask the registry for (the digest when both are given).
  std::string Identifier() const { return digest.empty() ? tag : digest; }
  // "docker.io/library/alpine:3.19", "host/repo@sha256:..." (tag and digest when both).
  std::string ToString() const;
  // The host to talk to: registry-1.docker.io for docker.io, the registry otherwise.
  std::string ApiHost() const;
};

// Parses `text` (an optional "registry:" prefix is accepted). The first path component is a
// registry when it contains '.' or ':' or is "localhost"; otherwise the registry is docker.io
// and a one-component repository gets "library/". Fails with kInvalidArgument naming the part
// that is malformed (upper case or other characters a repository may not have, a bad tag or
// digest, an empty component).
[[nodiscard]] Result<Reference> ParseReference(std::string_view text);

// "REGISTRY/REPOSITORY" without tag (for `registry ls`): as ParseReference, but a tag or digest
// is an error.
[[nodiscard]] Result<Reference> ParseRepository(std::string_view text);

}  // namespace portcullis::registry
