// Rule metadata shared by every rule catalog (Dockerfile, image hardening, runtime, secret,
// host). It lives in core, below every folder that holds a rule table (analyzer/secret holds
// the secret rules, rules/ the others), so no table has to include a folder above it.
//
// DESIGN.md: rules are data. A catalog is an explicit constant table of rule entries, each
// holding a RuleInfo plus a check function whose signature depends on what the catalog checks
// (a parsed Dockerfile, a merged image view, a container model). The same table generates the
// documentation (docs/rules/*.md) through RenderRuleDocs. No global constructors register
// anything. Tables are immutable; read them from any thread.
#pragma once

#include <algorithm>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/model/finding.h"
#include "portcullis/model/severity.h"

namespace portcullis {

struct RuleInfo {
  std::string_view id;                        // "PC-DF-001"
  std::vector<std::string_view> aliases;      // "DL3002", "DS002", "CIS-DI-0001", "CIS 4.1"
  Severity severity = Severity::kMedium;
  std::string_view title;                     // one line, imperative or descriptive
  std::string_view description;               // why it matters
  std::string_view remediation;               // how to fix it
  std::vector<std::string_view> references;   // URLs
};

// How every catalog presents itself (rules/catalogs.cc lists them): its name for
// `portcullis rules NAME` ("dockerfile", "image", "runtime", "secret", "host"), and the heading
// and first paragraph of its generated document docs/rules/NAME.md. Each catalog's header
// defines one as a constant next to the function returning its table.
struct RuleCatalogDoc {
  std::string_view name;
  std::string_view title;
  std::string_view intro;
};

// The RuleInfo of every entry of a rule table, sorted by id (stable). `Rule` is a catalog's
// entry type (DockerfileRule, ImageRule, RuntimeRule, SecretRule): a struct whose RuleInfo is
// its `info` member and whose other members say how to check it. The pointers point into the
// table, which outlives them (tables are static).
template <typename Rule>
std::vector<const RuleInfo*> RuleInfosOf(std::span<const Rule> rules) {
  std::vector<const RuleInfo*> out;
  out.reserve(rules.size());
  for (const Rule& r : rules) out.push_back(&r.info);
  // Equal ids keep table order (the pointers' order). Not std::stable_sort: libstdc++ 12's
  // uses get_temporary_buffer, deprecated in C++23, which clang 19 reports.
  std::ranges::sort(out, [](const RuleInfo* a, const RuleInfo* b) {
    if (a->id != b->id) return a->id < b->id;
    return std::less<const RuleInfo*>()(a, b);
  });
  return out;
}

// Builds a Misconfiguration from a rule and what it found; `kind` is "dockerfile", "image",
// "runtime" or "host".
Misconfiguration MakeFinding(const RuleInfo& rule, std::string_view kind, std::string target,
                             std::string message);

// Renders a Markdown reference of `rules` (one section per rule: id, aliases, severity, why,
// fix), titled `title`, with `intro` as the first paragraph. Deterministic: the docs in
// docs/rules/ are this output, and a test checks they are up to date.
std::string RenderRuleDocs(std::string_view title, std::string_view intro,
                           std::span<const RuleInfo* const> rules);

}  // namespace portcullis
