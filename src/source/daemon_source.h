// The Docker / Podman daemon source (docker:IMAGE, podman:IMAGE): see daemon_source.cc.
// Internal to src/source/. Thread-safe (no shared state).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "portcullis/registry_options.h"
#include "source/source.h"

namespace portcullis::source_internal {

// The unix socket of `kind` ("docker": RegistryOptions::docker_host, $DOCKER_HOST (unix://PATH),
// /var/run/docker.sock; "podman": RegistryOptions::podman_socket,
// $XDG_RUNTIME_DIR/podman/podman.sock when it exists, /run/podman/podman.sock). kUnsupported
// for a tcp:// endpoint.
Result<std::string> DaemonSocket(std::string_view kind, const RegistryOptions& options);

// Exports image `name` from the daemon and opens it as a docker-archive. The artifact is named
// "docker:NAME" / "podman:NAME". kNotFound when the socket is missing or the daemon has no such
// image.
Result<std::unique_ptr<Source>> OpenDaemonImage(std::string_view kind, const std::string& name,
                                                const Limits& limits,
                                                const RegistryOptions& options);

}  // namespace portcullis::source_internal
