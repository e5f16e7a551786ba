#include "vulndb/importer.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/files.h"
#include "core/json.h"
#include "core/strings.h"
#include "core/thread_pool.h"

namespace portcullis::vulndb {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsTableName(std::string_view name) {
  return EndsWith(name, ".tsv") || EndsWith(name, ".tsv.zst") || EndsWith(name, ".tsv.gz");
}

bool IsArchiveName(std::string_view name) {
  for (auto ext : {".zip", ".tar", ".tar.gz", ".tgz", ".tar.zst", ".tzst"}) {
    if (EndsWith(name, ext)) return true;
  }
  return false;
}

// One import run: the counters and what was cleared already.
class Session {
 public:
  Session(VulnDb& db, std::string source) : db_(db), source_override_(std::move(source)) {}

  ImportStats& stats() { return stats_; }
  const std::string& newest() const { return newest_; }

  void Diagnose(std::string path, std::string message) {
    ++stats_.rejected;
    if (stats_.diagnostics.size() < kMaxImportDiagnostics) {
      Diagnostic d;
      d.code = "vulndb.bad_record";
      d.path = std::move(path);
      d.message = std::move(message);
      stats_.diagnostics.push_back(std::move(d));
    }
  }

  void BeginSource(const std::string& location) {
    source_ = source_override_.empty() ? std::filesystem::path(location).filename().string()
                                       : source_override_;
    location_ = location;
    records_ = 0;
  }

  Result<void> EndSource() {
    return db_.PutSource({source_, location_, NowRfc3339(), records_});
  }

  // A JSON file parsed off the writing thread: an OSV record, an Alpine secdb file, or why
  // it is neither.
  struct Parsed {
    std::string path;
    std::optional<OsvRecord> osv;
    std::optional<nlohmann::json> secdb;
    std::string error;
  };

  static Parsed Parse(std::string_view text, std::string path) {
    Parsed out;
    out.path = std::move(path);
    auto doc = ParseJson(text, out.path, kMaxOsvRecordBytes);
    if (!doc) {
      out.error = doc.error().ToString();
    } else if (LooksLikeOsv(*doc)) {
      auto rec = OsvFromJson(*doc, out.path);
      if (rec) {
        out.osv = std::move(*rec);
      } else {
        out.error = rec.error().ToString();
      }
    } else if (doc->is_object() && doc->contains("distroversion") && doc->contains("packages")) {
      out.secdb = std::move(*doc);
    } else {
      out.error = "neither an OSV record (no \"id\") nor an Alpine secdb file";
    }
    return out;
  }

  // Writes one parsed file (on the writing thread, in archive order).
  Result<void> Store(Parsed& parsed) {
    ++stats_.files;
    if (!parsed.error.empty()) {
      Diagnose(parsed.path, parsed.error);
      return {};
    }
    if (parsed.secdb) return AddSecdb(*parsed.secdb, parsed.path);
    const OsvRecord& rec = *parsed.osv;
    auto outcome = PC_TRY(db_.PutOsv(rec, source_));
    ++records_;
    switch (outcome) {
      case VulnDb::Upsert::kInserted: ++stats_.inserted; break;
      case VulnDb::Upsert::kUpdated: ++stats_.updated; break;
      case VulnDb::Upsert::kUnchanged: ++stats_.unchanged; break;
    }
    if (outcome != VulnDb::Upsert::kUnchanged && rec.modified > newest_) newest_ = rec.modified;
    return {};
  }

  // Queues a JSON file; parses and stores the queue once it is full. A record the database
  // already has with the same or a newer `modified` is counted and skipped unparsed.
  Result<void> AddJson(std::string text, std::string path) {
    std::string_view id, modified;
    if (QuickIdAndModified(text, id, modified) && !queued_ids_.contains(std::string(id))) {
      std::string stored = PC_TRY(db_.Modified(id));
      if (!stored.empty() && stored >= modified) {
        PC_TRY_VOID(db_.ClaimRows(id, source_));
        ++stats_.files;
        ++stats_.unchanged;
        ++records_;
        return {};
      }
      queued_ids_.insert(std::string(id));
    }
    pending_bytes_ += text.size();
    pending_.emplace_back(std::move(path), std::move(text));
    if (pending_.size() >= kBatchFiles || pending_bytes_ >= kBatchBytes) return Flush();
    return {};
  }

  // Parses the queued files on all cores, then stores them in order.
  Result<void> Flush() {
    if (pending_.empty()) return {};
    std::vector<Parsed> parsed(pending_.size());
    size_t workers = std::min<size_t>(ThreadPool::DefaultThreads(), pending_.size());
    {
      ThreadPool pool(static_cast<unsigned>(workers));
      for (size_t w = 0; w < workers; ++w) {
        pool.Submit([&, w] {
          for (size_t k = w; k < pending_.size(); k += workers) {
            parsed[k] = Parse(pending_[k].second, pending_[k].first);
          }
        });
      }
    }
    pending_.clear();
    pending_bytes_ = 0;
    queued_ids_.clear();
    for (auto& p : parsed) PC_TRY_VOID(Store(p));
    return {};
  }

  // Alpine secdb: {distroversion: "v3.19", packages: [{pkg: {name, secfixes: {ver: [ids]}}}]}.
  Result<void> AddSecdb(const nlohmann::json& doc, const std::string& path) {
    std::string release = JsonString(doc, "distroversion");
    if (release.empty() || release.size() > 32 || release.find('\n') != std::string::npos) {
      Diagnose(path, "Alpine secdb file without a usable \"distroversion\"");
      return {};
    }
    std::string ecosystem = "Alpine:" + release;
    if (cleared_.insert(ecosystem).second) {
      PC_TRY_VOID(db_.ClearFeed(kFeedAlpineSecdb, ecosystem));
    }
    for (const auto& p : JsonArray(doc, "packages")) {
      const auto& pkg = JsonObject(p, "pkg");
      std::string name = JsonString(pkg, "name");
      if (name.empty() || name.find('\n') != std::string::npos) continue;
      const auto& fixes = JsonObject(pkg, "secfixes");
      for (const auto& [fixed, ids] : fixes.items()) {
        if (fixed.empty() || fixed.find('\n') != std::string::npos || !ids.is_array()) continue;
        for (const auto& id_value : ids) {
          if (!id_value.is_string()) continue;
          for (const auto& id : SecdbIds(id_value.get_ref<const std::string&>())) {
            PC_TRY_VOID(db_.PutSecdbFix(ecosystem, name, fixed, id, source_));
            ++stats_.secdb_fixes;
            ++records_;
          }
        }
      }
    }
    return {};
  }

  // cve_id, cvss_v3_vector, cvss_v3_base_score, ubuntu_priority, source (with a header row).
  Result<void> AddTable(std::string_view text, const std::string& path) {
    ++stats_.files;
    uint64_t line_no = 0;
    for (auto line : Split(text, '\n')) {
      ++line_no;
      if (line.empty() || line.starts_with("cve_id")) continue;
      auto cols = Split(line, '\t');
      if (cols.size() < 5 || !cols[0].starts_with("CVE-")) {
        Diagnose(fmt::format("{}:{}", path, line_no),
                 "expected 5 tab-separated columns starting with a CVE id");
        continue;
      }
      PC_TRY_VOID(db_.PutCveSeverity(
          cols[0], CveSeverityRow{std::string(cols[1]), ToLower(cols[3]), std::string(cols[4])}));
      ++stats_.cve_rows;
      ++records_;
    }
    return {};
  }

 private:
  // "CVE-2016-9932 XSA-200" -> the CVE tokens; ids without one keep their first token.
  static std::vector<std::string> SecdbIds(std::string_view raw) {
    std::vector<std::string> out;
    std::string first;
    for (auto tok : Split(raw, ' ')) {
      tok = Trim(tok);
      if (tok.empty() || tok.size() > 64) continue;
      if (first.empty()) first = std::string(tok);
      if (tok.starts_with("CVE-")) out.emplace_back(tok);
    }
    if (out.empty() && !first.empty() && first.find('-') != std::string::npos) {
      out.push_back(first);
    }
    return out;
  }

  VulnDb& db_;
  std::string source_override_;
  std::string source_;
  std::string location_;
  uint64_t records_ = 0;
  ImportStats stats_;
  std::string newest_;
  std::set<std::string> cleared_;
  static constexpr size_t kBatchFiles = 2048;
  static constexpr size_t kBatchBytes = 64ull << 20;
  std::vector<std::pair<std::string, std::string>> pending_;  // (path, content)
  size_t pending_bytes_ = 0;
  std::set<std::string> queued_ids_;  // ids in pending_: a second copy must wait for the first
};

struct ArchiveCloser {
  void operator()(struct archive* a) const { archive_read_free(a); }
};

Result<void> ImportArchive(Session& session, const std::string& path, bool raw_table) {
  std::unique_ptr<struct archive, ArchiveCloser> a(archive_read_new());
  archive_read_support_filter_all(a.get());
  if (raw_table) {
    archive_read_support_format_raw(a.get());
  } else {
    archive_read_support_format_tar(a.get());
    archive_read_support_format_zip(a.get());
  }
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    return std::unexpected(Error{ErrorCode::kCorrupt,
                                 fmt::format("cannot read archive: {}",
                                             archive_error_string(a.get())),
                                 path});
  }
  struct archive_entry* entry = nullptr;
  std::string content;
  while (true) {
    int rc = archive_read_next_header(a.get(), &entry);
    if (rc == ARCHIVE_EOF) return session.Flush();
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
      return std::unexpected(Error{ErrorCode::kCorrupt,
                                   fmt::format("archive is truncated or corrupt: {}",
                                               archive_error_string(a.get())),
                                   path});
    }
    if (!raw_table && archive_entry_filetype(entry) != AE_IFREG) continue;
    const char* name_c = archive_entry_pathname(entry);
    std::string name = name_c != nullptr ? name_c : "";
    bool is_json = EndsWith(name, ".json");
    bool is_table = raw_table || IsTableName(name);
    if (!is_json && !is_table) continue;
    std::string where = path + ":" + name;
    if (archive_entry_size_is_set(entry) &&
        static_cast<uint64_t>(archive_entry_size(entry)) > kMaxImportFileBytes) {
      session.Diagnose(where, fmt::format("file of {} bytes is over the limit of {}",
                                          archive_entry_size(entry), kMaxImportFileBytes));
      continue;
    }
    content.clear();
    char buf[1 << 16];
    bool too_big = false;
    while (true) {
      la_ssize_t n = archive_read_data(a.get(), buf, sizeof buf);
      if (n < 0) {
        return std::unexpected(Error{ErrorCode::kCorrupt,
                                     fmt::format("cannot read {}: {}", Excerpt(name, 200),
                                                 archive_error_string(a.get())),
                                     path});
      }
      if (n == 0) break;
      if (content.size() + static_cast<size_t>(n) > kMaxImportFileBytes) {
        too_big = true;
        break;
      }
      content.append(buf, static_cast<size_t>(n));
    }
    if (too_big) {
      session.Diagnose(where, fmt::format("file is over the limit of {} bytes",
                                          kMaxImportFileBytes));
      continue;
    }
    if (is_table) {
      PC_TRY_VOID(session.Flush());
      PC_TRY_VOID(session.AddTable(content, where));
    } else {
      PC_TRY_VOID(session.AddJson(std::move(content), where));
      content = std::string();
    }
  }
  return {};
}

Result<void> ImportOne(Session& session, const std::string& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return std::unexpected(Error{ErrorCode::kNotFound, "no such file or directory", path});
  }
  session.BeginSource(path);
  if (std::filesystem::is_directory(status)) {
    std::vector<std::string> files;
    for (auto it = std::filesystem::recursive_directory_iterator(
             path, std::filesystem::directory_options::skip_permission_denied, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string name = it->path().string();
      if (EndsWith(name, ".json") || IsTableName(name)) files.push_back(name);
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (IsTableName(f)) {
        PC_TRY_VOID(ImportArchive(session, f, true));
        continue;
      }
      auto text = ReadFileLimited(f, kMaxImportFileBytes);
      if (!text) {
        session.Diagnose(f, text.error().ToString());
        continue;
      }
      PC_TRY_VOID(session.AddJson(std::move(*text), f));
    }
    PC_TRY_VOID(session.Flush());
  } else if (IsTableName(path)) {
    PC_TRY_VOID(ImportArchive(session, path, true));
  } else if (IsArchiveName(path)) {
    PC_TRY_VOID(ImportArchive(session, path, false));
  } else if (EndsWith(path, ".json")) {
    auto text = PC_TRY(ReadFileLimited(path, kMaxImportFileBytes));
    PC_TRY_VOID(session.AddJson(std::move(text), path));
    PC_TRY_VOID(session.Flush());
  } else {
    return std::unexpected(Error{
        ErrorCode::kUnsupported,
        "expected a directory of OSV JSON, a .json, .zip, .tar, .tar.gz or .tar.zst file, or a "
        ".tsv[.zst|.gz] CVE severity table",
        path});
  }
  return session.EndSource();
}

}  // namespace

bool QuickIdAndModified(std::string_view text, std::string_view& id, std::string_view& modified) {
  int depth = 0;
  bool expect_key = false;
  int seen_id = 0, seen_modified = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      size_t end = i + 1;
      bool escaped = false;
      while (end < text.size() && text[end] != '"') {
        if (text[end] == '\\') {
          escaped = true;
          ++end;
        }
        ++end;
      }
      if (end >= text.size()) return false;
      std::string_view str = text.substr(i + 1, end - i - 1);
      i = end;
      if (depth == 1 && expect_key) {
        expect_key = false;
        size_t k = i + 1;
        while (k < text.size() && (text[k] == ' ' || text[k] == '\n' || text[k] == '\t' ||
                                   text[k] == '\r')) {
          ++k;
        }
        if (k >= text.size() || text[k] != ':') return false;
        bool is_id = str == "id", is_mod = str == "modified";
        if (escaped && (is_id || is_mod)) return false;
        if (!is_id && !is_mod) continue;
        ++k;
        while (k < text.size() && (text[k] == ' ' || text[k] == '\n' || text[k] == '\t' ||
                                   text[k] == '\r')) {
          ++k;
        }
        if (k >= text.size() || text[k] != '"') return false;
        size_t vend = k + 1;
        while (vend < text.size() && text[vend] != '"' && text[vend] != '\\') ++vend;
        if (vend >= text.size() || text[vend] != '"') return false;
        (is_id ? id : modified) = text.substr(k + 1, vend - k - 1);
        ++(is_id ? seen_id : seen_modified);
        i = vend;
      }
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
      if (depth == 1 && c != '{') return false;
      if (depth == 1) expect_key = true;
    } else if (c == '}' || c == ']') {
      if (--depth < 0) return false;
    } else if (c == ',' && depth == 1) {
      expect_key = true;
    }
  }
  return depth == 0 && seen_id == 1 && seen_modified == 1 && !id.empty() && !modified.empty();
}

Result<ImportStats> ImportPaths(VulnDb& db, const std::vector<std::string>& paths,
                                const std::string& source_name) {
  Session session(db, source_name);
  PC_TRY_VOID(db.Begin());
  auto run = [&]() -> Result<void> {
    for (const auto& p : paths) PC_TRY_VOID(ImportOne(session, p));
    std::string newest = PC_TRY(db.Meta("newest_modified"));
    if (session.newest() > newest) PC_TRY_VOID(db.SetMeta("newest_modified", session.newest()));
    PC_TRY_VOID(db.SetMeta("updated_at", NowRfc3339()));
    return db.Commit();
  };
  if (auto done = run(); !done) {
    db.Rollback();
    return std::unexpected(done.error());
  }
  return std::move(session.stats());
}

}  // namespace portcullis::vulndb
