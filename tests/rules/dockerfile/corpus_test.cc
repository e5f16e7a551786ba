// Real-world Dockerfiles (tests/data/dockerfile/corpus, written after official images and
// common multi-stage builds): they parse without a diagnostic, and a few give exactly the
// findings listed here.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "config/dockerfile/dockerfile.h"
#include "core/files.h"
#include "rules/dockerfile/linter.h"

namespace portcullis::dockerfile {
namespace {

namespace fs = std::filesystem;

fs::path CorpusDir() { return fs::path(PORTCULLIS_SOURCE_DIR) / "tests/data/dockerfile/corpus"; }

std::vector<fs::path> CorpusFiles() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(CorpusDir())) out.push_back(e.path());
  std::ranges::sort(out);
  return out;
}

Report LintFile(const fs::path& p) {
  auto text = ReadFileLimited(p.string(), kMaxDockerfileBytes);
  EXPECT_TRUE(text.has_value()) << p;
  Report report;
  LintDockerfile(text.value_or(""), p.filename().string(), LintOptions{}, report);
  return report;
}

TEST(DockerfileCorpusTest, EveryFileParsesWithoutDiagnostics) {
  auto files = CorpusFiles();
  ASSERT_GE(files.size(), 20u);
  for (const auto& p : files) {
    Report r = LintFile(p);
    for (const auto& d : r.diagnostics) {
      ADD_FAILURE() << p.filename() << ":" << d.line << ":" << d.column << " " << d.code << " "
                    << d.message;
    }
    auto text = ReadFileLimited(p.string(), kMaxDockerfileBytes);
    Dockerfile f = ParseDockerfile(*text, p.string());
    EXPECT_FALSE(f.stages.empty()) << p;
    for (const auto& inst : f.instructions) {
      EXPECT_GE(inst.end_line, inst.line) << p;
      EXPECT_LE(inst.end_line, f.lines.size()) << p;
    }
  }
}

// id -> lines, for a compact comparison.
std::map<std::string, std::vector<uint64_t>> Summary(const Report& r) {
  std::map<std::string, std::vector<uint64_t>> out;
  for (const auto& m : r.misconfigurations) out[m.id].push_back(m.line);
  return out;
}

using Expected = std::map<std::string, std::vector<uint64_t>>;

TEST(DockerfileCorpusTest, ExactFindings) {
  const std::map<std::string, Expected> kExpected = {
      {"legacy-app.Dockerfile",
       {{"PC-DF-001", {1}},
        {"PC-DF-007", {1}},
        {"PC-DF-008", {5}},
        {"PC-DF-009", {4, 5}},
        {"PC-DF-015", {5}},
        {"PC-DF-019", {7}},
        {"PC-DF-024", {10}},
        {"PC-DF-046", {1}},
        {"PC-DF-047", {5, 6}},
        {"PC-DF-052", {3}},
        {"PC-DF-057", {2}},
        {"PC-DF-062", {6}},
        {"PC-DF-063", {9}},
        {"PC-DF-064", {4}},
        {"PC-DF-067", {1}},
        {"PC-DF-069", {6}},
        {"PC-DF-071", {5}},
        {"PC-DF-072", {5}},
        {"PC-DF-073", {8}}}},
      {"go-distroless.Dockerfile", {{"PC-DF-046", {13}}, {"PC-DF-067", {3, 13}}}},
      {"node-react-nginx.Dockerfile", {{"PC-DF-067", {1, 6, 12}}}},
      {"static-tini.Dockerfile", {{"PC-DF-046", {1}}}},
      {"redis-alpine.Dockerfile",
       {{"PC-DF-001", {2}},
        {"PC-DF-017", {8}},
        {"PC-DF-044", {16}},
        {"PC-DF-046", {2}},
        {"PC-DF-047", {8, 51}},
        {"PC-DF-062", {16}},
        {"PC-DF-067", {2}},
        {"PC-DF-083", {12, 13, 14}}}},
  };
  for (const auto& [name, expected] : kExpected) {
    Report r = LintFile(CorpusDir() / name);
    EXPECT_EQ(Summary(r), expected) << name;
  }
}

}  // namespace
}  // namespace portcullis::dockerfile
