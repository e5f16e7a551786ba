// The one walker of project directories: the files `portcullis dockerfile DIR` and
// `portcullis config DIR` read (and any other command that looks for inputs in a source tree).
//
// A walk lists the regular files below a root that a caller's predicate picks, sorted by path.
// It is bounded and never leaves the root:
//   - symbolic links are never followed (neither to files nor to directories), so a link out
//     of the root or a link loop cannot be walked into; a link whose name the caller wants is
//     reported (kWalkSymlink, INFO);
//   - directories are opened relative to their parent with O_NOFOLLOW, so a directory swapped
//     for a link during the walk is not entered either;
//   - directories deeper than WalkLimits::max_depth are not entered, and the walk stops after
//     WalkLimits::max_entries directory entries; each cut is a diagnostic at HIGH (data left
//     unread), as is a directory that cannot be listed;
//   - the directories named in kWalkSkippedDirectories are never entered. That is the one skip
//     list: version-control metadata (.git, .hg, .svn, .bzr: the repository's history, not its
//     files) and node_modules (installed third-party npm packages, which ship their own example
//     Dockerfiles, manifests and CI files and are often tens of thousands of files). Everything
//     else is walked, hidden directories included (.devcontainer, .github, .gitlab, ...).
//     The README's "Directories" paragraph repeats this list; keep both in step.
// Other file types (sockets, FIFOs, devices) are skipped without being opened.
//
// WalkDirectory keeps no state between calls and only reads the file system; any thread may
// call it, several at once.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/limits.h"
#include "portcullis/model/finding.h"
#include "portcullis/result.h"

namespace portcullis {

// Directory names (exact, case-sensitive) a walk never enters.
inline constexpr std::array<std::string_view, 5> kWalkSkippedDirectories = {
    ".git", ".hg", ".svn", ".bzr", "node_modules"};

// Hard cap on WalkLimits::max_depth: one open directory per level is kept while walking.
inline constexpr uint64_t kMaxWalkDepth = 256;

// Diagnostic codes of a walk.
inline constexpr std::string_view kWalkDepth = "walk.depth";          // subtree not entered
inline constexpr std::string_view kWalkEntries = "walk.entries";      // walk stopped early
inline constexpr std::string_view kWalkUnreadable = "walk.unreadable";  // cannot list a dir
inline constexpr std::string_view kWalkSymlink = "walk.symlink";      // wanted link not followed

struct WalkResult {
  std::vector<std::string> files;        // root + "/" + relative path, sorted
  std::vector<Diagnostic> diagnostics;   // what the walk could not or would not read
};

// Wanted files are picked by path (the root joined with the relative path).
using WalkFilter = std::function<bool(std::string_view path)>;

// Walks the directory `root` (which may itself be a symbolic link: the caller named it) and
// returns the regular files `want` accepts. Fails with kNotFound when `root` does not exist and
// kIo when it is not a directory or cannot be opened; everything below the root that cannot be
// read becomes a diagnostic.
[[nodiscard]] Result<WalkResult> WalkDirectory(const std::string& root, const WalkLimits& limits,
                                               const WalkFilter& want);

// True when a walk does not enter a directory called `name`.
bool IsWalkSkippedDirectory(std::string_view name);

}  // namespace portcullis
