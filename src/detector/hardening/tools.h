// Tool inventory: which shells, package managers, network tools and debuggers/compilers an
// image ships, found by name in the executable directories of the merged view (bin, sbin,
// usr/bin, usr/sbin, usr/local/bin, usr/local/sbin), following symlinks and hard links the way
// the kernel would inside the image. A busybox binary counts through its applet links
// (bin/sh -> busybox is a shell, bin/wget -> busybox a network tool), and a busybox binary is a
// shell by itself (`busybox sh`). Only executable regular files count (a name without any x
// bit, or a dangling link, is not a tool).
//
// Pure functions over an immutable MergedView; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "applier/applier.h"

namespace portcullis {

enum class ToolKind { kShell, kPackageManager, kNetworkTool, kDebugger, kPrivilege };

// The names looked for, per kind (kPrivilege: sudo).
std::span<const std::string_view> ToolNames(ToolKind kind);

// The directories searched, in order.
std::span<const std::string_view> ExecutableDirs();

struct ToolHit {
  std::string name;       // "sh", "curl", "busybox"
  std::string path;       // where it was found, e.g. "bin/sh" (normalised, no leading '/')
  const MergedFile* file = nullptr;  // the executable it resolves to
  bool busybox = false;   // the executable is a busybox multi-call binary
};

// The tools of `kind` in `view`, one per name (the first directory in ExecutableDirs() order
// that has it), in ToolNames() order. For kShell, a busybox binary found under any name of the
// executable dirs adds a hit named "busybox" (unless it is already reported as an applet name).
std::vector<ToolHit> FindTools(const MergedView& view, ToolKind kind, uint64_t max_symlink_hops);

}  // namespace portcullis
