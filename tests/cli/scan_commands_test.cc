// End-to-end tests of `portcullis image|fs|sbom` through the built binary: exit codes, errors
// on stderr, flags.
#include <gtest/gtest.h>

#include "support/image_builder.h"
#include "support/run_binary.h"

namespace portcullis {
namespace {

using testing::RunPortcullis;

TEST(ScanCommandsTest, ScansATestImageToJson) {
  testing::TempDir tmp;
  testing::TestImage image;
  image.layers = {{testing::File("etc/hostname", "x\n")}};
  WriteOciLayout(image, tmp / "oci");
  auto r = RunPortcullis({"image", tmp / "oci", "--scanners", "secret", "-f", "json", "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["schema"], "portcullis.report/v1");
  EXPECT_EQ(doc["artifact"]["type"], "oci-layout");
  EXPECT_EQ(doc["scanners"], nlohmann::json::array({"secret"}));
  EXPECT_TRUE(r.err.empty()) << r.err;  // no progress line when stderr is not a terminal
}

TEST(ScanCommandsTest, ErrorsAndExitCodes) {
  testing::TempDir tmp;
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string err_contains;
  } cases[] = {
      {{"image", tmp / "missing.tar"}, 1, "no such file"},
      {{"image", tmp.path(), "--scanners", "vuln,bogus"}, 2, "unknown scanner 'bogus'"},
      {{"sbom", tmp.path(), "-f", "xml"}, 2, "unknown format 'xml'"},
      {{"image", tmp.path(), "--severity", "SEVERE", "--scanners", "secret"}, 2,
       "unknown severity"},
      {{"image"}, 2, "SOURCE is required"},
      {{"fs", tmp / "nope"}, 1, "nope"},
  };
  for (const auto& c : cases) {
    auto r = RunPortcullis(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.args[0] << " " << r.err;
    EXPECT_NE(r.err.find(c.err_contains), std::string::npos) << r.err;
  }
}

TEST(ScanCommandsTest, DigestMismatchFailsTheScan) {
  testing::TempDir tmp;
  testing::TestImage image;
  image.compress = testing::Compress::kNone;
  image.layers = {{testing::File("etc/hostname", "original\n")}};
  auto built = WriteOciLayout(image, tmp / "oci");
  std::string blob = tmp / ("oci/blobs/sha256/" + built.layer_digests[0].substr(7));
  std::string data = testing::ReadFile(blob);
  data[data.find("original")] = 'O';
  testing::WriteFile(blob, data);
  auto r = RunPortcullis({"sbom", tmp / "oci", "-f", "json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("expected " + built.layer_digests[0]), std::string::npos) << r.err;
}

}  // namespace
}  // namespace portcullis
