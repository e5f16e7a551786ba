#include "analyzer/secret/secret_fixtures.h"

#include <charconv>

namespace portcullis::testing {

namespace {

uint64_t Next(uint64_t& s) {
  uint64_t z = (s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::string_view Alphabet(char c) {
  switch (c) {
    case 'm': return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    case 'l': return "abcdefghijklmnopqrstuvwxyz0123456789";
    case 'U': return "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    case 'h': return "0123456789abcdef";
    case 'd': return "0123456789";
    case 'b': return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    case 'u': return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    case 'A': return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    case 'x': return "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
    default: return "abc";
  }
}

std::string Random(uint64_t& s, std::string_view alphabet, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out.push_back(alphabet[Next(s) % alphabet.size()]);
  return out;
}

}  // namespace

uint64_t SeedOf(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

std::string ExpandTemplate(std::string_view tmpl, uint64_t seed, bool shrink) {
  std::string out;
  uint64_t s = seed;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '%' || i + 1 >= tmpl.size() || tmpl[i + 1] != '{') {
      out.push_back(tmpl[i]);
      continue;
    }
    size_t close = tmpl.find('}', i);
    std::string_view spec = tmpl.substr(i + 2, close - i - 2);
    i = close;
    if (spec == "uuid") {
      const size_t parts[] = {8, 4, 4, 4, 12};
      for (size_t p = 0; p < 5; ++p) {
        if (p) out.push_back('-');
        out += Random(s, Alphabet('h'), shrink ? parts[p] / 3 : parts[p]);
      }
      continue;
    }
    size_t n = 0;
    std::from_chars(spec.data() + 2, spec.data() + spec.size(), n);
    if (shrink) n = n / 3 > 0 ? n / 3 : 1;
    out += Random(s, Alphabet(spec[0]), n);
  }
  return out;
}

const std::vector<SecretFixture>& SecretFixtures() {
  static const std::vector<SecretFixture> kFixtures = {
      {"private-key",
       "-----BEGIN RSA PRIVATE KEY-----\nMII%{b:61}\n%{b:64}\n-----END RSA PRIVATE KEY-----"},
      {"private-key-encrypted",
       "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMII%{b:61}\n%{b:64}\n-----END ENCRYPTED PRIVATE "
       "KEY-----"},
      {"putty-private-key", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: k",
       "app/key.ppk", "PuTTY-User-Key-File-3: ssh-ed25519\nComment: none"},
      {"putty-private-key-encrypted",
       "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nComment: k", "app/key.ppk",
       "PuTTY-User-Key-File-3: ssh-ed25519\nComment: aes256-cbc"},
      {"base64-private-key",
       "client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo%{b:80}"},
      {"age-secret-key", "AGE-SECRET-KEY-1%{x:58}"},
      {"pkcs12-file", "\x30\x82\x0a\x01 bundle", "certs/client.p12", "hello", "certs/client.p12"},
      {"aws-access-key-id", "key_id = AKIA%{U:16}"},
      {"aws-secret-access-key", "aws_secret_access_key = %{b:40}"},
      {"aws-session-token", "AWS_SESSION_TOKEN=%{b:200}"},
      {"aws-mws-key", "amzn.mws.%{uuid}"},
      {"gcp-service-account",
       "{\"type\": \"service_account\", \"private_key_id\": \"%{h:40}\"}"},
      {"gcp-api-key", "key=AIza%{u:35}"},
      {"gcp-oauth-client-secret", "GOCSPX-%{u:28}"},
      {"gcp-oauth-access-token", "ya29.%{u:150}"},
      {"azure-storage-account-key",
       "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=%{b:86}==;EndpointSuffix=core"},
      {"azure-ad-client-secret", "client_secret=\"%{m:3}8Q~%{m:34}\""},
      {"azure-sas-token",
       "https://acct.blob.core.windows.net/c?sv=2021-08-06&se=2030-01-01&sig=%{m:44}%3D"},
      {"github-pat", "ghp_%{m:36}"},
      {"github-fine-grained-pat", "github_pat_%{m:22}_%{m:59}"},
      {"github-oauth", "gho_%{m:36}"},
      {"github-app-token", "ghs_%{m:36}"},
      {"github-refresh-token", "ghr_%{m:76}"},
      {"gitlab-pat", "glpat-%{u:20}"},
      {"gitlab-rrt", "GR1348941%{u:20}"},
      {"gitlab-runner-authentication-token", "glrt-%{u:20}"},
      {"gitlab-ptt", "glptt-%{h:40}"},
      {"gitlab-deploy-token", "gldt-%{u:20}"},
      {"gitlab-cicd-job-token", "glcbt-%{m:3}_%{u:20}"},
      {"gitlab-feed-token", "glft-%{u:20}"},
      {"gitlab-oauth-app-secret", "gloas-%{u:64}"},
      {"gitlab-kubernetes-agent-token", "glagent-%{u:50}"},
      {"gitlab-scim-token", "glsoat-%{u:20}"},
      {"gitlab-incoming-mail-token", "glimt-%{u:25}"},
      {"gitlab-feature-flag-client-token", "glffct-%{u:20}"},
      {"gitlab-session-cookie", "_gitlab_session=%{l:32}"},
      {"bitbucket-client-id", "BITBUCKET_CLIENT_ID=\"%{m:32}\""},
      {"bitbucket-client-secret", "bitbucket_secret: '%{m:64}'"},
      {"bitbucket-app-password", "ATBB%{m:32}"},
      {"atlassian-api-token", "ATATT3%{u:186}"},
      {"atlassian-api-token-legacy", "jira_token = \"%{m:20}%{h:4}\""},
      {"slack-bot-token", "xoxb-%{d:12}-%{d:12}-%{m:24}"},
      {"slack-user-token", "xoxp-%{d:12}-%{d:12}-%{d:12}-%{m:32}"},
      {"slack-app-token", "xapp-1-A%{U:10}-%{d:13}-%{l:64}", "app/config.txt",
       "xapp-1-A%{U:10}-%{d:13}"},
      {"slack-legacy-token", "xoxs-%{d:10}-%{d:10}-%{d:10}-%{h:40}", "app/config.txt",
       "xoxs-%{d:10}-%{d:10}-z%{h:40}"},
      {"slack-legacy-workspace-token", "xoxa-2-%{m:40}", "app/config.txt", "xoxa-2-%{m:6}"},
      {"slack-legacy-bot-token", "xoxb-%{d:9}-%{m:24}"},
      {"slack-config-access-token", "xoxe.xoxp-1-%{m:164}"},
      {"slack-config-refresh-token", "xoxe-1-%{m:146}"},
      {"slack-webhook-url", "https://hooks.slack.com/services/T%{U:8}/B%{U:8}/%{m:24}"},
      {"stripe-secret-key", "sk_live_%{m:24}"},
      {"stripe-restricted-key", "rk_live_%{m:24}"},
      {"stripe-publishable-key", "pk_live_%{m:24}"},
      {"stripe-webhook-secret", "whsec_%{m:32}"},
      {"square-access-token", "sq0atp-%{u:22}"},
      {"square-oauth-secret", "sq0csp-%{u:43}"},
      {"shopify-access-token", "shpat_%{h:32}"},
      {"shopify-custom-access-token", "shpca_%{h:32}"},
      {"shopify-private-app-access-token", "shppa_%{h:32}"},
      {"shopify-shared-secret", "shpss_%{h:32}"},
      {"flutterwave-public-key", "FLWPUBK_TEST-%{h:32}-X"},
      {"flutterwave-secret-key", "FLWSECK_TEST-%{h:32}-X"},
      {"flutterwave-encryption-key", "FLWSECK_TEST%{h:12}"},
      {"gocardless-api-token", "gocardless_token = \"live_%{u:40}\""},
      {"plaid-api-token", "plaid_access = \"access-sandbox-%{uuid}\""},
      {"plaid-client-id", "PLAID_CLIENT_ID = \"%{m:24}\""},
      {"plaid-secret-key", "PLAID_SECRET = \"%{m:30}\""},
      {"finicity-api-token", "finicity_token = \"%{h:32}\""},
      {"finicity-client-secret", "finicity_secret = \"%{m:20}\""},
      {"coinbase-access-token", "coinbase_key = \"%{u:64}\""},
      {"kraken-access-token", "kraken_key = \"%{b:86}\""},
      {"kucoin-access-token", "kucoin_key = \"%{h:24}\""},
      {"kucoin-secret-key", "kucoin_secret = \"%{uuid}\""},
      {"bittrex-access-key", "bittrex_key = \"%{m:32}\""},
      {"shippo-api-token", "shippo_live_%{h:40}"},
      {"easypost-api-token", "EZAK%{m:54}"},
      {"easypost-test-api-token", "EZTK%{m:54}"},
      {"duffel-api-token", "duffel_live_%{u:43}"},
      {"twilio-api-key", "SK%{h:32}"},
      {"twilio-auth-token", "TWILIO_AUTH_TOKEN=\"%{h:32}\""},
      {"sendgrid-api-token", "SG.%{u:22}.%{u:43}"},
      {"sendinblue-api-token", "xkeysib-%{h:64}-%{m:16}"},
      {"mailgun-private-api-token", "mailgun_api_key = \"key-%{h:32}\""},
      {"mailgun-pub-key", "mailgun_pubkey = \"pubkey-%{h:32}\""},
      {"mailgun-signing-key", "mailgun_signing = \"%{h:32}-%{h:8}-%{h:8}\""},
      {"mailchimp-api-key", "mailchimp_key = \"%{h:32}-us6\""},
      {"messagebird-api-token", "messagebird_key = \"%{m:25}\""},
      {"messagebird-client-id", "message_bird_id = \"%{uuid}\""},
      {"discord-api-token", "discord_token = \"%{h:64}\""},
      {"discord-client-id", "discord_client_id = \"%{d:18}\""},
      {"discord-client-secret", "discord_secret = \"%{u:32}\""},
      {"discord-webhook-url", "https://discord.com/api/webhooks/%{d:18}/%{u:68}"},
      {"telegram-bot-api-token", "TELEGRAM_BOT_TOKEN=\"%{d:10}:A%{u:34}\""},
      {"microsoft-teams-webhook",
       "https://acme.webhook.office.com/webhookb2/%{uuid}@%{uuid}/IncomingWebhook/%{l:32}/"
       "%{uuid}"},
      {"mattermost-access-token", "mattermost_token = \"%{m:26}\""},
      {"gitter-access-token", "gitter_token = \"%{u:40}\""},
      {"sendbird-access-id", "sendbird_app_id = \"%{uuid}\""},
      {"sendbird-access-token", "sendbird_token = \"%{h:40}\""},
      {"intercom-api-key", "intercom_token = \"%{u:60}\""},
      {"intercom-client-secret", "intercom_secret = \"%{uuid}\""},
      {"datadog-access-token", "DD_API_KEY=\"%{h:32}\""},
      {"new-relic-user-api-key", "NRAK-%{U:27}"},
      {"new-relic-browser-api-token", "NRJS-%{h:19}"},
      {"new-relic-insert-key", "NRII-%{u:32}"},
      {"new-relic-license-key", "license_key: %{h:36}NRAL"},
      {"new-relic-user-api-id", "newrelic_api_id = \"%{m:64}\""},
      {"grafana-api-key", "eyJrIjoi%{m:80}"},
      {"grafana-cloud-api-token", "glc_%{b:40}"},
      {"grafana-service-account-token", "glsa_%{m:32}_%{h:8}"},
      {"dynatrace-api-token", "dt0c01.%{m:24}.%{m:64}"},
      {"sentry-user-token", "sntryu_%{h:64}"},
      {"sentry-org-token", "sntrys_eyJpYXQiO%{b:20}LCJyZWdpb25fdXJs%{b:20}_%{b:43}"},
      {"sentry-access-token", "sentry_token = \"%{h:64}\""},
      {"sumologic-access-id", "SUMO_ACCESS_ID = \"su%{m:12}\""},
      {"sumologic-access-token", "sumo_key = \"%{m:64}\""},
      {"npm-access-token", "npm_%{m:36}"},
      {"npmrc-auth", "//registry.npmjs.org/:_authToken=%{u:36}", ".npmrc",
       "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"},
      {"pypi-upload-token", "pypi-AgEIcHlwaS5vcmc%{u:120}"},
      {"pypirc-password", "[pypi]\nusername = deploy\npassword = %{m:24}", "root/.pypirc", {},
       "app/setup.cfg"},
      {"rubygems-api-token", "rubygems_%{h:48}"},
      {"clojars-api-token", "CLOJARS_%{m:60}"},
      {"private-packagist-token", "packagist_uut_%{h:68}"},
      {"artifactory-api-key", "AKCp%{m:69}"},
      {"artifactory-reference-token", "cmVmd%{m:59}"},
      {"jfrog-api-key", "artifactory_key = \"%{m:73}\""},
      {"jfrog-identity-token", "jfrog_token = \"%{m:64}\""},
      {"nuget-config-password", "<add key=\"ClearTextPassword\" value=\"%{m:16}\" />",
       "src/NuGet.Config"},
      {"dockerconfig-secret", "  .dockerconfigjson: ey%{b:80}", "k8s/secret.yaml",
       "  .dockerconfigjson: {{ .Values.dockerconfig }}"},
      {"docker-config-auth", "{\"auths\":{\"r.io\":{\"auth\":\"%{b:40}\"}}}",
       "root/.docker/config.json", {}, "app/config.json"},
      {"dockerhub-pat", "dckr_pat_%{u:27}"},
      {"hashicorp-tf-api-token", "%{m:14}.atlasv1.%{u:64}"},
      {"hashicorp-tf-password", "administrator_login_password = \"%{m:16}\"", "infra/main.tf", {},
       "infra/main.py"},
      {"vault-service-token", "hvs.%{u:100}"},
      {"vault-batch-token", "hvb.%{u:150}"},
      {"pulumi-api-token", "pul-%{h:40}"},
      {"doppler-api-token", "dp.pt.%{m:43}"},
      {"digitalocean-pat", "dop_v1_%{h:64}"},
      {"digitalocean-access-token", "doo_v1_%{h:64}"},
      {"digitalocean-refresh-token", "dor_v1_%{h:64}"},
      {"heroku-api-key", "HEROKU_API_KEY=\"%{uuid}\""},
      {"heroku-api-key-v2", "HRKU-AA%{u:58}"},
      {"flyio-access-token", "fo1_%{u:43}"},
      {"netlify-access-token", "netlify_token = \"%{u:43}\""},
      {"cloudflare-api-key", "cloudflare_token = \"%{u:40}\""},
      {"cloudflare-global-api-key", "cloudflare_global = \"%{h:37}\""},
      {"cloudflare-origin-ca-key", "v1.0-%{h:24}-%{h:146}"},
      {"fastly-api-token", "fastly_token = \"%{u:32}\""},
      {"openshift-user-token", "sha256~%{u:43}"},
      {"scalingo-api-token", "tk-us-%{u:48}"},
      {"harness-api-key", "pat.%{u:22}.%{m:24}.%{m:20}"},
      {"octopus-deploy-api-key", "API-%{U:26}"},
      {"infracost-api-token", "ico-%{m:32}"},
      {"prefect-api-token", "pnu_%{m:36}"},
      {"databricks-api-token", "dapi%{h:32}"},
      {"planetscale-password", "pscale_pw_%{u:43}"},
      {"planetscale-api-token", "pscale_tkn_%{u:43}"},
      {"planetscale-oauth-token", "pscale_oauth_%{u:43}"},
      {"droneci-access-token", "droneci_token = \"%{m:32}\""},
      {"travisci-access-token", "travis_token = \"%{m:22}\""},
      {"codecov-access-token", "codecov_token = \"%{m:32}\""},
      {"snyk-api-token", "SNYK_TOKEN=\"%{uuid}\""},
      {"sonar-api-token", "squ_%{h:40}"},
      {"sourcegraph-access-token", "sgp_%{h:16}_%{h:40}"},
      {"launchdarkly-access-token", "launchdarkly_key = \"%{u:40}\""},
      {"okta-access-token", "okta_token = \"00%{u:40}\""},
      {"1password-secret-key", "A3-%{U:6}-%{U:11}-%{U:5}-%{U:5}-%{U:5}"},
      {"1password-service-account-token", "ops_eyJ%{b:300}"},
      {"authress-service-client-access-key", "sc_%{m:10}.%{m:5}.acc_%{m:16}.%{u:40}"},
      {"maxmind-license-key", "%{m:6}_%{m:29}_mmk"},
      {"yandex-access-token", "yandex_token = \"t1.%{u:20}.%{u:86}\""},
      {"yandex-api-key", "yandex_key = \"AQVN%{u:36}\""},
      {"yandex-aws-access-token", "yandex_static = \"YC%{u:38}\""},
      {"alibaba-access-key-id", "LTAI%{m:20}"},
      {"alibaba-secret-key", "alibaba_secret = \"%{m:30}\""},
      {"openai-api-key", "sk-proj-%{u:74}T3BlbkFJ%{u:74}"},
      {"anthropic-api-key", "sk-ant-api03-%{u:93}AA"},
      {"anthropic-admin-api-key", "sk-ant-admin01-%{u:93}AA"},
      {"huggingface-access-token", "hf_%{m:34}"},
      {"huggingface-organization-api-token", "api_org_%{A:34}"},
      {"cohere-api-token", "cohere_key = \"%{m:40}\""},
      {"perplexity-api-key", "pplx-%{m:48}"},
      {"groq-api-key", "gsk_%{m:52}"},
      {"privateai-api-token", "private_ai_key = \"%{m:32}\""},
      {"adobe-client-id", "adobe_client_id = \"%{h:32}\""},
      {"adobe-client-secret", "p8e-%{m:32}"},
      {"airtable-api-key", "airtable_key = \"%{m:17}\""},
      {"airtable-personal-access-token", "pat%{m:14}.%{h:64}"},
      {"algolia-api-key", "algolia_key = \"%{m:32}\""},
      {"asana-client-id", "asana_client_id = \"%{d:16}\""},
      {"asana-client-secret", "asana_secret = \"%{m:32}\""},
      {"beamer-api-token", "beamer_token = \"b_%{u:44}\""},
      {"confluent-access-token", "confluent_key = \"%{m:16}\""},
      {"confluent-secret-key", "confluent_secret = \"%{m:64}\""},
      {"contentful-delivery-api-token", "contentful_token = \"%{u:43}\""},
      {"dropbox-api-token", "dropbox_secret = \"%{l:15}\""},
      {"dropbox-short-lived-api-token", "dropbox_token = \"sl.%{u:135}\""},
      {"dropbox-long-lived-api-token", "dropbox_token = \"%{m:11}AAAAAAAAAA%{u:43}\""},
      {"etsy-access-token", "etsy_token = \"%{m:24}\""},
      {"facebook-secret", "facebook_secret = \"%{h:32}\""},
      {"facebook-page-access-token", "EAAM%{m:120}"},
      {"flickr-access-token", "flickr_key = \"%{m:32}\""},
      {"frameio-api-token", "fio-u-%{u:64}"},
      {"freshbooks-access-token", "freshbooks_token = \"%{m:64}\""},
      {"hubspot-api-key", "hubspot_key = \"%{uuid}\""},
      {"ionic-api-token", "ionic_key = \"ion_%{m:42}\""},
      {"linear-api-key", "lin_api_%{m:40}"},
      {"linear-client-secret", "linear_secret = \"%{h:32}\""},
      {"linkedin-client-id", "linkedin_client_id = \"%{m:14}\""},
      {"linkedin-client-secret", "linkedin_secret = \"%{m:16}\""},
      {"lob-api-key", "lob_key = \"live_%{h:35}\""},
      {"lob-pub-api-key", "lob_pub = \"live_pub_%{h:31}\""},
      {"mapbox-api-token", "pk.%{m:60}.%{m:22}"},
      {"mapbox-secret-token", "sk.%{m:60}.%{m:22}"},
      {"notion-api-token", "ntn_%{d:11}%{m:35}"},
      {"nytimes-access-token", "nytimes_key = \"%{u:32}\""},
      {"postman-api-token", "PMAK-%{h:24}-%{h:34}"},
      {"rapidapi-access-token", "rapidapi_key = \"%{u:50}\""},
      {"readme-api-token", "rdme_%{l:70}"},
      {"settlemint-access-token", "sm_pat_%{m:16}"},
      {"sidekiq-secret", "BUNDLE_GEMS__CONTRIBSYS__COM=\"%{h:8}:%{h:8}\""},
      {"sidekiq-sensitive-url", "https://%{h:8}:%{h:8}@gems.contribsys.com/"},
      {"squarespace-access-token", "squarespace_key = \"%{uuid}\""},
      {"twitch-api-token", "twitch_token = \"%{m:30}\""},
      {"twitter-api-key", "twitter_key = \"%{m:25}\""},
      {"twitter-api-secret", "twitter_secret = \"%{m:50}\""},
      {"twitter-access-token", "twitter_token = \"%{d:18}-%{m:30}\""},
      {"twitter-access-secret", "twitter_access_secret = \"%{m:45}\""},
      {"twitter-bearer-token", "twitter_bearer = \"AAAAAAAAAAAAAAAAAAAAAA%{m:90}\""},
      {"typeform-api-token", "tfp_%{u:59}"},
      {"zendesk-secret-key", "zendesk_token = \"%{m:40}\""},
      {"git-credentials", "https://deploy:%{m:20}@git.acme.io", "root/.git-credentials", {},
       "root/notes.txt"},
      {"curl-auth-header", "curl -H \"Authorization: Bearer %{u:40}\" https://api.acme.io/v1",
       "app/run.sh", "curl -H \"Accept: application/json\" https://api.acme.io/v1"},
      {"curl-auth-user", "curl -u admin:%{m:16} https://api.acme.io", "app/run.sh",
       "curl -u admin https://api.acme.io"},
      {"url-password", "DATABASE_URL=postgres://app:%{m:16}@db.internal:5432/app",
       "app/config.txt", "DATABASE_URL=postgres://app:password@db.internal:5432/app"},
      {"jwt", "token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ%{u:40}.%{u:43}", "app/config.txt",
       "token: eyJ%{u:30}.eyJ%{u:40}.%{u:43}"},
      {"generic-api-key", "API_KEY = \"%{m:32}\"", "app/config.txt",
       "API_KEY = \"get_api_key_from_environment\""},
  };
  return kFixtures;
}

}  // namespace portcullis::testing
