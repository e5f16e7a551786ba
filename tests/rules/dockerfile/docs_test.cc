// docs/rules/dockerfile.md is generated from the rule table; it must be up to date.
#include <gtest/gtest.h>

#include "core/files.h"
#include "rules/catalogs.h"

namespace portcullis {
namespace {

TEST(DockerfileDocsTest, CommittedDocsEqualGeneratedText) {
  const RuleCatalog* catalog = nullptr;
  for (const auto& c : RuleCatalogs()) {
    if (c.name == "dockerfile") catalog = &c;
  }
  ASSERT_NE(catalog, nullptr);
  std::string generated = RenderRuleDocs(catalog->title, catalog->intro, catalog->rules());
  auto committed =
      ReadFileLimited(std::string(PORTCULLIS_SOURCE_DIR) + "/docs/rules/dockerfile.md", 4 << 20);
  ASSERT_TRUE(committed.has_value()) << committed.error().ToString();
  EXPECT_TRUE(*committed == generated)
      << "docs/rules/dockerfile.md is stale: run `portcullis rules dockerfile --markdown > "
         "docs/rules/dockerfile.md`";
}

}  // namespace
}  // namespace portcullis
