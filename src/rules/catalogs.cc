#include "rules/catalogs.h"

#include "analyzer/secret/secret_rules.h"
#include "rules/dockerfile/rules.h"
#include "rules/image/image_rules.h"
#include "rules/runtime/runtime_rules.h"

namespace portcullis {
namespace {

// A catalog from its RuleCatalogDoc and the function returning its table.
template <const RuleCatalogDoc& doc, auto table>
constexpr RuleCatalog Catalog() {
  return {doc.name, doc.title, doc.intro, [] { return RuleInfosOf(table()); }};
}

}  // namespace

std::span<const RuleCatalog> RuleCatalogs() {
  // One line per catalog: its RuleCatalogDoc and its table, both from the catalog's header.
  static const RuleCatalog kCatalogs[] = {
      Catalog<dockerfile::kDockerfileCatalog, dockerfile::DockerfileRules>(),
      Catalog<kImageCatalog, ImageRules>(),
      Catalog<kSecretCatalog, BuiltinSecretRules>(),
      Catalog<kRuntimeCatalog, RuntimeRules>(),
  };
  return kCatalogs;
}

}  // namespace portcullis
