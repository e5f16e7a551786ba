#include "rules/image/hardening.h"

#include "rules/image/image_rules.h"

namespace portcullis {

std::vector<Misconfiguration> DetectHardening(const HardeningInput& input,
                                              std::vector<Diagnostic>& diagnostics) {
  ImageFacts facts = BuildImageFacts(input, diagnostics);
  const std::string target = input.artifact ? input.artifact->name : "";
  std::vector<Misconfiguration> out;
  for (const ImageRule& rule : ImageRules()) {
    Severity severity =
        input.options.profile == HardeningProfile::kStrict ? rule.strict : rule.info.severity;
    if (input.options.profile == HardeningProfile::kDebug && severity < Severity::kHigh) continue;
    RuleOutput found;
    rule.check(facts, found);
    for (Diagnostic& d : found.diagnostics) diagnostics.push_back(std::move(d));
    for (RuleHit& hit : found.hits) {
      Misconfiguration m = MakeFinding(rule.info, "image", target, std::move(hit.message));
      m.severity = severity;
      m.path = std::move(hit.path);
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace portcullis
