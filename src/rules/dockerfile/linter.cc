#include "rules/dockerfile/linter.h"

#include <algorithm>
#include <map>

#include "config/dockerfile/dockerfile.h"
#include "rules/dockerfile/rules.h"
#include "rules/dockerfile/shellcheck.h"

namespace portcullis::dockerfile {

namespace {

bool Listed(const std::vector<std::string>& ids, const Misconfiguration& m) {
  for (const auto& id : ids) {
    if (id == m.id) return true;
    for (const auto& a : m.aliases) {
      if (id == a) return true;
    }
  }
  return false;
}

}  // namespace

size_t LintDockerfile(std::string_view content, const std::string& path,
                      const LintOptions& options, Report& report) {
  Dockerfile file = ParseDockerfile(content, path);
  for (auto& d : file.diagnostics) report.diagnostics.push_back(std::move(d));
  LintContext context = MakeLintContext(file, options.policy.trusted_registries);

  // Inline pragmas apply to the instruction on the line after them.
  std::map<uint64_t, const std::vector<std::string>*> inline_ignores;
  if (options.policy.inline_ignores) {
    for (const auto& inst : file.instructions) {
      if (!inst.ignores.empty()) inline_ignores[inst.line] = &inst.ignores;
    }
  }

  std::vector<Misconfiguration> found;
  for (const DockerfileRule& rule : DockerfileRules()) {
    Hits hits;
    rule.check(context, hits);
    for (Hit& h : hits.hits()) {
      Misconfiguration m = MakeFinding(rule.info, "dockerfile", path, std::move(h.message));
      m.path = path;
      m.line = h.line;
      m.end_line = h.end_line;
      m.resource = context.StageLabel(h.stage);
      found.push_back(std::move(m));
    }
  }
  if (options.shellcheck) {
    RunShellcheck(context, options.shellcheck_program, found, report.diagnostics);
  }

  size_t added = 0;
  for (auto& m : found) {
    if (options.policy.Ignores(m.id, m.aliases)) continue;
    if (options.policy.inline_ignores) {
      if (Listed(file.global_ignores, m)) continue;
      auto it = inline_ignores.find(m.line);
      if (it != inline_ignores.end() && Listed(*it->second, m)) continue;
    }
    if (auto s = options.policy.SeverityFor(m.id, m.aliases)) m.severity = *s;
    report.misconfigurations.push_back(std::move(m));
    ++added;
  }
  return added;
}

}  // namespace portcullis::dockerfile
