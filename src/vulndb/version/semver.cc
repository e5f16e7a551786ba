// Semantic Versioning 2.0.0 precedence, as npm's `semver.compare`, Cargo and Go use it.
// Go's spellings are accepted: a leading "v", pseudo-versions (which are ordinary pre-release
// versions) and "+incompatible" (build metadata, ignored like all build metadata).
#include <string_view>
#include <vector>

#include "vulndb/version/numeric.h"
#include "vulndb/version/version.h"

namespace portcullis::version {

namespace {

struct Semver {
  bool valid = false;
  std::string_view core[3];
  std::vector<std::string_view> pre;
};

bool IsIdentChar(char c) { return IsDigit(c) || IsAlpha(c) || c == '-'; }

bool AllDigits(std::string_view s) { return !s.empty() && DigitRun(s) == s.size(); }

// Parses `s`; `strict` requires all three core numbers and no leading "v".
Semver ParseSemver(std::string_view s, bool strict) {
  Semver out;
  if (!strict) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '=')) s.remove_prefix(1);
    if (!s.empty() && (s.front() == 'v' || s.front() == 'V')) s.remove_prefix(1);
  }
  size_t plus = s.find('+');
  if (plus != std::string_view::npos) {
    std::string_view build = s.substr(plus + 1);
    if (build.empty()) return out;
    for (auto part_start = build;;) {
      size_t dot = part_start.find('.');
      std::string_view part = part_start.substr(0, dot);
      if (part.empty()) return out;
      for (char c : part) {
        if (!IsIdentChar(c)) return out;
      }
      if (dot == std::string_view::npos) break;
      part_start.remove_prefix(dot + 1);
    }
    s = s.substr(0, plus);
  }
  std::string_view pre;
  size_t dash = s.find('-');
  if (dash != std::string_view::npos) {
    pre = s.substr(dash + 1);
    s = s.substr(0, dash);
    if (pre.empty()) return out;
  }
  int n = 0;
  while (true) {
    size_t dot = s.find('.');
    std::string_view num = s.substr(0, dot);
    if (n == 3 || !AllDigits(num)) return out;
    if (num.size() > 1 && num.front() == '0') return out;
    out.core[n++] = num;
    if (dot == std::string_view::npos) break;
    s.remove_prefix(dot + 1);
  }
  if (strict && n != 3) return out;
  for (; n < 3; ++n) out.core[n] = "0";
  while (dash != std::string_view::npos && !pre.empty()) {
    size_t dot = pre.find('.');
    std::string_view id = pre.substr(0, dot);
    if (id.empty()) return out;
    for (char c : id) {
      if (!IsIdentChar(c)) return out;
    }
    if (AllDigits(id) && id.size() > 1 && id.front() == '0') return out;
    out.pre.push_back(id);
    if (dot == std::string_view::npos) break;
    pre.remove_prefix(dot + 1);
    if (pre.empty()) return out;
  }
  out.valid = true;
  return out;
}

int CompareIdentifiers(std::string_view a, std::string_view b) {
  bool na = AllDigits(a), nb = AllDigits(b);
  if (na && nb) return CompareDigits(a, b);
  if (na != nb) return na ? -1 : 1;
  return Sign(a.compare(b));
}

}  // namespace

bool IsValidSemver(std::string_view v) { return ParseSemver(v, false).valid; }

int CompareSemver(std::string_view a, std::string_view b) {
  Semver sa = ParseSemver(a, false);
  Semver sb = ParseSemver(b, false);
  if (!sa.valid || !sb.valid) {
    if (sa.valid != sb.valid) return sa.valid ? 1 : -1;
    return Sign(a.compare(b));
  }
  for (int k = 0; k < 3; ++k) {
    if (int c = CompareDigits(sa.core[k], sb.core[k]); c != 0) return c;
  }
  if (sa.pre.empty() || sb.pre.empty()) {
    if (sa.pre.empty() == sb.pre.empty()) return 0;
    return sa.pre.empty() ? 1 : -1;
  }
  for (size_t k = 0; k < sa.pre.size() && k < sb.pre.size(); ++k) {
    if (int c = CompareIdentifiers(sa.pre[k], sb.pre[k]); c != 0) return c;
  }
  if (sa.pre.size() == sb.pre.size()) return 0;
  return sa.pre.size() < sb.pre.size() ? -1 : 1;
}

}  // namespace portcullis::version
