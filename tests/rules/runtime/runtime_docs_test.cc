// docs/rules/runtime.md is exactly what `portcullis rules runtime --markdown` renders from the
// rule table.
#include <gtest/gtest.h>

#include "core/files.h"
#include "rules/catalogs.h"

namespace portcullis {
namespace {

TEST(RuntimeRuleDocs, CommittedFileIsUpToDate) {
  const RuleCatalog* runtime = nullptr;
  for (const RuleCatalog& c : RuleCatalogs()) {
    if (c.name == "runtime") runtime = &c;
  }
  ASSERT_NE(runtime, nullptr);
  std::string expected = RenderRuleDocs(runtime->title, runtime->intro, runtime->rules());
  auto committed =
      ReadFileLimited(std::string(PORTCULLIS_SOURCE_DIR) + "/docs/rules/runtime.md", 1 << 20);
  ASSERT_TRUE(committed.has_value()) << committed.error().ToString();
  EXPECT_EQ(*committed, expected)
      << "regenerate: ./build/portcullis rules runtime --markdown > docs/rules/runtime.md";
}

}  // namespace
}  // namespace portcullis
