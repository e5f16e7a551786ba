// OS detection: which distribution and release an image (or root filesystem) is, from the
// small release files it ships, and whether that release is past its end of life.
//
// The layer analysis keeps those files (OsFilesAnalyzer puts them into LayerFacts::collected);
// after the layers are merged, the scanner calls DetectOs with a lookup into the merged view.
// Everything here is a pure function or a stateless analyzer; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"
#include "portcullis/model/report.h"

namespace portcullis {

// Returns the content of the file at `path` in the merged image, or nullopt when it does not
// exist. Paths are normalised like TarEntry::path: relative to the root, no leading '/'
// ("etc/os-release"). The merged view resolves symlinks (/etc/os-release is usually a link to
// ../usr/lib/os-release); DetectOs also tries usr/lib/os-release itself.
using FileLookup = std::function<std::optional<std::string>(std::string_view path)>;

// The paths DetectOs may look up, in the order it consults them. OsFilesAnalyzer keeps exactly
// these.
std::span<const std::string_view> OsReleasePaths();

// Largest release file kept (real ones are under 1 KiB; anything bigger is not a release file).
inline constexpr uint64_t kMaxOsFileBytes = 64 * 1024;

// Detects the OS from the release files reachable through `lookup`:
//  1. os-release (etc/, then usr/lib/): ID, VERSION_ID, VERSION_CODENAME, PRETTY_NAME; the
//     version is refined from etc/debian_version ("12" -> "12.5"), etc/alpine-release and the
//     rhel-like release files ("7" -> "7.9.2009") when they agree with it;
//  2. otherwise etc/alpine-release, etc/lsb-release (Ubuntu), the rhel-like release files
//     (redhat, centos, rocky, almalinux, fedora, system-release), etc/debian_version;
//  3. otherwise a dpkg database whose base-files version looks like Debian's ("12.4+deb12u5"),
//     as in distroless images that ship only var/lib/dpkg/status.d (major version only).
// `today` ("YYYY-MM-DD") decides OsInfo::eol. Families are lower-case os-release IDs, with
// "amzn" -> "amazon" and "ol" -> "oracle". Returns nullopt when nothing identifies the OS.
// Malformed release files add entries to `diagnostics` when it is given.
std::optional<OsInfo> DetectOs(const FileLookup& lookup, std::string_view today,
                               std::span<const PackageDb> package_dbs = {},
                               std::vector<Diagnostic>* diagnostics = nullptr);

// Keeps the release files of OsReleasePaths() (regular files up to kMaxOsFileBytes) in
// LayerFacts::collected, keyed by path. A larger file is reported as a diagnostic, not kept.
class OsFilesAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "os-release"; }
  bool Wants(const TarEntry& entry) const override;
  void Analyze(const TarEntry& entry, std::string_view content,
               LayerFacts& facts) const override;
};

}  // namespace portcullis
