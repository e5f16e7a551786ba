// Every format of every fixture against its golden file in tests/data/golden/.
// PORTCULLIS_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <functional>

#include "report/formats.h"
#include "report/writer.h"
#include "report_fixture.h"
#include "report_test_util.h"

namespace portcullis::testing {
namespace {

struct GoldenCase {
  std::string file;  // under tests/data/golden/
  std::function<Report()> fixture;
  ReportFormat format;
  std::string command;
  bool color = false;
};

std::string Name(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string n;
  for (char c : info.param.file) n += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return n;
}

class ReportGoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(ReportGoldenTest, MatchesGoldenFile) {
  const GoldenCase& c = GetParam();
  WriteOptions options;
  options.command = c.command;
  options.color = c.color;
  auto text = WriteReport(c.fixture(), c.format, options);
  ASSERT_TRUE(text.has_value()) << text.error().ToString();
  auto path = SourcePath("tests/data/golden/" + c.file);
  const char* update = std::getenv("PORTCULLIS_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    WriteWholeFile(path, *text);
    GTEST_SKIP() << "rewrote " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with "
                                             << "PORTCULLIS_UPDATE_GOLDEN=1 to create it";
  std::string golden = ReadWholeFile(path);
  if (golden == *text) return;
  std::istringstream want(golden), got(*text);
  std::string want_line, got_line;
  for (int line = 1;; ++line) {
    bool more_want = static_cast<bool>(std::getline(want, want_line));
    bool more_got = static_cast<bool>(std::getline(got, got_line));
    if (!more_want && !more_got) break;
    if (want_line != got_line || more_want != more_got) {
      FAIL() << c.file << ":" << line << " differs\n  golden: " << want_line
             << "\n  output: " << got_line
             << "\n(PORTCULLIS_UPDATE_GOLDEN=1 rewrites the golden files)";
    }
  }
  FAIL() << c.file << " differs";
}

std::vector<GoldenCase> Cases() {
  std::vector<GoldenCase> cases;
  struct Format {
    ReportFormat format;
    std::string ext;
  };
  const std::vector<Format> all = {{ReportFormat::kTable, "txt"},
                                   {ReportFormat::kJson, "json"},
                                   {ReportFormat::kSarif, "sarif.json"},
                                   {ReportFormat::kJunit, "junit.xml"},
                                   {ReportFormat::kCycloneDx, "cdx.json"},
                                   {ReportFormat::kSpdx, "spdx.json"}};
  for (const auto& f : all) {
    cases.push_back({"full." + f.ext, FullReport, f.format, "image"});
    cases.push_back({"empty." + f.ext, EmptyReport, f.format, "image"});
    if (f.format != ReportFormat::kCycloneDx && f.format != ReportFormat::kSpdx) {
      cases.push_back({"dockerfile." + f.ext, DockerfileReport, f.format, "dockerfile"});
    }
  }
  cases.push_back({"full.color.txt", FullReport, ReportFormat::kTable, "image", true});
  cases.push_back({"full.sbom.txt", FullReport, ReportFormat::kTable, "sbom"});
  cases.push_back({"empty.sbom.txt", EmptyReport, ReportFormat::kTable, "sbom"});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Report, ReportGoldenTest, ::testing::ValuesIn(Cases()), Name);

}  // namespace
}  // namespace portcullis::testing
