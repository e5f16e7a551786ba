// Helpers shared by the comparators of this folder: comparing runs of decimal digits of any
// length without overflow. Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace portcullis::version {

// Compares two runs of ASCII digits as non-negative integers of any size ("" counts as 0,
// leading zeros are ignored). Returns <0, 0, >0.
inline int CompareDigits(std::string_view a, std::string_view b) {
  while (!a.empty() && a.front() == '0') a.remove_prefix(1);
  while (!b.empty() && b.front() == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

// Length of the run of digits at the start of `s`.
inline size_t DigitRun(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsDigit(s[i])) ++i;
  return i;
}

inline int Sign(int v) { return v < 0 ? -1 : (v > 0 ? 1 : 0); }

// `[epoch:]version[-release]`, as dpkg and rpm both write it: the epoch is the digits before a
// first ':' (a non-numeric prefix stays part of the version), the release what follows the last
// '-'. Views into the parsed string.
struct EpochVersionRelease {
  std::string_view epoch;
  std::string_view version;
  std::string_view release;
};

inline EpochVersionRelease SplitEpochVersionRelease(std::string_view s) {
  EpochVersionRelease out;
  size_t k = DigitRun(s);
  if (k < s.size() && s[k] == ':') {
    out.epoch = s.substr(0, k);
    s.remove_prefix(k + 1);
  }
  size_t dash = s.rfind('-');
  if (dash != std::string_view::npos) {
    out.version = s.substr(0, dash);
    out.release = s.substr(dash + 1);
  } else {
    out.version = s;
  }
  return out;
}

}  // namespace portcullis::version
