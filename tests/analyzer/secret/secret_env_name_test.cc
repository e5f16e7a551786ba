// The one "is this environment variable name a secret" answer shared by the Dockerfile, runtime
// and image rules: a table of names from real Dockerfiles, compose files and manifests, from the
// examples of Hadolint, Trivy, BuildKit's SecretsUsedInArgOrEnv, KICS and Checkov, and the names
// on which the three former implementations disagreed.
#include "analyzer/secret/secret_env_name.h"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace portcullis {
namespace {

struct Case {
  const char *name;
  bool secret;
};

constexpr Case kCases[] = {
    // The four names the former implementations answered three different ways.
    {"MONKEY_KEY", false},  // MONKEY is not a word that makes KEY a credential
    {"DB_PASS", true},
    {"TOKEN_TTL", false},
    {"SESSION_PWD", true},
    // Passwords.
    {"PASSWORD", true},
    {"DB_PASSWORD", true},
    {"POSTGRES_PASSWORD", true},
    {"MYSQL_ROOT_PASSWORD", true},
    {"MYSQL_PASSWORD", true},
    {"MONGO_INITDB_ROOT_PASSWORD", true},
    {"RABBITMQ_DEFAULT_PASS", true},
    {"REDIS_PASS", true},
    {"REDIS_PASSWD", true},
    {"GPG_PASSPHRASE", true},
    {"ADMIN_PASSWORDS", true},
    {"dbPassword", true},
    {"db-password", true},
    {"db.password", true},
    {"spring.datasource.password", true},
    {"PASSWORD2", true},
    {"JENKINS_PSW", true},
    {"PWD", false},  // the shell's working directory
    {"OLDPWD", false},
    {"PASS", false},
    {"PASSTHROUGH", false},
    {"PASS_THROUGH", false},
    {"SSH_PASS", true},
    {"PASSENGER_VERSION", false},
    {"PASSWORD_FILE", false},
    {"POSTGRES_PASSWORD_FILE", false},
    {"DB_PASSWORD_PATH", false},
    {"PASSWORD_MIN_LENGTH", false},
    {"PASSWORD_POLICY", false},
    {"PASSWORD_RESET_URL", false},
    {"PASS_MAX_DAYS", false},
    {"MYSQL_ALLOW_EMPTY_PASSWORD", true},  // the name reads as one; the rules judge the value
    // Secrets and tokens.
    {"SECRET", true},
    {"JWT_SECRET", true},
    {"client_secret", true},
    {"clientSecret", true},
    {"OAUTH_CLIENT_SECRET", true},
    {"GITHUB_TOKEN", true},
    {"NPM_TOKEN", true},
    {"NODE_AUTH_TOKEN", true},
    {"AWS_SESSION_TOKEN", true},
    {"GITLAB_PRIVATE_TOKEN", true},
    {"authToken", true},
    {"ACCESSTOKEN", true},
    {"DOCKER_REGISTRY_CREDENTIALS", true},
    {"GOOGLE_APPLICATION_CREDENTIALS", true},
    {"CREDS", true},
    {"SECRET_NAME", false},
    {"SECRET_FILE", false},
    {"SECRETS_MANAGER_REGION", false},
    {"TOKEN_EXPIRY", false},
    {"TOKEN_EXPIRES", false},
    {"ACCESS_TOKEN_TIMEOUT", false},
    {"TOKEN_TYPE", false},
    {"TOKEN_URL", false},
    {"AUTH_TOKEN_HEADER", false},
    {"JWT_SECRET_ENABLED", false},
    {"GITHUB_TOKEN_FILE", false},
    {"CLIENT_SECRET_ID", false},
    {"SECRET_ID", false},
    {"REFRESH_TOKEN_LIFETIME", false},
    // Keys.
    {"API_KEY", true},
    {"apiKey", true},
    {"APIKey", true},
    {"APIKEY", true},
    {"x-api-key", true},
    {"AWS_SECRET_ACCESS_KEY", true},
    {"AWS_SECRET_KEY", true},
    {"SECRET_KEY", true},
    {"SECRET_KEY_BASE", true},
    {"DJANGO_SECRET_KEY", true},
    {"PRIVATE_KEY", true},
    {"SSH_PRIVATE_KEY", true},
    {"GPG_PRIVATE_KEY", true},
    {"SSH_KEY", true},
    {"STRIPE_KEY", true},
    {"SENDGRID_KEY", true},
    {"ENCRYPTION_KEY", true},
    {"ENCRYPTION_KEY2", true},
    {"S3SecretKey", true},
    {"AZURE_STORAGE_ACCOUNT_KEY", true},
    {"API_KEYS", true},
    {"AWS_ACCESS_KEY_ID", false},  // an identifier, not the secret
    {"API_KEY_FILE", false},
    {"API_KEY_HEADER", false},
    {"SSH_KEY_PATH", false},
    {"PRIVATE_KEY_PATH", false},
    {"KEY", false},
    {"KEYS", false},
    {"GPG_KEY", false},
    {"GPG_KEYS", false},
    {"PUBLIC_KEY", false},
    {"SSH_PUB_KEY", false},
    {"CACHE_KEY", false},
    {"SORT_KEY", false},
    {"KEYCLOAK_URL", false},
    {"KEY_VAULT_NAME", false},
    // Nothing secret at all.
    {"PATH", false},
    {"HOME", false},
    {"NODE_VERSION", false},
    {"AUTH_ENABLED", false},
    {"LDAP_AUTH", false},
    {"TOKENIZER_MODEL", false},
    {"SECRETARY_EMAIL", false},
    {"", false},
    {"___", false},
};

TEST(SecretEnvName, Table) {
  std::set<std::string> seen;
  for (const Case &c : kCases) {
    EXPECT_TRUE(seen.insert(c.name).second) << "duplicate " << c.name;
    EXPECT_EQ(IsSecretEnvName(c.name), c.secret) << c.name;
  }
  EXPECT_GE(seen.size(), 60u);
}

TEST(SecretEnvName, Words) {
  using W = std::vector<std::string>;
  EXPECT_EQ(EnvNameWords("dbPassword"), (W{"DB", "PASSWORD"}));
  EXPECT_EQ(EnvNameWords("APIKey"), (W{"API", "KEY"}));
  EXPECT_EQ(EnvNameWords("S3SecretKey"), (W{"S3", "SECRET", "KEY"}));
  EXPECT_EQ(EnvNameWords("spring.datasource.password"), (W{"SPRING", "DATASOURCE", "PASSWORD"}));
  EXPECT_EQ(EnvNameWords("x-api-key"), (W{"X", "API", "KEY"}));
  EXPECT_EQ(EnvNameWords("MYSQL_ROOT_PASSWORD"), (W{"MYSQL", "ROOT", "PASSWORD"}));
  EXPECT_EQ(EnvNameWords("__a__"), (W{"A"}));
  EXPECT_TRUE(EnvNameWords("").empty());
}

TEST(SecretEnvName, LongAndBinaryNamesAreBounded) {
  std::string name(100000, 'A');
  name += "_PASSWORD";  // past the bytes that are read
  EXPECT_FALSE(IsSecretEnvName(name));
  EXPECT_LE(EnvNameWords(name).front().size(), 256u);
  std::string binary("\xff\x00PASSWORD\x80", 11);
  EXPECT_TRUE(IsSecretEnvName(binary));
}

}  // namespace
}  // namespace portcullis
