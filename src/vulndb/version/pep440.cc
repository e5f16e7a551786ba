// PEP 440 version ordering, as python-packaging's Version implements it:
//   [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]
// with the PEP's normalisations (case, "alpha"/"beta"/"c"/"pre"/"preview", "rev"/"r", "-N"
// post releases, optional separators and implicit 0 numbers, a leading "v"). Release
// segments compare with trailing zeros dropped; a dev release of a final version sorts before
// its pre-releases; local versions sort after the public one.
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.h"
#include "vulndb/version/numeric.h"
#include "vulndb/version/version.h"

namespace portcullis::version {

namespace {

struct Pep440 {
  bool valid = false;
  std::string_view epoch;
  std::vector<std::string_view> release;
  int pre_kind = -1;  // -1 none, 0 a, 1 b, 2 rc
  std::string_view pre_num;
  bool has_post = false;
  std::string_view post_num;
  bool has_dev = false;
  std::string_view dev_num;
  std::vector<std::string_view> local;
};

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }
  size_t pos() const { return pos_; }
  void Reset(size_t p) { pos_ = p; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  bool EatSeparator() { return Eat('-') || Eat('_') || Eat('.'); }
  std::string_view Digits() {
    size_t n = DigitRun(s_.substr(pos_));
    std::string_view out = s_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  // Consumes the first of `words` (longest first) that starts here.
  int Word(std::initializer_list<std::string_view> words) {
    int index = 0;
    for (std::string_view w : words) {
      if (s_.substr(pos_).starts_with(w)) {
        pos_ += w.size();
        return index;
      }
      ++index;
    }
    return -1;
  }
  std::string_view Rest() const { return s_.substr(pos_); }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// `lower` must outlive the result (the views point into it).
Pep440 ParsePep440(const std::string& lower) {
  Pep440 out;
  Reader r(Trim(lower));
  r.Eat('v');
  std::string_view first = r.Digits();
  if (first.empty()) return out;
  if (r.Eat('!')) {
    out.epoch = first;
    first = r.Digits();
    if (first.empty()) return out;
  }
  out.release.push_back(first);
  while (r.Peek() == '.') {
    size_t save = r.pos();
    r.Eat('.');
    std::string_view n = r.Digits();
    if (n.empty()) {
      r.Reset(save);
      break;
    }
    out.release.push_back(n);
  }
  // Pre-release.
  {
    size_t save = r.pos();
    r.EatSeparator();
    int w = r.Word({"preview", "alpha", "beta", "pre", "rc", "a", "b", "c"});
    if (w >= 0) {
      static constexpr int kKinds[] = {2, 0, 1, 2, 2, 0, 1, 2};
      out.pre_kind = kKinds[w];
      size_t before_num = r.pos();
      r.EatSeparator();
      out.pre_num = r.Digits();
      if (out.pre_num.empty()) r.Reset(before_num);
    } else {
      r.Reset(save);
    }
  }
  // Post-release: "-N" or [sep](post|rev|r)[sep][N].
  {
    size_t save = r.pos();
    if (r.Eat('-') && !r.Digits().empty()) {
      out.has_post = true;
      r.Reset(save + 1);
      out.post_num = r.Digits();
    } else {
      r.Reset(save);
      r.EatSeparator();
      if (r.Word({"post", "rev", "r"}) >= 0) {
        out.has_post = true;
        size_t before_num = r.pos();
        r.EatSeparator();
        out.post_num = r.Digits();
        if (out.post_num.empty()) r.Reset(before_num);
      } else {
        r.Reset(save);
      }
    }
  }
  // Development release.
  {
    size_t save = r.pos();
    r.EatSeparator();
    if (r.Word({"dev"}) >= 0) {
      out.has_dev = true;
      size_t before_num = r.pos();
      r.EatSeparator();
      out.dev_num = r.Digits();
      if (out.dev_num.empty()) r.Reset(before_num);
    } else {
      r.Reset(save);
    }
  }
  // Local version label.
  if (r.Eat('+')) {
    std::string_view local = r.Rest();
    size_t start = 0;
    for (size_t k = 0; k <= local.size(); ++k) {
      if (k == local.size() || local[k] == '.' || local[k] == '-' || local[k] == '_') {
        if (k == start) return out;
        out.local.push_back(local.substr(start, k - start));
        start = k + 1;
      } else if (!IsDigit(local[k]) && !IsLower(local[k])) {
        return out;
      }
    }
    r.Reset(r.pos() + local.size());
  }
  out.valid = r.AtEnd();
  return out;
}

int CompareRelease(std::vector<std::string_view> a, std::vector<std::string_view> b) {
  auto strip = [](std::vector<std::string_view>& v) {
    while (!v.empty() && CompareDigits(v.back(), "") == 0) v.pop_back();
  };
  strip(a);
  strip(b);
  for (size_t k = 0; k < a.size() && k < b.size(); ++k) {
    if (int c = CompareDigits(a[k], b[k]); c != 0) return c;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

// Orders an optional number where "absent" is below (`absent_low`) or above every number.
int CompareOptional(bool has_a, std::string_view a, bool has_b, std::string_view b,
                    bool absent_low) {
  if (has_a && has_b) return CompareDigits(a, b);
  if (has_a == has_b) return 0;
  int absent = absent_low ? -1 : 1;
  return has_a ? -absent : absent;
}

int CompareLocal(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  for (size_t k = 0; k < a.size() && k < b.size(); ++k) {
    bool na = DigitRun(a[k]) == a[k].size(), nb = DigitRun(b[k]) == b[k].size();
    int c = 0;
    if (na && nb) {
      c = CompareDigits(a[k], b[k]);
    } else if (na != nb) {
      c = na ? 1 : -1;
    } else {
      c = Sign(a[k].compare(b[k]));
    }
    if (c != 0) return c;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

}  // namespace

bool IsValidPep440(std::string_view v) { return ParsePep440(ToLower(v)).valid; }

int ComparePep440(std::string_view a_raw, std::string_view b_raw) {
  std::string la = ToLower(a_raw), lb = ToLower(b_raw);
  Pep440 a = ParsePep440(la), b = ParsePep440(lb);
  if (!a.valid || !b.valid) {
    if (a.valid != b.valid) return a.valid ? 1 : -1;
    return Sign(a_raw.compare(b_raw));
  }
  if (int c = CompareDigits(a.epoch, b.epoch); c != 0) return c;
  if (int c = CompareRelease(a.release, b.release); c != 0) return c;
  // Pre-release key: a bare dev release sorts before every pre-release, a final after.
  auto pre_rank = [](const Pep440& v) {
    if (v.pre_kind < 0 && !v.has_post && v.has_dev) return -1;
    if (v.pre_kind < 0) return 3;
    return v.pre_kind;
  };
  int pa = pre_rank(a), pb = pre_rank(b);
  if (pa != pb) return pa < pb ? -1 : 1;
  if (a.pre_kind >= 0) {
    if (int c = CompareDigits(a.pre_num, b.pre_num); c != 0) return c;
  }
  if (int c = CompareOptional(a.has_post, a.post_num, b.has_post, b.post_num, true); c != 0) {
    return c;
  }
  if (int c = CompareOptional(a.has_dev, a.dev_num, b.has_dev, b.dev_num, false); c != 0) {
    return c;
  }
  if (a.local.empty() || b.local.empty()) {
    if (a.local.empty() == b.local.empty()) return 0;
    return a.local.empty() ? -1 : 1;
  }
  return CompareLocal(a.local, b.local);
}

}  // namespace portcullis::version
