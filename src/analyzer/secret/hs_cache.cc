#include "analyzer/secret/hs_cache.h"

#include <cstdlib>
#include <cstring>

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

std::string CachePath(const std::string& key, bool create) {
  std::string dir = CacheDir(create);
  return dir.empty() ? "" : fmt::format("{}/hsdb-{}.bin", dir, key);
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
  std::string path = CachePath(key, false);
  if (path.empty()) return nullptr;
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
  std::string path = CachePath(key, true);
  if (path.empty()) return;
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
  (void)WriteFileAtomic(path, out);
}

}  // namespace portcullis
