// rpm databases. The SQLite database of current Fedora, RHEL 9+, Rocky, Alma, Amazon Linux 2023
// and openSUSE (var/lib/rpm/rpmdb.sqlite, usr/lib/sysimage/rpm/rpmdb.sqlite) and the Berkeley DB
// hash database of older ones (var/lib/rpm/Packages: CentOS 7, RHEL/UBI 8, Amazon Linux 2) are
// read from memory; each record is an rpm header blob, parsed here with every offset and count
// bounds-checked. NDB databases (Packages.db of SUSE) are not read: they are reported as a
// diagnostic, never skipped silently. Pure functions plus a stateless
// analyzer; thread-safe (each call opens its own in-memory SQLite connection).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"
#include "portcullis/result.h"

namespace portcullis {

// Where one array tag of a header lies in its data store: the entry's type, its offset (checked
// to be inside the store) and count. The array itself is read by rpm_files.h.
struct RpmArrayRef {
  bool present = false;
  uint32_t type = 0;
  uint32_t offset = 0;
  uint32_t count = 0;
};

// The tags of one rpm header that Portcullis reads.
struct RpmHeader {
  std::string name;      // NAME (1000)
  std::string version;   // VERSION (1001)
  std::string release;   // RELEASE (1002)
  std::optional<uint32_t> epoch;  // EPOCH (1003), absent in most packages
  std::string arch;      // ARCH (1022)
  std::string license;   // LICENSE (1014)
  std::string vendor;    // VENDOR (1011)
  std::string source_rpm;  // SOURCERPM (1044): "name-version-release.src.rpm"
  // The file list: DIRINDEXES (1116), BASENAMES (1117), DIRNAMES (1118), or the uncompressed
  // OLDFILENAMES (1027) of rpm < 4.
  RpmArrayRef dirindexes, basenames, dirnames, old_filenames;
};

// Parses an rpm header blob as stored in rpmdb.sqlite (no lead-in, no magic): big-endian
// int32 index count `il`, int32 data length `dl`, `il` 16-byte index entries (tag, type,
// offset, count), then `dl` bytes of data. Fails with kCorrupt (naming the byte offset) when
// the blob is truncated, counts are out of range (il > 65535, dl > 256 MiB, the same limits
// rpm uses), an entry points outside the data, or a string is not NUL-terminated inside it;
// fails when NAME or VERSION is missing.
Result<RpmHeader> ParseRpmHeader(std::span<const uint8_t> blob);

// Splits "name-version-release.src.rpm" (or .nosrc.rpm) into {name, "version-release"}.
// Returns nullopt when the string does not have that shape.
std::optional<std::pair<std::string, std::string>> SplitSourceRpm(std::string_view source_rpm);

// The Package of a header: version "[epoch:]version-release", source package from SOURCERPM,
// licence, arch, vendor as maintainer (rpm has no maintainer tag), type "rpm", found_in `path`.
Package RpmHeaderToPackage(const RpmHeader& header, std::string_view path);

// Reads every row of table Packages(hnum, blob) of the SQLite database `content` (opened
// read-only from memory with sqlite3_deserialize; WAL-mode files are read as rollback-journal
// files, their committed content is the same). Rows whose header does not parse become
// diagnostics (with the hnum in the message) and the other packages are kept. Fails with
// kCorrupt when the file is not an SQLite database or has no Packages table, kLimitExceeded
// when reading it takes more than a bounded amount of work.
//
// With `file_list`, the files of every package that a package file list keeps
// (IsPackageFileListPath) are appended to it as "path<TAB>NAME" lines, at most
// kMaxPackageFileListBytesPerLayer bytes (`*file_list_truncated` says when that stopped it); a
// malformed file list is one "rpm.bad_file_list" diagnostic and the package is kept.
Result<std::vector<Package>> ReadRpmSqlite(std::string_view content, std::string_view path,
                                           std::vector<Diagnostic>& diagnostics,
                                           std::string* file_list = nullptr,
                                           bool* file_list_truncated = nullptr);

// Reads every record of the Berkeley DB hash database `content` (rpm's legacy Packages file):
// keys are header instances (native-endian uint32; instance 0 is rpm's counter and is
// skipped), values header blobs. Records that do not parse become diagnostics
// ("rpm.bad_header", naming the instance); fails when the file is not a supported Berkeley DB
// hash database. `file_list` as for ReadRpmSqlite.
Result<std::vector<Package>> ReadRpmBdb(std::string_view content, std::string_view path,
                                        std::vector<Diagnostic>& diagnostics,
                                        std::string* file_list = nullptr,
                                        bool* file_list_truncated = nullptr);

// Reads the SQLite and Berkeley DB rpm databases into LayerFacts::package_dbs (kind "rpm") and
// their reduced file lists into LayerFacts::package_files (package_file_lists.h); for
// NDB databases (Packages.db) adds a diagnostic "rpm.unsupported_format" ("rpm database format
// NDB not read") without reading their content.
class RpmAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "rpm"; }
  bool Wants(const TarEntry& entry) const override;
  void Analyze(const TarEntry& entry, std::string_view content,
               LayerFacts& facts) const override;
  std::unique_ptr<ContentScan> BeginScan(const TarEntry& entry) const override;
};

}  // namespace portcullis
