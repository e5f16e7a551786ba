// Ruby gemspecs: real generated specifications (Debian 12's minitest and abbrev, trimmed), old
// %q{} literals, the stub-line fallback, the path rule, and a cross-check of every installed
// gemspec on this machine against RubyGems itself (skipped without ruby).
#include "analyzer/lang/ruby.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "analyzer/command_output.h"
#include "core/files.h"
#include "core/strings.h"

namespace portcullis {
namespace {

constexpr std::string_view kMinitest =
    "# -*- encoding: utf-8 -*-\n"
    "# stub: minitest 5.15.0 ruby lib\n"
    "\n"
    "Gem::Specification.new do |s|\n"
    "  s.name = \"minitest\".freeze\n"
    "  s.version = \"5.15.0\"\n"
    "\n"
    "  s.required_rubygems_version = Gem::Requirement.new(\">= 0\".freeze) if s.respond_to? "
    ":required_rubygems_version=\n"
    "  s.metadata = { \"bug_tracker_uri\" => \"https://github.com/seattlerb/minitest/issues\" }\n"
    "  s.authors = [\"Ryan Davis\".freeze]\n"
    "  s.licenses = [\"MIT\".freeze]\n"
    "  s.rubygems_version = \"3.3.15\".freeze\n"
    "end\n";

constexpr std::string_view kAbbrev =
    "# stub: abbrev 0.1.0 ruby lib\n"
    "Gem::Specification.new do |s|\n"
    "  s.name = \"abbrev\".freeze\n"
    "  s.version = \"0.1.0\"\n"
    "  s.licenses = [\"Ruby\".freeze, \"BSD-2-Clause\".freeze]\n"
    "end\n";

constexpr std::string_view kOld =
    "Gem::Specification.new do |spec|\n"
    "  spec.name = %q{rack}\n"
    "  spec.version = '1.4.1'\n"
    "  spec.license = %q(MIT)\n"
    "end\n";

TEST(RubyTest, ParsesGeneratedSpecifications) {
  std::vector<Diagnostic> diagnostics;
  auto m = ParseGemspec(kMinitest, "specifications/minitest-5.15.0.gemspec", diagnostics);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->name, "minitest");
  EXPECT_EQ(m->version, "5.15.0");
  EXPECT_EQ(m->licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(m->ecosystem, "RubyGems");
  EXPECT_EQ(m->purl, "pkg:gem/minitest@5.15.0");
  auto a = ParseGemspec(kAbbrev, "p", diagnostics);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->licenses, (std::vector<std::string>{"Ruby", "BSD-2-Clause"}));
  auto o = ParseGemspec(kOld, "p", diagnostics);
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->name, "rack");
  EXPECT_EQ(o->version, "1.4.1");
  EXPECT_EQ(o->licenses, std::vector<std::string>{"MIT"});
  EXPECT_TRUE(diagnostics.empty());
}

TEST(RubyTest, StubLineFallbackAndFailures) {
  std::vector<Diagnostic> diagnostics;
  auto p = ParseGemspec("# stub: json 2.6.1 ruby lib\ns.name = compute_name\n", "p", diagnostics);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->name, "json");
  EXPECT_EQ(p->version, "2.6.1");
  EXPECT_FALSE(ParseGemspec("s.name = \"x\"\ns.version = VERSION\n", "p", diagnostics));
  EXPECT_FALSE(ParseGemspec("s.name == \"x\"\ns.version = \"1\"\n", "p", diagnostics));
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(diagnostics[0].code, "ruby.bad_gemspec");
}

TEST(RubyTest, PathRule) {
  EXPECT_TRUE(
      IsInstalledGemspecPath("usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec"));
  EXPECT_TRUE(IsInstalledGemspecPath(
      "usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec"));
  EXPECT_TRUE(IsInstalledGemspecPath("usr/local/bundle/specifications/rack-2.2.8.gemspec"));
  EXPECT_FALSE(IsInstalledGemspecPath("app/rack.gemspec"));
  EXPECT_FALSE(IsInstalledGemspecPath("usr/local/bundle/gems/rack-2.2.8/rack.gemspec"));
}

TEST(RubyTest, AgreesWithRubyGemsOnThisMachine) {
  if (testing::CommandOutput("command -v ruby").empty()) GTEST_SKIP() << "no ruby on this machine";
  std::string listing = testing::CommandOutput(
      "ruby -e 'Dir.glob(\"/usr/lib/ruby/gems/*/specifications/{,default/}*.gemspec\").sort.each "
      "{ |f| s = Gem::Specification.load(f); puts [f, s.name, s.version.to_s].join(\"\\t\") if s "
      "}' 2>/dev/null");
  size_t compared = 0;
  for (std::string_view line : Split(listing, '\n')) {
    auto f = Split(line, '\t');
    if (f.size() != 3) continue;
    std::string path(f[0]);
    ASSERT_TRUE(IsInstalledGemspecPath(path.substr(1))) << path;
    auto content = ReadFileLimited(path, 8 << 20);
    ASSERT_TRUE(content.has_value()) << path;
    std::vector<Diagnostic> diagnostics;
    auto p = ParseGemspec(*content, path, diagnostics);
    ASSERT_TRUE(p.has_value()) << path;
    EXPECT_EQ(p->name, f[1]) << path;
    EXPECT_EQ(p->version, f[2]) << path;
    ++compared;
  }
  if (compared == 0) GTEST_SKIP() << "no installed gems to compare";
}

}  // namespace
}  // namespace portcullis
