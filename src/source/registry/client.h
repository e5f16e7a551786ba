// RegistryClient: an OCI Distribution API v2 client (the Docker Registry HTTP API) for one
// registry. Used by the registry image source, `portcullis registry ls`, and the signing
// commands (src/sign/) to read and push cosign signatures.
//
// Authentication is automatic: a request is sent anonymously (or with what the registry asked
// for before); a 401 answer's WWW-Authenticate challenge is followed: Bearer (a token fetched
// from the challenge's realm for its service and scope, with the credentials of
// credentials.h as basic auth when there are any; tokens are reused per scope until they
// expire) or Basic. TLS is verified unless RegistryOptions::insecure, which also falls back to
// plain HTTP when the registry does not speak TLS. 429 and 5xx answers are retried with
// exponential backoff (Retry-After honoured). Every size is bounded: manifests
// (RegistryOptions::max_manifest_bytes), token and error bodies, redirects (5), blobs (their
// declared size).
//
// Thread-safe: one client may serve several threads at once (the token cache is locked; each
// call makes its own HTTP transfer). Blob streams belong to the thread that reads them.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "layer/byte_stream.h"
#include "portcullis/limits.h"
#include "portcullis/registry_options.h"
#include "source/registry/blob_cache.h"
#include "source/registry/credentials.h"
#include "source/registry/http_client.h"

namespace portcullis::registry {

// Media types of the manifests the client asks for (Accept) and understands.
inline constexpr std::string_view kOciManifestType = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view kOciIndexType = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view kDockerManifestType =
    "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view kDockerListType =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view kDockerSchema1Type =
    "application/vnd.docker.distribution.manifest.v1+json";
inline constexpr std::string_view kDockerSchema1SignedType =
    "application/vnd.docker.distribution.manifest.v1+prettyjws";

struct Manifest {
  std::string media_type;  // from Content-Type, else the document's mediaType
  std::string digest;      // "sha256:<hex>" of `content`, verified
  std::string content;     // the exact bytes (digests are over these)
};

class RegistryClient {
 public:
  // A client for `registry` ("docker.io", "ghcr.io", "127.0.0.1:5000"; docker.io is reached at
  // registry-1.docker.io). Nothing is sent until the first call.
  RegistryClient(std::string registry, RegistryOptions options);

  const std::string& registry() const { return registry_; }

  // GET /v2/<repository>/manifests/<reference> (a tag or "sha256:..."), accepting OCI and
  // Docker schema 2 manifests and indexes. The digest is computed over the bytes; when the
  // reference is a digest the bytes must hash to it, and a Docker-Content-Digest header must
  // agree (kDigestMismatch otherwise). kNotFound for an unknown repository or manifest;
  // kLimitExceeded past max_manifest_bytes; kUnsupported for a schema 1 manifest. Manifests
  // asked for by digest are served from the blob cache when they are in it.
  [[nodiscard]] Result<Manifest> GetManifest(const std::string& repository,
                                             const std::string& reference);

  // The digest of manifest <reference> without downloading it when the registry answers HEAD
  // with Docker-Content-Digest (GET otherwise).
  [[nodiscard]] Result<std::string> ResolveDigest(const std::string& repository,
                                                  const std::string& reference);

  // GET /v2/<repository>/blobs/<digest>, as a stream whose bytes are verified against
  // `digest` (and `size` when >= 0) as they are read: the last Read fails with
  // kDigestMismatch when they differ, and a stream that runs past `size` fails at once. From
  // the blob cache when it holds the blob; otherwise downloaded (and added to the cache once
  // verified).
  [[nodiscard]] Result<std::unique_ptr<ByteStream>> GetBlob(const std::string& repository,
                                                            const std::string& digest,
                                                            int64_t size = -1);

  // As GetBlob, without the digest check (the caller verifies; used by the image source,
  // whose layer reader verifies every blob itself). Size and cache as GetBlob.
  [[nodiscard]] Result<std::unique_ptr<ByteStream>> OpenBlob(const std::string& repository,
                                                             const std::string& digest,
                                                             int64_t size);

  // GET /v2/<repository>/tags/list, following Link pagination (bounded: 100 pages, 100,000
  // tags). Tags in the registry's order.
  [[nodiscard]] Result<std::vector<std::string>> ListTags(const std::string& repository);

  // Uploads `data` as a blob (a HEAD first: nothing is sent when the registry has it; else
  // POST /v2/<repository>/blobs/uploads/ then one monolithic PUT <location>?digest=...).
  // Returns its digest "sha256:<hex>". Needs push access (scope "pull,push").
  [[nodiscard]] Result<std::string> PutBlob(const std::string& repository, std::string_view data);

  // PUT /v2/<repository>/manifests/<reference> with Content-Type `media_type`. Returns the
  // digest of `content` (checked against the registry's Docker-Content-Digest when it sends
  // one). The blobs it names must have been pushed first.
  [[nodiscard]] Result<std::string> PutManifest(const std::string& repository,
                                                const std::string& reference,
                                                std::string_view media_type,
                                                std::string_view content);

  // The blob cache this client uses (nullptr with --no-cache).
  BlobCache* cache() { return cache_.get(); }

 private:
  struct Token {
    std::string value;
    std::chrono::steady_clock::time_point expires;
  };
  // Sends `request` (its url is a path "/v2/..." or an absolute URL) with authorization for
  // `scope`, following one 401 challenge, retrying 429/5xx and network errors. Returns the
  // final response, whatever its status.
  Result<std::unique_ptr<HttpTransfer>> Do(HttpRequest request, const std::string& scope);
  Result<void> Authenticate(const HttpTransfer& challenge, const std::string& scope);
  std::optional<std::string> AuthorizationFor(const std::string& scope);
  Result<Credentials> GetCredentials();
  std::string BaseUrl();
  HttpRequest Request(std::string method, std::string url) const;
  // Turns a non-success response into an Error (registry error JSON message when there is one).
  Error StatusError(HttpTransfer& response, std::string_view what);

  std::string registry_;
  std::string host_;
  RegistryOptions options_;
  std::unique_ptr<BlobCache> cache_;

  std::mutex mu_;  // guards everything below
  std::string scheme_ = "https";
  bool scheme_decided_ = false;
  enum class AuthMode { kUnknown, kAnonymous, kBasic, kBearer } mode_ = AuthMode::kUnknown;
  std::string realm_, service_;
  std::map<std::string, Token> tokens_;  // by scope
  std::optional<Result<Credentials>> credentials_;
};

// "repository:<repository>:pull" / ":pull,push".
std::string PullScope(std::string_view repository);
std::string PushScope(std::string_view repository);

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string UrlEncode(std::string_view text);

}  // namespace portcullis::registry
