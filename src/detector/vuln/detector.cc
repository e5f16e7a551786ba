#include "detector/vuln/detector.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/strings.h"
#include "detector/vuln/matcher.h"
#include "detector/vuln/severity.h"
#include "vulndb/open.h"
#include "vulndb/version/version.h"

namespace portcullis::vuln {

namespace {

bool IsDebianFamily(std::string_view eco) { return eco.starts_with("Debian:"); }
bool IsAlpine(std::string_view eco) { return eco.starts_with("Alpine:"); }
bool IsDebianAdvisory(std::string_view id) {
  return id.starts_with("DSA-") || id.starts_with("DLA-") || id.starts_with("DTSA-");
}

// One matched advisory of one (ecosystem, source package, version).
struct Match {
  std::string id;
  std::string fixed;
  std::string urgency;
  std::string feed;
  std::string source;               // the archive the deciding row came from
  std::vector<std::string> folded;  // DSA/DLA ids merged into this CVE
};

// Everything looked up once and shared by the binary packages of one source package.
class Lookup {
 public:
  explicit Lookup(const vulndb::VulnDb& db) : db_(db) {}

  Result<const std::vector<Match>*> Matches(const std::string& eco, version::Scheme scheme,
                                            const std::string& name, const std::string& version) {
    std::string key = eco + '\n' + name + '\n' + version;
    auto it = cache_.find(key);
    if (it != cache_.end()) return &it->second;
    auto rows = PC_TRY(db_.FindAffected(eco, name));
    auto matches = Evaluate(eco, scheme, version, rows);
    if (IsDebianFamily(eco)) matches = PC_TRY(FoldDebian(std::move(matches), rows));
    return &cache_.emplace(std::move(key), std::move(matches)).first->second;
  }

  Result<const vulndb::Advisory*> Advisory(const std::string& id) {
    auto it = advisories_.find(id);
    if (it == advisories_.end()) {
      auto a = PC_TRY(db_.FindAdvisory(id));
      it = advisories_.emplace(id, std::move(a)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  Result<std::optional<vulndb::CveSeverityRow>> Table(const std::string& id) {
    if (!id.starts_with("CVE-")) return std::optional<vulndb::CveSeverityRow>();
    return db_.FindCveSeverity(id);
  }

 private:
  static std::vector<Match> Evaluate(const std::string& eco, version::Scheme scheme,
                                     const std::string& installed,
                                     const std::vector<vulndb::AffectedRow>& rows) {
    std::map<std::string, std::vector<const vulndb::AffectedRow*>> by_id;
    for (const auto& r : rows) by_id[r.advisory_id].push_back(&r);
    std::vector<Match> out;
    for (const auto& [id, list] : by_id) {
      // Alpine: secdb decides for the ids it lists; OSV only for the others.
      bool has_secdb = IsAlpine(eco) && std::ranges::any_of(list, [](const auto* r) {
        return r->feed == vulndb::kFeedAlpineSecdb;
      });
      std::vector<vulndb::OsvRange> ranges;
      bool listed = false;
      bool never_affected = false;
      std::string urgency;
      std::string source;
      for (const auto* r : list) {
        if (has_secdb && r->feed != vulndb::kFeedAlpineSecdb) continue;
        if (source.empty() || (vulndb::IsFeedOf(r->source, eco) &&
                               !vulndb::IsFeedOf(source, eco))) {
          source = r->source;
        }
        for (const auto& range : r->ranges) {
          for (const auto& e : range.events) {
            if (has_secdb && e.kind == vulndb::OsvEvent::Kind::kFixed && e.version == "0") {
              never_affected = true;
            }
          }
          ranges.push_back(range);
        }
        listed = listed || r->ListsVersion(installed);
        if (urgency.empty()) urgency = r->urgency;
      }
      if (never_affected) continue;
      RangeVerdict v = EvaluateRanges(scheme, installed, ranges, listed);
      if (!v.affected) continue;
      out.push_back({id, v.fixed, urgency,
                     has_secdb ? std::string(vulndb::kFeedAlpineSecdb)
                               : std::string(vulndb::kFeedOsv),
                     source, {}});
    }
    return out;
  }

  // DSA/DLA/DTSA matches join the CVE findings they name; ones whose CVEs have no entry for
  // this package at all stay findings of their own; ones whose CVEs the tracker says are not
  // affected are dropped (the per-CVE tracker data is authoritative).
  Result<std::vector<Match>> FoldDebian(std::vector<Match> matches,
                                        const std::vector<vulndb::AffectedRow>& rows) {
    std::set<std::string> known;
    for (const auto& r : rows) known.insert(r.advisory_id);
    std::map<std::string, size_t> cve_index;
    for (size_t k = 0; k < matches.size(); ++k) {
      if (!IsDebianAdvisory(matches[k].id)) cve_index[matches[k].id] = k;
    }
    std::vector<bool> drop(matches.size(), false);
    for (size_t k = 0; k < matches.size(); ++k) {
      if (!IsDebianAdvisory(matches[k].id)) continue;
      const vulndb::Advisory* adv = PC_TRY(Advisory(matches[k].id));
      if (adv == nullptr) continue;
      bool any_known = false;
      for (const auto* list : {&adv->related, &adv->aliases}) {
        for (const auto& cve : *list) {
          if (!known.contains(cve)) continue;
          any_known = true;
          auto it = cve_index.find(cve);
          if (it != cve_index.end()) matches[it->second].folded.push_back(matches[k].id);
        }
      }
      drop[k] = any_known;
    }
    std::vector<Match> out;
    for (size_t k = 0; k < matches.size(); ++k) {
      if (!drop[k]) out.push_back(std::move(matches[k]));
    }
    return out;
  }

  const vulndb::VulnDb& db_;
  std::map<std::string, std::vector<Match>> cache_;
  std::map<std::string, std::optional<vulndb::Advisory>> advisories_;
};

std::string Title(const vulndb::Advisory* adv) {
  if (adv == nullptr) return "";
  if (!adv->summary.empty()) return Excerpt(adv->summary, 200);
  std::string_view d = adv->details;
  size_t end = d.find(". ");
  if (end != std::string_view::npos) d = d.substr(0, end + 1);
  return Excerpt(Trim(d), 200);
}

std::string Status(const Match& m) {
  if (!m.fixed.empty()) return "fixed";
  std::string_view u = m.urgency;
  while (!u.empty() && u.back() == '*') u.remove_suffix(1);
  if (u == "unimportant") return "will_not_fix";
  if (u == "end-of-life") return "end_of_life";
  return "unfixed";
}

void AddUnique(std::vector<std::string>& list, const std::string& s) {
  if (!s.empty() && std::ranges::find(list, s) == list.end()) list.push_back(s);
}

bool IsCve(std::string_view id) { return id.starts_with("CVE-"); }

// The one CVE a finding is: its id, or its only CVE alias; "" when it names none or several, or
// is a Debian advisory (those bundle flaws).
std::string SingleCve(const Vulnerability& v) {
  if (IsCve(v.id)) return v.id;
  if (IsDebianAdvisory(v.id)) return "";
  std::string cve;
  for (const auto& a : v.aliases) {
    if (!IsCve(a) || a == cve) continue;
    if (!cve.empty()) return "";
    cve = a;
  }
  return cve;
}

// Findings of one package instance whose ids or aliases overlap become one: its id is the CVE
// when the group names one (the smallest when it names several), every other id an alias; the
// worst severity and the highest fixed version win; the rest comes from the record whose id
// is that CVE, else from the first of the group.
std::vector<Vulnerability> MergeAliases(std::vector<Vulnerability> found,
                                        version::Scheme scheme) {
  std::vector<size_t> parent(found.size());
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  auto root = [&](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // Advisories that bundle several flaws (a DSA fixing three CVEs, folded into each CVE's
  // aliases) link distinct findings: they join nothing, and a record naming two CVEs joins only
  // by its own id.
  std::map<std::string, size_t> owner;
  for (size_t i = 0; i < found.size(); ++i) {
    auto join = [&](const std::string& name) {
      if (name.empty() || IsDebianAdvisory(name)) return;
      auto [it, added] = owner.emplace(name, i);
      if (!added) parent[root(i)] = root(it->second);
    };
    join(found[i].id);
    if (SingleCve(found[i]).empty() && !IsCve(found[i].id)) {
      bool names_cve = std::ranges::any_of(found[i].aliases, IsCve);
      if (names_cve) continue;  // several CVEs, or a Debian advisory
    }
    for (const auto& a : found[i].aliases) join(a);
  }
  std::map<size_t, std::vector<size_t>> groups;
  std::vector<size_t> order;
  for (size_t i = 0; i < found.size(); ++i) {
    auto [it, added] = groups.try_emplace(root(i));
    if (added) order.push_back(root(i));
    it->second.push_back(i);
  }
  std::vector<Vulnerability> out;
  for (size_t g : order) {
    const auto& members = groups[g];
    std::string cve;
    size_t base = members[0];
    for (size_t m : members) {
      const Vulnerability& v = found[m];
      if (IsCve(v.id) && (!IsCve(found[base].id) || v.id < found[base].id)) base = m;
      std::string one = SingleCve(v);
      if (!one.empty() && (cve.empty() || one < cve)) cve = one;
    }
    Vulnerability merged = found[base];
    if (!cve.empty()) merged.id = cve;
    std::vector<std::string> aliases;
    for (size_t m : {base}) {
      AddUnique(aliases, found[m].id);
      for (const auto& a : found[m].aliases) AddUnique(aliases, a);
    }
    for (size_t m : members) {
      const Vulnerability& v = found[m];
      AddUnique(aliases, v.id);
      for (const auto& a : v.aliases) AddUnique(aliases, a);
      for (const auto& r : v.references) AddUnique(merged.references, r);
      if (v.severity > merged.severity) {
        merged.severity = v.severity;
        merged.severity_source = v.severity_source;
        merged.cvss_score = v.cvss_score;
        merged.cvss_vector = v.cvss_vector;
      }
      if (!v.fixed_version.empty() &&
          (merged.fixed_version.empty() ||
           version::Compare(scheme, v.fixed_version, merged.fixed_version) > 0)) {
        merged.fixed_version = v.fixed_version;
        merged.status = "fixed";
      }
      if (merged.title.empty()) merged.title = v.title;
      if (merged.description.empty()) merged.description = v.description;
      if (merged.published.empty()) merged.published = v.published;
    }
    std::erase(aliases, merged.id);
    merged.aliases = std::move(aliases);
    out.push_back(std::move(merged));
  }
  return out;
}

}  // namespace

std::string OsEcosystem(const OsInfo& os) {
  auto parts = Split(os.version, '.');
  if (os.family == "debian" && !parts.empty() && !parts[0].empty()) {
    return "Debian:" + std::string(parts[0]);
  }
  if (os.family == "alpine" && parts.size() >= 2) {
    return fmt::format("Alpine:v{}.{}", parts[0], parts[1]);
  }
  if (os.family == "ubuntu" && parts.size() >= 2) {
    return fmt::format("Ubuntu:{}.{}", parts[0], parts[1]);
  }
  return "";
}

Result<void> DetectVulnerabilities(const vulndb::VulnDb& db, const std::optional<OsInfo>& os,
                                   const std::vector<Package>& packages, Report& report) {
  Lookup lookup(db);
  std::set<std::string> skipped;
  std::map<std::string, size_t> no_data;  // ecosystem the database has nothing for -> packages
  std::map<std::string, bool> has_data;
  std::vector<Vulnerability> found;
  for (const auto& pkg : packages) {
    // Files of an OS package: that package's advisories apply, not the upstream ones.
    if (!pkg.installed_by.empty()) continue;
    std::string eco = pkg.ecosystem;
    bool os_package = pkg.type == "deb" || pkg.type == "apk" || pkg.type == "rpm";
    if (eco.empty() && os_package && os) eco = OsEcosystem(*os);
    if (eco.empty()) continue;
    auto scheme = version::SchemeForEcosystem(eco);
    if (!scheme) {
      skipped.insert(eco.substr(0, eco.find(':')));
      continue;
    }
    std::string name = os_package && !pkg.source_name.empty() ? pkg.source_name : pkg.name;
    std::string version = pkg.type == "deb" && !pkg.source_version.empty() ? pkg.source_version
                                                                           : pkg.version;
    if (version.empty()) continue;
    auto known = has_data.find(eco);
    if (known == has_data.end()) known = has_data.emplace(eco, PC_TRY(db.HasAffected(eco))).first;
    if (!known->second) {
      ++no_data[eco];
      continue;
    }
    const std::vector<Match>* matches = PC_TRY(lookup.Matches(eco, *scheme, name, version));
    std::vector<Vulnerability> instance;
    for (const auto& m : *matches) {
      const vulndb::Advisory* adv = PC_TRY(lookup.Advisory(m.id));
      auto table = PC_TRY(lookup.Table(m.id));
      SeverityVerdict sev = ResolveSeverity(adv, m.urgency, table);
      Vulnerability v;
      v.id = m.id;
      v.package = pkg.name;
      v.source_package = name;
      v.installed_version = pkg.version;
      v.fixed_version = m.fixed;
      v.status = Status(m);
      v.severity = sev.severity;
      v.severity_source = sev.source;
      v.cvss_score = sev.score;
      v.cvss_vector = sev.vector;
      v.package_path = pkg.found_in;
      v.layer = pkg.layer;
      v.purl = pkg.purl;
      v.ecosystem = eco;
      v.data_source = m.feed == vulndb::kFeedAlpineSecdb ? "alpine-secdb"
                      : !m.source.empty()                 ? "osv:" + m.source
                      : adv != nullptr && !adv->source.empty() ? "osv:" + adv->source
                                                                : "osv";
      if (adv != nullptr) {
        for (const auto& a : adv->aliases) AddUnique(v.aliases, a);
        for (const auto& r : adv->references) AddUnique(v.references, r);
        v.description = adv->details;
        v.published = adv->published;
        v.modified = adv->modified;
      }
      v.title = Title(adv);
      for (const auto& f : m.folded) {
        AddUnique(v.aliases, f);
        const vulndb::Advisory* fa = PC_TRY(lookup.Advisory(f));
        if (fa == nullptr) continue;
        if (v.title.empty()) v.title = Title(fa);
        for (const auto& r : fa->references) AddUnique(v.references, r);
      }
      if (IsDebianFamily(eco) && v.id.starts_with("CVE-")) {
        AddUnique(v.references, "https://security-tracker.debian.org/tracker/" + v.id);
      }
      if (IsAlpine(eco) && v.id.starts_with("CVE-")) {
        AddUnique(v.references, "https://security.alpinelinux.org/vuln/" + v.id);
      }
      instance.push_back(std::move(v));
    }
    for (auto& v : MergeAliases(std::move(instance), *scheme)) found.push_back(std::move(v));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    if (a.package != b.package) return a.package < b.package;
    if (a.severity != b.severity) return a.severity > b.severity;
    return std::tie(a.id, a.installed_version, a.ecosystem, a.purl, a.package_path) <
           std::tie(b.id, b.installed_version, b.ecosystem, b.purl, b.package_path);
  });
  for (auto& v : found) report.vulnerabilities.push_back(std::move(v));
  for (const auto& eco : skipped) {
    Diagnostic d;
    d.code = "vuln.skipped";
    d.message = fmt::format("no version comparator for ecosystem {}: its packages were not "
                            "checked for vulnerabilities", eco);
    d.severity = Severity::kInfo;
    report.diagnostics.push_back(std::move(d));
  }
  for (const auto& [eco, count] : no_data) {
    Diagnostic d;
    d.code = std::string(vulndb::kNoDataDiagnosticCode);
    d.path = db.path();
    d.message = fmt::format(
        "the vulnerability database has no advisories for {}: its {} package{} of the image "
        "were not checked (import that ecosystem's feed: `portcullis db update` or `portcullis "
        "db import FILE`)",
        eco, count, count == 1 ? "" : "s");
    d.severity = Severity::kHigh;
    report.diagnostics.push_back(std::move(d));
  }
  return {};
}

}  // namespace portcullis::vuln
