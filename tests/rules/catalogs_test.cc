// Every rule catalog is exposed the same way (core/rule_info.h, rules/catalogs.h) and its
// generated document docs/rules/NAME.md is exactly what `portcullis rules NAME --markdown`
// renders from the table.
#include "rules/catalogs.h"

#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/files.h"

namespace portcullis {
namespace {

TEST(RuleCatalogs, EachHasUniqueSortedDocumentedRules) {
  std::set<std::string_view> names;
  std::set<std::string_view> all_ids;
  for (const RuleCatalog& c : RuleCatalogs()) {
    EXPECT_TRUE(names.insert(c.name).second) << c.name;
    EXPECT_FALSE(c.title.empty()) << c.name;
    EXPECT_FALSE(c.intro.empty()) << c.name;
    auto rules = c.rules();
    EXPECT_FALSE(rules.empty()) << c.name;
    std::string_view previous;
    for (const RuleInfo* r : rules) {
      EXPECT_FALSE(r->id.empty()) << c.name;
      EXPECT_LT(previous, r->id) << c.name << ": not in id order or duplicate";
      previous = r->id;
      EXPECT_TRUE(all_ids.insert(r->id).second) << r->id << " is in two catalogs";
      EXPECT_FALSE(r->title.empty()) << r->id;
      EXPECT_FALSE(r->remediation.empty()) << r->id;
    }
  }
  EXPECT_EQ(names, (std::set<std::string_view>{"dockerfile", "image", "runtime", "secret"}));
}

TEST(RuleCatalogs, CommittedDocsEqualGeneratedText) {
  const std::string dir = std::string(PORTCULLIS_SOURCE_DIR) + "/docs/rules/";
  std::set<std::string> documented;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".md") documented.insert(entry.path().stem().string());
  }
  std::set<std::string> catalogs;
  for (const RuleCatalog& c : RuleCatalogs()) {
    catalogs.emplace(c.name);
    std::string generated = RenderRuleDocs(c.title, c.intro, c.rules());
    std::string path = dir + std::string(c.name) + ".md";
    auto committed = ReadFileLimited(path, 8 << 20);
    ASSERT_TRUE(committed.has_value()) << committed.error().ToString();
    EXPECT_TRUE(*committed == generated)
        << "docs/rules/" << c.name << ".md is stale: run `portcullis rules " << c.name
        << " --markdown > docs/rules/" << c.name << ".md`";
  }
  EXPECT_EQ(documented, catalogs) << "every docs/rules/*.md is generated from a catalog";
}

}  // namespace
}  // namespace portcullis
