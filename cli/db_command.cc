// `portcullis db import PATH...`, `portcullis db update [--mirror URL]`, `portcullis db info`:
// build, refresh and describe the vulnerability database (--db PATH on each).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "common.h"
#include "vulndb/importer.h"
#include "vulndb/open.h"
#include "vulndb/store.h"
#include "vulndb/update.h"

namespace portcullis::cli {

namespace {

struct DbFlags {
  std::string db_path;
  std::vector<std::string> paths;
  std::string mirror;
  std::vector<std::string> ecosystems;
  std::string format = "table";
  bool quiet = false;
};

void PrintStats(const vulndb::ImportStats& s, bool quiet) {
  for (const auto& d : s.diagnostics) {
    std::fprintf(stderr, "portcullis: warning: %s: %s\n", d.path.c_str(), d.message.c_str());
  }
  if (s.rejected > s.diagnostics.size()) {
    std::fprintf(stderr, "portcullis: warning: %llu more files could not be read\n",
                 static_cast<unsigned long long>(s.rejected - s.diagnostics.size()));
  }
  if (quiet) return;
  std::fprintf(
      stderr,
      "portcullis: %llu files: %llu advisories added, %llu updated, %llu unchanged; "
      "%llu Alpine secdb fixes; %llu CVE severity rows; %llu rejected\n",
      static_cast<unsigned long long>(s.files), static_cast<unsigned long long>(s.inserted),
      static_cast<unsigned long long>(s.updated), static_cast<unsigned long long>(s.unchanged),
      static_cast<unsigned long long>(s.secdb_fixes), static_cast<unsigned long long>(s.cve_rows),
      static_cast<unsigned long long>(s.rejected));
}

int RunImport(const DbFlags& f) {
  auto db =
      vulndb::VulnDb::Open(vulndb::ResolveDbPath(f.db_path), vulndb::VulnDb::Mode::kReadWrite);
  if (!db) return ReportError(db.error());
  auto stats = vulndb::ImportPaths(**db, f.paths);
  if (!stats) return ReportError(stats.error());
  PrintStats(*stats, f.quiet);
  return kExitOk;
}

int RunUpdate(const DbFlags& f) {
  vulndb::UpdateOptions options;
  options.db_path = vulndb::ResolveDbPath(f.db_path);
  if (!f.mirror.empty()) options.base_url = f.mirror;
  if (!f.ecosystems.empty()) options.ecosystems = f.ecosystems;
  auto result = vulndb::UpdateDatabase(options);
  if (!result) return ReportError(result.error());
  for (const auto& line : result->messages) {
    if (!f.quiet) std::fprintf(stderr, "portcullis: %s\n", line.c_str());
  }
  PrintStats(result->stats, f.quiet);
  return kExitOk;
}

int RunInfo(const DbFlags& f) {
  std::string path = vulndb::ResolveDbPath(f.db_path);
  auto db = vulndb::VulnDb::Open(path, vulndb::VulnDb::Mode::kReadOnly);
  if (!db) {
    std::vector<Diagnostic> ignored;
    auto explained = vulndb::OpenForScan(path, ignored);
    return ReportError(explained ? db.error() : explained.error());
  }
  auto info = (*db)->Info();
  if (!info) return ReportError(info.error());
  std::string age;
  if (auto when = vulndb::ParseRfc3339(info->newest_modified)) {
    auto days =
        std::chrono::duration_cast<std::chrono::hours>(std::chrono::system_clock::now() - *when)
            .count() /
        24;
    age = std::to_string(days);
  }
  if (f.format == "json") {
    nlohmann::json j;
    j["path"] = info->path;
    j["schema_version"] = info->schema_version;
    j["advisories"] = info->advisories;
    j["affected_packages"] = info->affected_rows;
    j["cve_severities"] = info->cve_severities;
    j["newest_modified"] = info->newest_modified;
    j["updated_at"] = info->updated_at;
    j["age_days"] = age.empty() ? nlohmann::json() : nlohmann::json(std::stoll(age));
    j["ecosystems"] = nlohmann::json::object();
    for (const auto& e : info->ecosystems) j["ecosystems"][e.ecosystem] = e.advisories;
    j["sources"] = nlohmann::json::array();
    for (const auto& s : info->sources) {
      j["sources"].push_back({{"name", s.name},
                              {"location", s.location},
                              {"imported_at", s.imported_at},
                              {"records", s.records}});
    }
    std::string text = j.dump(2) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  if (f.format != "table") {
    return ReportError(
        Error{ErrorCode::kInvalidArgument,
              fmt::format("unknown format '{}' (expected table or json)", f.format)});
  }
  std::string out = fmt::format(
      "Database:        {}\nAdvisories:      {}\nPackage entries: {}\nCVE severities:  {}\n"
      "Newest record:   {}{}\nLast import:     {}\n\nSources:\n",
      info->path, info->advisories, info->affected_rows, info->cve_severities,
      info->newest_modified.empty() ? "-" : info->newest_modified,
      age.empty() ? "" : fmt::format(" ({} days old)", age),
      info->updated_at.empty() ? "-" : info->updated_at);
  for (const auto& s : info->sources) {
    out += fmt::format("  {:<28} {:>8} records  {}  {}\n", s.name, s.records, s.imported_at,
                       s.location);
  }
  out += "\nAdvisories per ecosystem:\n";
  for (const auto& e : info->ecosystems) {
    out += fmt::format("  {:<28} {:>8}\n", e.ecosystem, e.advisories);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void AddDbCommand(CLI::App& app, int* exit_code) {
  static DbFlags flags;
  CLI::App* db = app.add_subcommand("db", "build, update and describe the vulnerability database");
  db->require_subcommand(1);
  db->add_option("--db", flags.db_path,
                 "database file (default $XDG_CACHE_HOME/portcullis/db.sqlite)");

  CLI::App* import_cmd = db->add_subcommand(
      "import",
      "import OSV records (directory, .json, .zip, .tar[.gz|.zst]), Alpine secdb JSON "
      "or the CVE severity table (.tsv[.zst])");
  import_cmd->add_option("PATH", flags.paths, "files or directories to import")->required();
  import_cmd->add_flag("-q,--quiet", flags.quiet, "print problems only");
  import_cmd->add_option("--db", flags.db_path, "database file (as `db --db`)");
  import_cmd->callback([exit_code] { *exit_code = RunImport(flags); });

  CLI::App* update = db->add_subcommand(
      "update", "download the OSV exports (<ecosystem>/all.zip) and import what changed");
  update->add_option("--mirror", flags.mirror,
                     "base URL of a mirror with OSV's layout (default: OSV's public bucket)");
  update->add_option("--ecosystem", flags.ecosystems,
                     "ecosystems to download (repeatable; default: the ones Portcullis matches)");
  update->add_flag("-q,--quiet", flags.quiet, "print problems only");
  update->add_option("--db", flags.db_path, "database file (as `db --db`)");
  update->callback([exit_code] { *exit_code = RunUpdate(flags); });

  CLI::App* info = db->add_subcommand("info", "sources, record counts, newest record, age");
  info->add_option("-f,--format", flags.format, "table or json")->capture_default_str();
  info->add_option("--db", flags.db_path, "database file (as `db --db`)");
  info->callback([exit_code] { *exit_code = RunInfo(flags); });
}

}  // namespace portcullis::cli
