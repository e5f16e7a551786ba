#include "analyzer/secret/hs_cache.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <tuple>

#include <fmt/format.h>

#include "core/digest.h"
#include "core/files.h"

namespace portcullis {

namespace {

constexpr std::string_view kMagic = "PCHSDB1\n";
constexpr uint64_t kMaxCacheFile = 64ull << 20;
constexpr uint64_t kMaxExtra = 1 << 20;

void AppendU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

bool ReadU64(std::string_view& in, uint64_t* v) {
  if (in.size() < 8) return false;
  *v = 0;
  for (int i = 0; i < 8; ++i) *v |= static_cast<uint64_t>(static_cast<uint8_t>(in[i])) << (8 * i);
  in.remove_prefix(8);
  return true;
}

constexpr std::string_view kPrefix = "hsdb-";
constexpr std::string_view kSuffix = ".bin";

std::string CachePath(const std::string& dir, const std::string& key) {
  return fmt::format("{}/{}{}{}", dir, kPrefix, key, kSuffix);
}

}  // namespace

std::string HsCacheKey(const std::vector<const char*>& patterns, const std::vector<unsigned>& flags,
                       const std::vector<unsigned>& ids, unsigned mode) {
  Sha256 h;
  auto add = [&](std::string_view s) {
    std::string n;
    AppendU64(n, s.size());
    h.Update(n.data(), n.size());
    h.Update(s.data(), s.size());
  };
  add(hs_version());
  hs_platform_info_t platform{};
  hs_populate_platform(&platform);
  add(fmt::format("{} {} {}", platform.tune, platform.cpu_features, mode));
  for (size_t i = 0; i < patterns.size(); ++i) {
    add(patterns[i]);
    add(fmt::format("{} {}", flags[i], ids[i]));
  }
  return h.Finish().substr(7, 32);
}

hs_database_t* LoadCachedHsDatabase(const std::string& key, std::vector<uint64_t>* extra) {
  std::string dir = CacheDir(false);
  if (dir.empty()) return nullptr;
  std::string path = CachePath(dir, key);
  auto data = ReadFileLimited(path, kMaxCacheFile);
  if (!data || data->size() < kMagic.size() + 16 + 32) return nullptr;
  std::string_view body(*data);
  body.remove_suffix(64);  // hex SHA-256 of everything before it
  if (Sha256Digest(body).substr(7) != std::string_view(*data).substr(body.size())) return nullptr;
  if (!body.starts_with(kMagic)) return nullptr;
  body.remove_prefix(kMagic.size());
  uint64_t n = 0;
  if (!ReadU64(body, &n) || n > kMaxExtra) return nullptr;
  extra->assign(n, 0);
  for (uint64_t i = 0; i < n; ++i) {
    if (!ReadU64(body, &(*extra)[i])) return nullptr;
  }
  uint64_t db_size = 0;
  if (!ReadU64(body, &db_size) || db_size != body.size()) return nullptr;
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(body.data(), body.size(), &db) != HS_SUCCESS) return nullptr;
  return db;
}

void StoreCachedHsDatabase(const std::string& key, const hs_database_t* db,
                           const std::vector<uint64_t>& extra) {
  std::string dir = CacheDir(true);
  if (dir.empty()) return;
  std::string path = CachePath(dir, key);
  char* bytes = nullptr;
  size_t length = 0;
  if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) return;
  std::string out(kMagic);
  AppendU64(out, extra.size());
  for (uint64_t v : extra) AppendU64(out, v);
  AppendU64(out, length);
  out.append(bytes, length);
  std::free(bytes);
  out += Sha256Digest(out).substr(7);
  if (WriteFileAtomic(path, out)) PruneCachedHsDatabases(dir, kMaxCachedHsDatabases, path);
}

void PruneCachedHsDatabases(const std::string& dir, size_t max_files, const std::string& keep) {
  namespace fs = std::filesystem;
  struct Cached {
    fs::file_time_type mtime;
    std::string name;
  };
  std::vector<Cached> found;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() < kPrefix.size() + kSuffix.size() || !name.starts_with(kPrefix) ||
        !name.ends_with(kSuffix)) {
      continue;
    }
    std::error_code file_ec;
    if (!it->is_regular_file(file_ec) || it->is_symlink(file_ec)) continue;
    fs::file_time_type mtime = it->last_write_time(file_ec);
    if (file_ec) continue;  // removed by another process meanwhile
    found.push_back({mtime, std::move(name)});
  }
  if (found.size() <= max_files) return;
  // Newest first; a tie goes by name so that concurrent pruners agree.
  std::sort(found.begin(), found.end(), [](const Cached& a, const Cached& b) {
    return std::tie(b.mtime, a.name) < std::tie(a.mtime, b.name);
  });
  std::string keep_name = keep.empty() ? "" : fs::path(keep).filename().string();
  bool keep_listed = std::any_of(found.begin(), found.end(),
                                 [&](const Cached& c) { return c.name == keep_name; });
  size_t others = max_files > 0 && keep_listed ? max_files - 1 : max_files;
  for (const Cached& c : found) {
    if (c.name == keep_name) continue;
    if (others > 0) {
      --others;
      continue;
    }
    std::error_code rm_ec;
    fs::remove(fs::path(dir) / c.name, rm_ec);  // gone already: another process pruned it
  }
}

}  // namespace portcullis
