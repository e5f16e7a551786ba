// `portcullis db update`: downloads OSV's per-ecosystem exports (<base>/<ecosystem>/all.zip)
// over HTTP(S) with libcurl, which is loaded only then (core/curl_library.h), and imports them.
// Requests are conditional (If-None-Match / If-Modified-Since from the ETag and Last-Modified
// stored in the database), so an unchanged export is not downloaded again. Each download goes
// to a temporary file that is renamed only when complete; the import runs in one transaction,
// so a failed update (no network, a broken download) leaves the database exactly as it was.
//
// Call from one thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "portcullis/result.h"
#include "vulndb/importer.h"

namespace portcullis::vulndb {

inline constexpr std::string_view kOsvBucket = "https://osv-vulnerabilities.storage.googleapis.com";

struct UpdateOptions {
  std::string db_path;                       // resolved path of the database
  std::string base_url = std::string(kOsvBucket);
  // OSV ecosystem folders to fetch: the ones the matcher has version comparators for.
  std::vector<std::string> ecosystems = {"Debian", "Alpine",    "npm",     "PyPI",
                                         "Go",     "crates.io", "Maven",   "RubyGems"};
  long connect_timeout_seconds = 15;
  long stall_timeout_seconds = 60;           // abort when under 1 KB/s for this long
  uint64_t max_download_bytes = 4ull << 30;  // per export
};

struct UpdateResult {
  ImportStats stats;
  std::vector<std::string> messages;  // one line per ecosystem: downloaded / unchanged / missing
};

// Downloads what changed and imports it. Fails with kNetwork ("cannot reach URL: reason; the
// database was not changed") when the server cannot be reached or answers with an error
// other than 304 Not Modified or 404 Not Found (a mirror without that ecosystem: a message),
// and with kUnsupported (naming the library) when libcurl cannot be loaded.
[[nodiscard]] Result<UpdateResult> UpdateDatabase(const UpdateOptions& options);

}  // namespace portcullis::vulndb
