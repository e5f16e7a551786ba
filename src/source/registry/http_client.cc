#include "source/registry/http_client.h"

#include <charconv>
#include <cstring>

#include "core/strings.h"

namespace portcullis::registry {

namespace {

constexpr size_t kMaxHeaderBytes = 256 << 10;
constexpr size_t kMaxHeaderCount = 500;
constexpr int kPollMs = 100;

}  // namespace

HttpTransfer::~HttpTransfer() {
  if (multi_ != nullptr && easy_ != nullptr) api_->multi_remove_handle(multi_, easy_);
  if (easy_ != nullptr) api_->easy_cleanup(easy_);
  if (multi_ != nullptr) api_->multi_cleanup(multi_);
  if (header_list_ != nullptr) api_->slist_free_all(header_list_);
}

size_t HttpTransfer::OnWrite(char* data, size_t size, size_t count, void* self) {
  auto* t = static_cast<HttpTransfer*>(self);
  size_t n = size * count;
  if (t->buffer_pos_ == t->buffer_.size()) {
    t->buffer_.clear();
    t->buffer_pos_ = 0;
  }
  t->buffer_.append(data, n);
  t->got_body_ = true;
  t->last_activity_ = std::chrono::steady_clock::now();
  return n;
}

size_t HttpTransfer::OnHeader(char* data, size_t size, size_t count, void* self) {
  auto* t = static_cast<HttpTransfer*>(self);
  size_t n = size * count;
  t->last_activity_ = std::chrono::steady_clock::now();
  std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {
    // A new response (after a redirect or 100 Continue): only the last one's headers count.
    t->response_headers_.clear();
    t->header_bytes_ = 0;
    t->header_status_ = 0;
    if (auto sp = line.find(' '); sp != std::string_view::npos) {
      std::string_view code = line.substr(sp + 1, 3);
      std::from_chars(code.data(), code.data() + code.size(), t->header_status_);
    }
    return n;
  }
  if (line == "\r\n" || line == "\n") {
    // The end of a response's headers: final unless it is 1xx or a redirect curl follows.
    bool redirect = t->header_status_ >= 300 && t->header_status_ < 400 && t->follow_redirects_ &&
                    !t->Header("location").empty();
    if (t->header_status_ >= 200 && !redirect) t->headers_done_ = true;
    return n;
  }
  t->header_bytes_ += n;
  if (t->header_bytes_ > kMaxHeaderBytes || t->response_headers_.size() >= kMaxHeaderCount) {
    t->headers_too_large_ = true;
    return 0;  // aborts the transfer
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string name = ToLower(Trim(line.substr(0, colon)));
  std::string value(Trim(line.substr(colon + 1)));
  t->response_headers_.emplace_back(std::move(name), std::move(value));
  return n;
}

std::string HttpTransfer::Header(std::string_view name) const {
  std::string lower = ToLower(name);
  for (auto it = response_headers_.rbegin(); it != response_headers_.rend(); ++it) {
    if (it->first == lower) return it->second;
  }
  return "";
}

std::vector<std::string> HttpTransfer::Headers(std::string_view name) const {
  std::string lower = ToLower(name);
  std::vector<std::string> out;
  for (const auto& [n, v] : response_headers_) {
    if (n == lower) out.push_back(v);
  }
  return out;
}

Error HttpTransfer::TransferError() const {
  if (headers_too_large_) {
    return Error{ErrorCode::kLimitExceeded, fmt::format("{} {}: response headers over {} bytes",
                                                        method_, request_url_, kMaxHeaderBytes)};
  }
  std::string detail = error_buffer_[0] != '\0' ? std::string(error_buffer_)
                                                : std::string(api_->easy_strerror(result_));
  if (result_ == CURLE_TOO_MANY_REDIRECTS) {
    return Error{ErrorCode::kNetwork,
                 fmt::format("{} {}: too many redirects ({})", method_, request_url_, detail)};
  }
  if (result_ == CURLE_SSL_CONNECT_ERROR || result_ == CURLE_PEER_FAILED_VERIFICATION ||
      result_ == CURLE_SSL_CACERT_BADFILE) {
    detail +=
        " (TLS: for a private CA use --ca-cert FILE; for a plain-HTTP or self-signed "
        "registry, --insecure)";
  }
  return Error{ErrorCode::kNetwork, fmt::format("{} {}: {}", method_, request_url_, detail)};
}

Result<void> HttpTransfer::Pump(bool want_headers) {
  int running = 0;
  CURLMcode mc = api_->multi_perform(multi_, &running);
  if (mc != CURLM_OK) {
    return Fail(ErrorCode::kNetwork, "{} {}: {}", method_, request_url_, api_->multi_strerror(mc));
  }
  if (running == 0) {
    int queued = 0;
    while (CURLMsg* msg = api_->multi_info_read(multi_, &queued)) {
      if (msg->msg == CURLMSG_DONE) result_ = msg->data.result;
    }
    done_ = true;
    return {};
  }
  if (buffer_pos_ < buffer_.size() || (want_headers && headers_done_)) return {};
  int ready = 0;
  mc = api_->multi_poll(multi_, nullptr, 0, kPollMs, &ready);
  if (mc != CURLM_OK) {
    return Fail(ErrorCode::kNetwork, "{} {}: {}", method_, request_url_, api_->multi_strerror(mc));
  }
  auto idle = std::chrono::steady_clock::now() - last_activity_;
  if (idle > std::chrono::seconds(idle_timeout_seconds_)) {
    return Fail(ErrorCode::kNetwork, "{} {}: no data for {} s (stalled connection; see --timeout)",
                method_, request_url_, idle_timeout_seconds_);
  }
  return {};
}

Result<size_t> HttpTransfer::Read(uint8_t* buf, size_t size) {
  // Time the reader spent between calls is not the server's: the idle clock restarts here, and
  // runs out only while this call waits for bytes.
  if (buffer_pos_ == buffer_.size() && !done_) last_activity_ = std::chrono::steady_clock::now();
  while (buffer_pos_ == buffer_.size() && !done_) PC_TRY_VOID(Pump(false));
  if (buffer_pos_ < buffer_.size()) {
    size_t n = std::min(size, buffer_.size() - buffer_pos_);
    std::memcpy(buf, buffer_.data() + buffer_pos_, n);
    buffer_pos_ += n;
    return n;
  }
  if (result_ != CURLE_OK) return std::unexpected(TransferError());
  return 0;
}

Result<std::unique_ptr<HttpTransfer>> HttpTransfer::Send(const HttpRequest& request) {
  const CurlApi* api = PC_TRY(LoadCurl());
  std::unique_ptr<HttpTransfer> t(new HttpTransfer());
  t->api_ = api;
  t->method_ = request.method;
  t->request_url_ = request.url;
  t->idle_timeout_seconds_ = std::max(1u, request.idle_timeout_seconds);
  t->easy_ = api->easy_init();
  t->multi_ = api->multi_init();
  if (t->easy_ == nullptr || t->multi_ == nullptr) {
    return Fail(ErrorCode::kInternal, "libcurl could not start a transfer");
  }
  CURL* c = t->easy_;
  api->easy_setopt(c, CURLOPT_URL, request.url.c_str());
  api->easy_setopt(c, CURLOPT_ERRORBUFFER, t->error_buffer_);
  api->easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  api->easy_setopt(c, CURLOPT_USERAGENT, "portcullis/" PORTCULLIS_VERSION);
  api->easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  api->easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  t->follow_redirects_ = request.max_redirects > 0;
  api->easy_setopt(c, CURLOPT_FOLLOWLOCATION, request.max_redirects > 0 ? 1L : 0L);
  api->easy_setopt(c, CURLOPT_MAXREDIRS, request.max_redirects);
  api->easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(request.connect_timeout_seconds));
  api->easy_setopt(c, CURLOPT_WRITEFUNCTION, &HttpTransfer::OnWrite);
  api->easy_setopt(c, CURLOPT_WRITEDATA, t.get());
  api->easy_setopt(c, CURLOPT_HEADERFUNCTION, &HttpTransfer::OnHeader);
  api->easy_setopt(c, CURLOPT_HEADERDATA, t.get());
  if (!request.unix_socket.empty()) {
    api->easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, request.unix_socket.c_str());
  }
  if (!request.verify_tls) {
    api->easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    api->easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (!request.ca_cert.empty()) {
    // The given CAs, and the system's (CAPATH) as well.
    api->easy_setopt(c, CURLOPT_CAINFO, request.ca_cert.c_str());
    api->easy_setopt(c, CURLOPT_CAPATH, "/etc/ssl/certs");
  }
  for (const auto& h : request.headers)
    t->header_list_ = api->slist_append(t->header_list_, h.c_str());
  // No "Expect: 100-continue" round trip before an upload.
  t->header_list_ = api->slist_append(t->header_list_, "Expect:");
  api->easy_setopt(c, CURLOPT_HTTPHEADER, t->header_list_);
  if (request.method == "HEAD") {
    api->easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (request.method == "POST" || request.method == "PUT") {
    t->request_body_ = request.body;
    api->easy_setopt(c, CURLOPT_POSTFIELDS, t->request_body_.data());
    api->easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(t->request_body_.size()));
    if (request.method == "PUT") api->easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
  } else if (request.method != "GET") {
    api->easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  api->multi_add_handle(t->multi_, c);
  t->last_activity_ = std::chrono::steady_clock::now();
  while (!t->headers_done_ && !t->got_body_ && !t->done_) PC_TRY_VOID(t->Pump(true));
  if (t->done_ && t->result_ != CURLE_OK) return std::unexpected(t->TransferError());
  api->easy_getinfo(c, CURLINFO_RESPONSE_CODE, &t->status_);
  char* effective = nullptr;
  api->easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &effective);
  t->effective_url_ = effective != nullptr ? effective : request.url;
  return t;
}

Result<std::string> ReadBody(HttpTransfer& transfer, uint64_t max_bytes, std::string_view what) {
  std::string length = transfer.Header("content-length");
  if (!length.empty()) {
    uint64_t n = 0;
    auto [p, ec] = std::from_chars(length.data(), length.data() + length.size(), n);
    if (ec == std::errc() && n > max_bytes) {
      return Fail(ErrorCode::kLimitExceeded, "{} is {} bytes, over the limit of {}", what, n,
                  max_bytes);
    }
  }
  return ReadAll(transfer, max_bytes, what);
}

}  // namespace portcullis::registry
