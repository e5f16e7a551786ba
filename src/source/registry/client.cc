#include "source/registry/client.h"

#include <charconv>
#include <thread>

#include "core/digest.h"
#include "core/json.h"
#include "core/strings.h"

namespace portcullis::registry {

namespace {

constexpr uint64_t kMaxTokenBytes = 1 << 20;
constexpr uint64_t kMaxErrorBytes = 64 << 10;
constexpr uint64_t kMaxTagPageBytes = 8 << 20;
constexpr int kMaxTagPages = 100;
constexpr size_t kMaxTags = 100'000;
constexpr long kMaxRedirects = 5;

struct Challenge {
  std::string scheme;  // lower-case: "bearer", "basic"
  std::map<std::string, std::string> params;
};

// WWW-Authenticate: Bearer realm="https://auth",service="registry",scope="repository:a:pull"
std::vector<Challenge> ParseChallenges(std::string_view header) {
  std::vector<Challenge> out;
  size_t i = 0;
  auto skip = [&] {
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t' || header[i] == ',')) ++i;
  };
  auto token = [&] {
    size_t start = i;
    while (i < header.size() && header[i] != '=' && header[i] != ' ' && header[i] != ',' &&
           header[i] != '\t') {
      ++i;
    }
    return header.substr(start, i - start);
  };
  while (i < header.size() && out.size() < 16) {
    skip();
    std::string_view name = token();
    if (name.empty()) break;
    if (i < header.size() && header[i] == '=') {
      ++i;
      std::string value;
      if (i < header.size() && header[i] == '"') {
        ++i;
        while (i < header.size() && header[i] != '"') {
          if (header[i] == '\\' && i + 1 < header.size()) ++i;
          value.push_back(header[i++]);
        }
        ++i;
      } else {
        value = std::string(token());
      }
      if (!out.empty()) out.back().params[ToLower(name)] = std::move(value);
    } else {
      out.push_back({ToLower(name), {}});
    }
  }
  return out;
}

bool IsDigest(std::string_view reference) { return reference.find(':') != std::string_view::npos; }

std::string StripParams(std::string_view content_type) {
  if (auto p = content_type.find(';'); p != std::string_view::npos) {
    content_type = content_type.substr(0, p);
  }
  return ToLower(Trim(content_type));
}

// Fails as soon as more than `limit` bytes pass (a blob that never ends).
class BoundedStream : public ByteStream {
 public:
  BoundedStream(std::unique_ptr<ByteStream> inner, uint64_t limit, std::string name)
      : inner_(std::move(inner)), limit_(limit), name_(std::move(name)) {}
  Result<size_t> Read(uint8_t* buf, size_t size) override {
    size_t n = PC_TRY(inner_->Read(buf, size));
    seen_ += n;
    if (seen_ > limit_) {
      return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                   fmt::format("the registry sent more than the blob's declared "
                                               "{} bytes",
                                               limit_),
                                   name_});
    }
    return n;
  }

 private:
  std::unique_ptr<ByteStream> inner_;
  uint64_t limit_;
  uint64_t seen_ = 0;
  std::string name_;
};

// Link: </v2/x/tags/list?n=100&last=b>; rel="next"
std::string NextLink(std::string_view link) {
  auto lt = link.find('<');
  auto gt = link.find('>');
  if (lt == std::string_view::npos || gt == std::string_view::npos || gt < lt) return "";
  if (link.find("rel=\"next\"", gt) == std::string_view::npos &&
      link.find("rel=next", gt) == std::string_view::npos) {
    return "";
  }
  return std::string(link.substr(lt + 1, gt - lt - 1));
}

}  // namespace

std::string PullScope(std::string_view repository) {
  return fmt::format("repository:{}:pull", repository);
}

std::string PushScope(std::string_view repository) {
  return fmt::format("repository:{}:pull,push", repository);
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

RegistryClient::RegistryClient(std::string registry, RegistryOptions options)
    : registry_(std::move(registry)), options_(std::move(options)) {
  host_ = registry_ == "docker.io" ? "registry-1.docker.io" : registry_;
  if (!options_.no_cache) {
    std::string dir = options_.cache_dir.empty() ? BlobCache::DefaultDir() : options_.cache_dir;
    if (!dir.empty()) cache_ = std::make_unique<BlobCache>(dir, options_.cache_max_bytes);
  }
}

std::string RegistryClient::BaseUrl() {
  std::lock_guard lock(mu_);
  return scheme_ + "://" + host_;
}

HttpRequest RegistryClient::Request(std::string method, std::string url) const {
  HttpRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  r.verify_tls = !options_.insecure;
  r.ca_cert = options_.ca_cert;
  r.max_redirects = kMaxRedirects;
  r.connect_timeout_seconds = options_.connect_timeout_seconds;
  r.idle_timeout_seconds = options_.idle_timeout_seconds;
  return r;
}

Result<Credentials> RegistryClient::GetCredentials() {
  std::lock_guard lock(mu_);
  if (!credentials_) credentials_ = FindCredentials(registry_, options_);
  return *credentials_;
}

std::optional<std::string> RegistryClient::AuthorizationFor(const std::string& scope) {
  std::lock_guard lock(mu_);
  if (mode_ == AuthMode::kBasic && credentials_ && *credentials_) {
    return "Basic " + Base64Encode((*credentials_)->username + ":" + (*credentials_)->password);
  }
  if (mode_ == AuthMode::kBearer) {
    auto it = tokens_.find(scope);
    if (it != tokens_.end() && it->second.expires > std::chrono::steady_clock::now()) {
      return "Bearer " + it->second.value;
    }
  }
  return std::nullopt;
}

Result<void> RegistryClient::Authenticate(const HttpTransfer& response, const std::string& scope) {
  std::vector<Challenge> challenges;
  for (const auto& h : response.Headers("www-authenticate")) {
    for (auto& c : ParseChallenges(h)) challenges.push_back(std::move(c));
  }
  const Challenge* bearer = nullptr;
  const Challenge* basic = nullptr;
  for (const auto& c : challenges) {
    if (c.scheme == "bearer" && !bearer) bearer = &c;
    if (c.scheme == "basic" && !basic) basic = &c;
  }
  Credentials creds = PC_TRY(GetCredentials());
  if (bearer == nullptr && basic == nullptr) {
    return Fail(ErrorCode::kNetwork,
                "{}: 401 Unauthorized without a Bearer or Basic challenge (WWW-Authenticate: {})",
                registry_, Excerpt(response.Header("www-authenticate"), 120));
  }
  if (bearer == nullptr) {
    if (creds.empty()) {
      return Fail(ErrorCode::kNetwork,
                  "{} requires a user name and password (basic auth) and none were found: use "
                  "--username with --password-stdin, PORTCULLIS_USERNAME/PORTCULLIS_PASSWORD, or "
                  "`docker login {}`",
                  registry_, registry_);
    }
    std::lock_guard lock(mu_);
    if (mode_ == AuthMode::kBasic) {
      return Fail(ErrorCode::kNetwork, "{} refused the user name and password (from {})", registry_,
                  creds.source);
    }
    mode_ = AuthMode::kBasic;
    return {};
  }
  auto param = [&](const char* name) -> std::string {
    auto it = bearer->params.find(name);
    return it == bearer->params.end() ? "" : it->second;
  };
  std::string realm = param("realm");
  if (!realm.starts_with("https://") && !realm.starts_with("http://")) {
    return Fail(ErrorCode::kNetwork, "{}: the token realm '{}' is not an http(s) URL", registry_,
                Excerpt(realm, 100));
  }
  std::string service = param("service");
  std::string url = realm + (realm.find('?') == std::string::npos ? "?" : "&");
  std::vector<std::string> query;
  if (!service.empty()) query.push_back("service=" + UrlEncode(service));
  query.push_back("scope=" + UrlEncode(scope));
  url += Join(query, "&");
  HttpRequest r = Request("GET", url);
  if (!creds.empty()) {
    r.headers.push_back("Authorization: Basic " +
                        Base64Encode(creds.username + ":" + creds.password));
  }
  auto t = PC_TRY(HttpTransfer::Send(r));
  if (t->status() == 401 || t->status() == 403) {
    return Fail(
        ErrorCode::kNetwork, "{}: the token service {} refused {} (HTTP {})", registry_,
        Excerpt(realm, 100),
        creds.empty() ? std::string("anonymous access") : "the credentials from " + creds.source,
        t->status());
  }
  if (t->status() != 200) {
    return Fail(ErrorCode::kNetwork, "{}: the token service {} answered HTTP {}", registry_,
                Excerpt(realm, 100), t->status());
  }
  std::string body = PC_TRY(ReadBody(*t, kMaxTokenBytes, "token response"));
  auto doc = PC_TRY(ParseJson(body, "token response", kMaxTokenBytes));
  std::string token = JsonString(doc, "token");
  if (token.empty()) token = JsonString(doc, "access_token");
  if (token.empty()) {
    return Fail(ErrorCode::kNetwork, "{}: the token service {} sent no token", registry_,
                Excerpt(realm, 100));
  }
  int64_t expires_in = JsonInt(doc, "expires_in", 60);
  if (expires_in < 10) expires_in = 60;
  std::lock_guard lock(mu_);
  mode_ = AuthMode::kBearer;
  realm_ = realm;
  service_ = service;
  // Renewed 5 s before the issuer's expiry.
  tokens_[scope] = {token, std::chrono::steady_clock::now() + std::chrono::seconds(expires_in - 5)};
  return {};
}

Result<std::unique_ptr<HttpTransfer>> RegistryClient::Do(HttpRequest request,
                                                         const std::string& scope) {
  const std::string target = request.url;
  const bool absolute = target.starts_with("http://") || target.starts_with("https://");
  bool authenticated = false;
  unsigned attempt = 0;
  for (;;) {
    HttpRequest r = request;
    r.url = absolute ? target : BaseUrl() + target;
    if (auto auth = AuthorizationFor(scope)) r.headers.push_back("Authorization: " + *auth);
    auto response = HttpTransfer::Send(r);
    if (!response) {
      std::unique_lock lock(mu_);
      if (options_.insecure && !absolute && scheme_ == "https" && !scheme_decided_) {
        // --insecure: a registry that does not speak TLS is asked again over plain HTTP.
        scheme_ = "http";
        scheme_decided_ = true;
        continue;
      }
      return std::unexpected(response.error());
    }
    {
      std::lock_guard lock(mu_);
      scheme_decided_ = true;
    }
    long status = (*response)->status();
    if (status == 401 && !authenticated) {
      authenticated = true;
      PC_TRY_VOID(Authenticate(**response, scope));
      continue;
    }
    bool retryable =
        status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    if (retryable && attempt < options_.retries) {
      uint64_t delay_ms = static_cast<uint64_t>(options_.retry_base_ms) << std::min(attempt, 10u);
      std::string after((*response)->Header("retry-after"));
      uint64_t seconds = 0;
      auto [p, ec] = std::from_chars(after.data(), after.data() + after.size(), seconds);
      if (!after.empty() && ec == std::errc() && p == after.data() + after.size()) {
        delay_ms = std::min<uint64_t>(seconds, options_.max_retry_after_seconds) * 1000;
      }
      ++attempt;
      response->reset();
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      continue;
    }
    return std::move(*response);
  }
}

Error RegistryClient::StatusError(HttpTransfer& response, std::string_view what) {
  long status = response.status();
  std::string detail;
  if (auto body = ReadBody(response, kMaxErrorBytes, "error response")) {
    auto doc = ParseJson(*body, "error response", kMaxErrorBytes);
    if (doc) {
      std::vector<std::string> parts;
      for (const auto& e : JsonArray(*doc, "errors")) {
        std::string code = JsonString(e, "code");
        std::string message = JsonString(e, "message");
        parts.push_back(Excerpt(code.empty() ? message : code + ": " + message, 200));
        if (parts.size() == 3) break;
      }
      detail = Join(parts, "; ");
    }
  }
  ErrorCode code = status == 404 ? ErrorCode::kNotFound : ErrorCode::kNetwork;
  std::string hint;
  if (status == 401 || status == 403) {
    hint =
        " (check the credentials: --username/--password-stdin, PORTCULLIS_USERNAME, docker "
        "login)";
  }
  return Error{code, fmt::format("{}: HTTP {}{}{}{}", what, status, detail.empty() ? "" : " ",
                                 detail, hint)};
}

Result<Manifest> RegistryClient::GetManifest(const std::string& repository,
                                             const std::string& reference) {
  std::string what = fmt::format("manifest {}/{}:{}", registry_, repository, reference);
  if (IsDigest(reference)) PC_TRY(ParseDigest(reference));
  Manifest m;
  bool from_cache = false;
  if (cache_ && IsDigest(reference)) {
    if (auto s = cache_->Open(reference)) {
      auto text = ReadAll(*s, options_.max_manifest_bytes, what);
      if (text && Sha256Digest(*text) == reference) {
        m.content = std::move(*text);
        from_cache = true;
      }
    }
  }
  if (!from_cache) {
    HttpRequest r = Request("GET", fmt::format("/v2/{}/manifests/{}", repository, reference));
    r.headers.push_back(fmt::format("Accept: {}, {}, {}, {}, {}, {}", kOciIndexType,
                                    kOciManifestType, kDockerListType, kDockerManifestType,
                                    kDockerSchema1SignedType, kDockerSchema1Type));
    auto t = PC_TRY(Do(std::move(r), PullScope(repository)));
    if (t->status() != 200) return std::unexpected(StatusError(*t, what));
    m.content = PC_TRY(ReadBody(*t, options_.max_manifest_bytes, what));
    m.media_type = StripParams(t->Header("content-type"));
    std::string header_digest = t->Header("docker-content-digest");
    m.digest = Sha256Digest(m.content);
    if (header_digest.starts_with("sha256:") && header_digest != m.digest) {
      return Fail(ErrorCode::kDigestMismatch,
                  "{}: the registry says its digest is {} but its bytes hash to {}", what,
                  Excerpt(header_digest, 80), m.digest);
    }
  }
  m.digest = Sha256Digest(m.content);
  if (IsDigest(reference) && m.digest != reference) {
    return Fail(ErrorCode::kDigestMismatch, "{}: the bytes received hash to {}", what, m.digest);
  }
  auto doc = PC_TRY(ParseJson(m.content, what, options_.max_manifest_bytes));
  if (!doc.is_object()) return Fail(ErrorCode::kCorrupt, "{} is not a JSON object", what);
  std::string declared = JsonString(doc, "mediaType");
  if (m.media_type.empty() || m.media_type == "application/json" || m.media_type == "text/plain" ||
      m.media_type == "application/octet-stream") {
    m.media_type = declared;
  }
  if (m.media_type == kDockerSchema1Type || m.media_type == kDockerSchema1SignedType ||
      JsonInt(doc, "schemaVersion", 2) == 1) {
    return Fail(ErrorCode::kUnsupported,
                "{} is a Docker schema 1 manifest, a format deprecated since 2017 that Portcullis "
                "does not read; push the image again with a current docker or skopeo",
                what);
  }
  if (m.media_type.empty()) {
    m.media_type =
        doc.contains("manifests") ? std::string(kOciIndexType) : std::string(kOciManifestType);
  }
  if (cache_ && IsDigest(reference) && !from_cache) cache_->Put(m.digest, m.content);
  return m;
}

Result<std::string> RegistryClient::ResolveDigest(const std::string& repository,
                                                  const std::string& reference) {
  if (IsDigest(reference)) return reference;
  HttpRequest r = Request("HEAD", fmt::format("/v2/{}/manifests/{}", repository, reference));
  r.headers.push_back(fmt::format("Accept: {}, {}, {}, {}", kOciIndexType, kOciManifestType,
                                  kDockerListType, kDockerManifestType));
  auto t = PC_TRY(Do(std::move(r), PullScope(repository)));
  if (t->status() == 200) {
    std::string digest = t->Header("docker-content-digest");
    if (ParseDigest(digest)) return digest;
  } else if (t->status() == 404) {
    return Fail(ErrorCode::kNotFound, "manifest {}/{}:{}: HTTP 404", registry_, repository,
                reference);
  }
  auto m = PC_TRY(GetManifest(repository, reference));
  return m.digest;
}

Result<std::unique_ptr<ByteStream>> RegistryClient::OpenBlob(const std::string& repository,
                                                             const std::string& digest,
                                                             int64_t size) {
  PC_TRY(ParseDigest(digest));
  std::string what = fmt::format("blob {}/{}@{}", registry_, repository, digest);
  if (cache_) {
    if (auto s = cache_->Open(digest)) return s;
  }
  auto t = PC_TRY(Do(Request("GET", fmt::format("/v2/{}/blobs/{}", repository, digest)),
                     PullScope(repository)));
  if (t->status() != 200) return std::unexpected(StatusError(*t, what));
  std::string length = t->Header("content-length");
  uint64_t n = 0;
  auto [p, ec] = std::from_chars(length.data(), length.data() + length.size(), n);
  if (size >= 0 && !length.empty() && ec == std::errc() && n != static_cast<uint64_t>(size)) {
    return Fail(ErrorCode::kCorrupt, "{}: the registry sends {} bytes for a blob of {} bytes", what,
                n, size);
  }
  std::unique_ptr<ByteStream> stream = std::move(t);
  if (size >= 0) {
    stream = std::make_unique<BoundedStream>(std::move(stream), static_cast<uint64_t>(size), what);
  }
  if (cache_) stream = cache_->Tee(std::move(stream), digest);
  return stream;
}

Result<std::unique_ptr<ByteStream>> RegistryClient::GetBlob(const std::string& repository,
                                                            const std::string& digest,
                                                            int64_t size) {
  auto stream = PC_TRY(OpenBlob(repository, digest, size));
  return VerifyDigest(std::move(stream), digest, size,
                      fmt::format("blob {}/{}@{}", registry_, repository, digest));
}

Result<std::vector<std::string>> RegistryClient::ListTags(const std::string& repository) {
  std::vector<std::string> tags;
  std::string url = fmt::format("/v2/{}/tags/list?n=1000", repository);
  std::string what = fmt::format("tags of {}/{}", registry_, repository);
  for (int page = 0; page < kMaxTagPages && !url.empty(); ++page) {
    auto t = PC_TRY(Do(Request("GET", url), PullScope(repository)));
    if (t->status() != 200) return std::unexpected(StatusError(*t, what));
    std::string next = NextLink(t->Header("link"));
    std::string body = PC_TRY(ReadBody(*t, kMaxTagPageBytes, what));
    auto doc = PC_TRY(ParseJson(body, what, kMaxTagPageBytes));
    for (const auto& tag : JsonArray(doc, "tags")) {
      if (!tag.is_string()) continue;
      if (tags.size() >= kMaxTags) {
        return Fail(ErrorCode::kLimitExceeded, "{}: over {} tags", what, kMaxTags);
      }
      tags.push_back(tag.get<std::string>());
    }
    // A relative next link is resolved against the registry; an absolute one must stay on it.
    if (!next.empty() && !next.starts_with("/")) {
      std::string base = BaseUrl();
      if (!next.starts_with(base + "/")) break;
      next = next.substr(base.size());
    }
    url = next;
  }
  return tags;
}

Result<std::string> RegistryClient::PutBlob(const std::string& repository, std::string_view data) {
  std::string digest = Sha256Digest(data);
  std::string what = fmt::format("upload of blob {} to {}/{}", digest, registry_, repository);
  std::string scope = PushScope(repository);
  auto head =
      PC_TRY(Do(Request("HEAD", fmt::format("/v2/{}/blobs/{}", repository, digest)), scope));
  if (head->status() == 200) return digest;
  auto start = PC_TRY(Do(Request("POST", fmt::format("/v2/{}/blobs/uploads/", repository)), scope));
  if (start->status() != 202) return std::unexpected(StatusError(*start, what));
  std::string location = start->Header("location");
  if (location.empty()) return Fail(ErrorCode::kNetwork, "{}: no upload Location", what);
  if (!location.starts_with("http://") && !location.starts_with("https://")) {
    if (!location.starts_with("/")) location = "/" + location;
  }
  location += (location.find('?') == std::string::npos ? "?" : "&");
  location += "digest=" + UrlEncode(digest);
  HttpRequest put = Request("PUT", location);
  put.body = std::string(data);
  put.headers.push_back("Content-Type: application/octet-stream");
  auto done = PC_TRY(Do(std::move(put), scope));
  if (done->status() != 201) return std::unexpected(StatusError(*done, what));
  return digest;
}

Result<std::string> RegistryClient::PutManifest(const std::string& repository,
                                                const std::string& reference,
                                                std::string_view media_type,
                                                std::string_view content) {
  std::string digest = Sha256Digest(content);
  std::string what = fmt::format("upload of manifest {}/{}:{}", registry_, repository, reference);
  HttpRequest put = Request("PUT", fmt::format("/v2/{}/manifests/{}", repository, reference));
  put.body = std::string(content);
  put.headers.push_back("Content-Type: " + std::string(media_type));
  auto t = PC_TRY(Do(std::move(put), PushScope(repository)));
  if (t->status() != 201 && t->status() != 200) return std::unexpected(StatusError(*t, what));
  std::string header = t->Header("docker-content-digest");
  if (header.starts_with("sha256:") && header != digest) {
    return Fail(ErrorCode::kDigestMismatch, "{}: the registry stored it as {}, not {}", what,
                Excerpt(header, 80), digest);
  }
  return digest;
}

}  // namespace portcullis::registry
