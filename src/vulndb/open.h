// Where the vulnerability database lives and how a scan opens it: the default path, the
// refusal to scan without a database (with one line saying how to get one) and the staleness
// warning. Thread-safe (reads the environment and the file system only).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/model/finding.h"
#include "portcullis/result.h"
#include "vulndb/store.h"

namespace portcullis::vulndb {

// A database whose newest advisory is older than this gets a warning at scan time.
inline constexpr std::chrono::hours kStaleAfter{7 * 24};

// $XDG_CACHE_HOME/portcullis/db.sqlite, else $HOME/.cache/portcullis/db.sqlite, else
// ./portcullis-db.sqlite.
std::string DefaultDbPath();

// The code of the diagnostic that says the database is stale (front ends show it as a warning).
inline constexpr std::string_view kStaleDiagnosticCode = "vulndb.stale";
// The code of the diagnostic a scan adds for each ecosystem of the image that the database has
// no advisories for (the detector writes it; the library shows it as a warning too).
inline constexpr std::string_view kNoDataDiagnosticCode = "vulndb.no_data_for_ecosystem";

// `path` when set, else DefaultDbPath().
std::string ResolveDbPath(const std::string& path);

// Opens the database of a scan read-only. Fails with kNotFound and the message
// "no vulnerability database at PATH: run `portcullis db update` (network) or `portcullis db
// import FILE...` (offline)" when there is none, and also with kNotFound when it holds no
// affected package at all (an empty database would report "no findings"). When the newest advisory (or, without one,
// the last import) is older than kStaleAfter relative to `now`, appends a "vulndb.stale"
// Diagnostic to `diagnostics`. `now` defaults to the scan clock (core/clock.h, which honours
// SOURCE_DATE_EPOCH).
[[nodiscard]] Result<std::unique_ptr<VulnDb>> OpenForScan(
    const std::string& path, std::vector<Diagnostic>& diagnostics,
    std::optional<std::chrono::system_clock::time_point> now = std::nullopt);

// Parses an RFC 3339 UTC timestamp's date and time ("2025-02-12T18:06:00.123Z"); nullopt when
// it is not one.
std::optional<std::chrono::system_clock::time_point> ParseRfc3339(std::string_view text);

}  // namespace portcullis::vulndb
