// Runtime rules about what a container is given: secrets in its environment (by name, through
// IsSecretEnvName, and by value, through the secret rules) and its image reference.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analyzer/secret/secret_env_name.h"
#include "analyzer/secret/secret_scanner.h"
#include "config/runtime/values.h"
#include "core/strings.h"
#include "rules/runtime/checks.h"

namespace portcullis::runtime {

// ---- secrets ----

namespace {

bool LooksLikePlaceholder(std::string_view v) {
  v = Trim(v);
  if (v.size() < 4) return true;
  if (v.front() == '<' && v.back() == '>') return true;
  if (v[0] == '/' || v.starts_with("file:") || v.starts_with("vault:") ||
      v.starts_with("arn:aws:secretsmanager") || v.starts_with("ref+")) {
    return true;
  }
  if (runtime::ParseYamlBool(v) || runtime::ParseInt(v)) return true;
  return std::all_of(v.begin(), v.end(), [](char c) { return c == '*' || c == 'x' || c == 'X'; });
}

}  // namespace

namespace {

// What the secret rules (src/analyzer/secret/) recognise in a literal environment value,
// scanned as the line `NAME=value` so keyword rules see the name. Empty when the value is too
// short to hold a credential or the secret engine is unavailable.
std::vector<SecretHit> EnvSecretHits(const Workload& w, const EnvVar& e) {
  if (e.source != EnvVar::Source::kLiteral || e.value.size() < 8) return {};
  static const auto scanner = SecretScanner::Builtin();
  if (!scanner) return {};
  return (*scanner)->ScanText(fmt::format("{}={}", e.name, e.value), w.file);
}

}  // namespace

void CheckSecretEnv(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    for (const EnvVar& e : c.env) {
      if (e.source != EnvVar::Source::kLiteral || !IsSecretEnvName(e.name) ||
          LooksLikePlaceholder(e.value)) {
        continue;
      }
      if (!EnvSecretHits(w, e).empty()) continue;  // PC-RT-041 names the kind of secret
      out.Report(w, &c, e.pos,
                 fmt::format("environment variable {} holds a literal {}-character value: the "
                             "credential is in the {} and visible to anyone who can inspect "
                             "the container",
                             e.name, e.value.size(),
                             Say(w, "manifest", "compose file", "command line",
                                 "container's configuration")));
    }
  });
}

void CheckSecretValueEnv(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    for (const EnvVar& e : c.env) {
      for (const SecretHit& hit : EnvSecretHits(w, e)) {
        out.Report(w, &c, e.pos,
                   fmt::format("environment variable {} holds a {} ({} {}): the credential is "
                               "in the {} and visible to anyone who can inspect the container",
                               e.name, hit.title, hit.rule_id, hit.match,
                               Say(w, "manifest", "compose file", "command line",
                                   "container's configuration")));
      }
    }
  });
}

void CheckSecretRefEnv(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    for (const EnvVar& e : c.env) {
      if (e.source != EnvVar::Source::kSecretRef) continue;
      out.Report(w, &c, e.pos,
                 fmt::format("secret passed as environment variable {}: environments leak into "
                             "logs, crash dumps and child processes; mount it as a file",
                             e.name));
    }
  });
}


// ---- images ----

void CheckImageTag(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (c.image.value.empty() || c.image_has_variables) return;
    runtime::ImageRef ref = runtime::ParseImageRef(c.image.value);
    if (!ref.digest.empty()) return;
    if (!ref.tag.empty() && ref.tag != "latest") return;
    out.Report(w, &c, c.image.pos,
               fmt::format("image {} {}: what runs changes whenever the tag moves",
                           c.image.value, ref.tag.empty() ? "has no tag (so :latest)"
                                                          : "uses the latest tag"));
  });
}

void CheckImageDigest(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (c.image.value.empty() || c.image_has_variables) return;
    // docker inspect records the name the container was started with; its image is fixed.
    if (w.input == InputKind::kDockerInspect) return;
    runtime::ImageRef ref = runtime::ParseImageRef(c.image.value);
    if (!ref.digest.empty() || ref.tag.empty() || ref.tag == "latest") return;
    out.Report(w, &c, c.image.pos,
               fmt::format("image {} is not pinned by digest (@sha256:...)", c.image.value));
  });
}


}  // namespace portcullis::runtime
