// A disk cache of compiled Vectorscan databases. Compiling the secret rules costs ~0.3 s of CPU
// per process — as much as scanning a whole Debian image — so the compiled database is stored,
// serialized, in Portcullis' cache directory and reused by later processes.
//
// The key covers everything the database depends on: the patterns, flags and ids, the Vectorscan
// version and the CPU features of this machine. Files are checked (magic, sizes, SHA-256) before
// use; a bad or stale file is ignored and rewritten. Every store prunes the directory to the
// kMaxCachedHsDatabases newest databases, so rule or Vectorscan upgrades do not pile up files.
// Thread-safe, and safe with other processes using the same directory (files are written
// atomically; a file another process deleted first is skipped).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <hs/hs.h>

namespace portcullis {

// The cache key of a database of `patterns` (with their flags and ids) in `mode`.
std::string HsCacheKey(const std::vector<const char*>& patterns, const std::vector<unsigned>& flags,
                       const std::vector<unsigned>& ids, unsigned mode);

// The cached database for `key` and the numbers stored with it, or nullptr when there is none
// (or it does not load on this machine).
hs_database_t* LoadCachedHsDatabase(const std::string& key, std::vector<uint64_t>* extra);

// Stores `db` and `extra` under `key`. Failures (read-only home, no cache directory) are
// ignored: the cache is only an optimisation. Then prunes the cache directory
// (PruneCachedHsDatabases, keeping the file just written).
void StoreCachedHsDatabase(const std::string& key, const hs_database_t* db,
                           const std::vector<uint64_t>& extra);

inline constexpr size_t kMaxCachedHsDatabases = 8;

// Removes the oldest (by modification time, then name) regular files named hsdb-*.bin directly
// in `dir` until at most `max_files` remain; `keep` (a path in `dir`, or "") is never removed.
// Other files, links and directories are not touched. Errors (a file another process removed
// first, an unreadable directory) are ignored.
void PruneCachedHsDatabases(const std::string& dir, size_t max_files = kMaxCachedHsDatabases,
                            const std::string& keep = "");

}  // namespace portcullis
