#include "registry_flags.h"

#include <iostream>
#include <string>

namespace portcullis::cli {

void AddRegistryFlags(CLI::App* cmd, RegistryFlags& f) {
  RegistryOptions& o = f.options;
  cmd->add_option("--username", o.username,
                  "registry user name (default $PORTCULLIS_USERNAME, else the Docker config)");
  cmd->add_flag("--password-stdin", f.password_stdin,
                "read the registry password from the first line of stdin");
  cmd->add_flag("--insecure", o.insecure,
                "allow plain HTTP registries and HTTPS without certificate verification");
  cmd->add_option("--ca-cert", o.ca_cert, "PEM file of CA certificates to trust for registries");
  cmd->add_option("--registry-mirror", o.registry_mirrors,
                  "mirror of Docker Hub, tried before it (repeatable)");
  cmd->add_option("--docker-config", o.docker_config,
                  "Docker client config directory (default $DOCKER_CONFIG, else ~/.docker)");
  cmd->add_option("--cache-dir", o.cache_dir,
                  "registry blob cache (default $XDG_CACHE_HOME/portcullis/blobs)");
  cmd->add_flag("--no-cache", o.no_cache, "neither read nor fill the registry blob cache");
  cmd->add_option("--cache-max-bytes", o.cache_max_bytes,
                  "trim the blob cache to this size, least recently used first")
      ->capture_default_str();
  cmd->add_option("--timeout", o.idle_timeout_seconds,
                  "seconds a registry or daemon connection may deliver nothing before it fails")
      ->capture_default_str();
  cmd->add_option("--connect-timeout", o.connect_timeout_seconds,
                  "seconds to open a connection to a registry")
      ->capture_default_str();
  cmd->add_option("--retries", o.retries, "retries of a registry request answered 429 or 5xx")
      ->capture_default_str();
  cmd->add_option("--docker-host", o.docker_host,
                  "Docker Engine socket for docker:IMAGE (default $DOCKER_HOST, else "
                  "/var/run/docker.sock)");
  cmd->add_option("--podman-socket", o.podman_socket,
                  "Podman socket for podman:IMAGE (default $XDG_RUNTIME_DIR/podman/podman.sock, "
                  "else /run/podman/podman.sock)");
}

Result<RegistryOptions> RegistryOptionsFromFlags(const RegistryFlags& f) {
  RegistryOptions o = f.options;
  if (f.password_stdin) {
    if (o.username.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "--password-stdin needs --username");
    }
    std::string line;
    std::getline(std::cin, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
    o.password = line;
  }
  return o;
}

}  // namespace portcullis::cli
