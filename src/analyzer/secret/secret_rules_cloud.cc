// Built-in secret rules for cloud providers (AWS, Google Cloud, Azure) and containers and
// infrastructure services (see secret_rule_defs.h for how an entry is written).
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "analyzer/secret/secret_rule_defs.h"

namespace portcullis::secret_defs {

void AddAwsRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- AWS
  add(Def("aws-access-key-id", "AWS", kCrit, "AWS access key ID",
          token("(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}"),
          3.0)
          .Alias("aws-access-token")
          .Note("Trivy's `MustCompileWithoutWordPrefix` becomes a plain `\\b`."));
  add(Def("aws-secret-access-key", "AWS", kCrit, "AWS secret access key",
          fmt::format(R"re((?i:aws_?(?:secret)?_?(?:access)?_?key)["']?\s{{0,4}}(?::|=>|=)\s{{0,4}}["']?([A-Za-z0-9/+=]{{40}}){})re",
                      kEnd),
          3.5)
          .Note("Trivy's `(?i)` over the whole pattern is scoped to the key name so the "
                "40-character value keeps its exact alphabet."));
  add(Def("aws-session-token", "AWS", kHigh, "AWS session token",
          fmt::format(R"re((?i:aws_?session_?token)["']?\s{{0,4}}(?::|=>|=)\s{{0,4}}["']?([A-Za-z0-9/+=]{{100,1024}}){})re",
                      kEnd),
          4.0)
          .Prefilter(R"re((?i:aws_?session_?token)["']?\s{0,4}(?::|=>|=))re"));
  add(Def("aws-mws-key", "AWS", kHigh, "Amazon MWS auth token",
          R"re(\b(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))re"));
}

void AddGcpRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- Google / GCP
  add(Def("gcp-service-account", "Google", kCrit, "Google Cloud service-account key (JSON)",
          R"re("private_key_id"\s{0,4}:\s{0,4}"([a-f0-9]{40})")re")
          .Keywords({"service_account"})
          .Note("Trivy matches `\"type\": \"service_account\"` alone; the key file always has "
                "a 40-hex `private_key_id`, which is what is matched here, with "
                "`service_account` required nearby."));
  add(Def("gcp-api-key", "Google", kHigh, "Google API key", token(R"re(AIza[\w-]{35})re"), 3.5));
  add(Def("gcp-oauth-client-secret", "Google", kHigh, "Google OAuth client secret",
          token(R"re(GOCSPX-[A-Za-z0-9_-]{28})re"), 3.0));
  add(Def("gcp-oauth-access-token", "Google", kHigh, "Google OAuth access token",
          token(R"re(ya29\.[0-9A-Za-z_-]{60,300})re"), 3.5));
}

void AddAzureRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- Azure
  add(Def("azure-storage-account-key", "Azure", kCrit, "Azure storage account key",
          R"re((?i:AccountKey)\s{0,2}=\s{0,2}([A-Za-z0-9+/]{86}==))re", 4.0));
  add(Def("azure-ad-client-secret", "Azure", kHigh, "Azure AD client secret",
          R"re((?:^|[\\'"\x60\s>=:(,)])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:$|[\\'"\x60\s<),]))re",
          3.0));
  add(Def("azure-sas-token", "Azure", kHigh, "Azure shared access signature",
          R"re([?&]sig=([A-Za-z0-9%+/]{40,90}(?:%3[Dd]|=){1,2}))re", 3.5)
          .Keywords({"sv=", "se="}));
}

void AddInfrastructureRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- Containers and infrastructure
  add(Def("dockerconfig-secret", "Docker", kHigh, "Docker config in a Kubernetes secret",
          R"re((?i:\.(?:dockerconfigjson|dockercfg)):\s{0,4}\|?\s{0,4}["']?((?:ey|ew)[A-Za-z0-9/+=]{16,1000}))re",
          3.0)
          .Note("Trivy's unbounded `\\|*\\s*` and `[A-Za-z0-9\\/\\+=]+` are bounded.")
          .Prefilter(R"re((?i:\.(?:dockerconfigjson|dockercfg)):)re"));
  add(Def("docker-config-auth", "Docker", kHigh, "Registry credential in .docker/config.json",
          R"re("(?:auth|identitytoken)"\s{0,4}:\s{0,4}"([A-Za-z0-9+/_.-]{8,1000}={0,2})")re",
          2.5)
          .Paths({"**/.docker/config.json", ".docker/config.json", "**/.dockercfg", ".dockercfg",
                  "**/containers/auth.json", "**/.config/containers/auth.json"})
          .Prefilter(R"re("(?:auth|identitytoken)"\s{0,4}:)re"));
  add(Def("dockerhub-pat", "Docker", kHigh, "Docker Hub personal access token",
          token("dckr_pat_[A-Za-z0-9_-]{27}"), 3.0));
  add(Def("hashicorp-tf-api-token", "HashiCorp", kMed, "Terraform Cloud user/org API token",
          R"re(\b([a-zA-Z0-9]{14}\.atlasv1\.[a-zA-Z0-9_=-]{60,70}))re", 3.5)
          .Note("gitleaks' `(?i)...(?-i:atlasv1)` is written with explicit case classes."));
  add(Def("hashicorp-tf-password", "HashiCorp", kMed, "Password in Terraform configuration",
          assign("administrator_login_password|password", R"re("[a-zA-Z0-9=_-]{8,20}")re"), 2.0)
          .Paths({"**/*.tf", "**/*.hcl", "*.tf", "*.hcl"})
          .Note(kAssignNote));
  add(Def("vault-service-token", "HashiCorp", kCrit, "HashiCorp Vault service token",
          token(R"re(hvs\.[\w-]{90,120})re"), 3.5));
  add(Def("vault-batch-token", "HashiCorp", kHigh, "HashiCorp Vault batch token",
          token(R"re(hvb\.[\w-]{138,300})re"), 4.0));
  add(Def("pulumi-api-token", "Pulumi", kHigh, "Pulumi access token", token("pul-[a-f0-9]{40}"),
          2.0));
  add(Def("doppler-api-token", "Doppler", kMed, "Doppler API token",
          R"re(\b(dp\.pt\.[a-zA-Z0-9]{43}))re", 2.0));
  add(Def("digitalocean-pat", "DigitalOcean", kHigh, "DigitalOcean personal access token",
          token("dop_v1_[a-f0-9]{64}"), 3.0));
  add(Def("digitalocean-access-token", "DigitalOcean", kHigh, "DigitalOcean OAuth access token",
          token("doo_v1_[a-f0-9]{64}"), 3.0));
  add(Def("digitalocean-refresh-token", "DigitalOcean", kHigh, "DigitalOcean OAuth refresh token",
          token("dor_v1_[a-f0-9]{64}"), 3.0));
  add(Def("heroku-api-key", "Heroku", kHigh, "Heroku API key", assign("heroku", kUuid))
          .Note(kAssignNote));
  add(Def("heroku-api-key-v2", "Heroku", kHigh, "Heroku API key (v2)",
          token("HRKU-AA[0-9a-zA-Z_-]{58}"), 4.0));
  add(Def("flyio-access-token", "Fly.io", kHigh, "Fly.io access token",
          token("fo1_[\\w-]{43}|fm[12][ar]?_[a-zA-Z0-9+/]{100,800}={0,3}"), 4.0)
          .Note(kTokenNote));
  add(Def("netlify-access-token", "Netlify", kMed, "Netlify access token",
          assign("netlify", "[a-zA-Z0-9=_-]{40,46}"), 3.0).Note(kAssignNote));
  add(Def("cloudflare-api-key", "Cloudflare", kHigh, "Cloudflare API token",
          assign("cloudflare", "[a-zA-Z0-9_-]{40}"), 3.0).Note(kAssignNote));
  add(Def("cloudflare-global-api-key", "Cloudflare", kHigh, "Cloudflare global API key",
          assign("cloudflare", "[a-f0-9]{37}"), 3.0).Note(kAssignNote));
  add(Def("cloudflare-origin-ca-key", "Cloudflare", kHigh, "Cloudflare Origin CA key",
          token("v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}"), 3.0));
  add(Def("fastly-api-token", "Fastly", kMed, "Fastly API token",
          assign("fastly", "[a-zA-Z0-9=_-]{32}"), 3.0).Note(kAssignNote));
  add(Def("openshift-user-token", "OpenShift", kHigh, "OpenShift user token",
          R"re(\b(sha256~[\w-]{43})(?:[^\w-]|$))re", 3.5)
          .Note("gitleaks' `\\z` alternative becomes `$`."));
  add(Def("scalingo-api-token", "Scalingo", kMed, "Scalingo API token",
          token(R"re(tk-us-[\w-]{48})re"), 2.0));
  add(Def("harness-api-key", "Harness", kHigh, "Harness access token",
          R"re(\b((?:pat|sat)\.[a-zA-Z0-9_-]{22}\.[a-zA-Z0-9]{24}\.[a-zA-Z0-9]{20}))re", 3.0));
  add(Def("octopus-deploy-api-key", "OctopusDeploy", kMed, "Octopus Deploy API key",
          token("API-[A-Z0-9]{26}"), 3.0));
  add(Def("infracost-api-token", "Infracost", kMed, "Infracost API token",
          token("ico-[a-zA-Z0-9]{32}"), 3.0));
  add(Def("prefect-api-token", "Prefect", kMed, "Prefect API token", token("pnu_[a-zA-Z0-9]{36}"),
          2.0));
  add(Def("databricks-api-token", "Databricks", kMed, "Databricks API token",
          token("dapi[a-f0-9]{32}(?:-\\d)?"), 3.0));
  add(Def("planetscale-password", "Planetscale", kMed, "PlanetScale password",
          token(R"re(pscale_pw_[\w=.-]{32,64})re"), 3.0));
  add(Def("planetscale-api-token", "Planetscale", kMed, "PlanetScale API token",
          token(R"re(pscale_tkn_[\w=.-]{32,64})re"), 3.0));
  add(Def("planetscale-oauth-token", "Planetscale", kMed, "PlanetScale OAuth token",
          token(R"re(pscale_oauth_[\w=.-]{32,64})re"), 3.0));
  add(Def("droneci-access-token", "DroneCI", kMed, "Drone CI access token",
          assign("droneci", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("travisci-access-token", "TravisCI", kMed, "Travis CI access token",
          assign("travis", "[a-zA-Z0-9]{22}"), 3.0).Note(kAssignNote));
  add(Def("codecov-access-token", "Codecov", kMed, "Codecov access token",
          assign("codecov", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("snyk-api-token", "Snyk", kHigh, "Snyk API token",
          assign("snyk[_.-]?(?:(?:api|oauth)[_.-]?)?(?:key|token)", kUuid)).Note(kAssignNote));
  add(Def("sonar-api-token", "Sonar", kMed, "SonarQube/SonarCloud token",
          token("sq[pua]_[a-f0-9]{40}"), 3.0));
  add(Def("sourcegraph-access-token", "Sourcegraph", kMed, "Sourcegraph access token",
          token("sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}"), 3.0));
  add(Def("launchdarkly-access-token", "LaunchDarkly", kMed, "LaunchDarkly access token",
          assign("launchdarkly", "[a-zA-Z0-9=_-]{40}"), 3.0).Note(kAssignNote));
  add(Def("okta-access-token", "Okta", kHigh, "Okta API token",
          assign("okta", R"re(00[\w=-]{40})re"), 4.0).Note(kAssignNote));
  add(Def("1password-secret-key", "1Password", kHigh, "1Password account secret key",
          R"re(\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b)re",
          3.8));
  add(Def("1password-service-account-token", "1Password", kHigh,
          "1Password service account token", token("ops_eyJ[a-zA-Z0-9+/]{250,1200}={0,3}"), 4.0)
          .Note(kTokenNote));
  add(Def("authress-service-client-access-key", "Authress", kHigh,
          "Authress service client access key",
          token("(?:sc|ext|scauth|authress)_[a-zA-Z0-9]{5,30}\\.[a-zA-Z0-9]{4,6}\\.acc[_-]"
                "[a-zA-Z0-9-]{10,32}\\.[a-zA-Z0-9+/_=-]{30,120}"),
          2.0));
  add(Def("maxmind-license-key", "MaxMind", kMed, "MaxMind license key",
          token("[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk"), 4.0));
  add(Def("yandex-access-token", "Yandex", kMed, "Yandex access token",
          assign("yandex", "t1\\.[A-Z0-9a-z_-]{1,200}={0,2}\\.[A-Z0-9a-z_-]{86}={0,2}"))
          .Note(kAssignNote));
  add(Def("yandex-api-key", "Yandex", kMed, "Yandex API key",
          assign("yandex", "AQVN[A-Za-z0-9_-]{35,38}")).Note(kAssignNote));
  add(Def("yandex-aws-access-token", "Yandex", kMed, "Yandex Cloud static access key",
          assign("yandex", "YC[a-zA-Z0-9_-]{38}")).Note(kAssignNote));
  add(Def("alibaba-access-key-id", "Alibaba", kHigh, "Alibaba Cloud AccessKey ID",
          token("LTAI[a-zA-Z0-9]{20}"), 2.0));
  add(Def("alibaba-secret-key", "Alibaba", kHigh, "Alibaba Cloud AccessKey secret",
          assign("alibaba", "[a-zA-Z0-9]{30}"), 2.0).Note(kAssignNote));
}

}  // namespace portcullis::secret_defs
