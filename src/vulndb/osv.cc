#include "vulndb/osv.h"

#include <nlohmann/json.hpp>

#include "core/json.h"
#include "core/strings.h"

namespace portcullis::vulndb {

namespace {

std::vector<std::string> StringList(const nlohmann::json& obj, std::string_view key,
                                    size_t max_items) {
  std::vector<std::string> out;
  for (const auto& v : JsonArray(obj, key)) {
    if (out.size() >= max_items) break;
    if (v.is_string()) out.push_back(SanitizeUtf8(v.get_ref<const std::string&>()));
  }
  return out;
}

std::string CutUtf8(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s;
}

bool ParseRange(const nlohmann::json& r, OsvRange& out) {
  if (!r.is_object()) return false;
  out.type = JsonString(r, "type");
  for (const auto& e : JsonArray(r, "events")) {
    if (!e.is_object()) continue;
    static constexpr std::pair<std::string_view, OsvEvent::Kind> kKinds[] = {
        {"introduced", OsvEvent::Kind::kIntroduced},
        {"fixed", OsvEvent::Kind::kFixed},
        {"last_affected", OsvEvent::Kind::kLastAffected},
        {"limit", OsvEvent::Kind::kLimit},
    };
    for (const auto& [key, kind] : kKinds) {
      auto it = e.find(key);
      if (it != e.end() && it->is_string()) {
        out.events.push_back({kind, SanitizeUtf8(it->get_ref<const std::string&>())});
        break;
      }
    }
  }
  return !out.events.empty();
}

}  // namespace

bool LooksLikeOsv(const nlohmann::json& doc) {
  return doc.is_object() && doc.contains("id") &&
         (doc.contains("affected") || doc.contains("modified"));
}

Result<OsvRecord> OsvFromJson(const nlohmann::json& doc, std::string_view path) {
  if (!doc.is_object()) {
    return std::unexpected(Error{ErrorCode::kCorrupt, "OSV record is not a JSON object",
                                 std::string(path)});
  }
  OsvRecord rec;
  rec.id = SanitizeUtf8(JsonString(doc, "id"));
  rec.modified = SanitizeUtf8(JsonString(doc, "modified"));
  if (rec.id.empty() || rec.id.size() > 256) {
    return std::unexpected(Error{ErrorCode::kCorrupt,
                                 "OSV record has no usable \"id\" (expected a string of 1 to 256 "
                                 "bytes)",
                                 std::string(path)});
  }
  if (rec.modified.empty()) {
    return std::unexpected(Error{ErrorCode::kCorrupt,
                                 fmt::format("OSV record {} has no \"modified\" timestamp",
                                             Excerpt(rec.id, 60)),
                                 std::string(path)});
  }
  rec.published = SanitizeUtf8(JsonString(doc, "published"));
  rec.withdrawn = SanitizeUtf8(JsonString(doc, "withdrawn"));
  rec.summary = CutUtf8(SanitizeUtf8(JsonString(doc, "summary")), kMaxDetailsBytes);
  rec.details = CutUtf8(SanitizeUtf8(JsonString(doc, "details")), kMaxDetailsBytes);
  rec.aliases = StringList(doc, "aliases", 1000);
  rec.related = StringList(doc, "related", 1000);
  for (const auto& ref : JsonArray(doc, "references")) {
    if (rec.references.size() >= 200) break;
    std::string url = JsonString(ref, "url");
    if (!url.empty()) rec.references.push_back(SanitizeUtf8(url));
  }
  for (const auto& sev : JsonArray(doc, "severity")) {
    std::string type = JsonString(sev, "type");
    std::string score = SanitizeUtf8(JsonString(sev, "score"));
    if (type == "CVSS_V3" && rec.cvss_v3.empty()) rec.cvss_v3 = score;
    if (type == "CVSS_V4" && rec.cvss_v4.empty()) rec.cvss_v4 = score;
  }
  const auto& db_specific = JsonObject(doc, "database_specific");
  rec.vendor_severity = ToLower(JsonString(db_specific, "severity"));
  rec.malicious = rec.id.starts_with("MAL-") || db_specific.contains("malicious-packages-origins");

  const auto& affected = JsonArray(doc, "affected");
  if (affected.size() > kMaxOsvAffected) {
    return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                 fmt::format("OSV record {} has {} affected entries (limit {})",
                                             Excerpt(rec.id, 60), affected.size(),
                                             kMaxOsvAffected),
                                 std::string(path)});
  }
  size_t versions_total = 0;
  for (const auto& a : affected) {
    if (!a.is_object()) continue;
    OsvAffected entry;
    const auto& pkg = JsonObject(a, "package");
    entry.ecosystem = SanitizeUtf8(JsonString(pkg, "ecosystem"));
    entry.name = SanitizeUtf8(JsonString(pkg, "name"));
    entry.purl = SanitizeUtf8(JsonString(pkg, "purl"));
    for (const auto& r : JsonArray(a, "ranges")) {
      OsvRange range;
      if (ParseRange(r, range)) entry.ranges.push_back(std::move(range));
    }
    entry.versions = StringList(a, "versions", kMaxOsvVersions);
    versions_total += entry.versions.size();
    if (versions_total > kMaxOsvVersions) {
      return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                   fmt::format("OSV record {} lists over {} versions",
                                               Excerpt(rec.id, 60), kMaxOsvVersions),
                                   std::string(path)});
    }
    entry.urgency = ToLower(JsonString(JsonObject(a, "ecosystem_specific"), "urgency"));
    rec.affected.push_back(std::move(entry));
  }
  return rec;
}

Result<OsvRecord> ParseOsv(std::string_view json, std::string_view path) {
  auto doc = PC_TRY(ParseJson(json, path, kMaxOsvRecordBytes));
  return OsvFromJson(doc, path);
}

}  // namespace portcullis::vulndb
