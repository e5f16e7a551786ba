#include "config/dockerfile/discover.h"

namespace portcullis::dockerfile {

bool IsDockerfileName(std::string_view name) {
  if (name.ends_with(".dockerignore")) return false;
  return name == "Dockerfile" || name == "Containerfile" || name.ends_with(".Dockerfile") ||
         name.ends_with(".dockerfile") || name.starts_with("Dockerfile.") ||
         name.starts_with("Containerfile.");
}

Result<WalkResult> DiscoverDockerfiles(const std::string& dir, const WalkLimits& limits) {
  return WalkDirectory(dir, limits, [](std::string_view path) {
    size_t slash = path.rfind('/');
    return IsDockerfileName(slash == std::string_view::npos ? path : path.substr(slash + 1));
  });
}

}  // namespace portcullis::dockerfile
