// HttpTransfer: one HTTP request on libcurl (loaded on demand, core/curl_library.h) whose
// response body is read as a pull ByteStream: the transfer is driven by libcurl's multi
// interface from Read(), so a layer is downloaded at the pace the layer walker consumes it,
// with no thread and no temporary file. Used by the registry client and the Docker / Podman
// daemon source (over a unix socket).
//
// Bounded: connect timeout, idle timeout (no byte for N seconds while Read waits is an error,
// however slowly the reader consumes), redirects (http/https only, at most max_redirects).
// Response headers are bounded in count and size. The body is not bounded here: callers read
// it through ReadAll(max) or a size-checked stream.
//
// A transfer belongs to one thread at a time; different transfers may run on different
// threads.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/curl_library.h"
#include "layer/byte_stream.h"

namespace portcullis::registry {

struct HttpRequest {
  std::string method = "GET";  // GET, HEAD, POST, PUT, DELETE
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // sent with POST and PUT
  // Connect to this unix socket instead of the URL's host (Docker Engine API).
  std::string unix_socket;
  bool verify_tls = true;
  std::string ca_cert;  // extra PEM CA bundle ("" = system store only)
  long max_redirects = 5;
  unsigned connect_timeout_seconds = 30;
  unsigned idle_timeout_seconds = 60;
};

class HttpTransfer : public ByteStream {
 public:
  ~HttpTransfer() override;
  HttpTransfer(const HttpTransfer&) = delete;
  HttpTransfer& operator=(const HttpTransfer&) = delete;

  // The final response's status code (after redirects).
  long status() const { return status_; }
  // The last value of response header `name` (case-insensitive), "" when absent.
  std::string Header(std::string_view name) const;
  // Every value of response header `name` (WWW-Authenticate may repeat).
  std::vector<std::string> Headers(std::string_view name) const;
  // The URL the response came from (after redirects).
  const std::string& url() const { return effective_url_; }

  // Reads the response body. Fails with kNetwork on a broken or stalled transfer.
  Result<size_t> Read(uint8_t* buf, size_t size) override;

  // Sends `request` and waits for the response headers (the body is read later). Fails with
  // kNetwork when the server cannot be reached, TLS fails, redirects loop, or nothing arrives
  // within the timeouts; kUnsupported when libcurl cannot be loaded.
  static Result<std::unique_ptr<HttpTransfer>> Send(const HttpRequest& request);

 private:
  HttpTransfer() = default;
  // One step of the transfer: runs libcurl, then waits (up to 100 ms) for the socket unless
  // body bytes (or, with `want_headers`, the final headers) are in.
  Result<void> Pump(bool want_headers);
  Error TransferError() const;
  static size_t OnWrite(char* data, size_t size, size_t count, void* self);
  static size_t OnHeader(char* data, size_t size, size_t count, void* self);

  const CurlApi* api_ = nullptr;
  CURL* easy_ = nullptr;
  CURLM* multi_ = nullptr;
  curl_slist* header_list_ = nullptr;
  std::string request_body_;
  std::string method_;
  std::string request_url_;
  std::string effective_url_;
  char error_buffer_[CURL_ERROR_SIZE] = {};
  std::string buffer_;
  size_t buffer_pos_ = 0;
  bool done_ = false;
  bool got_body_ = false;
  bool headers_done_ = false;  // the final response's headers are all in
  bool follow_redirects_ = false;
  long header_status_ = 0;  // status of the response whose headers are arriving
  bool headers_too_large_ = false;
  CURLcode result_ = CURLE_OK;
  long status_ = 0;
  std::vector<std::pair<std::string, std::string>> response_headers_;  // lower-case names
  size_t header_bytes_ = 0;
  std::chrono::steady_clock::time_point last_activity_;
  unsigned idle_timeout_seconds_ = 60;
};

// Reads a whole response body into memory; kLimitExceeded (naming `what`) past `max_bytes`,
// checked against Content-Length before reading when the server sends one.
Result<std::string> ReadBody(HttpTransfer& transfer, uint64_t max_bytes, std::string_view what);

}  // namespace portcullis::registry
