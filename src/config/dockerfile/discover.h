// Which files are Dockerfiles, and finding them below a directory (`portcullis dockerfile DIR`)
// with the one project walker (core/dir_walker.h: its skip list, limits and symlink rule).
// Pure functions of the file system; any thread may call them, several at once.
#pragma once

#include <string>
#include <string_view>

#include "core/dir_walker.h"

namespace portcullis::dockerfile {

// Dockerfile, Containerfile, *.Dockerfile, *.dockerfile, Dockerfile.*, Containerfile.*; not
// *.dockerignore. `name` is a base name.
bool IsDockerfileName(std::string_view name);

// The Dockerfiles below directory `dir`, sorted, with the walk's diagnostics. Fails as
// WalkDirectory does when `dir` itself cannot be listed.
[[nodiscard]] Result<WalkResult> DiscoverDockerfiles(const std::string& dir,
                                                     const WalkLimits& limits);

}  // namespace portcullis::dockerfile
