// apk-tools version ordering (Gentoo-style): digits{.digits}[letter]{_suffix[N]}[-rN].
//
// The version is cut into typed tokens. Tokens are compared pairwise while both versions
// continue with a token of the same type; the first differing value decides. When one version
// ends or continues differently, a pre-release suffix (_alpha, _beta, _pre, _rc) makes it the
// smaller one, otherwise the one that goes on with a "smaller" token type is the greater one
// (so "1.0-r1" > "1.0" and "1.0.1" > "1.0"). A dotted component with leading zeros ("1.01")
// counts as minus the number of zeros and its remaining digits form a token of their own, and
// a token the grammar does not allow ends the version as "invalid" — both as apk-tools does.
#include <array>
#include <cstdint>
#include <string_view>

#include "vulndb/version/numeric.h"
#include "vulndb/version/version.h"

namespace portcullis::version {

namespace {

enum Kind : int {
  kInvalid = -1,
  kDotted = 0,    // a component after '.'
  kNumber = 1,    // the first component, or digits after a letter / leading zeros
  kLetter = 2,
  kSuffix = 3,
  kSuffixNumber = 4,
  kRevision = 5,
  kEnd = 6,
};

// A token's value: `rank` orders suffixes, letters and leading-zero runs; `digits` the numbers.
struct Value {
  int64_t rank = 0;
  std::string_view digits;
};

int CompareValues(const Value& a, const Value& b) {
  if (a.rank != b.rank) return a.rank < b.rank ? -1 : 1;
  return CompareDigits(a.digits, b.digits);
}

constexpr std::array<std::string_view, 4> kPreSuffixes = {"alpha", "beta", "pre", "rc"};
constexpr std::array<std::string_view, 5> kPostSuffixes = {"cvs", "svn", "git", "hg", "p"};

// Walks one version string token by token.
class Tokenizer {
 public:
  explicit Tokenizer(std::string_view s) : rest_(s) {}

  Kind kind() const { return kind_; }

  // Reads the value of the current token and advances `kind()` to the next token's type.
  Value Next() {
    Value v;
    if (rest_.empty()) {
      kind_ = kEnd;
      return v;
    }
    size_t used = 0;
    bool forced_number = false;
    switch (kind_) {
      case kDotted:
        if (rest_.front() == '0') {
          while (used < rest_.size() && rest_[used] == '0') ++used;
          v.rank = -static_cast<int64_t>(used);
          forced_number = true;
          break;
        }
        [[fallthrough]];
      case kNumber:
      case kSuffixNumber:
      case kRevision:
        used = DigitRun(rest_);
        v.digits = rest_.substr(0, used);
        break;
      case kLetter:
        v.rank = static_cast<unsigned char>(rest_.front());
        used = 1;
        break;
      case kSuffix: {
        bool found = false;
        for (size_t k = 0; k < kPreSuffixes.size() && !found; ++k) {
          if (rest_.starts_with(kPreSuffixes[k])) {
            v.rank = static_cast<int64_t>(k) - static_cast<int64_t>(kPreSuffixes.size());
            used = kPreSuffixes[k].size();
            found = true;
          }
        }
        for (size_t k = 0; k < kPostSuffixes.size() && !found; ++k) {
          if (rest_.starts_with(kPostSuffixes[k])) {
            v.rank = static_cast<int64_t>(k);
            used = kPostSuffixes[k].size();
            found = true;
          }
        }
        if (!found) {
          kind_ = kInvalid;
          v.rank = -1;
          return v;
        }
        break;
      }
      default:
        kind_ = kInvalid;
        v.rank = -1;
        return v;
    }
    rest_.remove_prefix(used);
    if (rest_.empty()) {
      kind_ = kEnd;
    } else if (forced_number) {
      kind_ = kNumber;
    } else {
      Advance();
    }
    return v;
  }

 private:
  // Decides the type of the token that starts `rest_`, consuming its separator.
  void Advance() {
    char c = rest_.front();
    Kind next = kInvalid;
    if ((kind_ == kNumber || kind_ == kDotted) && IsLower(c)) {
      next = kLetter;
    } else if (kind_ == kLetter && IsDigit(c)) {
      next = kNumber;
    } else if (kind_ == kSuffix && IsDigit(c)) {
      next = kSuffixNumber;
    } else {
      if (c == '.') {
        next = kDotted;
      } else if (c == '_') {
        next = kSuffix;
      } else if (c == '-' && rest_.size() > 1 && rest_[1] == 'r') {
        next = kRevision;
        rest_.remove_prefix(1);
      }
      rest_.remove_prefix(1);
    }
    // The grammar only moves forward, with three exceptions.
    if (next < kind_ && !((next == kDotted && kind_ == kNumber) ||
                          (next == kSuffix && kind_ == kSuffixNumber) ||
                          (next == kNumber && kind_ == kLetter))) {
      next = kInvalid;
    }
    kind_ = next;
  }

  std::string_view rest_;
  Kind kind_ = kNumber;
};

}  // namespace

int CompareApk(std::string_view a, std::string_view b) {
  Tokenizer ta(a), tb(b);
  int c = 0;
  while (ta.kind() == tb.kind() && ta.kind() != kEnd && ta.kind() != kInvalid && c == 0) {
    Value va = ta.Next();
    Value vb = tb.Next();
    c = CompareValues(va, vb);
  }
  if (c != 0) return c;
  if (ta.kind() == tb.kind()) return 0;
  // Same so far; one goes on. A pre-release suffix makes it older.
  if (ta.kind() == kSuffix) {
    Tokenizer peek = ta;
    if (peek.Next().rank < 0) return -1;
  }
  if (tb.kind() == kSuffix) {
    Tokenizer peek = tb;
    if (peek.Next().rank < 0) return 1;
  }
  if (ta.kind() > tb.kind()) return -1;
  if (tb.kind() > ta.kind()) return 1;
  return 0;
}

}  // namespace portcullis::version
