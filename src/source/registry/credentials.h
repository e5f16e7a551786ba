// Registry credentials: where a user name and password for a registry come from, in order:
//   1. RegistryOptions::username/password (--username, --password-stdin),
//   2. $PORTCULLIS_USERNAME / $PORTCULLIS_PASSWORD,
//   3. the Docker client configuration, $DOCKER_CONFIG/config.json (else ~/.docker/config.json):
//      credHelpers[registry], else credsStore, through the docker-credential-NAME helper
//      protocol (`get`, the server URL on stdin, {"Username","Secret"} JSON on stdout), else
//      auths[registry].auth (base64 "user:password") or auths[registry].username/password.
// Nothing found = anonymous. Also the base64 helpers the registry client needs.
// Thread-safe (FindCredentials runs a helper process per call).
#pragma once

#include <string>
#include <string_view>

#include "portcullis/registry_options.h"
#include "portcullis/result.h"

namespace portcullis::registry {

struct Credentials {
  std::string username;
  std::string password;
  std::string source;  // "flags", "environment", "config.json", "docker-credential-NAME"
  bool empty() const { return username.empty() && password.empty(); }
};

// Credentials for `registry` ("docker.io", "host:port"). Fails (kInvalidArgument / kCorrupt)
// only when a configured source is broken: an unreadable or malformed config.json, a helper
// that fails for another reason than "not found"; an absent config is anonymous.
[[nodiscard]] Result<Credentials> FindCredentials(std::string_view registry,
                                                  const RegistryOptions& options);

// Runs `docker-credential-<helper> get` with `server_url` on stdin. Empty credentials when the
// helper says it has none. Output is bounded (64 KiB) and the helper gets 30 s.
[[nodiscard]] Result<Credentials> RunCredentialHelper(std::string_view helper,
                                                      std::string_view server_url);

std::string Base64Encode(std::string_view data);
// Standard alphabet, padding optional; nullopt-like failure as kCorrupt.
[[nodiscard]] Result<std::string> Base64Decode(std::string_view text);

}  // namespace portcullis::registry
