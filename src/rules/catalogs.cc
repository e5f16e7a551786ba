#include "rules/catalogs.h"

#include "analyzer/secret/secret_rules.h"
#include "rules/dockerfile/rules.h"
#include "rules/image/image_rules.h"
#include "rules/runtime/runtime_rules.h"

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
      {"runtime", "Runtime configuration rules (portcullis config)",
       "Checks of how containers are run, evaluated on one model shared by Kubernetes "
       "manifests, docker-compose files, `docker run` command lines and `docker inspect` "
       "output, so the same setting is the same finding in every syntax.",
       RuntimeRuleInfos},
  };
  return kCatalogs;
}

}  // namespace portcullis
