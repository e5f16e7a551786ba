#include "core/rule_info.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace portcullis {

Misconfiguration MakeFinding(const RuleInfo& rule, std::string_view kind, std::string target,
                             std::string message) {
  Misconfiguration m;
  m.id = std::string(rule.id);
  for (auto a : rule.aliases) m.aliases.emplace_back(a);
  m.severity = rule.severity;
  m.title = std::string(rule.title);
  m.kind = std::string(kind);
  m.target = std::move(target);
  m.message = std::move(message);
  m.remediation = std::string(rule.remediation);
  for (auto r : rule.references) m.references.emplace_back(r);
  return m;
}

std::string RenderRuleDocs(std::string_view title, std::string_view intro,
                           std::span<const RuleInfo* const> rules) {
  std::string out = fmt::format("# {}\n\n{}\n\n", title, intro);
  out += "<!-- Generated from the rule table by `portcullis rules --markdown`; do not edit. -->\n\n";
  out += "| id | severity | title | aliases |\n|---|---|---|---|\n";
  for (const RuleInfo* r : rules) {
    std::string aliases;
    for (size_t i = 0; i < r->aliases.size(); ++i) {
      if (i) aliases += ", ";
      aliases += r->aliases[i];
    }
    out += fmt::format("| [{}](#{}) | {} | {} | {} |\n", r->id, ToLower(r->id),
                       SeverityName(r->severity), r->title, aliases);
  }
  for (const RuleInfo* r : rules) {
    out += fmt::format("\n## {}\n\n**{}** — severity {}", r->id, r->title,
                       SeverityName(r->severity));
    if (!r->aliases.empty()) {
      out += "; also known as ";
      for (size_t i = 0; i < r->aliases.size(); ++i) {
        if (i) out += ", ";
        out += fmt::format("`{}`", r->aliases[i]);
      }
    }
    out += "\n\n";
    if (!r->description.empty()) out += fmt::format("**Why:** {}\n\n", r->description);
    if (!r->remediation.empty()) out += fmt::format("**Fix:** {}\n\n", r->remediation);
    if (!r->references.empty()) {
      out += "**References:**\n\n";
      for (auto ref : r->references) out += fmt::format("- {}\n", ref);
      out += "\n";
    }
  }
  return out;
}

}  // namespace portcullis
