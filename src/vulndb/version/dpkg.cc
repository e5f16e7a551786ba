// dpkg version ordering (deb-version(7)): epoch numerically, then upstream and revision each
// compared as alternating non-digit and digit runs. In non-digit runs letters sort before
// other characters and '~' sorts before everything, even the end of the string.
// Lenient like apt: a non-numeric "epoch" is kept as part of the upstream version.
#include <string_view>

#include "vulndb/version/numeric.h"
#include "vulndb/version/version.h"

namespace portcullis::version {

namespace {

// Weight of a character in a non-digit run; 0 stands for "end of run".
int Weight(char c) {
  if (c == '~') return -1;
  if (IsAlpha(c)) return static_cast<unsigned char>(c);
  return static_cast<unsigned char>(c) + 256;
}

int CompareFragment(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    // Non-digit prefix, character by character.
    while ((i < a.size() && !IsDigit(a[i])) || (j < b.size() && !IsDigit(b[j]))) {
      int wa = (i < a.size() && !IsDigit(a[i])) ? Weight(a[i]) : 0;
      int wb = (j < b.size() && !IsDigit(b[j])) ? Weight(b[j]) : 0;
      if (wa != wb) return wa < wb ? -1 : 1;
      ++i;
      ++j;
    }
    size_t na = DigitRun(a.substr(i));
    size_t nb = DigitRun(b.substr(j));
    int c = CompareDigits(a.substr(i, na), b.substr(j, nb));
    if (c != 0) return c;
    i += na;
    j += nb;
  }
  return 0;
}

}  // namespace

int CompareDpkg(std::string_view a, std::string_view b) {
  EpochVersionRelease va = SplitEpochVersionRelease(a);
  EpochVersionRelease vb = SplitEpochVersionRelease(b);
  if (int c = CompareDigits(va.epoch, vb.epoch); c != 0) return c;
  if (int c = CompareFragment(va.version, vb.version); c != 0) return c;  // upstream
  return CompareFragment(va.release, vb.release);                         // Debian revision
}

}  // namespace portcullis::version
