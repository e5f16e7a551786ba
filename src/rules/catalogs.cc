#include "rules/catalogs.h"

#include "analyzer/secret/secret_rules.h"

namespace portcullis {

std::span<const RuleCatalog> RuleCatalogs() {
  // One line per catalog; each catalog's own file defines its rules() function.
  static const RuleCatalog kCatalogs[] = {
      {"secret", kSecretCatalogTitle, kSecretCatalogIntro, &SecretRuleInfos},
  };
  return kCatalogs;
}

}  // namespace portcullis
