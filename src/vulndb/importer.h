// Import of advisory data into the vulnerability database: OSV JSON records (from a
// directory, a .zip as OSV exports them, a .tar, .tar.gz or .tar.zst), Alpine secdb JSON
// (<release>/{main,community}.json) and the CVE severity table (cve-severity.tsv[.zst|.gz]).
// Everything is streamed (nothing is extracted to disk) and written in one transaction: a
// failed import leaves the database as it was. Records already present with the same or a
// newer `modified` are skipped, so importing again is incremental.
//
// Call from one thread; the VulnDb must be open read-write.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "portcullis/model/finding.h"
#include "portcullis/result.h"
#include "vulndb/store.h"

namespace portcullis::vulndb {

struct ImportStats {
  uint64_t files = 0;        // JSON/TSV files read
  uint64_t inserted = 0;     // new advisories
  uint64_t updated = 0;      // advisories replaced by a newer `modified`
  uint64_t unchanged = 0;    // advisories skipped: same or older `modified`
  uint64_t secdb_fixes = 0;  // (release, package, fixed version, id) rows
  uint64_t cve_rows = 0;     // CVE severity table rows
  uint64_t rejected = 0;     // files that could not be read (see diagnostics)
  std::vector<Diagnostic> diagnostics;  // first kMaxImportDiagnostics problems
};

inline constexpr size_t kMaxImportDiagnostics = 100;
// A single file inside an archive larger than this is skipped with a diagnostic.
inline constexpr uint64_t kMaxImportFileBytes = 64ull << 20;

// Imports every path in one transaction. `source_name` overrides the name recorded for each
// source (used by `db update`, which names the URL); "" = the file's name. Fails (and rolls
// back) when a path does not exist or an archive is truncated or corrupt; a single bad record
// is a diagnostic and the import goes on.
[[nodiscard]] Result<ImportStats> ImportPaths(VulnDb& db, const std::vector<std::string>& paths,
                                              const std::string& source_name = "");

// The top-level "id" and "modified" of a JSON object, found without parsing it (how import
// skips records it already has): a scan that tracks strings and nesting and looks at depth-1
// keys only. Returns false, so that the caller parses the document, when either is missing,
// appears twice, is not a plain string, or the text is not a well-nested object. The views
// point into `text`.
bool QuickIdAndModified(std::string_view text, std::string_view& id, std::string_view& modified);

}  // namespace portcullis::vulndb
