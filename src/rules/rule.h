// Rule metadata shared by every rule catalog (Dockerfile, image hardening, runtime, host).
//
// DESIGN.md: rules are data. A catalog is an explicit constant table of rule entries, each
// holding a RuleInfo plus a check function whose signature depends on what the catalog checks
// (a parsed Dockerfile, a merged image view, a container model). The same table generates the
// documentation (docs/rules/*.md) through RenderRuleDocs. No global constructors register
// anything. Tables are immutable; read them from any thread.
#pragma once

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
