// Which specs name a remote image: registry:REF, docker:IMAGE, podman:IMAGE, and a bare
// reference that is not an existing local path (a local path always wins). The error for a
// reference that cannot be opened says which forms were tried.
#include <sys/stat.h>

#include "core/strings.h"
#include "source/daemon_source.h"
#include "source/registry/registry_source.h"
#include "source/source.h"

namespace portcullis::source_internal {

namespace {

bool IsLocalSpec(const std::string& spec) {
  for (std::string_view prefix : {"docker-archive:", "oci-archive:", "oci:", "dir:", "sbom:"}) {
    if (spec.starts_with(prefix)) return true;
  }
  struct stat st;
  if (::stat(spec.c_str(), &st) == 0) return true;
  // "PATH:TAG" with an existing PATH.
  auto [path, tag] = SplitPathAndTag(spec);
  return !tag.empty() && ::stat(path.c_str(), &st) == 0;
}

}  // namespace

std::optional<Result<std::unique_ptr<Source>>> OpenRemoteSource(const std::string& spec,
                                                                const std::string& platform,
                                                                const Limits& limits,
                                                                const RegistryOptions& registry) {
  if (spec.starts_with("registry:")) {
    auto ref = registry::ParseReference(spec);
    if (!ref) return std::unexpected(ref.error());
    return OpenRegistryImage(*ref, platform, limits, registry);
  }
  if (spec.starts_with("docker:"))
    return OpenDaemonImage("docker", spec.substr(7), limits, registry);
  if (spec.starts_with("podman:"))
    return OpenDaemonImage("podman", spec.substr(7), limits, registry);
  if (IsLocalSpec(spec)) return std::nullopt;
  auto ref = registry::ParseReference(spec);
  if (!ref) {
    return Fail(ErrorCode::kNotFound,
                "{}: no such file or directory, and not an image reference either ({}); expected "
                "an image archive, an OCI layout, a root file system directory, "
                "[registry/]repository[:tag|@digest], registry:REF, docker:IMAGE or podman:IMAGE",
                Excerpt(spec, 100), ref.error().message);
  }
  auto source = OpenRegistryImage(*ref, platform, limits, registry);
  if (source) return source;
  Error e = source.error();
  e.message = fmt::format(
      "{}: tried the local path (no such file or directory) and the registry reference {} ({}); "
      "for an image of the local Docker or Podman daemon use docker:{} or podman:{}",
      Excerpt(spec, 100), ref->ToString(), e.ToString(), Excerpt(spec, 100), Excerpt(spec, 100));
  e.path.clear();
  return std::unexpected(e);
}

}  // namespace portcullis::source_internal
