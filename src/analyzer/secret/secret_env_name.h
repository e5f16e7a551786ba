// Whether an environment variable (or build argument) name says its value is a secret. The one
// answer used by the Dockerfile rules (ENV/ARG secrets, PC-DF-052/053), the runtime rules
// (literal secrets in Kubernetes/compose/docker run environments) and the image rules
// (credential-like config.Env entries, PC-IMG-015). It looks at the name only; each rule decides
// separately which values are harmless (paths, booleans, variable references).
//
// How a name is read:
//   1. It is split into words at every character that is not an ASCII letter or digit (`_`,
//      `-`, `.`, ...) and at camelCase boundaries ("dbPassword" -> DB PASSWORD, "APIKey" ->
//      API KEY, "S3Key" -> S3 KEY); words are compared upper-case, with trailing digits
//      ignored ("PASSWORD2" is PASSWORD).
//   2. Secret words: PASSWORD(S), PASSWD, PASSPHRASE, PASS, PWD, PSW, SECRET(S), TOKEN(S),
//      CREDENTIAL(S), CREDS, and the compounds APIKEY, APITOKEN, SECRETKEY, ACCESSKEY,
//      PRIVATEKEY, AUTHKEY, AUTHTOKEN, ACCESSTOKEN. PASS and PWD count only as the last word of
//      a name of two or more words (DB_PASS, SESSION_PWD; a bare `PWD` is the shell's working
//      directory, PASS_THROUGH is not a password).
//   3. KEY / KEYS is a secret word only right after a word that makes a key a credential: API,
//      ACCESS, PRIVATE, SECRET, CLIENT, ENCRYPTION, DECRYPTION, SIGNING, MASTER, ACCOUNT, AUTH,
//      LICENSE, SERVICE, STORAGE, SSH, APP, HMAC, JWT, SESSION, SHARED, ADMIN, CRYPTO, STRIPE,
//      SENDGRID. So CACHE_KEY, GPG_KEY, PUBLIC_KEY, MONKEY_KEY and a bare KEY are not secrets.
//      AUTH alone is not a secret word either (ENABLE_AUTH and LDAP_AUTH are settings).
//   4. The name is a secret when it has a secret word and no qualifier word follows the last
//      secret word. A qualifier makes the name describe or point at a secret instead of holding
//      it: FILE(S), PATH, DIR (Docker's `*_FILE` convention names a file holding the secret),
//      ID(S) (AWS_ACCESS_KEY_ID is an identifier), NAME(S), USER, USERNAME, TYPE, KIND, MODE,
//      FORMAT, ALGORITHM, ALG, LENGTH, LEN, SIZE, MIN, MAX, COUNT, TTL, TIMEOUT, LIFETIME,
//      PERIOD, EXPIRY, EXPIRES, EXPIRE, EXPIRATION, ROTATION, ENABLED, ENABLE, DISABLED,
//      REQUIRED, POLICY, VERSION, HEADER, FIELD, PARAM, PREFIX, REF, SOURCE, PROVIDER, STORE,
//      ISSUER, AUDIENCE, SCOPE(S), URL, URI, ENDPOINT, HOST, PORT, SERVER, REGION, LOCATION,
//      ARN, MOUNT, FINGERPRINT. So TOKEN_TTL, SECRET_NAME, PASSWORD_MIN_LENGTH and
//      POSTGRES_PASSWORD_FILE are not secrets, while AWS_SECRET_ACCESS_KEY, SECRET_KEY_BASE,
//      DB_PASS and SESSION_PWD are.
//
// Names are untrusted: any bytes, any length (only the first 256 bytes are read). Pure
// functions; call them from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portcullis {

// The words of `name` as described in step 1 (upper-case, trailing digits kept).
std::vector<std::string> EnvNameWords(std::string_view name);

// True when `name` reads as a variable holding a secret value (steps 2-4 above).
bool IsSecretEnvName(std::string_view name);

}  // namespace portcullis
