// RegistryOptions: how Portcullis reaches images that are not files: an OCI Distribution
// (Docker) registry, or the Docker / Podman daemon. Part of ScanOptions; also taken by
// `portcullis registry` and the signing commands. Plain value type; build it on one thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace portcullis {

struct RegistryOptions {
  // Credentials for every registry of this run. Empty = $PORTCULLIS_USERNAME /
  // $PORTCULLIS_PASSWORD, else the Docker client configuration ($DOCKER_CONFIG/config.json:
  // auths, credHelpers, credsStore), else anonymous.
  std::string username;
  std::string password;
  // Plain HTTP, or HTTPS without certificate verification. Off: HTTPS, verified.
  bool insecure = false;
  // PEM file of extra CA certificates to trust (added to verification, not a replacement when
  // libcurl allows; see README).
  std::string ca_cert;
  // Mirrors of Docker Hub ("mirror.gcr.io", "https://mirror.internal:5000"): a docker.io image
  // is asked of each in order, then of Docker Hub itself.
  std::vector<std::string> registry_mirrors;
  // Docker client configuration directory ("" = $DOCKER_CONFIG, else $HOME/.docker).
  std::string docker_config;

  // Content-addressed blob cache: "" = $XDG_CACHE_HOME/portcullis/blobs.
  std::string cache_dir;
  bool no_cache = false;
  // The cache is trimmed (least recently used first) to this many bytes after each download.
  uint64_t cache_max_bytes = 10ull << 30;

  // Network limits. A connection that does not open within connect_timeout, or that delivers
  // no byte for idle_timeout, fails; 429 and 5xx answers are retried `retries` times with
  // exponential backoff starting at retry_base_ms (a Retry-After header wins, capped at
  // max_retry_after_seconds).
  unsigned connect_timeout_seconds = 30;
  unsigned idle_timeout_seconds = 60;
  unsigned retries = 4;
  unsigned retry_base_ms = 500;
  unsigned max_retry_after_seconds = 60;
  // Largest manifest or index accepted.
  uint64_t max_manifest_bytes = 4ull << 20;

  // Docker Engine API endpoint for docker:IMAGE ("" = $DOCKER_HOST when it is unix://PATH,
  // else /var/run/docker.sock).
  std::string docker_host;
  // Podman's Docker-compatible socket for podman:IMAGE ("" = $XDG_RUNTIME_DIR/podman/
  // podman.sock, else /run/podman/podman.sock).
  std::string podman_socket;
};

}  // namespace portcullis
