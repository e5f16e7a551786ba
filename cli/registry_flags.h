// The flags that say how to reach registries and daemons (RegistryOptions), shared by `image`,
// `sbom`, `registry ls` and the signing commands. Used from the main thread only.
#pragma once

#include <CLI/CLI.hpp>

#include "portcullis/registry_options.h"
#include "portcullis/result.h"

namespace portcullis::cli {

struct RegistryFlags {
  RegistryOptions options;
  bool password_stdin = false;
};

// Adds --username, --password-stdin, --insecure, --ca-cert, --registry-mirror, --docker-config, --cache-dir,
// --no-cache, --cache-max-bytes, --timeout (idle), --connect-timeout, --retries,
// --docker-host and --podman-socket to `cmd`.
void AddRegistryFlags(CLI::App* cmd, RegistryFlags& flags);

// The options the flags describe; reads the password from stdin (first line) when
// --password-stdin was given. kInvalidArgument when --password-stdin comes without --username.
[[nodiscard]] Result<RegistryOptions> RegistryOptionsFromFlags(const RegistryFlags& flags);

}  // namespace portcullis::cli
