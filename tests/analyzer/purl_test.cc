// The purl builder against the purl specification's own examples: test-suite-data.json of
// https://github.com/package-url/purl-spec (the "canonical_purl" of each valid entry built from
// its components), plus the encoding rules of ECMA-427 ("Character encoding": letters, digits,
// ". - _ ~" and ':' are never encoded, everything else is).
#include "analyzer/pkg/purl.h"

#include <gtest/gtest.h>

namespace portcullis {
namespace {

struct PurlCase {
  const char* description;
  PurlParts parts;
  const char* canonical;
};

class PurlSpecTest : public ::testing::TestWithParam<PurlCase> {};

TEST_P(PurlSpecTest, BuildsCanonicalForm) {
  EXPECT_EQ(BuildPurl(GetParam().parts), GetParam().canonical) << GetParam().description;
}

INSTANTIATE_TEST_SUITE_P(
    SpecTestSuite, PurlSpecTest,
    ::testing::Values(
        PurlCase{"valid maven purl",
                 {"maven", "org.apache.commons", "io", "1.3.4", {}, ""},
                 "pkg:maven/org.apache.commons/io@1.3.4"},
        PurlCase{"basic valid maven purl without version",
                 {"maven", "org.apache.commons", "io", "", {}, ""},
                 "pkg:maven/org.apache.commons/io"},
        PurlCase{"valid go purl with version and subpath",
                 {"GOLANG", "google.golang.org", "genproto", "abcdedf", {},
                  "/googleapis/api/annotations/"},
                 "pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations"},
        PurlCase{"bitbucket namespace and name should be lowercased",
                 {"bitbucket", "birKenfeld", "pyGments-main", "244fd47e07d1014f0aed9c", {}, ""},
                 "pkg:bitbucket/birkenfeld/pygments-main@244fd47e07d1014f0aed9c"},
        PurlCase{"github namespace and name should be lowercased",
                 {"github", "Package-url", "purl-Spec", "244fd47e07d1004f0aed9c", {}, ""},
                 "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c"},
        PurlCase{"debian can use qualifiers",
                 {"deb", "debian", "curl", "7.50.3-1", {{"arch", "i386"}, {"distro", "jessie"}},
                  ""},
                 "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie"},
        PurlCase{"docker uses qualifiers and hash image id as versions",
                 {"docker", "customer", "dockerimage", "sha256:244fd47e07d1004f0aed9c",
                  {{"repository_url", "gcr.io"}}, ""},
                 "pkg:docker/customer/dockerimage@sha256:244fd47e07d1004f0aed9c?repository_url="
                 "gcr.io"},
        PurlCase{"Java gem can use a qualifier",
                 {"gem", "", "jruby-launcher", "1.1.2", {{"Platform", "java"}}, ""},
                 "pkg:gem/jruby-launcher@1.1.2?platform=java"},
        PurlCase{"maven can come with a type qualifier",
                 {"Maven", "net.sf.jacob-project", "jacob", "1.14.3",
                  {{"classifier", "x86"}, {"type", "dll"}}, ""},
                 "pkg:maven/net.sf.jacob-project/jacob@1.14.3?classifier=x86&type=dll"},
        PurlCase{"npm can be scoped",
                 {"npm", "@angular", "animation", "12.3.1", {}, ""},
                 "pkg:npm/%40angular/animation@12.3.1"},
        PurlCase{"nuget names are case sensitive",
                 {"Nuget", "", "EnterpriseLibrary.Common", "6.0.1304", {}, ""},
                 "pkg:nuget/EnterpriseLibrary.Common@6.0.1304"},
        PurlCase{"pypi names have special rules and not case sensitive",
                 {"PYPI", "", "Django_package", "1.11.1.dev1", {}, ""},
                 "pkg:pypi/django-package@1.11.1.dev1"},
        PurlCase{"rpm often use qualifiers",
                 {"Rpm", "fedora", "curl", "7.50.3-1.fc25",
                  {{"Arch", "i386"}, {"Distro", "fedora-25"}}, ""},
                 "pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25"},
        PurlCase{"valid maven purl with case sensitive namespace and name",
                 {"maven", "HTTPClient", "HTTPClient", "0.3-3", {}, ""},
                 "pkg:maven/HTTPClient/HTTPClient@0.3-3"},
        PurlCase{"valid maven purl containing a space in the version and qualifier",
                 {"maven", "mygroup", "myartifact", "1.0.0 Final", {{"mykey", "my value"}}, ""},
                 "pkg:maven/mygroup/myartifact@1.0.0%20Final?mykey=my%20value"},
        PurlCase{"valid conda purl with qualifiers (sorted)",
                 {"conda", "", "absl-py", "0.4.1",
                  {{"subdir", "linux-64"}, {"build", "py36h06a4308_0"}, {"type", "tar.bz2"},
                   {"channel", "main"}},
                  ""},
                 "pkg:conda/absl-py@0.4.1?build=py36h06a4308_0&channel=main&subdir=linux-64&"
                 "type=tar.bz2"},
        PurlCase{"with qualifiers.vcs_url (ECMA-427 leaves ':' unencoded; the older "
                 "test-suite file wrote %3A)",
                 {"npm", "", "packageurl-js", "0.0.7",
                  {{"vcs_url", "git+https://github.com/package-url/packageurl-js.git"}}, ""},
                 "pkg:npm/packageurl-js@0.0.7?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fpackage-"
                 "url%2Fpackageurl-js.git"},
        PurlCase{"valid swift purl (namespace with two segments)",
                 {"swift", "github.com/Alamofire", "Alamofire", "5.4.3", {}, ""},
                 "pkg:swift/github.com/Alamofire/Alamofire@5.4.3"},
        PurlCase{"empty qualifier values are dropped",
                 {"rpm", "rocky", "bash", "5.1.8-6.el9", {{"epoch", ""}, {"arch", "x86_64"}},
                  ""},
                 "pkg:rpm/rocky/bash@5.1.8-6.el9?arch=x86_64"},
        PurlCase{"deb version with epoch and '+' (':' stays, '+' is encoded)",
                 {"deb", "debian", "login", "1:4.13+dfsg1-1+b1",
                  {{"arch", "amd64"}, {"distro", "debian-12.5"}}, ""},
                 "pkg:deb/debian/login@1:4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12.5"}));

TEST(PurlTest, NoTypeOrNameMeansNoPurl) {
  EXPECT_EQ(BuildPurl({"", "ns", "name", "1", {}, ""}), "");
  EXPECT_EQ(BuildPurl({"npm", "", "", "1", {}, ""}), "");
}

TEST(PurlTest, EncodesEveryByteOutsideTheAllowedSet) {
  EXPECT_EQ(PurlEncode("a-b_c.d~e:f"), "a-b_c.d~e:f");
  EXPECT_EQ(PurlEncode("a/b?c#d@e&f=g h+i%"), "a%2Fb%3Fc%23d%40e%26f%3Dg%20h%2Bi%25");
  EXPECT_EQ(PurlEncode("\xC3\xA9"), "%C3%A9");  // UTF-8 bytes, upper-case hex
}

TEST(PurlTest, SubpathDropsDotSegments) {
  EXPECT_EQ(BuildPurl({"golang", "x", "y", "", {}, "./a/../b//c/"}), "pkg:golang/x/y#a/b/c");
  EXPECT_EQ(BuildPurl({"golang", "x", "y", "", {}, "/./"}), "pkg:golang/x/y");
}

}  // namespace
}  // namespace portcullis
