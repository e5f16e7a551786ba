#include "rules/catalogs.h"

#include "analyzer/secret/secret_rules.h"
#include "rules/runtime/runtime_rules.h"

namespace portcullis {

std::span<const RuleCatalog> RuleCatalogs() {
  // One line per catalog; each catalog's own file defines its rules() function.
  static const RuleCatalog kCatalogs[] = {
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
