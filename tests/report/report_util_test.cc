// The helpers behind the writers: UUIDs, URIs, image purls, XML and terminal escaping.
#include <gtest/gtest.h>

#include "report/formats.h"
#include "report/image_purl.h"
#include "report/uri.h"
#include "report/uuid.h"
#include "report/xml.h"

namespace portcullis::testing {
namespace {

TEST(ReportUuidTest, MatchesRfc4122Version5) {
  // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") in Python's standard library.
  constexpr UuidBytes kDns = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                              0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  EXPECT_EQ(UuidV5(kDns, "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  EXPECT_NE(UuidV5(kPortcullisUuidNamespace, "a"), UuidV5(kPortcullisUuidNamespace, "b"));
}

struct StringCase {
  std::string input;
  std::string want;
};

class ReportPathToUriTest : public ::testing::TestWithParam<StringCase> {};
TEST_P(ReportPathToUriTest, Encodes) { EXPECT_EQ(PathToUri(GetParam().input), GetParam().want); }
INSTANTIATE_TEST_SUITE_P(
    Report, ReportPathToUriTest,
    ::testing::Values(StringCase{"/etc/passwd", "etc/passwd"},
                      StringCase{"Dockerfile", "Dockerfile"},
                      StringCase{"/app/my config#1.env", "app/my%20config%231.env"},
                      StringCase{"config:Env", "config%3AEnv"},
                      StringCase{"a/%41?<>\"", "a/%2541%3F%3C%3E%22"},
                      StringCase{"caf\xc3\xa9\xff", "caf%C3%A9%FF"}, StringCase{"", ""}));

struct UrlCase {
  std::string input;
  std::optional<std::string> want;
};

class ReportWebUrlTest : public ::testing::TestWithParam<UrlCase> {};
TEST_P(ReportWebUrlTest, ValidatesAndEncodes) {
  EXPECT_EQ(WebUrl(GetParam().input), GetParam().want) << GetParam().input;
}
INSTANTIATE_TEST_SUITE_P(
    Report, ReportWebUrlTest,
    ::testing::Values(
        UrlCase{"https://nvd.nist.gov/vuln/detail/CVE-2024-0727",
                "https://nvd.nist.gov/vuln/detail/CVE-2024-0727"},
        UrlCase{"HTTP://example.com:8080/a?b=c&d=e#f", "http://example.com:8080/a?b=c&d=e#f"},
        UrlCase{" https://example.com ", "https://example.com"},
        UrlCase{"https://example.com/a b<c>#x#y", "https://example.com/a%20b%3Cc%3E#x%23y"},
        UrlCase{"https://example.com/%41%zz", "https://example.com/%41%25zz"},
        UrlCase{"https://example.com/\xc3\xa9\x01", "https://example.com/%C3%A9%01"},
        UrlCase{"ftp://example.com/x", std::nullopt}, UrlCase{"javascript:alert(1)", std::nullopt},
        UrlCase{"https://", std::nullopt}, UrlCase{"https://exa mple.com/", std::nullopt},
        UrlCase{"https://example.com:x/", std::nullopt},
        UrlCase{"https://user@example.com/", std::nullopt}, UrlCase{"not a url", std::nullopt}));

struct ReferenceCase {
  std::string input;
  bool ok;
  std::string registry, repository, tag;
};

class ReportImageReferenceTest : public ::testing::TestWithParam<ReferenceCase> {};
TEST_P(ReportImageReferenceTest, Parses) {
  const auto& c = GetParam();
  auto ref = ParseImageReference(c.input);
  ASSERT_EQ(ref.has_value(), c.ok) << c.input;
  if (!ref) return;
  EXPECT_EQ(ref->registry, c.registry);
  EXPECT_EQ(ref->repository, c.repository);
  EXPECT_EQ(ref->tag, c.tag);
}
INSTANTIATE_TEST_SUITE_P(
    Report, ReportImageReferenceTest,
    ::testing::Values(ReferenceCase{"debian:bookworm", true, "", "debian", "bookworm"},
                      ReferenceCase{"library/debian", true, "", "library/debian", ""},
                      ReferenceCase{"ghcr.io/org/app:1.0", true, "ghcr.io", "org/app", "1.0"},
                      ReferenceCase{"localhost:5000/app", true, "localhost:5000", "app", ""},
                      ReferenceCase{"localhost/app:v1", true, "localhost", "app", "v1"},
                      ReferenceCase{"Debian:12", false}, ReferenceCase{"app:", false},
                      ReferenceCase{"app:-x", false}, ReferenceCase{"a//b", false},
                      ReferenceCase{"app:1\n", false}, ReferenceCase{"", false},
                      ReferenceCase{std::string(600, 'a'), false}));

TEST(ReportOciPurlTest, OnlyForManifestDigestAndTag) {
  Artifact a;
  a.type = "oci-layout";
  a.digest = "sha256:aa";
  a.config_digest = "sha256:bb";
  a.platform = "linux/arm64/v8";
  a.repo_tags = {"Bad Tag", "ghcr.io/org/web-app:1.2"};
  EXPECT_EQ(OciPurl(a),
            "pkg:oci/web-app@sha256%3Aaa?arch=arm64&repository_url=ghcr.io/org/web-app&tag=1.2");
  a.repo_tags = {"web-app:1"};
  a.platform = "";
  EXPECT_EQ(OciPurl(a), "pkg:oci/web-app@sha256%3Aaa?tag=1");
  a.repo_tags = {"bookworm"};  // an OCI ref name that is only a tag
  EXPECT_EQ(OciPurl(a), "");
  a.repo_tags = {};
  EXPECT_EQ(OciPurl(a), "");
  a.repo_tags = {"web-app:1"};
  a.type = "docker-archive";
  EXPECT_EQ(OciPurl(a), "");
  a.type = "oci-archive";
  a.digest = a.config_digest;
  EXPECT_EQ(OciPurl(a), "");
}

struct XmlCase {
  std::string input;
  bool attribute;
  std::string want;
};

class ReportXmlEscapeTest : public ::testing::TestWithParam<XmlCase> {};
TEST_P(ReportXmlEscapeTest, Escapes) {
  EXPECT_EQ(XmlEscape(GetParam().input, GetParam().attribute), GetParam().want);
}
INSTANTIATE_TEST_SUITE_P(
    Report, ReportXmlEscapeTest,
    ::testing::Values(XmlCase{"a<b>&\"c'", false, "a&lt;b&gt;&amp;\"c'"},
                      XmlCase{"a<b>&\"c'", true, "a&lt;b&gt;&amp;&quot;c&apos;"},
                      XmlCase{"l1\nl2\tx\r", false, "l1\nl2\tx&#13;"},
                      XmlCase{"l1\nl2\tx\r", true, "l1&#10;l2&#9;x&#13;"},
                      XmlCase{"\x01\x1b[0m\x7f", false, "[0m\x7f"},
                      XmlCase{"\xff", false, "\xef\xbf\xbd"},
                      XmlCase{"a\xef\xbf\xbe\xef\xbf\xbf\xef\xbf\xbd", false, "a\xef\xbf\xbd"},
                      XmlCase{"]]>", false, "]]&gt;"}));

class ReportTerminalSafeTest : public ::testing::TestWithParam<StringCase> {};
TEST_P(ReportTerminalSafeTest, Neutralises) {
  EXPECT_EQ(TerminalSafe(GetParam().input), GetParam().want);
}
INSTANTIATE_TEST_SUITE_P(
    Report, ReportTerminalSafeTest,
    ::testing::Values(StringCase{"plain caf\xc3\xa9", "plain caf\xc3\xa9"},
                      StringCase{"\x1b[31mred", "\\x1b[31mred"},
                      StringCase{"a\nb\tc\rd\x7f", "a\\nb\\tc\\x0dd\\x7f"},
                      StringCase{"\xc2\x9b" "2J", "\\u{009b}2J"},
                      StringCase{"\xe2\x80\xae" "cod.exe", "\\u{202e}cod.exe"},
                      StringCase{"\xe2\x81\xa6x", "\\u{2066}x"},
                      StringCase{"bad\xff", "bad\xef\xbf\xbd"}));

}  // namespace
}  // namespace portcullis::testing
