#include "report/spdx_license.h"

#include <algorithm>
#include <utility>

#include "core/digest.h"
#include "core/strings.h"

namespace portcullis {

namespace {

// Dialect names of well-known licences that are not SPDX ids, and the id each one means.
// Debian's copyright-format short names (DEP-5) and Fedora's legacy short names; only names
// whose meaning is unambiguous are here. Keys are compared case-insensitively.
constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
    // Debian copyright-format 1.0
    {"AGPL-3", "AGPL-3.0-only"},
    {"AGPL-3+", "AGPL-3.0-or-later"},
    {"Apache-2", "Apache-2.0"},
    {"Expat", "MIT"},
    {"GFDL-1.2", "GFDL-1.2-only"},
    {"GFDL-1.2+", "GFDL-1.2-or-later"},
    {"GFDL-1.3", "GFDL-1.3-only"},
    {"GFDL-1.3+", "GFDL-1.3-or-later"},
    {"GPL-1", "GPL-1.0-only"},
    {"GPL-1+", "GPL-1.0-or-later"},
    {"GPL-2", "GPL-2.0-only"},
    {"GPL-2+", "GPL-2.0-or-later"},
    {"GPL-3", "GPL-3.0-only"},
    {"GPL-3+", "GPL-3.0-or-later"},
    {"LGPL-2", "LGPL-2.0-only"},
    {"LGPL-2+", "LGPL-2.0-or-later"},
    {"LGPL-2.1", "LGPL-2.1-only"},
    {"LGPL-3", "LGPL-3.0-only"},
    {"LGPL-3+", "LGPL-3.0-or-later"},
    {"PSF-2", "PSF-2.0"},
    // Deprecated SPDX ids, replaced by their current spelling
    {"AGPL-3.0", "AGPL-3.0-only"},
    {"AGPL-3.0+", "AGPL-3.0-or-later"},
    {"GPL-1.0", "GPL-1.0-only"},
    {"GPL-1.0+", "GPL-1.0-or-later"},
    {"GPL-2.0", "GPL-2.0-only"},
    {"GPL-2.0+", "GPL-2.0-or-later"},
    {"GPL-3.0", "GPL-3.0-only"},
    {"GPL-3.0+", "GPL-3.0-or-later"},
    {"LGPL-2.0", "LGPL-2.0-only"},
    {"LGPL-2.0+", "LGPL-2.0-or-later"},
    {"LGPL-2.1+", "LGPL-2.1-or-later"},
    {"LGPL-3.0", "LGPL-3.0-only"},
    {"LGPL-3.0+", "LGPL-3.0-or-later"},
    // Names Python and npm package metadata often use
    {"Apache 2.0", "Apache-2.0"},
    {"Apache License 2.0", "Apache-2.0"},
    {"Apache License, Version 2.0", "Apache-2.0"},
    {"MIT License", "MIT"},
    // Fedora legacy short names (before its move to SPDX)
    {"AGPLv3", "AGPL-3.0-only"},
    {"AGPLv3+", "AGPL-3.0-or-later"},
    {"ASL 2.0", "Apache-2.0"},
    {"Boost", "BSL-1.0"},
    {"GPLv2", "GPL-2.0-only"},
    {"GPLv2+", "GPL-2.0-or-later"},
    {"GPLv3", "GPL-3.0-only"},
    {"GPLv3+", "GPL-3.0-or-later"},
    {"LGPLv2+", "LGPL-2.0-or-later"},
    {"LGPLv2.1", "LGPL-2.1-only"},
    {"LGPLv2.1+", "LGPL-2.1-or-later"},
    {"LGPLv3", "LGPL-3.0-only"},
    {"LGPLv3+", "LGPL-3.0-or-later"},
    {"MPLv1.1", "MPL-1.1"},
    {"MPLv2.0", "MPL-2.0"},
};

constexpr int kMaxDepth = 32;

std::optional<std::string_view> FindIn(std::span<const std::string_view> list,
                                       std::string_view id) {
  // Sorted case-insensitively, so a binary search on lower-cased keys finds any spelling.
  auto less = [](std::string_view a, std::string_view b) {
    return std::ranges::lexicographical_compare(a, b, [](char x, char y) {
      auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
      return lower(x) < lower(y);
    });
  };
  auto it = std::lower_bound(list.begin(), list.end(), id, less);
  if (it != list.end() && EqualsIgnoreCase(*it, id)) return *it;
  return std::nullopt;
}

bool IsIdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

// LicenseRef-<text with every run of other characters made one '-'>, plus a hash of the
// text when that lost anything, so that different texts never share an id.
LicenseRef MakeRef(std::string_view text) {
  std::string clean = SanitizeUtf8(text);
  if (text.starts_with("LicenseRef-") && text.size() > 11 &&
      std::ranges::all_of(text.substr(11), IsIdChar)) {
    return {std::string(text), clean};
  }
  std::string id;
  for (char c : text) {
    if (IsIdChar(c)) {
      id += c;
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  constexpr size_t kMaxIdChars = 64;
  bool lossy = id != text || id.size() > kMaxIdChars;
  if (id.size() > kMaxIdChars) id.resize(kMaxIdChars);
  if (lossy) {
    std::string hash = Sha256Digest(text).substr(7, 8);
    id = id.empty() ? hash : id + "-" + hash;
  }
  return {"LicenseRef-" + id, clean};
}

enum class Kind { kSimple, kWith, kAnd, kOr };

struct Node {
  std::string text;
  Kind kind = Kind::kSimple;
  std::vector<std::string> operands;  // kAnd: the AND operands, each as it appears in `text`
};

std::string Wrap(const Node& n) { return n.kind == Kind::kOr ? "(" + n.text + ")" : n.text; }

// The AND operands of `n`: its own when it is an AND, else `n` itself.
std::vector<std::string> AndOperands(const Node& n) {
  return n.kind == Kind::kAnd ? n.operands : std::vector<std::string>{Wrap(n)};
}

class Parser {
 public:
  explicit Parser(std::vector<std::string_view> tokens) : tokens_(std::move(tokens)) {}

  // The whole statement as one expression, or nullopt when it does not parse.
  std::optional<Node> Parse() {
    auto node = ParseOr(0);
    if (!node || pos_ != tokens_.size()) return std::nullopt;
    return node;
  }

  std::vector<LicenseRef>& refs() { return refs_; }

 private:
  static bool IsOperator(std::string_view t) {
    return EqualsIgnoreCase(t, "AND") || EqualsIgnoreCase(t, "OR") || EqualsIgnoreCase(t, "WITH");
  }
  bool At(std::string_view word) const {
    return pos_ < tokens_.size() && EqualsIgnoreCase(tokens_[pos_], word);
  }

  std::optional<Node> ParseOr(int depth) {
    auto left = ParseAnd(depth);
    if (!left) return std::nullopt;
    while (At("OR")) {
      ++pos_;
      auto right = ParseAnd(depth);
      if (!right) return std::nullopt;
      left = Node{left->text + " OR " + right->text, Kind::kOr, {}};
    }
    return left;
  }

  std::optional<Node> ParseAnd(int depth) {
    auto left = ParseWith(depth);
    if (!left) return std::nullopt;
    while (At("AND")) {
      ++pos_;
      auto right = ParseWith(depth);
      if (!right) return std::nullopt;
      std::vector<std::string> operands = AndOperands(*left);
      for (auto& o : AndOperands(*right)) operands.push_back(std::move(o));
      left = Node{Join(operands, " AND "), Kind::kAnd, std::move(operands)};
    }
    return left;
  }

  std::optional<Node> ParseWith(int depth) {
    if (pos_ < tokens_.size() && tokens_[pos_] == "(") {
      if (depth >= kMaxDepth) return std::nullopt;
      ++pos_;
      auto inner = ParseOr(depth + 1);
      if (!inner || pos_ >= tokens_.size() || tokens_[pos_] != ")") return std::nullopt;
      ++pos_;
      if (At("WITH")) return std::nullopt;  // WITH applies to a single licence only
      return inner;
    }
    std::string term = Words();
    if (term.empty()) return std::nullopt;
    if (!At("WITH")) return Term(term);
    ++pos_;
    std::string exception = Words();
    if (exception.empty()) return std::nullopt;
    auto license = ResolveId(term);
    auto exception_id = FindSpdxExceptionId(exception);
    if (!exception_id) {
      // Debian copyright files write "GPL-2+ with Texinfo exception": the words joined by '-'
      // may be a list id as they stand ("Texinfo-exception"); no version is ever guessed.
      std::string joined = exception;
      std::ranges::replace(joined, ' ', '-');
      exception_id = FindSpdxExceptionId(joined);
    }
    if (!license || !exception_id) {
      return Ref(term + " WITH " + exception);
    }
    return Node{*license + " WITH " + std::string(*exception_id), Kind::kWith, {}};
  }

  // Consecutive words that are neither operators nor parentheses, joined by one space.
  std::string Words() {
    std::string out;
    while (pos_ < tokens_.size() && tokens_[pos_] != "(" && tokens_[pos_] != ")" &&
           !IsOperator(tokens_[pos_])) {
      if (!out.empty()) out += ' ';
      out += tokens_[pos_++];
    }
    return out;
  }

  // The list id (or id+) that `term` means, if any.
  static std::optional<std::string> ResolveId(std::string_view term) {
    for (const auto& [alias, id] : kAliases) {
      if (EqualsIgnoreCase(alias, term)) return std::string(id);
    }
    if (auto id = FindSpdxLicenseId(term)) return std::string(*id);
    if (term.size() > 1 && term.back() == '+') {
      if (auto id = FindSpdxLicenseId(term.substr(0, term.size() - 1))) {
        return std::string(*id) + "+";
      }
    }
    return std::nullopt;
  }

  Node Term(std::string_view term) {
    if (auto id = ResolveId(term)) return Node{*id, Kind::kSimple, {}};
    return Ref(term);
  }

  Node Ref(std::string_view text) {
    LicenseRef ref = MakeRef(text);
    std::string id = ref.id;
    if (std::ranges::none_of(refs_, [&](const LicenseRef& r) { return r.id == ref.id; })) {
      refs_.push_back(std::move(ref));
    }
    return Node{id, Kind::kSimple, {}};
  }

  std::vector<std::string_view> tokens_;
  size_t pos_ = 0;
  std::vector<LicenseRef> refs_;
};

std::vector<std::string_view> Tokenize(std::string_view s) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      ++i;
    } else if (c == '(' || c == ')') {
      tokens.push_back(s.substr(i, 1));
      ++i;
    } else {
      size_t start = i;
      while (i < s.size() && s[i] != '(' && s[i] != ')' && s[i] != ' ' && s[i] != '\t' &&
             s[i] != '\n' && s[i] != '\r' && s[i] != '\v' && s[i] != '\f') {
        ++i;
      }
      tokens.push_back(s.substr(start, i - start));
    }
  }
  return tokens;
}

}  // namespace

std::optional<std::string_view> FindSpdxLicenseId(std::string_view id) {
  return FindIn(SpdxLicenseIds(), id);
}

std::optional<std::string_view> FindSpdxExceptionId(std::string_view id) {
  return FindIn(SpdxExceptionIds(), id);
}

NormalizedLicense NormalizeLicense(std::string_view statement) {
  NormalizedLicense out;
  std::string_view trimmed = Trim(statement);
  if (trimmed.empty()) return out;
  std::optional<Node> node;
  Parser parser(trimmed.size() <= kMaxLicenseStatementBytes ? Tokenize(trimmed)
                                                            : std::vector<std::string_view>{});
  if (trimmed.size() <= kMaxLicenseStatementBytes) node = parser.Parse();
  if (!node) {
    LicenseRef ref = MakeRef(trimmed);
    out.expression = ref.id;
    out.and_operands = {ref.id};
    out.refs.push_back(std::move(ref));
    return out;
  }
  out.and_operands = AndOperands(*node);
  out.expression = std::move(node->text);
  out.refs = std::move(parser.refs());
  out.single_list_id = node->kind == Kind::kSimple && out.refs.empty() &&
                       FindSpdxLicenseId(out.expression).has_value();
  return out;
}

std::string JoinAnd(const std::vector<NormalizedLicense>& licenses) {
  std::vector<std::string> operands;
  for (const auto& l : licenses) {
    for (const auto& o : l.and_operands) {
      if (std::ranges::find(operands, o) == operands.end()) operands.push_back(o);
    }
  }
  if (operands.size() == 1 && operands[0].starts_with('(')) {
    return operands[0].substr(1, operands[0].size() - 2);  // a lone OR needs no parentheses
  }
  return Join(operands, " AND ");
}

}  // namespace portcullis
