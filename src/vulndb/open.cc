#include "vulndb/open.h"

#include <cstdlib>
#include <ctime>

#include "core/clock.h"
#include "core/strings.h"

namespace portcullis::vulndb {

std::string DefaultDbPath() {
  const char* cache = std::getenv("XDG_CACHE_HOME");
  if (cache != nullptr && cache[0] == '/') return std::string(cache) + "/portcullis/db.sqlite";
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') {
    return std::string(home) + "/.cache/portcullis/db.sqlite";
  }
  return "portcullis-db.sqlite";
}

std::string ResolveDbPath(const std::string& path) { return path.empty() ? DefaultDbPath() : path; }

std::optional<std::chrono::system_clock::time_point> ParseRfc3339(std::string_view text) {
  std::tm tm{};
  // YYYY-MM-DDTHH:MM:SS, then anything (fraction, Z); time zone offsets are treated as UTC.
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  auto num = [&](size_t pos, size_t len, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, s;
  if (!num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) ||
      !num(17, 2, s) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return std::nullopt;
  }
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

Result<std::unique_ptr<VulnDb>> OpenForScan(
    const std::string& path, std::vector<Diagnostic>& diagnostics,
    std::optional<std::chrono::system_clock::time_point> now_arg) {
  auto now = now_arg.value_or(std::chrono::system_clock::from_time_t(NowUnix()));
  std::string resolved = ResolveDbPath(path);
  auto db = VulnDb::Open(resolved, VulnDb::Mode::kReadOnly);
  if (!db) {
    if (db.error().code == ErrorCode::kNotFound) {
      return Fail(ErrorCode::kNotFound,
                  "no vulnerability database at {}: run `portcullis db update` (network) or "
                  "`portcullis db import FILE...` (offline), or pass --db PATH",
                  resolved);
    }
    return std::unexpected(db.error());
  }
  if (PC_TRY((*db)->Empty())) {
    return Fail(ErrorCode::kNotFound,
                "the vulnerability database at {} holds no advisories: a scan with it would "
                "find nothing; run `portcullis db update` (network) or `portcullis db import "
                "FILE...` (offline)",
                resolved);
  }
  std::string newest = PC_TRY((*db)->Meta("newest_modified"));
  if (newest.empty()) newest = PC_TRY((*db)->Meta("updated_at"));
  auto when = ParseRfc3339(newest);
  if (when && now - *when > kStaleAfter) {
    auto days = std::chrono::duration_cast<std::chrono::hours>(now - *when).count() / 24;
    Diagnostic d;
    d.code = std::string(kStaleDiagnosticCode);
    d.path = resolved;
    d.message = fmt::format(
        "the vulnerability database is {} days old (newest advisory {}); findings published "
        "since are missing: run `portcullis db update`",
        days, newest.substr(0, 10));
    d.severity = Severity::kMedium;
    diagnostics.push_back(std::move(d));
  }
  return db;
}

}  // namespace portcullis::vulndb
