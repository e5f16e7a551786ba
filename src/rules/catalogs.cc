#include "rules/catalogs.h"

#include "analyzer/secret/secret_rules.h"
#include "rules/dockerfile/rules.h"
#include "rules/image/image_rules.h"

namespace portcullis {

std::span<const RuleCatalog> RuleCatalogs() {
  // One line per catalog; each catalog's own file defines its rules() function.
  static const RuleCatalog kCatalogs[] = {
      {"dockerfile", "Dockerfile rules",
       "Rules of `portcullis dockerfile`: every Hadolint DL rule but DL1001 (ShellCheck's own "
       "findings come with --shellcheck), Trivy's DS checks, BuildKit build checks, and "
       "container-security checks from NIST SP 800-190, the CIS Docker Benchmark and Checkov. "
       "Aliases are the ids of the same check in those tools; `.hadolint.yaml`, "
       "`portcullis.yaml` and inline `# hadolint ignore=` pragmas accept either.",
       dockerfile::DockerfileRuleInfos},
      {"image", kImageCatalogTitle, kImageCatalogIntro, ImageRuleInfos},
      {"secret", kSecretCatalogTitle, kSecretCatalogIntro, &SecretRuleInfos},
  };
  return kCatalogs;
}

}  // namespace portcullis
