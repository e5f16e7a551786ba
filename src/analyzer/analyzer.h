// Analyzers: per-file fact extractors that run inside the layer walker's per-layer tasks.
//
// For every entry of a layer, the layer analysis asks each analyzer whether it wants the
// file (`Wants`). A whole-file analyzer gets the complete content once it has been read
// (bounded by Limits::max_file_bytes); a content scanner sees every block of every regular file
// as it streams past, so files are never copied whole just for it. Both write facts into the
// layer's LayerFacts, keyed by path, so the applier can drop what later layers replaced.
//
// Analyzer objects are shared by all layer tasks: `Wants` and `Analyze` must be thread-safe
// (const, or internally synchronised); per-file state lives in the ContentScan objects.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "layer/tar_walker.h"
#include "portcullis/limits.h"
#include "portcullis/model/finding.h"
#include "portcullis/model/package.h"

namespace portcullis {

// One file system entry of one layer, as the applier and the hardening rules see it.
struct FileMeta {
  std::string path;
  EntryType type = EntryType::kFile;
  uint32_t mode = 0;
  int64_t uid = 0;
  int64_t gid = 0;
  uint64_t size = 0;
  std::string link_target;
};

// The packages listed by one package database file (/var/lib/dpkg/status, one file of
// /var/lib/dpkg/status.d/, /lib/apk/db/installed, rpmdb.sqlite, ...).
struct PackageDb {
  std::string path;   // where the database is in the image
  std::string kind;   // "dpkg", "apk", "rpm", "npm", "python", ...
  bool os = true;     // an OS package database (vs a language manifest)
  std::vector<Package> packages;  // ecosystem/purl are filled in after OS detection
};

// The licences a package's documentation states (e.g. usr/share/doc/<pkg>/copyright), kept per
// file so that the applier decides, as for databases, whether that file ships.
struct LicenseFact {
  std::string path;     // the file that states them
  std::string package;  // the package it documents
  std::vector<std::string> licenses;
};

// A secret found by a content scanner, before it is merged with layer information.
struct SecretHit {
  std::string path;
  std::string rule_id;
  std::string title;
  Severity severity = Severity::kUnknown;
  std::string category;
  uint64_t line = 0;
  std::string match;  // already redacted
};

// Everything the analyzers found in one layer.
struct LayerFacts {
  size_t index = 0;                  // position of the layer in the image, from 0
  std::vector<FileMeta> files;       // every entry, in archive order (whiteouts included)
  std::vector<PackageDb> package_dbs;
  std::vector<LicenseFact> licenses;
  // Small files kept verbatim for detectors that look at them after the merge: os-release,
  // passwd, group, shadow, ... (see CollectedFiles). Keyed by normalised path.
  std::map<std::string, std::string> collected;
  // Which OS package owns which file, per OS package file list of this layer (dpkg
  // info/*.list, apk installed): list path -> "path<TAB>package" lines, reduced to the paths the
  // applier (installed_by) and the hardening rules use (analyzer/pkg/package_file_lists.h); and
  // the bytes kept against that analyzer's per-layer budget. Consumers use a list only when it
  // ships as this layer wrote it.
  std::map<std::string, std::string> package_files;
  uint64_t package_files_bytes = 0;
  bool package_files_budget_reported = false;
  // The hardening-files analyzer's per-layer memory budget: bytes of budgeted `collected`
  // entries kept so far, and whether it has reported going over.
  uint64_t hardening_kept_bytes = 0;
  bool hardening_budget_reported = false;
  std::vector<SecretHit> secrets;
  std::vector<Diagnostic> diagnostics;
  uint64_t bytes = 0;                // uncompressed bytes of the layer
  uint64_t entries = 0;
};

// The per-file state of a content scanner: fed every block of one regular file in order.
class ContentScan {
 public:
  virtual ~ContentScan() = default;
  // Next block of the file's content. Blocks are views valid only during the call.
  virtual void Feed(std::span<const uint8_t> block) = 0;
  // The file is complete; record what was found.
  virtual void Finish(LayerFacts& facts) = 0;
};

class Analyzer {
 public:
  virtual ~Analyzer() = default;
  virtual std::string_view Name() const = 0;

  // Whole-file analyzers: whether the complete content of `entry` is needed.
  virtual bool Wants(const TarEntry& entry) const {
    (void)entry;
    return false;
  }
  // Called with the complete content of a wanted regular file (or, for a hardlink, of its
  // target when that was already read in the same layer). Must not throw.
  virtual void Analyze(const TarEntry& entry, std::string_view content, LayerFacts& facts) const {
    (void)entry, (void)content, (void)facts;
  }

  // Content scanners: returns per-file state to receive every block of `entry`, or nullptr to
  // skip the file. Called only for regular files.
  virtual std::unique_ptr<ContentScan> BeginScan(const TarEntry& entry) const {
    (void)entry;
    return nullptr;
  }
};

}  // namespace portcullis
