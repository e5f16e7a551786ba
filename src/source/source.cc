#include "source/source.h"

#include <sys/stat.h>

#include "core/strings.h"
#include "source/tar_index.h"

namespace portcullis {

namespace source_internal {

std::pair<std::string, std::string> SplitPathAndTag(const std::string& spec) {
  struct stat st;
  if (::stat(spec.c_str(), &st) == 0) return {spec, ""};
  auto colon = spec.rfind(':');
  if (colon == std::string::npos || spec.find('/', colon) != std::string::npos) return {spec, ""};
  return {spec.substr(0, colon), spec.substr(colon + 1)};
}

}  // namespace source_internal

using namespace source_internal;

Result<std::unique_ptr<Source>> OpenSource(const std::string& spec, const std::string& platform,
                                           const Limits& limits,
                                           const RegistryOptions& registry) {
  if (auto remote = OpenRemoteSource(spec, platform, limits, registry)) return std::move(*remote);
  auto strip = [&](std::string_view prefix) -> std::optional<std::string> {
    if (spec.starts_with(prefix)) return spec.substr(prefix.size());
    return std::nullopt;
  };
  if (auto rest = strip("docker-archive:")) {
    auto [path, tag] = SplitPathAndTag(*rest);
    return OpenDockerArchive(path, tag, limits);
  }
  if (auto rest = strip("oci-archive:")) {
    auto [path, tag] = SplitPathAndTag(*rest);
    return OpenOciArchive(path, tag, platform, limits);
  }
  if (auto rest = strip("oci:")) {
    auto [path, tag] = SplitPathAndTag(*rest);
    return OpenOciLayoutDir(path, tag, platform, limits);
  }
  if (auto rest = strip("dir:")) return OpenRootfsDir(*rest, limits);

  // No prefix: decide from what the path is.
  auto [path, tag] = SplitPathAndTag(spec);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return std::unexpected(Error{ErrorCode::kNotFound,
                                 "no such file or directory (expected an image archive, an OCI "
                                 "layout or a root file system directory)",
                                 spec});
  }
  if (S_ISDIR(st.st_mode)) {
    struct stat idx;
    if (::stat((path + "/index.json").c_str(), &idx) == 0) {
      return OpenOciLayoutDir(path, tag, platform, limits);
    }
    return OpenRootfsDir(path, limits);
  }
  // A tar file: an OCI layout packed as a tar, or a docker-archive (Docker 25+ writes both;
  // OpenDockerArchive prefers the OCI layout when there is no manifest.json).
  auto index = PC_TRY(TarIndex::Open(path, limits));
  if (index.Find("oci-layout") && index.Find("index.json")) {
    return OpenOciArchive(path, tag, platform, limits);
  }
  if (index.Find("manifest.json")) return OpenDockerArchive(path, tag, limits);
  return std::unexpected(Error{ErrorCode::kUnsupported,
                               "tar file is neither a docker-archive (no manifest.json) nor an OCI "
                               "layout (no index.json and oci-layout)",
                               path});
}

}  // namespace portcullis
