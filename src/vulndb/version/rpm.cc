// rpm version ordering (rpmvercmp and EVR comparison as rpm 4.18 does them): epoch
// numerically (missing = 0), then version, then release (missing = "").
// Each is compared as alternating alphabetic and numeric segments, separators ignored; a
// numeric segment is newer than an alphabetic one; '~' sorts before everything (pre-release)
// and '^' after the base version but before anything else that follows it (post-release).
#include <string_view>

#include "vulndb/version/numeric.h"
#include "vulndb/version/version.h"

namespace portcullis::version {

namespace {

bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }

int RpmVerCmp(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    while (i < a.size() && !IsAlnum(a[i]) && a[i] != '~' && a[i] != '^') ++i;
    while (j < b.size() && !IsAlnum(b[j]) && b[j] != '~' && b[j] != '^') ++j;
    bool ta = i < a.size() && a[i] == '~';
    bool tb = j < b.size() && b[j] == '~';
    if (ta || tb) {
      if (!ta) return 1;
      if (!tb) return -1;
      ++i;
      ++j;
      continue;
    }
    bool ca = i < a.size() && a[i] == '^';
    bool cb = j < b.size() && b[j] == '^';
    if (ca || cb) {
      if (i >= a.size()) return -1;
      if (j >= b.size()) return 1;
      if (!ca) return 1;
      if (!cb) return -1;
      ++i;
      ++j;
      continue;
    }
    if (i >= a.size() || j >= b.size()) break;
    size_t si = i, sj = j;
    bool numeric = IsDigit(a[i]);
    if (numeric) {
      while (i < a.size() && IsDigit(a[i])) ++i;
      while (j < b.size() && IsDigit(b[j])) ++j;
    } else {
      while (i < a.size() && IsAlpha(a[i])) ++i;
      while (j < b.size() && IsAlpha(b[j])) ++j;
    }
    std::string_view sa = a.substr(si, i - si);
    std::string_view sb = b.substr(sj, j - sj);
    // b's segment is of the other type: the numeric one is newer.
    if (sb.empty()) return numeric ? 1 : -1;
    int c = numeric ? CompareDigits(sa, sb) : Sign(sa.compare(sb));
    if (c != 0) return c;
  }
  if (i >= a.size() && j >= b.size()) return 0;
  return i >= a.size() ? -1 : 1;
}

}  // namespace

int CompareRpm(std::string_view a, std::string_view b) {
  EpochVersionRelease ea = SplitEpochVersionRelease(a);
  EpochVersionRelease eb = SplitEpochVersionRelease(b);
  if (int c = CompareDigits(ea.epoch, eb.epoch); c != 0) return c;
  if (int c = RpmVerCmp(ea.version, eb.version); c != 0) return c;
  // rpm.vercmp compares releases even when one is missing (as ""), so "1.0" < "1.0-0".
  return RpmVerCmp(ea.release, eb.release);
}

}  // namespace portcullis::version
