#include "vulndb/update.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "core/curl_library.h"
#include "core/strings.h"
#include "vulndb/store.h"

namespace portcullis::vulndb {

namespace {

struct Download {
  FILE* file = nullptr;
  uint64_t bytes = 0;
  uint64_t limit = 0;
  bool over_limit = false;
  std::string etag;
  std::string last_modified;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* d = static_cast<Download*>(user);
  size_t n = size * count;
  if (d->bytes + n > d->limit) {
    d->over_limit = true;
    return 0;
  }
  d->bytes += n;
  return std::fwrite(data, 1, n, d->file);
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* d = static_cast<Download*>(user);
  std::string_view line(data, size * count);
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name = ToLower(Trim(line.substr(0, colon)));
    std::string value(Trim(line.substr(colon + 1)));
    if (value.size() <= 512) {
      if (name == "etag") d->etag = value;
      if (name == "last-modified") d->last_modified = value;
    }
  }
  return size * count;
}

struct CurlDeleter {
  const CurlApi* api;
  void operator()(CURL* c) const { api->easy_cleanup(c); }
};
struct SlistDeleter {
  const CurlApi* api;
  void operator()(curl_slist* l) const { api->slist_free_all(l); }
};

enum class Fetched { kNew, kUnchanged, kMissing };

// GETs `url` into `part` (then renamed to `done`), conditional on the stored validators.
Result<Fetched> Fetch(const CurlApi& api, const UpdateOptions& options, const std::string& url,
                      const std::string& etag, const std::string& last_modified,
                      const std::string& part, const std::string& done, Download& d) {
  std::unique_ptr<CURL, CurlDeleter> curl(api.easy_init(), CurlDeleter{&api});
  if (!curl) return Fail(ErrorCode::kInternal, "libcurl could not start");
  d.file = std::fopen(part.c_str(), "wb");
  if (d.file == nullptr) {
    return std::unexpected(Error{ErrorCode::kIo, "cannot create a temporary download file", part});
  }
  d.limit = options.max_download_bytes;
  std::unique_ptr<curl_slist, SlistDeleter> headers(nullptr, SlistDeleter{&api});
  auto add_header = [&](const std::string& h) {
    headers.reset(api.slist_append(headers.release(), h.c_str()));
  };
  if (!etag.empty()) add_header("If-None-Match: " + etag);
  if (!last_modified.empty()) add_header("If-Modified-Since: " + last_modified);
  char errbuf[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  api.easy_setopt(c, CURLOPT_URL, url.c_str());
  api.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  api.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  api.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  api.easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  api.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
  api.easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  api.easy_setopt(c, CURLOPT_LOW_SPEED_TIME, options.stall_timeout_seconds);
  api.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  api.easy_setopt(c, CURLOPT_USERAGENT, "portcullis/" PORTCULLIS_VERSION);
  api.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  api.easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  api.easy_setopt(c, CURLOPT_WRITEDATA, &d);
  api.easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  api.easy_setopt(c, CURLOPT_HEADERDATA, &d);
  if (headers) api.easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  CURLcode rc = api.easy_perform(c);
  bool closed = std::fclose(d.file) == 0;
  d.file = nullptr;
  long status = 0;
  api.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  std::error_code ec;
  if (rc != CURLE_OK) {
    std::filesystem::remove(part, ec);
    if (d.over_limit) {
      return Fail(ErrorCode::kLimitExceeded, "{} is larger than {} bytes; the database was not "
                  "changed", url, options.max_download_bytes);
    }
    return Fail(ErrorCode::kNetwork, "cannot reach {}: {}; the database was not changed", url,
                errbuf[0] != '\0' ? errbuf : api.easy_strerror(rc));
  }
  if (status == 304) {
    std::filesystem::remove(part, ec);
    return Fetched::kUnchanged;
  }
  if (status == 404) {
    std::filesystem::remove(part, ec);
    return Fetched::kMissing;
  }
  if (status != 200) {
    std::filesystem::remove(part, ec);
    return Fail(ErrorCode::kNetwork, "{} answered HTTP {}; the database was not changed", url,
                status);
  }
  if (!closed) {
    std::filesystem::remove(part, ec);
    return std::unexpected(Error{ErrorCode::kIo, "cannot write the download", part});
  }
  std::filesystem::rename(part, done, ec);
  if (ec) {
    std::filesystem::remove(part, ec);
    return std::unexpected(Error{ErrorCode::kIo, "cannot rename the finished download", done});
  }
  return Fetched::kNew;
}

}  // namespace

Result<UpdateResult> UpdateDatabase(const UpdateOptions& options) {
  const CurlApi* api = PC_TRY(LoadCurl());
  // Validators come from the existing database (if any); nothing is written to it until every
  // download has finished.
  struct Item {
    std::string ecosystem, url, file;
    Download download;
  };
  std::vector<Item> fetched;
  UpdateResult result;
  std::filesystem::path dir = std::filesystem::path(options.db_path).parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::unique_ptr<VulnDb> existing;
  if (std::filesystem::exists(options.db_path, ec)) {
    existing = PC_TRY(VulnDb::Open(options.db_path, VulnDb::Mode::kReadOnly));
  }
  std::string base = options.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto cleanup = [&] {
    for (const auto& item : fetched) std::filesystem::remove(item.file, ec);
  };
  for (const auto& eco : options.ecosystems) {
    std::string url = base + "/" + eco + "/all.zip";
    std::string etag, last_modified;
    if (existing) {
      etag = PC_TRY(existing->Meta("etag:" + url));
      last_modified = PC_TRY(existing->Meta("last_modified:" + url));
    }
    std::string stem = (dir / ("osv-" + eco + ".zip")).string();
    Item item{eco, url, stem, {}};
    auto got = Fetch(*api, options, url, etag, last_modified, stem + ".part", stem, item.download);
    if (!got) {
      cleanup();
      return std::unexpected(got.error());
    }
    switch (*got) {
      case Fetched::kUnchanged:
        result.messages.push_back(fmt::format("{}: unchanged since the last update", eco));
        break;
      case Fetched::kMissing:
        result.messages.push_back(fmt::format("{}: not found at {} (skipped)", eco, url));
        break;
      case Fetched::kNew:
        result.messages.push_back(
            fmt::format("{}: downloaded {} bytes", eco, item.download.bytes));
        fetched.push_back(std::move(item));
        break;
    }
  }
  existing.reset();
  if (fetched.empty()) return result;
  auto db = VulnDb::Open(options.db_path, VulnDb::Mode::kReadWrite);
  if (!db) {
    cleanup();
    return std::unexpected(db.error());
  }
  // One transaction per export; its validators are stored right after. Should that fail, the
  // next update downloads the export again and finds its records unchanged.
  for (const auto& item : fetched) {
    auto stats = ImportPaths(**db, {item.file}, item.url);
    if (!stats) {
      cleanup();
      return std::unexpected(stats.error());
    }
    auto& total = result.stats;
    total.files += stats->files;
    total.inserted += stats->inserted;
    total.updated += stats->updated;
    total.unchanged += stats->unchanged;
    total.secdb_fixes += stats->secdb_fixes;
    total.cve_rows += stats->cve_rows;
    total.rejected += stats->rejected;
    for (auto& d : stats->diagnostics) {
      if (total.diagnostics.size() < kMaxImportDiagnostics) total.diagnostics.push_back(d);
    }
    auto store = [&]() -> Result<void> {
      PC_TRY_VOID((*db)->Begin());
      PC_TRY_VOID((*db)->SetMeta("etag:" + item.url, item.download.etag));
      PC_TRY_VOID((*db)->SetMeta("last_modified:" + item.url, item.download.last_modified));
      return (*db)->Commit();
    };
    if (auto ok = store(); !ok) {
      (*db)->Rollback();
      cleanup();
      return std::unexpected(ok.error());
    }
  }
  cleanup();
  return result;
}

}  // namespace portcullis::vulndb
