// Built-in secret rules for SaaS providers: chat, payments, communication, observability, AI
// services and the other Trivy and gitleaks families (see secret_rule_defs.h).
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "analyzer/secret/secret_rule_defs.h"

namespace portcullis::secret_defs {

void AddSlackRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- Slack
  add(Def("slack-bot-token", "Slack", kHigh, "Slack bot token",
          R"re(\b(xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]{0,40}))re", 3.0)
          .Alias("slack-access-token")
          .Note("gitleaks' trailing `[a-zA-Z0-9-]*` is bounded to 40."));
  add(Def("slack-user-token", "Slack", kHigh, "Slack user token",
          R"re(\b(xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}))re", 2.0));
  add(Def("slack-app-token", "Slack", kHigh, "Slack app-level token",
          R"re(\b(xapp-\d-[A-Z0-9]{1,20}-\d{1,20}-[a-z0-9]{10,80}))re", 2.0)
          .Note("gitleaks' `+` repeats are bounded; `(?i)` is dropped because Slack emits "
                "the documented case."));
  add(Def("slack-legacy-token", "Slack", kMed, "Slack legacy token",
          R"re(\b(xox[os]-\d{1,20}-\d{1,20}-\d{1,20}-[a-fA-F\d]{8,64}))re", 2.0));
  add(Def("slack-legacy-workspace-token", "Slack", kMed, "Slack legacy workspace token",
          R"re(\b(xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48}))re", 2.0));
  add(Def("slack-legacy-bot-token", "Slack", kMed, "Slack legacy bot token",
          R"re(\b(xoxb-[0-9]{8,14}-[a-zA-Z0-9]{18,26}))re", 2.0));
  add(Def("slack-config-access-token", "Slack", kHigh, "Slack configuration access token",
          R"re(\b(xoxe\.xox[bp]-\d-[A-Za-z0-9]{163,166}))re", 2.0));
  add(Def("slack-config-refresh-token", "Slack", kHigh, "Slack configuration refresh token",
          R"re(\b(xoxe-\d-[A-Za-z0-9]{146}))re", 2.0));
  add(Def("slack-webhook-url", "Slack", kMed, "Slack incoming webhook URL",
          R"re(((?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}))re")
          .Alias("slack-web-hook"));
}

void AddPaymentRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- Payments
  add(Def("stripe-secret-key", "Stripe", kCrit, "Stripe secret key",
          token("sk_(?:test|live|prod)_[a-zA-Z0-9]{10,99}"), 2.0)
          .Alias("stripe-secret-token")
          .Alias("stripe-access-token"));
  add(Def("stripe-restricted-key", "Stripe", kHigh, "Stripe restricted key",
          token("rk_(?:test|live|prod)_[a-zA-Z0-9]{10,99}"), 2.0));
  add(Def("stripe-publishable-key", "Stripe", kLow, "Stripe publishable key",
          token("pk_(?:test|live)_[a-zA-Z0-9]{10,99}"), 2.0)
          .Alias("stripe-publishable-token"));
  add(Def("stripe-webhook-secret", "Stripe", kHigh, "Stripe webhook signing secret",
          token("whsec_[a-zA-Z0-9]{32,64}"), 3.0));
  add(Def("square-access-token", "Square", kHigh, "Square access token",
          token(R"re((?:EAAA|sq0atp-)[\w-]{22,60})re"), 3.0));
  add(Def("square-oauth-secret", "Square", kHigh, "Square OAuth secret",
          token(R"re(sq0csp-[\w-]{43})re"), 3.0));
  add(Def("shopify-access-token", "Shopify", kHigh, "Shopify access token",
          token("shpat_[a-fA-F0-9]{32}"), 2.0).Alias("shopify-token"));
  add(Def("shopify-custom-access-token", "Shopify", kHigh, "Shopify custom app access token",
          token("shpca_[a-fA-F0-9]{32}"), 2.0));
  add(Def("shopify-private-app-access-token", "Shopify", kHigh,
          "Shopify private app access token", token("shppa_[a-fA-F0-9]{32}"), 2.0));
  add(Def("shopify-shared-secret", "Shopify", kHigh, "Shopify shared secret",
          token("shpss_[a-fA-F0-9]{32}"), 2.0));
  add(Def("flutterwave-public-key", "Flutterwave", kMed, "Flutterwave public key",
          R"re(\b(FLWPUBK_TEST-[a-hA-H0-9]{32}-X))re", 2.0));
  add(Def("flutterwave-secret-key", "Flutterwave", kMed, "Flutterwave secret key",
          R"re(\b(FLWSECK_TEST-[a-hA-H0-9]{32}-X))re", 2.0));
  add(Def("flutterwave-encryption-key", "Flutterwave", kMed, "Flutterwave encryption key",
          R"re(\b(FLWSECK_TEST[a-hA-H0-9]{12}))re", 2.0).Alias("flutterwave-enc-key"));
  add(Def("gocardless-api-token", "GoCardless", kMed, "GoCardless API token",
          assign("gocardless", "live_[a-zA-Z0-9_=-]{40}"), 3.0).Note(kAssignNote));
  add(Def("plaid-api-token", "Plaid", kHigh, "Plaid access token",
          assign("plaid", fmt::format("access-(?:sandbox|development|production)-{}", kUuid)))
          .Note(kAssignNote));
  add(Def("plaid-client-id", "Plaid", kMed, "Plaid client ID", assign("plaid", "[a-zA-Z0-9]{24}"),
          3.5).Note(kAssignNote));
  add(Def("plaid-secret-key", "Plaid", kHigh, "Plaid secret key",
          assign("plaid", "[a-zA-Z0-9]{30}"), 3.5).Note(kAssignNote));
  add(Def("finicity-api-token", "Finicity", kMed, "Finicity API token",
          assign("finicity", "[a-f0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("finicity-client-secret", "Finicity", kMed, "Finicity client secret",
          assign("finicity", "[a-zA-Z0-9]{20}"), 3.0).Note(kAssignNote));
  add(Def("coinbase-access-token", "Coinbase", kHigh, "Coinbase access token",
          assign("coinbase", "[a-zA-Z0-9_-]{64}"), 3.5).Note(kAssignNote));
  add(Def("kraken-access-token", "Kraken", kHigh, "Kraken access token",
          assign("kraken", "[a-zA-Z0-9/=_+-]{80,90}"), 3.5).Note(kAssignNote));
  add(Def("kucoin-access-token", "KuCoin", kHigh, "KuCoin access token",
          assign("kucoin", "[a-f0-9]{24}"), 3.0).Note(kAssignNote));
  add(Def("kucoin-secret-key", "KuCoin", kHigh, "KuCoin secret key", assign("kucoin", kUuid))
          .Note(kAssignNote));
  add(Def("bittrex-access-key", "Bittrex", kHigh, "Bittrex access/secret key",
          assign("bittrex", "[a-zA-Z0-9]{32}"), 3.0).Alias("bittrex-secret-key").Note(kAssignNote));
  add(Def("shippo-api-token", "Shippo", kLow, "Shippo API token",
          token("shippo_(?:live|test)_[a-fA-F0-9]{40}"), 2.0));
  add(Def("easypost-api-token", "EasyPost", kLow, "EasyPost API token",
          R"re(\b(EZAK[a-zA-Z0-9]{54})\b)re", 2.0));
  add(Def("easypost-test-api-token", "EasyPost", kLow, "EasyPost test API token",
          R"re(\b(EZTK[a-zA-Z0-9]{54})\b)re", 2.0));
  add(Def("duffel-api-token", "Duffel", kLow, "Duffel API token",
          R"re(\b(duffel_(?:test|live)_[a-zA-Z0-9_=-]{43}))re", 2.0));
}

void AddCommunicationRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- Communication
  add(Def("twilio-api-key", "Twilio", kMed, "Twilio API key", R"re(\b(SK[0-9a-fA-F]{32})\b)re",
          3.0));
  add(Def("twilio-auth-token", "Twilio", kHigh, "Twilio auth token",
          assign("twilio", "[a-f0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("sendgrid-api-token", "SendGrid", kMed, "SendGrid API key",
          token(R"re(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})re"), 3.0)
          .Note("Trivy's `SG\\.(?i)[a-z0-9_\\-\\.]{66}` is written as the documented "
                "22.43 layout; the mid-pattern `(?i)` is unnecessary with both cases listed."));
  add(Def("sendinblue-api-token", "Sendinblue", kLow, "Sendinblue (Brevo) API key",
          token("xkeysib-[a-f0-9]{64}-[a-zA-Z0-9]{16}"), 2.0));
  add(Def("mailgun-private-api-token", "Mailgun", kMed, "Mailgun private API key",
          assign("mailgun", "key-[a-f0-9]{32}"), 3.0).Alias("mailgun-token").Note(kAssignNote));
  add(Def("mailgun-pub-key", "Mailgun", kLow, "Mailgun public validation key",
          assign("mailgun", "pubkey-[a-f0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("mailgun-signing-key", "Mailgun", kMed, "Mailgun webhook signing key",
          assign("mailgun", "[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}"), 3.0).Note(kAssignNote));
  add(Def("mailchimp-api-key", "Mailchimp", kMed, "Mailchimp API key",
          assign("mailchimp", "[a-f0-9]{32}-us[0-9]{1,2}"), 3.0).Note(kAssignNote));
  add(Def("messagebird-api-token", "MessageBird", kMed, "MessageBird API token",
          assign("message[_-]?bird", "[a-zA-Z0-9]{25}"), 3.0).Note(kAssignNote));
  add(Def("messagebird-client-id", "MessageBird", kMed, "MessageBird client ID",
          assign("message[_-]?bird", kUuid)).Note(kAssignNote));
  add(Def("discord-api-token", "Discord", kMed, "Discord API key",
          assign("discord", "[a-f0-9]{64}"), 3.0).Note(kAssignNote));
  add(Def("discord-client-id", "Discord", kMed, "Discord client ID",
          assign("discord", "[0-9]{18}"), 2.0).Note(kAssignNote));
  add(Def("discord-client-secret", "Discord", kMed, "Discord client secret",
          assign("discord", "[a-zA-Z0-9=_-]{32}"), 3.0).Note(kAssignNote));
  add(Def("discord-webhook-url", "Discord", kMed, "Discord webhook URL",
          R"re(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,70}))re",
          3.5));
  add(Def("telegram-bot-api-token", "Telegram", kMed, "Telegram bot API token",
          assign(R"re(telegr\w{0,10})re", "[0-9]{5,16}:A[a-zA-Z0-9_-]{34}"), 3.0)
          .Note(kAssignNote));
  add(Def("microsoft-teams-webhook", "Microsoft", kMed, "Microsoft Teams incoming webhook",
          R"re((https://[a-z0-9]{1,50}\.webhook\.office\.com/webhookb2/[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9-]{36}))re"));
  add(Def("mattermost-access-token", "Mattermost", kMed, "Mattermost access token",
          assign("mattermost", "[a-zA-Z0-9]{26}"), 3.0).Note(kAssignNote));
  add(Def("gitter-access-token", "Gitter", kMed, "Gitter access token",
          assign("gitter", "[a-zA-Z0-9_-]{40}"), 3.0).Note(kAssignNote));
  add(Def("sendbird-access-id", "Sendbird", kMed, "Sendbird application ID",
          assign("sendbird", kUuid)).Note(kAssignNote));
  add(Def("sendbird-access-token", "Sendbird", kMed, "Sendbird access token",
          assign("sendbird", "[a-f0-9]{40}"), 3.0).Note(kAssignNote));
  add(Def("intercom-api-key", "Intercom", kLow, "Intercom API token",
          assign("intercom", "[a-zA-Z0-9=_-]{60}"), 3.0).Alias("intercom-api-token")
          .Note(kAssignNote));
  add(Def("intercom-client-secret", "Intercom", kLow, "Intercom client secret",
          assign("intercom", kUuid)).Note(kAssignNote));
}

void AddObservabilityRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- Observability
  add(Def("datadog-access-token", "Datadog", kHigh, "Datadog API/application key",
          assign("datadog|dd_api_key|dd_app_key|dd_application_key", "[a-zA-Z0-9]{32,40}"), 3.0)
          .Note(kAssignNote));
  add(Def("new-relic-user-api-key", "NewRelic", kMed, "New Relic user API key",
          token("NRAK-[A-Z0-9]{27}"), 3.0));
  add(Def("new-relic-browser-api-token", "NewRelic", kMed, "New Relic browser ingest token",
          token("NRJS-[a-f0-9]{19}"), 3.0));
  add(Def("new-relic-insert-key", "NewRelic", kMed, "New Relic insights insert key",
          token("NRII-[a-zA-Z0-9_-]{32}"), 3.0));
  add(Def("new-relic-license-key", "NewRelic", kMed, "New Relic ingest license key",
          R"re(\b([a-fA-F0-9]{36}NRAL)\b)re", 3.0));
  add(Def("new-relic-user-api-id", "NewRelic", kMed, "New Relic user API ID",
          assign("new-relic|newrelic|new_relic", "[a-zA-Z0-9]{64}"), 3.0).Note(kAssignNote));
  add(Def("grafana-api-key", "Grafana", kMed, "Grafana API key",
          token("eyJrIjoi[A-Za-z0-9]{70,400}={0,3}"), 3.0).Alias("grafana-api-token"));
  add(Def("grafana-cloud-api-token", "Grafana", kMed, "Grafana Cloud API token",
          token("glc_[A-Za-z0-9+/]{32,400}={0,3}"), 3.0)
          .Note(kTokenNote));
  add(Def("grafana-service-account-token", "Grafana", kMed, "Grafana service account token",
          token("glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"), 3.0));
  add(Def("dynatrace-api-token", "Dynatrace", kMed, "Dynatrace API token",
          token(R"re(dt0c01\.[a-zA-Z0-9]{24}\.[a-zA-Z0-9]{64})re"), 4.0));
  add(Def("sentry-user-token", "Sentry", kMed, "Sentry user auth token",
          token("sntryu_[a-f0-9]{64}"), 3.5));
  add(Def("sentry-org-token", "Sentry", kMed, "Sentry organization token",
          token("sntrys_eyJpYXQiO[a-zA-Z0-9+/]{10,200}(?:LCJyZWdpb25fdXJs|InJlZ2lvbl91cmwi|"
                "cmVnaW9uX3VybCI6)[a-zA-Z0-9+/]{10,200}={0,2}_[a-zA-Z0-9+/]{43}"),
          4.5));
  add(Def("sentry-access-token", "Sentry", kMed, "Sentry access token (legacy)",
          assign("sentry", "[a-f0-9]{64}"), 3.0).Note(kAssignNote));
  add(Def("sumologic-access-id", "SumoLogic", kMed, "Sumo Logic access ID",
          assign("sumo", "su[a-zA-Z0-9]{12}"), 3.0).Note(kAssignNote));
  add(Def("sumologic-access-token", "SumoLogic", kMed, "Sumo Logic access key",
          assign("sumo", "[a-zA-Z0-9]{64}"), 3.0).Note(kAssignNote));
}

void AddAiRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- AI services
  add(Def("openai-api-key", "OpenAI", kCrit, "OpenAI API key",
          token("sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ"
                "(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})|sk-[a-zA-Z0-9]{20}T3BlbkFJ"
                "[a-zA-Z0-9]{20}"),
          3.0));
  add(Def("anthropic-api-key", "Anthropic", kCrit, "Anthropic API key",
          token("sk-ant-api03-[a-zA-Z0-9_-]{93}AA"), 3.0));
  add(Def("anthropic-admin-api-key", "Anthropic", kCrit, "Anthropic admin API key",
          token("sk-ant-admin01-[a-zA-Z0-9_-]{93}AA"), 3.0));
  add(Def("huggingface-access-token", "HuggingFace", kCrit, "Hugging Face access token",
          token("hf_[a-zA-Z0-9]{34,40}"), 3.0).Alias("hugging-face-access-token"));
  add(Def("huggingface-organization-api-token", "HuggingFace", kHigh,
          "Hugging Face organization API token", token("api_org_[a-zA-Z]{34}"), 2.0));
  add(Def("cohere-api-token", "Cohere", kHigh, "Cohere API key",
          assign("cohere|co_api_key", "[a-zA-Z0-9]{40}"), 4.0).Note(kAssignNote));
  add(Def("perplexity-api-key", "Perplexity", kHigh, "Perplexity API key",
          token("pplx-[a-zA-Z0-9]{48}"), 4.0));
  add(Def("groq-api-key", "Groq", kHigh, "Groq API key", token("gsk_[a-zA-Z0-9]{52}"), 4.0));
  add(Def("privateai-api-token", "PrivateAI", kMed, "Private AI API token",
          assign("private[_-]?ai", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
}

void AddSaasRules(DefList& list) {
  [[maybe_unused]] auto assign = [&](std::string_view keywords, std::string_view value) {
    return list.Assign(keywords, value);
  };
  [[maybe_unused]] auto token = [&](std::string_view body) { return list.TokenRegex(body); };
  [[maybe_unused]] auto add = [&](Def&& def) { list.Add(std::move(def)); };

  // ---- SaaS (Trivy and gitleaks families)
  add(Def("adobe-client-id", "Adobe", kLow, "Adobe OAuth client ID",
          assign("adobe", "[a-f0-9]{32}"), 2.0).Note(kAssignNote));
  add(Def("adobe-client-secret", "Adobe", kLow, "Adobe client secret",
          token("p8e-[a-zA-Z0-9]{32}"), 2.0));
  add(Def("airtable-api-key", "Airtable", kMed, "Airtable API key",
          assign("airtable", "[a-zA-Z0-9]{17}"), 3.0).Note(kAssignNote));
  add(Def("airtable-personal-access-token", "Airtable", kMed, "Airtable personal access token",
          token("pat[a-zA-Z0-9]{14}\\.[a-f0-9]{64}"), 3.0));
  add(Def("algolia-api-key", "Algolia", kMed, "Algolia API key",
          assign("algolia", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("asana-client-id", "Asana", kMed, "Asana client ID", assign("asana", "[0-9]{16}"), 2.0)
          .Note(kAssignNote));
  add(Def("asana-client-secret", "Asana", kMed, "Asana client secret",
          assign("asana", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("beamer-api-token", "Beamer", kLow, "Beamer API token",
          assign("beamer", "b_[a-zA-Z0-9=_-]{44}"), 3.0).Note(kAssignNote));
  add(Def("confluent-access-token", "Confluent", kMed, "Confluent access key",
          assign("confluent", "[a-zA-Z0-9]{16}"), 3.0).Note(kAssignNote));
  add(Def("confluent-secret-key", "Confluent", kHigh, "Confluent secret key",
          assign("confluent", "[a-zA-Z0-9]{64}"), 3.0).Note(kAssignNote));
  add(Def("contentful-delivery-api-token", "Contentful", kLow, "Contentful delivery API token",
          assign("contentful", "[a-zA-Z0-9=_-]{43}"), 3.0).Note(kAssignNote));
  add(Def("dropbox-api-token", "Dropbox", kHigh, "Dropbox API secret",
          assign("dropbox", "[a-z0-9]{15}"), 3.0).Alias("dropbox-api-secret").Note(kAssignNote));
  add(Def("dropbox-short-lived-api-token", "Dropbox", kHigh, "Dropbox short-lived API token",
          assign("dropbox", "sl\\.[a-zA-Z0-9=_-]{135}"), 3.0).Note(kAssignNote));
  add(Def("dropbox-long-lived-api-token", "Dropbox", kHigh, "Dropbox long-lived API token",
          assign("dropbox", "[a-zA-Z0-9]{11}AAAAAAAAAA[a-zA-Z0-9_=-]{43}"), 3.0)
          .Note(kAssignNote));
  add(Def("etsy-access-token", "Etsy", kMed, "Etsy access token",
          assign("etsy", "[a-zA-Z0-9]{24}"), 3.0).Note(kAssignNote));
  add(Def("facebook-secret", "Facebook", kLow, "Facebook application secret",
          assign("facebook", "[a-f0-9]{32}"), 3.0).Alias("facebook-token").Note(kAssignNote));
  add(Def("facebook-page-access-token", "Facebook", kMed, "Facebook page access token",
          token("EAA[MC][a-zA-Z0-9]{100,300}"), 4.0)
          .Note(kTokenNote));
  add(Def("flickr-access-token", "Flickr", kLow, "Flickr access token",
          assign("flickr", "[a-zA-Z0-9]{32}"), 3.0).Note(kAssignNote));
  add(Def("frameio-api-token", "Frameio", kLow, "Frame.io API token",
          token("fio-u-[a-zA-Z0-9_=-]{64}"), 3.0));
  add(Def("freshbooks-access-token", "Freshbooks", kMed, "FreshBooks access token",
          assign("freshbooks", "[a-zA-Z0-9]{64}"), 3.0).Note(kAssignNote));
  add(Def("hubspot-api-key", "HubSpot", kLow, "HubSpot API key", assign("hubspot", kUuid))
          .Alias("hubspot-api-token")
          .Note(kAssignNote));
  add(Def("ionic-api-token", "Ionic", kLow, "Ionic API token",
          assign("ionic", "ion_[a-zA-Z0-9]{42}"), 3.0).Note(kAssignNote));
  add(Def("linear-api-key", "Linear", kMed, "Linear API key", token("lin_api_[a-zA-Z0-9]{40}"),
          2.0).Alias("linear-api-token"));
  add(Def("linear-client-secret", "Linear", kMed, "Linear client secret",
          assign("linear", "[a-f0-9]{32}"), 2.0).Note(kAssignNote));
  add(Def("linkedin-client-id", "LinkedIn", kLow, "LinkedIn client ID",
          assign("linked[_-]?in", "[a-zA-Z0-9]{14}"), 3.0).Note(kAssignNote));
  add(Def("linkedin-client-secret", "LinkedIn", kLow, "LinkedIn client secret",
          assign("linked[_-]?in", "[a-zA-Z0-9]{16}"), 3.0).Note(kAssignNote));
  add(Def("lob-api-key", "Lob", kLow, "Lob API key",
          assign("lob", "(?:live|test)_[a-f0-9]{35}"), 2.0).Note(kAssignNote));
  add(Def("lob-pub-api-key", "Lob", kLow, "Lob publishable API key",
          assign("lob", "(?:test|live)_pub_[a-f0-9]{31}"), 2.0).Note(kAssignNote));
  add(Def("mapbox-api-token", "Mapbox", kMed, "Mapbox public token",
          token("pk\\.[a-zA-Z0-9]{60}\\.[a-zA-Z0-9]{22}"), 3.0));
  add(Def("mapbox-secret-token", "Mapbox", kHigh, "Mapbox secret token",
          token("sk\\.[a-zA-Z0-9]{60}\\.[a-zA-Z0-9]{22}"), 3.0));
  add(Def("notion-api-token", "Notion", kMed, "Notion integration token",
          token("ntn_[0-9]{11}[A-Za-z0-9]{35}"), 4.0));
  add(Def("nytimes-access-token", "NYTimes", kLow, "New York Times API key",
          assign("nytimes|new-york-times|newyorktimes", "[a-zA-Z0-9=_-]{32}"), 3.0)
          .Note(kAssignNote));
  add(Def("postman-api-token", "Postman", kMed, "Postman API key",
          token("PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}"), 3.0));
  add(Def("rapidapi-access-token", "RapidAPI", kMed, "RapidAPI key",
          assign("rapidapi", "[a-zA-Z0-9_-]{50}"), 3.0).Note(kAssignNote));
  add(Def("readme-api-token", "Readme", kMed, "ReadMe API key", token("rdme_[a-z0-9]{70}"), 2.0));
  add(Def("settlemint-access-token", "Settlemint", kMed, "SettleMint access token",
          token("sm_(?:aat|pat|sat)_[a-zA-Z0-9]{16}"), 3.0)
          .Alias("settlemint-personal-access-token"));
  add(Def("sidekiq-secret", "Sidekiq", kMed, "Sidekiq Enterprise credential",
          assign("bundle_enterprise__contribsys__com|bundle_gems__contribsys__com",
                 "[a-f0-9]{8}:[a-f0-9]{8}"))
          .Note(kAssignNote));
  add(Def("sidekiq-sensitive-url", "Sidekiq", kMed, "Sidekiq Enterprise URL with credential",
          R"re(\bhttps?://([a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com)re"));
  add(Def("squarespace-access-token", "Squarespace", kMed, "Squarespace API key",
          assign("squarespace", kUuid)).Note(kAssignNote));
  add(Def("twitch-api-token", "Twitch", kLow, "Twitch API token",
          assign("twitch", "[a-zA-Z0-9]{30}"), 3.0).Note(kAssignNote));
  add(Def("twitter-api-key", "Twitter", kLow, "Twitter API key",
          assign("twitter", "[a-zA-Z0-9]{25}"), 3.0).Alias("twitter-token").Note(kAssignNote));
  add(Def("twitter-api-secret", "Twitter", kLow, "Twitter API secret",
          assign("twitter", "[a-zA-Z0-9]{50}"), 3.0).Note(kAssignNote));
  add(Def("twitter-access-token", "Twitter", kLow, "Twitter access token",
          assign("twitter", "[0-9]{15,25}-[a-zA-Z0-9]{20,40}"), 3.0).Note(kAssignNote));
  add(Def("twitter-access-secret", "Twitter", kLow, "Twitter access secret",
          assign("twitter", "[a-zA-Z0-9]{45}"), 3.0).Note(kAssignNote));
  add(Def("twitter-bearer-token", "Twitter", kLow, "Twitter bearer token",
          assign("twitter", "A{22}[a-zA-Z0-9%]{80,100}"), 3.0).Note(kAssignNote));
  add(Def("typeform-api-token", "Typeform", kLow, "Typeform API token",
          token("tfp_[a-zA-Z0-9_.=-]{59}"), 3.0));
  add(Def("zendesk-secret-key", "Zendesk", kMed, "Zendesk API token",
          assign("zendesk", "[a-zA-Z0-9]{40}"), 3.0).Note(kAssignNote));
}

}  // namespace portcullis::secret_defs
