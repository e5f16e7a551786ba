// Checks of secrets in ENV and ARG: a literal secret value, or a secret passed through a build
// argument or environment variable the final image keeps. Which names hold a secret is decided
// by IsSecretEnvName (analyzer/secret/secret_env_name.h), shared with the image and runtime
// rules.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "analyzer/secret/secret_env_name.h"
#include "core/strings.h"
#include "rules/dockerfile/checks.h"
#include "rules/dockerfile/checks_run_helpers.h"

namespace portcullis::dockerfile {

// --- secrets in ENV / ARG ---

namespace {

// True for values that cannot be a secret: paths, booleans, numbers.
bool HarmlessValue(std::string_view v) {
  std::string lower = ToLower(Trim(v));
  return lower.empty() || lower.starts_with('/') || lower.starts_with("./") ||
         OneOf(lower, {"true", "false", "yes", "no", "on", "off", "none", "null", "0", "1"});
}

template <typename Fn>
void ForEachSecretPair(const LintContext& c, Fn fn) {
  for (const auto& inst : c.file->instructions) {
    auto visit = [&](const Instruction& i) {
      if (i.keyword != "ENV" && i.keyword != "ARG") return;
      for (const auto& kv : i.pairs) {
        if (IsSecretEnvName(kv.key)) fn(inst, i, kv);
      }
    };
    visit(inst);
    for (const auto& child : inst.onbuild) visit(child);
  }
}

}  // namespace

void CheckSecretLiteral(const LintContext& c, Hits& hits) {
  ForEachSecretPair(c, [&](const Instruction& where, const Instruction& inst, const KeyValue& kv) {
    if (!kv.has_value || HasVariable(kv.raw_value) || HarmlessValue(kv.value)) return;
    hits.Add(where, fmt::format("{} {} holds a literal secret ({} characters): it is committed "
                                "with the Dockerfile and stored in the image",
                                inst.keyword, Excerpt(kv.key, 60), kv.value.size()));
  });
}

void CheckSecretName(const LintContext& c, Hits& hits) {
  ForEachSecretPair(c, [&](const Instruction& where, const Instruction& inst, const KeyValue& kv) {
    if (!Ships(c, where.stage)) return;
    bool literal = kv.has_value && !HasVariable(kv.raw_value) && !HarmlessValue(kv.value);
    if (literal) return;  // CheckSecretLiteral
    if (kv.has_value && HarmlessValue(kv.value) && !HasVariable(kv.raw_value)) return;
    hits.Add(where,
             fmt::format("{} {} passes a secret through {} the final image keeps (in its "
                         "{}); use RUN --mount=type=secret",
                         inst.keyword, Excerpt(kv.key, 60),
                         inst.keyword == "ARG" ? "a build argument" : "an environment variable",
                         inst.keyword == "ARG" ? "history" : "config"));
  });
}


}  // namespace portcullis::dockerfile
