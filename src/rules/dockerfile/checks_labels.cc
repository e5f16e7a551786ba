// Checks of LABELs against the project's label schema (Hadolint's label-schema rules
// DL3049-DL3058): required labels, no others when strict, and values of the declared type.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "core/strings.h"
#include "rules/dockerfile/checks.h"

namespace portcullis::dockerfile {

namespace {

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(pos),
                     s.begin() + static_cast<std::ptrdiff_t>(pos + n), IsDigit);
}

}  // namespace

bool IsUrlValue(std::string_view v) {
  size_t sep = v.find("://");
  if (sep == std::string_view::npos || sep == 0 || sep + 3 >= v.size()) return false;
  if (!std::isalpha(static_cast<unsigned char>(v[0]))) return false;
  for (char c : v.substr(0, sep)) {
    if (!IsAlnum(c) && c != '+' && c != '.' && c != '-') return false;
  }
  if (v[sep + 3] == '/') return false;
  return std::ranges::none_of(v, [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
}

bool IsRfc3339Value(std::string_view v) {
  // YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm|-hh:mm)
  if (!Digits(v, 0, 4) || v.size() < 20 || v[4] != '-' || !Digits(v, 5, 2) || v[7] != '-' ||
      !Digits(v, 8, 2) || (v[10] != 'T' && v[10] != 't' && v[10] != ' ') || !Digits(v, 11, 2) ||
      v[13] != ':' || !Digits(v, 14, 2) || v[16] != ':' || !Digits(v, 17, 2)) {
    return false;
  }
  size_t i = 19;
  if (i < v.size() && v[i] == '.') {
    size_t start = ++i;
    while (i < v.size() && IsDigit(v[i])) ++i;
    if (i == start) return false;
  }
  std::string_view zone = v.substr(i);
  if (zone == "Z" || zone == "z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && Digits(zone, 1, 2) &&
         zone[3] == ':' && Digits(zone, 4, 2);
}

bool IsSpdxValue(std::string_view v) {
  // A license expression: ids (MIT, Apache-2.0, GPL-2.0+, LicenseRef-x) joined by AND, OR,
  // WITH, with parentheses. Checks the syntax, not the SPDX list.
  bool expect_id = true;
  int depth = 0;
  size_t i = 0;
  size_t ids = 0;
  while (i < v.size()) {
    char c = v[i];
    if (c == ' ') {
      ++i;
      continue;
    }
    if (c == '(') {
      if (!expect_id || ++depth > 32) return false;
      ++i;
      continue;
    }
    if (c == ')') {
      if (expect_id || --depth < 0) return false;
      ++i;
      continue;
    }
    size_t start = i;
    while (i < v.size() &&
           (IsAlnum(v[i]) || v[i] == '.' || v[i] == '-' || v[i] == '+' || v[i] == ':')) {
      ++i;
    }
    if (i == start) return false;
    std::string_view word = v.substr(start, i - start);
    bool op = word == "AND" || word == "OR" || word == "WITH" || word == "and" || word == "or" ||
              word == "with";
    if (op == expect_id) return false;
    if (!op) ++ids;
    expect_id = op;
  }
  return ids > 0 && !expect_id && depth == 0;
}

bool IsGitHashValue(std::string_view v) {
  return v.size() >= 7 && v.size() <= 64 && std::ranges::all_of(v, [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c));
         });
}

bool IsSemverValue(std::string_view v) {
  // MAJOR.MINOR.PATCH[-pre.release][+build.meta], numbers without leading zeros.
  size_t i = 0;
  for (int part = 0; part < 3; ++part) {
    size_t start = i;
    while (i < v.size() && IsDigit(v[i])) ++i;
    if (i == start || (i - start > 1 && v[start] == '0')) return false;
    if (part < 2) {
      if (i >= v.size() || v[i] != '.') return false;
      ++i;
    }
  }
  auto identifiers = [&](bool numeric_rule) {
    while (true) {
      size_t start = i;
      bool all_digits = true;
      while (i < v.size() && (IsAlnum(v[i]) || v[i] == '-')) {
        all_digits &= IsDigit(v[i]);
        ++i;
      }
      if (i == start) return false;
      if (numeric_rule && all_digits && i - start > 1 && v[start] == '0') return false;
      if (i < v.size() && v[i] == '.') {
        ++i;
        continue;
      }
      return true;
    }
  };
  if (i < v.size() && v[i] == '-') {
    ++i;
    if (!identifiers(true)) return false;
  }
  if (i < v.size() && v[i] == '+') {
    ++i;
    if (!identifiers(false)) return false;
  }
  return i == v.size();
}

bool IsEmailValue(std::string_view v) {
  size_t at = v.find('@');
  if (at == 0 || at == std::string_view::npos || v.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  if (std::ranges::any_of(v, [](char c) { return c == ' ' || c == '<' || c == '>'; })) {
    return false;
  }
  std::string_view domain = v.substr(at + 1);
  if (domain.empty() || domain.front() == '.' || domain.back() == '.' ||
      domain.find('.') == std::string_view::npos || domain.find("..") != std::string_view::npos) {
    return false;
  }
  return std::ranges::all_of(domain, [](char c) { return IsAlnum(c) || c == '.' || c == '-'; });
}

namespace {

struct LabelSeen {
  const Instruction* inst;
  std::string value;
};

// Labels of the stages that ship, later ones overriding earlier ones.
std::map<std::string, LabelSeen, std::less<>> ShippedLabels(const LintContext& c) {
  std::map<std::string, LabelSeen, std::less<>> out;
  for (const auto& inst : c.file->instructions) {
    if (inst.keyword != "LABEL" || inst.stage < 0 || !c.ships[static_cast<size_t>(inst.stage)]) {
      continue;
    }
    for (const auto& kv : inst.pairs) out[kv.key] = {&inst, kv.value};
  }
  return out;
}

// Every LABEL pair whose key the schema gives type `type`, with a non-empty value failing
// `valid`.
void TypedLabels(const LintContext& c, Hits& hits, std::string_view type,
                 bool (*valid)(std::string_view), std::string_view expected) {
  if (c.label_schema.empty()) return;
  for (const auto& inst : c.file->instructions) {
    if (inst.keyword != "LABEL") continue;
    for (const auto& kv : inst.pairs) {
      auto it = c.label_schema.find(kv.key);
      if (it == c.label_schema.end() || it->second != type || kv.value.empty()) continue;
      if (HasVariable(kv.raw_value) && kv.value.empty()) continue;
      if (!valid(kv.value)) {
        hits.Add(inst, fmt::format("label {} = '{}' is not {}", Excerpt(kv.key, 60),
                                   Excerpt(kv.value, 60), expected));
      }
    }
  }
}

}  // namespace

void CheckLabelMissing(const LintContext& c, Hits& hits) {
  if (c.label_schema.empty() || c.final_stage < 0) return;
  auto labels = ShippedLabels(c);
  const Instruction& from =
      c.file->instructions[c.file->stages[static_cast<size_t>(c.final_stage)].from];
  for (const auto& [label, type] : c.label_schema) {
    if (!labels.contains(label)) {
      hits.Add(from, fmt::format("label {} ({}) required by the label schema is missing",
                                 Excerpt(label, 60), type));
    }
  }
}

void CheckLabelSuperfluous(const LintContext& c, Hits& hits) {
  if (!c.strict_labels || c.label_schema.empty()) return;
  for (const auto& inst : c.file->instructions) {
    if (inst.keyword != "LABEL" || inst.stage < 0 || !c.ships[static_cast<size_t>(inst.stage)]) {
      continue;
    }
    for (const auto& kv : inst.pairs) {
      if (!c.label_schema.contains(kv.key)) {
        hits.Add(inst, fmt::format("label {} is not in the label schema", Excerpt(kv.key, 60)));
      }
    }
  }
}

void CheckLabelEmpty(const LintContext& c, Hits& hits) {
  if (c.label_schema.empty()) return;
  for (const auto& inst : c.file->instructions) {
    if (inst.keyword != "LABEL") continue;
    for (const auto& kv : inst.pairs) {
      if (c.label_schema.contains(kv.key) && Trim(kv.value).empty() && !HasVariable(kv.raw_value)) {
        hits.Add(inst, fmt::format("label {} is empty", Excerpt(kv.key, 60)));
      }
    }
  }
}

void CheckLabelUrl(const LintContext& c, Hits& hits) {
  TypedLabels(c, hits, "url", IsUrlValue, "a URL (scheme://host/...)");
}
void CheckLabelTime(const LintContext& c, Hits& hits) {
  TypedLabels(c, hits, "rfc3339", IsRfc3339Value, "an RFC 3339 time (2024-03-01T12:00:00Z)");
}
void CheckLabelSpdx(const LintContext& c, Hits& hits) {
  TypedLabels(c, hits, "spdx", IsSpdxValue, "an SPDX license expression (MIT OR Apache-2.0)");
}
void CheckLabelHash(const LintContext& c, Hits& hits) {
  TypedLabels(c, hits, "hash", IsGitHashValue, "a git commit hash");
}
void CheckLabelSemver(const LintContext& c, Hits& hits) {
  TypedLabels(c, hits, "semver", IsSemverValue, "a semantic version (1.4.2, 2.0.0-rc.1)");
}
void CheckLabelEmail(const LintContext& c, Hits& hits) {
  TypedLabels(c, hits, "email", IsEmailValue, "an e-mail address");
}

}  // namespace portcullis::dockerfile
