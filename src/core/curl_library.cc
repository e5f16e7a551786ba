#include "core/curl_library.h"

#include <dlfcn.h>

#include <string>

namespace portcullis {

namespace {

// Resolves `name` in `handle` into `fn`; false (and `missing` set) when it is absent.
template <typename Fn>
bool Resolve(void* handle, const char* name, Fn*& fn, std::string& missing) {
  void* sym = dlsym(handle, name);
  if (sym == nullptr) {
    if (missing.empty()) missing = name;
    return false;
  }
  fn = reinterpret_cast<Fn*>(sym);
  return true;
}

}  // namespace

Result<CurlApi> OpenCurlLibrary(const char* library) {
  // RTLD_LOCAL: libcurl's symbols stay out of the global namespace; RTLD_NOW: a broken
  // installation fails here, with a message, rather than at the first request.
  void* handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    return Fail(ErrorCode::kUnsupported,
                "cannot load the HTTP client library {} ({}); install libcurl4 to download",
                library, why != nullptr ? why : "unknown error");
  }
  CurlApi api;
  std::string missing;
  bool ok = Resolve(handle, "curl_global_init", api.global_init, missing);
  ok &= Resolve(handle, "curl_easy_init", api.easy_init, missing);
  ok &= Resolve(handle, "curl_easy_cleanup", api.easy_cleanup, missing);
  ok &= Resolve(handle, "curl_easy_setopt", api.easy_setopt, missing);
  ok &= Resolve(handle, "curl_easy_perform", api.easy_perform, missing);
  ok &= Resolve(handle, "curl_easy_getinfo", api.easy_getinfo, missing);
  ok &= Resolve(handle, "curl_easy_strerror", api.easy_strerror, missing);
  ok &= Resolve(handle, "curl_slist_append", api.slist_append, missing);
  ok &= Resolve(handle, "curl_slist_free_all", api.slist_free_all, missing);
  ok &= Resolve(handle, "curl_multi_init", api.multi_init, missing);
  ok &= Resolve(handle, "curl_multi_add_handle", api.multi_add_handle, missing);
  ok &= Resolve(handle, "curl_multi_remove_handle", api.multi_remove_handle, missing);
  ok &= Resolve(handle, "curl_multi_perform", api.multi_perform, missing);
  ok &= Resolve(handle, "curl_multi_poll", api.multi_poll, missing);
  ok &= Resolve(handle, "curl_multi_info_read", api.multi_info_read, missing);
  ok &= Resolve(handle, "curl_multi_cleanup", api.multi_cleanup, missing);
  ok &= Resolve(handle, "curl_multi_strerror", api.multi_strerror, missing);
  if (!ok) {
    // Not libcurl (or a stripped-down build of it): nothing of it is used, so it is unloaded.
    dlclose(handle);
    return Fail(ErrorCode::kUnsupported,
                "{} is not a usable libcurl: it has no function {}; install libcurl4 to download",
                library, missing);
  }
  return api;
}

Result<const CurlApi*> LoadCurl() {
  static const Result<CurlApi> kApi = []() -> Result<CurlApi> {
    CurlApi api = PC_TRY(OpenCurlLibrary(kCurlLibrary));
    if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      return Fail(ErrorCode::kUnsupported, "{} could not be initialised (curl_global_init)",
                  kCurlLibrary);
    }
    return api;
  }();
  if (!kApi) return std::unexpected(kApi.error());
  return &*kApi;
}

}  // namespace portcullis
