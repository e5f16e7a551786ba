#include "analyzer/secret/secret_rules.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string>

#include <fmt/format.h>

#include "analyzer/secret/secret_rule_defs.h"
#include "core/strings.h"

namespace portcullis {
namespace secret_defs {
namespace {

std::vector<Def> MakeDefs() {
  DefList list;
  AddPrivateKeyRules(list);
  AddAwsRules(list);
  AddGcpRules(list);
  AddAzureRules(list);
  AddGitHubRules(list);
  AddGitLabRules(list);
  AddBitbucketRules(list);
  AddSlackRules(list);
  AddPaymentRules(list);
  AddCommunicationRules(list);
  AddObservabilityRules(list);
  AddPackageRegistryRules(list);
  AddInfrastructureRules(list);
  AddAiRules(list);
  AddSaasRules(list);
  AddUrlAndFileCredentialRules(list);
  return list.Take();
}

}  // namespace
}  // namespace secret_defs

std::span<const SecretRule> BuiltinSecretRules() {
  static const std::vector<SecretRule> kRules = [] {
    static std::vector<std::string> descriptions;  // RuleInfo views point into these
    std::vector<secret_defs::Def> defs = secret_defs::MakeDefs();
    descriptions.reserve(defs.size());
    std::vector<SecretRule> rules;
    rules.reserve(defs.size());
    for (secret_defs::Def& def : defs) {
      SecretRule r = std::move(def.r);
      std::string desc = fmt::format(
          "A {} ({} family) baked into an image is readable by anyone who can pull it.",
          r.info.title, r.category);
      if (!r.regex.empty()) {
        std::string shown = r.regex;
        std::ranges::replace(shown, '`', '\'');
        desc += fmt::format(" Pattern: `{}`", shown);
      }
      if (r.min_entropy > 0) desc += fmt::format("; secret entropy at least {:.2f} bits/char", r.min_entropy);
      if (!r.keywords.empty()) desc += fmt::format("; needs nearby `{}`", Join(r.keywords, "` or `"));
      if (!r.paths.empty()) desc += fmt::format("; only in `{}`", Join(r.paths, "`, `"));
      desc += ".";
      if (!r.regex_note.empty()) desc += " Hyperscan form: " + r.regex_note;
      descriptions.push_back(std::move(desc));
      r.info.description = descriptions.back();
      rules.push_back(std::move(r));
    }
    return rules;
  }();
  return kRules;
}

std::span<const std::string_view> BuiltinAllowedPaths() {
  static constexpr std::string_view kPaths[] = {
      "usr/share/doc/**",
      "usr/share/man/**",
      "usr/share/info/**",
      "usr/share/locale/**",
      "usr/share/common-licenses/**",
      "usr/share/ca-certificates/**",
      "etc/ssl/certs/**",
      "usr/lib/python3*/test/**",
      "usr/lib/python3*/**/tests/**",
      "usr/local/lib/python3*/test/**",
      "usr/local/lib/python3*/**/tests/**",
      "**/site-packages/**/tests/**",
      "**/dist-packages/**/tests/**",
      "**/node_modules/**/test/**",
      "**/node_modules/**/tests/**",
      "**/node_modules/**/__tests__/**",
      "**/node_modules/**/example/**",
      "**/node_modules/**/examples/**",
      "**/node_modules/**/*.md",
      "usr/lib/go*/src/**/testdata/**",
      "usr/local/go/src/**/testdata/**",
      "**/go/pkg/mod/**/testdata/**",
      "**/vendor/**/testdata/**",
  };
  return kPaths;
}

namespace {

bool GlobMatchImpl(std::string_view g, std::string_view p, int budget_depth) {
  if (budget_depth > 64) return false;
  while (!g.empty()) {
    if (g.starts_with("**")) {
      std::string_view rest = g.substr(2);
      bool slash = rest.starts_with('/');
      if (slash) {
        // "**/" matches zero or more whole segments.
        if (GlobMatchImpl(rest.substr(1), p, budget_depth + 1)) return true;
        for (size_t i = 0; i < p.size(); ++i) {
          if (p[i] == '/' && GlobMatchImpl(rest.substr(1), p.substr(i + 1), budget_depth + 1))
            return true;
        }
        return false;
      }
      for (size_t i = 0; i <= p.size(); ++i) {
        if (GlobMatchImpl(rest, p.substr(i), budget_depth + 1)) return true;
      }
      return false;
    }
    if (g[0] == '*') {
      std::string_view rest = g.substr(1);
      for (size_t i = 0; i <= p.size(); ++i) {
        if (GlobMatchImpl(rest, p.substr(i), budget_depth + 1)) return true;
        if (i < p.size() && p[i] == '/') break;
      }
      return false;
    }
    if (p.empty()) return false;
    if (g[0] == '?') {
      if (p[0] == '/') return false;
    } else if (g[0] != p[0]) {
      return false;
    }
    g.remove_prefix(1);
    p.remove_prefix(1);
  }
  return p.empty();
}

}  // namespace

bool GlobMatch(std::string_view glob, std::string_view path) {
  while (glob.starts_with('/')) glob.remove_prefix(1);
  while (path.starts_with('/')) path.remove_prefix(1);
  return GlobMatchImpl(glob, path, 0);
}

double ShannonEntropy(std::string_view s) {
  if (s.empty()) return 0;
  std::array<uint32_t, 256> counts{};
  for (unsigned char c : s) ++counts[c];
  double h = 0;
  const double n = static_cast<double>(s.size());
  for (uint32_t c : counts) {
    if (c == 0) continue;
    double p = c / n;
    h -= p * std::log2(p);
  }
  return h;
}

bool IsPlaceholderValue(std::string_view value) {
  std::string_view v = Trim(value);
  while (!v.empty() && (v.front() == '"' || v.front() == '\'')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '"' || v.back() == '\'')) v.remove_suffix(1);
  if (v.empty()) return true;
  // Variable references and template expressions.
  if (v.front() == '$' || v.find("${") != std::string_view::npos ||
      v.find("{{") != std::string_view::npos || v.find("}}") != std::string_view::npos)
    return true;
  if (v.front() == '<' && v.back() == '>') return true;
  if (v.size() >= 2 && v.front() == '%' && v.back() == '%') return true;
  if (v.size() >= 2 && v.front() == '@' && v.back() == '@') return true;
  // One character repeated, or mostly x/X/* (ghp_xxxxxxxx..., ********).
  size_t same = 0, masked = 0;
  for (char c : v) {
    same += c == v[0];
    masked += c == 'x' || c == 'X' || c == '*' || c == '.';
  }
  if (same == v.size() || masked * 2 >= v.size()) return true;
  std::string lower = ToLower(v);
  static constexpr std::string_view kMarkers[] = {
      "example", "changeme", "change_me", "change-me", "placeholder", "your_", "your-",
      "yourapikey", "yourtoken", "yoursecret", "redacted", "dummy", "sample", "replace_me",
      "replaceme", "insert_", "insert-", "xxxxx", "*****", "fake", "notasecret", "not_a_secret",
      "abcdefghij", "1234567890", "0123456789", "<token>", "mysecret", "secretkey",
  };
  for (std::string_view m : kMarkers) {
    if (lower.find(m) != std::string::npos) return true;
  }
  return false;
}

}  // namespace portcullis
