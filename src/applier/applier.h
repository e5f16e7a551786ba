// The applier: merges the per-layer facts of an image, in layer order, into the view of the
// file system that ships — honouring OCI whiteouts (`.wh.NAME`) and opaque directories
// (`.wh..wh..opq`) — while remembering what later layers deleted or replaced (a secret
// removed in layer 3 still ships inside layer 2).
//
// Merge() runs once per scan on one thread; the resulting MergedView is immutable and may be
// read from any thread.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"

namespace portcullis {

struct MergedFile {
  FileMeta meta;
  size_t layer = 0;  // index of the layer this version of the file comes from
};

// How a version of a file (a path as added by one layer) left the final image.
struct Removal {
  size_t layer = 0;          // the later layer that removed it
  bool by_whiteout = false;  // true: deleted (whiteout or opaque dir); false: overwritten
};

class MergedView {
 public:
  // The final entry at `path` (normalised, no leading '/'), without following symlinks.
  const MergedFile* Find(std::string_view path) const;

  // Follows symlinks in every component of `path` the way the kernel would inside a chroot of
  // the image (absolute targets are relative to the image root, ".." stops at the root), at most
  // `max_hops` links. nullptr when the path does not exist or the links loop.
  const MergedFile* Resolve(std::string_view path, uint64_t max_hops = 40) const;

  // The content of a small file the analyzers collected (LayerFacts::collected), as it is in
  // the final image, following symlinks. nullopt when the file is absent or was not collected.
  std::optional<std::string_view> ReadCollected(std::string_view path) const;

  // Every entry of the final image, by path.
  const std::map<std::string, MergedFile, std::less<>>& files() const { return files_; }

  // True when the version of `path` that layer `layer` wrote is the one in the final image.
  bool Ships(std::string_view path, size_t layer) const;

  // Package name → licences, from the LicenseFacts whose file ships.
  std::map<std::string, std::vector<std::string>, std::less<>> FinalLicenses() const;

  // nullopt when the version of `path` added by layer `layer` is what ships; otherwise how a
  // later layer removed it.
  std::optional<Removal> RemovedLater(std::string_view path, size_t layer) const;

  // The per-layer facts, in layer order (owned by the view).
  const std::vector<LayerFacts>& layers() const { return layers_; }

  // A package of the final image: it is listed by a package database that ships (the
  // database file is in the final image as that layer wrote it). `installed_in` is the index of
  // the layer that brought in the package's current version.
  struct FinalPackage {
    Package package;
    std::string kind;  // PackageDb::kind
    bool os = true;
    size_t installed_in = 0;
  };
  // Packages of the final image, in layer then database order. A language package listed
  // twice in one place (same kind, name, version and PackageLocationRoot: an egg-info next to
  // a dist-info, a gemspec also under specifications/default) is kept once. A language package
  // whose file (OwnerOf) is in the file list of an OS package that ships gets that package in
  // Package::installed_by.
  std::vector<FinalPackage> FinalPackages() const;

 private:
  friend MergedView Merge(std::vector<LayerFacts> layers);

  std::vector<LayerFacts> layers_;
  std::map<std::string, MergedFile, std::less<>> files_;
  std::map<std::pair<std::string, size_t>, Removal, std::less<>> removals_;
};

// Where a language package found at `found_in` is installed: the site-packages directory of
// Python metadata, the specifications directory of a gemspec, else `found_in` itself (an archive
// nested in a jar, "a.war!/WEB-INF/lib/b.jar", is its own place).
std::string PackageLocationRoot(std::string_view found_in);

// The OS package owning `found_in` in `owners` (path -> package): the path itself, for a path
// inside an archive ("x.war!/...") the outer archive, and for a METADATA or PKG-INFO file also
// its directory. "" when none does.
std::string OwnerOf(const std::map<std::string, std::string, std::less<>>& owners,
                    std::string_view found_in);

// Merges `layers` (index order = layer order) into the final view.
MergedView Merge(std::vector<LayerFacts> layers);

}  // namespace portcullis
