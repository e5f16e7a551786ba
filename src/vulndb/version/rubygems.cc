// RubyGems version ordering (Gem::Version#<=>). A version is digits, letters and dots; '-'
// stands for ".pre.". Segments are runs of digits (numbers) or letters (strings). Trailing
// zeros of the numeric head and of the rest are dropped ("1.0" == "1", "1.0.a" == "1.a"), then
// segments compare pairwise, missing ones counting as 0; a string segment sorts before a
// number, so "1.0.a" < "1.0". Strings Gem::Version rejects sort before all valid ones.
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.h"
#include "vulndb/version/numeric.h"
#include "vulndb/version/version.h"

namespace portcullis::version {

namespace {

struct Segment {
  bool numeric = true;
  std::string text;  // digits without leading zeros, or letters
};

bool ValidGem(std::string_view v) {
  // [0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)? or nothing at all ("0").
  if (v.empty()) return true;
  if (!IsDigit(v.front())) return false;
  size_t dash = v.find('-');
  std::string_view head = v.substr(0, dash);
  for (auto part : Split(head, '.')) {
    if (part.empty()) return false;
    for (char c : part) {
      if (!IsDigit(c) && !IsAlpha(c)) return false;
    }
  }
  if (dash == std::string_view::npos) return true;
  for (auto part : Split(v.substr(dash + 1), '.')) {
    if (part.empty()) return false;
    for (char c : part) {
      if (!IsDigit(c) && !IsAlpha(c) && c != '-') return false;
    }
  }
  return true;
}

std::vector<Segment> CanonicalSegments(std::string_view v) {
  std::vector<Segment> segs;
  for (size_t i = 0; i < v.size();) {
    if (v[i] == '-') {
      segs.push_back({false, "pre"});  // Gem::Version reads every "-" as ".pre."
      ++i;
    } else if (IsDigit(v[i])) {
      size_t n = DigitRun(v.substr(i));
      std::string_view d = v.substr(i, n);
      while (d.size() > 1 && d.front() == '0') d.remove_prefix(1);
      segs.push_back({true, std::string(d)});
      i += n;
    } else if (IsAlpha(v[i])) {
      size_t n = 0;
      while (i + n < v.size() && IsAlpha(v[i + n])) ++n;
      segs.push_back({false, std::string(v.substr(i, n))});
      i += n;
    } else {
      ++i;
    }
  }
  // Split at the first string segment, drop trailing zeros of each part, join again.
  size_t first_string = segs.size();
  for (size_t k = 0; k < segs.size(); ++k) {
    if (!segs[k].numeric) {
      first_string = k;
      break;
    }
  }
  auto is_zero = [](const Segment& s) { return s.numeric && s.text == "0"; };
  std::vector<Segment> out(segs.begin(), segs.begin() + static_cast<std::ptrdiff_t>(first_string));
  while (!out.empty() && is_zero(out.back())) out.pop_back();
  std::vector<Segment> tail(segs.begin() + static_cast<std::ptrdiff_t>(first_string), segs.end());
  while (!tail.empty() && is_zero(tail.back())) tail.pop_back();
  out.insert(out.end(), tail.begin(), tail.end());
  return out;
}

}  // namespace

int CompareRubyGems(std::string_view a_raw, std::string_view b_raw) {
  std::string_view a = Trim(a_raw), b = Trim(b_raw);
  bool va = ValidGem(a), vb = ValidGem(b);
  if (!va || !vb) {
    if (va != vb) return va ? 1 : -1;
    return Sign(a.compare(b));
  }
  std::vector<Segment> sa = CanonicalSegments(a), sb = CanonicalSegments(b);
  static const Segment kZero{true, "0"};
  for (size_t k = 0; k < sa.size() || k < sb.size(); ++k) {
    const Segment& l = k < sa.size() ? sa[k] : kZero;
    const Segment& r = k < sb.size() ? sb[k] : kZero;
    if (l.numeric != r.numeric) return l.numeric ? 1 : -1;
    int c = l.numeric ? CompareDigits(l.text, r.text) : Sign(l.text.compare(r.text));
    if (c != 0) return c;
  }
  return 0;
}

}  // namespace portcullis::version
