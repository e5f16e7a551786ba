// Built-in secret rules for source hosting (GitHub, GitLab, Bitbucket/Atlassian) and package
// registries (see secret_rule_defs.h for how an entry is written).
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "analyzer/secret/secret_rule_defs.h"

namespace portcullis::secret_defs {

void AddGitHubRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- GitHub
  add(Def("github-pat", "GitHub", kCrit, "GitHub personal access token (classic)",
          token("ghp_[0-9a-zA-Z]{36}"), 3.0));
  add(Def("github-fine-grained-pat", "GitHub", kCrit, "GitHub fine-grained personal access token",
          token("github_pat_[0-9a-zA-Z_]{82}"), 3.0));
  add(Def("github-oauth", "GitHub", kCrit, "GitHub OAuth access token",
          token("gho_[0-9a-zA-Z]{36}"), 3.0));
  add(Def("github-app-token", "GitHub", kCrit, "GitHub App user-to-server / installation token",
          token("(?:ghu|ghs)_[0-9a-zA-Z]{36}"), 3.0));
  add(Def("github-refresh-token", "GitHub", kCrit, "GitHub refresh token",
          token("ghr_[0-9a-zA-Z]{36,76}"), 3.0));
}

void AddGitLabRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- GitLab
  add(Def("gitlab-pat", "GitLab", kCrit, "GitLab personal access token",
          token(R"re(glpat-[\w-]{20,300}(?:\.[0-9a-z]{9})?)re"), 3.0)
          .Alias("gitlab-pat-routable"));
  add(Def("gitlab-rrt", "GitLab", kHigh, "GitLab runner registration token",
          token(R"re(GR1348941[\w-]{20})re"), 3.0));
  add(Def("gitlab-runner-authentication-token", "GitLab", kHigh,
          "GitLab runner authentication token", token(R"re(glrt-[\w-]{20,300}(?:\.[0-9a-z]{9})?)re"),
          3.0));
  add(Def("gitlab-ptt", "GitLab", kHigh, "GitLab pipeline trigger token",
          token("glptt-[0-9a-f]{40}"), 3.0));
  add(Def("gitlab-deploy-token", "GitLab", kHigh, "GitLab deploy token",
          token(R"re(gldt-[\w-]{20})re"), 3.0));
  add(Def("gitlab-cicd-job-token", "GitLab", kHigh, "GitLab CI/CD job token",
          token(R"re(glcbt-[0-9a-zA-Z]{1,5}_[\w-]{20})re"), 3.0));
  add(Def("gitlab-feed-token", "GitLab", kMed, "GitLab feed token", token(R"re(glft-[\w-]{20})re"),
          3.0));
  add(Def("gitlab-oauth-app-secret", "GitLab", kHigh, "GitLab OAuth application secret",
          token(R"re(gloas-[\w-]{64})re"), 3.0));
  add(Def("gitlab-kubernetes-agent-token", "GitLab", kHigh, "GitLab Kubernetes agent token",
          token(R"re(glagent-[\w-]{50})re"), 3.0));
  add(Def("gitlab-scim-token", "GitLab", kHigh, "GitLab SCIM token",
          token(R"re(glsoat-[\w-]{20})re"), 3.0));
  add(Def("gitlab-incoming-mail-token", "GitLab", kMed, "GitLab incoming mail token",
          token(R"re(glimt-[\w-]{25})re"), 3.0));
  add(Def("gitlab-feature-flag-client-token", "GitLab", kLow,
          "GitLab feature flag client token", token(R"re(glffct-[\w-]{20})re"), 3.0));
  add(Def("gitlab-session-cookie", "GitLab", kHigh, "GitLab session cookie",
          R"re(_gitlab_session=([0-9a-z]{32}))re", 3.0));
}

void AddBitbucketRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- Bitbucket / Atlassian
  add(Def("bitbucket-client-id", "Bitbucket", kHigh, "Bitbucket OAuth client ID",
          assign("bitbucket", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("bitbucket-client-secret", "Bitbucket", kHigh, "Bitbucket OAuth client secret",
          assign("bitbucket", "[a-zA-Z0-9=_-]{64}"), 3.0).Note(kAssignNote));
  add(Def("bitbucket-app-password", "Bitbucket", kHigh, "Bitbucket app password",
          token("ATBB[A-Za-z0-9_=.-]{28,40}"), 3.5));
  add(Def("atlassian-api-token", "Atlassian", kHigh, "Atlassian API token",
          token("ATATT3[A-Za-z0-9_=-]{186}"), 3.5));
  add(Def("atlassian-api-token-legacy", "Atlassian", kHigh, "Atlassian API token (legacy)",
          assign("atlassian|confluence|jira", "[a-zA-Z0-9]{20}[a-fA-F0-9]{4}"), 3.5)
          .Note(kAssignNote));
}

void AddPackageRegistryRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- Package registries
  add(Def("npm-access-token", "Npm", kCrit, "npm access token", token("npm_[A-Za-z0-9]{36}"), 2.0));
  add(Def("npmrc-auth", "Npm", kHigh, "npm registry credential in .npmrc",
          R"re((?:^|[:\s])(?:_authToken|_auth|_password)\s{0,3}=\s{0,3}["']?([A-Za-z0-9+/=._~-]{8,200}))re",
          3.0)
          .Note("Matches `//registry/:_authToken=...` and `_auth=`; `${NPM_TOKEN}` references "
                "cannot match the value class."));
  add(Def("pypi-upload-token", "PyPI", kHigh, "PyPI upload token",
          R"re((pypi-AgEIcHlwaS5vcmc[\w-]{50,400}))re", 3.0)
          .Note("gitleaks' `{50,1000}` is bounded to 400 (real tokens are ~180 bytes)."));
  add(Def("pypirc-password", "PyPI", kHigh, "Password in .pypirc",
          R"re(^[ \t]{0,8}password[ \t]{0,4}[:=][ \t]{0,4}([^\s'"]{6,200}))re", 2.5)
          .Paths({"**/.pypirc", ".pypirc"}));
  add(Def("rubygems-api-token", "RubyGems", kMed, "RubyGems API key",
          token("rubygems_[a-f0-9]{48}"), 2.0));
  add(Def("clojars-api-token", "Clojars", kMed, "Clojars deploy token",
          R"re(\b((?i:CLOJARS_)[a-zA-Z0-9]{60}))re", 2.0));
  add(Def("private-packagist-token", "PrivatePackagist", kHigh, "Private Packagist token",
          token("packagist_[ou][ru]t_[a-fA-F0-9]{68}"), 3.0));
  add(Def("artifactory-api-key", "JFrog", kHigh, "JFrog Artifactory API key",
          R"re(\b(AKCp[A-Za-z0-9]{69})\b)re", 4.5));
  add(Def("artifactory-reference-token", "JFrog", kHigh, "JFrog Artifactory reference token",
          R"re(\b(cmVmd[A-Za-z0-9]{59})\b)re", 4.5));
  add(Def("jfrog-api-key", "JFrog", kHigh, "JFrog API key",
          assign("jfrog|artifactory|bintray|xray", "[a-zA-Z0-9]{73}"), 3.5).Note(kAssignNote));
  add(Def("jfrog-identity-token", "JFrog", kHigh, "JFrog identity token",
          assign("jfrog|artifactory|bintray|xray", "[a-zA-Z0-9]{64}"), 3.5).Note(kAssignNote));
  add(Def("nuget-config-password", "NuGet", kHigh, "Password in NuGet.config",
          R"re(<add key="(?:ClearText)?Password"\s{0,8}value="([^"]{8,200})"\s{0,8}/>)re", 1.0)
          .Paths({"**/nuget.config", "**/NuGet.config", "**/NuGet.Config", "nuget.config",
                  "NuGet.Config"}));
}

}  // namespace portcullis::secret_defs
