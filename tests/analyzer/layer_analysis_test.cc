#include "analyzer/layer_analysis.h"

#include <gtest/gtest.h>

#include "support/image_builder.h"

namespace portcullis {
namespace {

// Wants every *.conf file whole; streams every file to count its bytes and blocks.
class TestAnalyzer : public Analyzer {
 public:
  std::string_view Name() const override { return "test"; }
  bool Wants(const TarEntry& e) const override { return e.path.ends_with(".conf"); }
  void Analyze(const TarEntry& e, std::string_view content, LayerFacts& facts) const override {
    facts.collected[e.path] = std::string(content);
  }
  std::unique_ptr<ContentScan> BeginScan(const TarEntry& e) const override {
    struct Scan : ContentScan {
      std::string path;
      uint64_t bytes = 0;
      void Feed(std::span<const uint8_t> block) override { bytes += block.size(); }
      void Finish(LayerFacts& facts) override {
        facts.secrets.push_back(SecretHit{path, "bytes", "", Severity::kInfo, "", bytes, ""});
      }
    };
    auto s = std::make_unique<Scan>();
    s->path = e.path;
    return s;
  }
};

TEST(LayerAnalysisTest, WholeFilesAndStreamsAndLimits) {
  testing::TempDir tmp;
  testing::TestImage image;
  std::string big(5 << 20, 'b');
  image.layers = {{testing::File("etc/app.conf", "key=value\n"), testing::File("big.conf", big),
                   testing::File("data.bin", std::string(3 << 20, 'd')),
                   testing::Symlink("link.conf", "etc/app.conf")}};
  WriteOciLayout(image, tmp / "oci");
  auto source = OpenSource(tmp / "oci", "", {});
  ASSERT_TRUE(source) << source.error().ToString();
  TestAnalyzer analyzer;
  const Analyzer* analyzers[] = {&analyzer};
  Limits limits;
  limits.max_file_bytes = 1 << 20;
  auto facts = AnalyzeLayer(**source, 0, analyzers, limits, nullptr, {});
  ASSERT_TRUE(facts) << facts.error().ToString();
  EXPECT_EQ(facts->files.size(), 4u);
  EXPECT_EQ(facts->collected.size(), 1u);
  EXPECT_EQ(facts->collected["etc/app.conf"], "key=value\n");
  ASSERT_EQ(facts->diagnostics.size(), 1u);
  EXPECT_EQ(facts->diagnostics[0].code, "analyzer.file_too_large");
  EXPECT_EQ(facts->diagnostics[0].path, "big.conf");
  std::map<std::string, uint64_t> streamed;
  for (const auto& s : facts->secrets) streamed[s.path] = s.line;
  EXPECT_EQ(streamed, (std::map<std::string, uint64_t>{
                          {"big.conf", 5u << 20}, {"data.bin", 3u << 20}, {"etc/app.conf", 10}}));
  EXPECT_GT(facts->bytes, 8u << 20);
}

}  // namespace
}  // namespace portcullis
