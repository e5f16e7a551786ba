// The image-hardening rule catalog (PC-IMG-nnn): what a production container image should not
// carry — a root user, setuid and world-writable files, shells, package managers, network and
// debugging tools, sudo, weak accounts, secrets in its config, caches, private keys, an
// end-of-life or unmanaged OS — checked over the merged file view and the image config.
//
// Rules are data (DESIGN.md): one table entry per rule holding its RuleInfo, the severity it
// takes under `--hardening-profile strict`, and a check function over ImageFacts. The table is
// immutable; read it from any thread. docs/rules/image.md is generated from it.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/rule_info.h"
#include "detector/hardening/image_facts.h"

namespace portcullis {

// One thing a rule found: where (file path with a leading '/', or a config key such as
// "config.User", "config.Env[NAME]", "history[3]"; "" for the image as a whole) and what,
// naming the offending values.
struct RuleHit {
  std::string path;
  std::string message;
};

struct RuleOutput {
  std::vector<RuleHit> hits;
  std::vector<Diagnostic> diagnostics;  // config values that could not be parsed
};

using ImageCheck = void (*)(const ImageFacts& facts, RuleOutput& out);

struct ImageRule {
  RuleInfo info;
  Severity strict = Severity::kMedium;  // severity under the strict profile
  ImageCheck check = nullptr;
};

// Findings of a rule about individual files (setuid, world-writable) past this many are
// summarised in one last finding.
inline constexpr size_t kMaxFileHitsPerRule = 100;

// Every rule, in id order.
std::span<const ImageRule> ImageRules();

// The catalog's name and document heading (docs/rules/image.md).
inline constexpr RuleCatalogDoc kImageCatalog = {
    "image", "Image hardening rules",
    "Rules of the `hardening` scanner of `portcullis image` and `portcullis fs` (on by default; "
    "`--scanners hardening` runs it alone). They look at the image as it ships — the merged "
    "view of its layers, with whiteouts applied — and at its config (user, environment, labels, "
    "exposed ports, health check, history); `portcullis fs` has no config, so the config rules "
    "do not apply there. Findings go to `misconfigurations` with kind `image`, the image as "
    "target and the file path or config key as path. `--hardening-profile strict` raises the "
    "severities of the rules that say so (for production images, where a shell is an error); "
    "`--hardening-profile debug` reports only HIGH and CRITICAL findings. "
    "`--hardening-max-image-bytes` and `--hardening-max-layers` set the thresholds of "
    "PC-IMG-025 and PC-IMG-026."};

}  // namespace portcullis
