// Secret values anywhere in a Dockerfile (ENV/ARG values, RUN command lines, LABELs), found by
// the secret engine's rules (src/analyzer/secret/secret_scanner.h).
#include <fmt/format.h>

#include <algorithm>

#include "analyzer/secret/secret_scanner.h"
#include "rules/dockerfile/checks.h"

namespace portcullis::dockerfile {

void CheckSecretValue(const LintContext& c, Hits& hits) {
  if (c.content.empty()) return;
  auto scanner = SecretScanner::Builtin();
  if (!scanner) {
    hits.Diagnose({"dockerfile.secret_rules", c.file->path, 0, 0,
                   fmt::format("secret values were not checked: {}", scanner.error().message),
                   Severity::kMedium});
    return;
  }
  const auto& in = c.file->instructions;
  for (const SecretHit& s : (*scanner)->ScanText(c.content, c.file->path)) {
    Hit hit;
    hit.line = hit.end_line = s.line;
    // The instruction whose line range holds the secret (instructions are in line order).
    auto it = std::ranges::upper_bound(in, s.line, {}, &Instruction::line);
    if (it != in.begin() && std::prev(it)->end_line >= s.line) {
      const Instruction& inst = *std::prev(it);
      hit.line = inst.line;
      hit.end_line = inst.end_line;
      hit.stage = inst.stage;
    }
    hit.message = fmt::format("{} in the Dockerfile (line {}): {}", s.title, s.line, s.match);
    hit.severity = s.severity;
    hit.extra_aliases.push_back(s.rule_id);
    hits.Add(std::move(hit));
  }
}

}  // namespace portcullis::dockerfile
