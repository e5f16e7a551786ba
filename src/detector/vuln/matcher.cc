#include "detector/vuln/matcher.h"

#include <algorithm>

namespace portcullis::vuln {

namespace {

using Kind = vulndb::OsvEvent::Kind;

int TieRank(Kind k) {
  switch (k) {
    case Kind::kIntroduced: return 0;
    case Kind::kLastAffected: return 1;
    case Kind::kFixed: return 2;
    case Kind::kLimit: return 3;
  }
  return 3;
}

// Compares event versions, "0" (introduced from the beginning) lowest of all.
int CompareEventVersions(version::Scheme scheme, const std::string& a, const std::string& b) {
  bool za = a == "0", zb = b == "0";
  if (za || zb) return za == zb ? 0 : (za ? -1 : 1);
  return version::Compare(scheme, a, b);
}

RangeVerdict EvaluateRange(version::Scheme scheme, std::string_view v,
                           const vulndb::OsvRange& range) {
  RangeVerdict out;
  // Sorted by version, then kind, then position (std::sort on a total order).
  std::vector<std::pair<const vulndb::OsvEvent*, size_t>> order;
  order.reserve(range.events.size());
  for (size_t k = 0; k < range.events.size(); ++k) order.emplace_back(&range.events[k], k);
  std::sort(order.begin(), order.end(), [&](const auto& x, const auto& y) {
    int c = CompareEventVersions(scheme, x.first->version, y.first->version);
    if (c != 0) return c < 0;
    if (x.first->kind != y.first->kind) return TieRank(x.first->kind) < TieRank(y.first->kind);
    return x.second < y.second;
  });
  std::vector<const vulndb::OsvEvent*> events;
  events.reserve(order.size());
  for (const auto& [e, k] : order) events.push_back(e);
  bool affected = false;
  size_t turned_on = events.size();
  for (size_t k = 0; k < events.size(); ++k) {
    const auto& e = *events[k];
    switch (e.kind) {
      case Kind::kIntroduced:
        if (e.version == "0" || version::Compare(scheme, v, e.version) >= 0) {
          if (!affected) turned_on = k;
          affected = true;
        }
        break;
      case Kind::kFixed:
        if (version::Compare(scheme, v, e.version) >= 0) affected = false;
        break;
      case Kind::kLastAffected:
        if (version::Compare(scheme, v, e.version) > 0) affected = false;
        break;
      case Kind::kLimit:
        if (version::Compare(scheme, v, e.version) >= 0) return out;
        break;
    }
  }
  if (!affected) return out;
  out.affected = true;
  // The first `fixed` after the installed version ends its interval (unless last_affected
  // comes first).
  for (size_t k = turned_on + 1; k < events.size(); ++k) {
    const auto& e = *events[k];
    if (e.kind == Kind::kLastAffected) break;
    if (e.kind == Kind::kFixed && version::Compare(scheme, v, e.version) < 0) {
      out.fixed = e.version;
      break;
    }
  }
  return out;
}

}  // namespace

RangeVerdict EvaluateRanges(version::Scheme scheme, std::string_view installed,
                            const std::vector<vulndb::OsvRange>& ranges,
                            bool listed_in_versions) {
  RangeVerdict out;
  // Several affecting ranges: the fix must clear all of them (the largest), and there is
  // none when any of them is open.
  bool any_open = false;
  for (const auto& r : ranges) {
    if (r.type != "ECOSYSTEM" && r.type != "SEMVER") continue;
    RangeVerdict one = EvaluateRange(scheme, installed, r);
    if (!one.affected) continue;
    out.affected = true;
    if (one.fixed.empty()) {
      any_open = true;
    } else if (out.fixed.empty() || version::Compare(scheme, one.fixed, out.fixed) > 0) {
      out.fixed = one.fixed;
    }
  }
  if (any_open) out.fixed.clear();
  if (!out.affected && listed_in_versions) {
    out.affected = true;
    // The smallest fix above the installed version in any range, if there is one.
    for (const auto& r : ranges) {
      if (r.type != "ECOSYSTEM" && r.type != "SEMVER") continue;
      for (const auto& e : r.events) {
        if (e.kind != Kind::kFixed || version::Compare(scheme, installed, e.version) >= 0) {
          continue;
        }
        if (out.fixed.empty() || version::Compare(scheme, e.version, out.fixed) < 0) {
          out.fixed = e.version;
        }
      }
    }
  }
  return out;
}

}  // namespace portcullis::vuln
