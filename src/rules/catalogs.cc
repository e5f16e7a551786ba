#include "rules/catalogs.h"

#include "rules/image/image_rules.h"
#include "analyzer/secret/secret_rules.h"

namespace portcullis {

std::span<const RuleCatalog> RuleCatalogs() {
  // One line per catalog; each catalog's own file defines its rules() function.
  static const RuleCatalog kCatalogs[] = {
      {"image", kImageCatalogTitle, kImageCatalogIntro, ImageRuleInfos},
      {"secret", kSecretCatalogTitle, kSecretCatalogIntro, &SecretRuleInfos},
  };
  return kCatalogs;
}

}  // namespace portcullis
