// The HTTP client, loaded on demand. libcurl (and the ~25 libraries it pulls in: TLS, Kerberos,
// LDAP, SSH, IDN, ...) is not linked into Portcullis: most runs (linting a Dockerfile, checking
// a manifest, scanning a local image) never download anything and should not pay for loading
// it. The first caller of LoadCurl dlopen()s libcurl, resolves the few functions Portcullis uses,
// and runs curl_global_init once; the library stays loaded until the process exits.
//
// Thread-safe: LoadCurl may be called from any thread; the returned table is immutable and its
// functions are libcurl's own (curl_easy_* handles belong to one thread at a time, as libcurl
// says).
#pragma once

#include <curl/curl.h>

#include "portcullis/result.h"

namespace portcullis {

// The shared object LoadCurl opens: libcurl's ABI-stable soname (Debian's libcurl4).
inline constexpr const char* kCurlLibrary = "libcurl.so.4";

// libcurl's functions, as resolved from the loaded library. Same contracts as in curl/curl.h.
struct CurlApi {
  CURLcode (*global_init)(long flags) = nullptr;
  CURL* (*easy_init)() = nullptr;
  void (*easy_cleanup)(CURL* handle) = nullptr;
  CURLcode (*easy_setopt)(CURL* handle, CURLoption option, ...) = nullptr;
  CURLcode (*easy_perform)(CURL* handle) = nullptr;
  CURLcode (*easy_getinfo)(CURL* handle, CURLINFO info, ...) = nullptr;
  const char* (*easy_strerror)(CURLcode code) = nullptr;
  curl_slist* (*slist_append)(curl_slist* list, const char* value) = nullptr;
  void (*slist_free_all)(curl_slist* list) = nullptr;
  // The multi interface: a transfer driven step by step, so a download can be read as a pull
  // stream (src/source/registry/http_client.h).
  CURLM* (*multi_init)() = nullptr;
  CURLMcode (*multi_add_handle)(CURLM* multi, CURL* handle) = nullptr;
  CURLMcode (*multi_remove_handle)(CURLM* multi, CURL* handle) = nullptr;
  CURLMcode (*multi_perform)(CURLM* multi, int* running) = nullptr;
  CURLMcode (*multi_poll)(CURLM* multi, curl_waitfd* extra, unsigned extra_count, int timeout_ms,
                          int* ready) = nullptr;
  CURLMsg* (*multi_info_read)(CURLM* multi, int* queued) = nullptr;
  CURLMcode (*multi_cleanup)(CURLM* multi) = nullptr;
  const char* (*multi_strerror)(CURLMcode code) = nullptr;
};

// libcurl (kCurlLibrary), loaded and initialised on the first call; later calls return the
// same table or the same error. Fails with kUnsupported naming the library when it cannot be
// loaded ("install libcurl4"), lacks one of the functions above, or curl_global_init fails.
[[nodiscard]] Result<const CurlApi*> LoadCurl();

// Loads `library` as LoadCurl does, without caching or curl_global_init: for tests of the
// failure paths (a missing library, a library that is not libcurl). Each call dlopen()s again;
// a loaded library is never unloaded.
[[nodiscard]] Result<CurlApi> OpenCurlLibrary(const char* library);

}  // namespace portcullis
