// The list of rule catalogs, for `portcullis rules` and the generated docs/rules/*.md.
// An explicit table (no self-registration); immutable, read from any thread.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace portcullis {

struct RuleCatalog {
  std::string_view name;      // "dockerfile", "image", "runtime", "host", "secret"
  std::string_view title;     // heading of the generated document
  std::string_view intro;     // first paragraph of the generated document
  std::vector<const RuleInfo*> (*rules)();  // the catalog's rules, in id order
};

// Every catalog, in a fixed order.
std::span<const RuleCatalog> RuleCatalogs();

}  // namespace portcullis
