// Inline `# portcullis ignore=` comments and the portcullis.yaml policy of the runtime audit.
#include "config/runtime/suppression.h"

#include <gtest/gtest.h>

#include "config/runtime/fixtures.h"
#include "policy/project_config.h"

namespace portcullis::runtime {
namespace {

using testing::FindingsOf;

size_t Count(const std::vector<Misconfiguration>& findings, std::string_view id) {
  return static_cast<size_t>(std::count_if(findings.begin(), findings.end(),
                                           [&](const auto& f) { return f.id == id; }));
}

const char* kTwoContainers = R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    # portcullis ignore=PC-RT-009
    - name: a
      image: a:1
      securityContext:
        privileged: true  # portcullis ignore=KSV-0017
    - name: b
      image: b:1
      securityContext:
        privileged: true
)";

TEST(InlineSuppression, CommentAboveANodeCoversItAndTrailingCommentCoversItsLine) {
  auto findings = FindingsOf(kTwoContainers, ConfigKind::kKubernetes);
  // PC-RT-009 is suppressed for container a only, PC-RT-001 (alias KSV-0017) on line 10 only.
  ASSERT_EQ(Count(findings, "PC-RT-009"), 1u);
  ASSERT_EQ(Count(findings, "PC-RT-001"), 1u);
  for (const auto& f : findings) {
    if (f.id == "PC-RT-009" || f.id == "PC-RT-001") {
      EXPECT_EQ(f.resource, "Pod/default/p container b");
    }
  }
}

TEST(InlineSuppression, CommentAboveTheDocumentCoversTheDocument) {
  std::string text = "---\n# Source: chart/templates/pod.yaml\n# portcullis ignore=pc-rt-009,PC-RT-010\n" +
                     std::string(kTwoContainers) + "---\n" + kTwoContainers;
  auto findings = FindingsOf(text, ConfigKind::kKubernetes);
  EXPECT_EQ(Count(findings, "PC-RT-009"), 1u);  // the second document, container b
  EXPECT_EQ(Count(findings, "PC-RT-010"), 2u);
}

TEST(InlineSuppression, ScriptCommands) {
  std::string text =
      "# portcullis ignore=PC-RT-001\n"
      "docker run --privileged \\\n"
      "  --cap-add SYS_ADMIN nginx:1\n"
      "docker run --privileged nginx:1  # portcullis ignore=PC-RT-003\n";
  auto findings = FindingsOf(text, ConfigKind::kScript);
  ASSERT_EQ(Count(findings, "PC-RT-001"), 1u);
  EXPECT_EQ(Count(findings, "PC-RT-003"), 1u);
  for (const auto& f : findings) {
    if (f.id == "PC-RT-001") {
      EXPECT_EQ(f.line, 4u);
    }
  }
}

// The runtime audit reads portcullis.yaml through the shared project config: the top level
// applies to every command, the `config` section adds to it and overrides it.
TEST(RuntimePolicy, IgnoreAndSeverityOverridesFromTheSharedConfig) {
  auto config = ParseProjectConfig(
      "ignore: [PC-RT-033]\nseverity:\n  PC-RT-009: low\nconfig:\n  ignore: [KSV-0036]\n"
      "  severity: {PC-RT-009: INFO}\ndockerfile:\n  ignore: [PC-RT-010]\n",
      "portcullis.yaml");
  ASSERT_TRUE(config.has_value()) << config.error().ToString();
  auto findings = FindingsOf(testing::K8s{}.Text(), ConfigKind::kKubernetes);
  ASSERT_GT(Count(findings, "PC-RT-033"), 0u);
  ASSERT_GT(Count(findings, "PC-RT-034"), 0u);
  ASSERT_GT(Count(findings, "PC-RT-009"), 0u);
  size_t pc_rt_010 = Count(findings, "PC-RT-010");
  ASSERT_GT(pc_rt_010, 0u);
  ApplyPolicy(config->For("config"), findings);
  EXPECT_EQ(Count(findings, "PC-RT-033"), 0u);
  EXPECT_EQ(Count(findings, "PC-RT-034"), 0u);  // ignored through its alias KSV-0036
  EXPECT_EQ(Count(findings, "PC-RT-010"), pc_rt_010);  // the dockerfile section's, not ours
  for (const auto& f : findings) {
    if (f.id == "PC-RT-009") {
      EXPECT_EQ(f.severity, Severity::kInfo);
    }
  }
}

TEST(RuntimePolicy, ErrorsNameTheLine) {
  auto bad = ParseProjectConfig("ignore: [a]\nseverity:\n  PC-RT-001: urgent\n", "p.yaml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().path, "p.yaml");
  EXPECT_EQ(bad.error().position, 3u);
  EXPECT_FALSE(ParseProjectConfig("config:\n  ignore: {a: b}\n", "p.yaml").has_value());
  EXPECT_FALSE(ParseProjectConfig("ignore: [\n", "p.yaml").has_value());
  EXPECT_TRUE(ParseProjectConfig("", "p.yaml").has_value());
  // A key the format does not define is an error for the section of `portcullis config`.
  auto typo = ParseProjectConfig("ignore: []\nconfig:\n  ignored: [PC-RT-001]\n", "p.yaml");
  ASSERT_TRUE(typo.has_value()) << typo.error().ToString();
  auto checked = typo->CheckSectionKeys("config");
  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(checked.error().path, "p.yaml");
  EXPECT_EQ(checked.error().position, 3u);
  EXPECT_NE(checked.error().message.find("'ignored'"), std::string::npos);
}

}  // namespace
}  // namespace portcullis::runtime
