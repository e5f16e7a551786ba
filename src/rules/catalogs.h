// The list of rule catalogs, for `portcullis rules` and the generated docs/rules/*.md.
//
// Every catalog works the same way (core/rule_info.h): a table of entries that each hold a
// RuleInfo `info` plus how to check the rule, a function returning the table as a span, and a
// RuleCatalogDoc constant with the catalog's name and document heading, all in the catalog's
// own header. This file lists them; RuleInfosOf gives each one's RuleInfos in id order and
// RenderRuleDocs turns them into the documents. An explicit table (no self-registration);
// immutable, read from any thread.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/rule_info.h"

namespace portcullis {

struct RuleCatalog {
  std::string_view name;                    // "dockerfile", "image", "runtime", "secret"
  std::string_view title;                   // heading of the generated document
  std::string_view intro;                   // first paragraph of the generated document
  std::vector<const RuleInfo*> (*rules)();  // the catalog's rules, in id order
};

// Every catalog, in a fixed order.
std::span<const RuleCatalog> RuleCatalogs();

}  // namespace portcullis
