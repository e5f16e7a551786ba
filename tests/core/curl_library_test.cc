// The on-demand libcurl loader: the real library loads and works; a missing library or one that
// is not libcurl fails with a message naming it; and the executable itself does not link
// libcurl (the point of loading it on demand).
#include "core/curl_library.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace portcullis {
namespace {

TEST(CurlLibrary, LoadsLibcurlOnceAndItsFunctionsWork) {
  auto api = LoadCurl();
  ASSERT_TRUE(api) << api.error().message;
  auto again = LoadCurl();
  ASSERT_TRUE(again);
  EXPECT_EQ(*api, *again);
  // A real call into the loaded library: an error code's text.
  EXPECT_STREQ((*api)->easy_strerror(CURLE_OK), "No error");
  CURL* handle = (*api)->easy_init();
  ASSERT_NE(handle, nullptr);
  EXPECT_EQ((*api)->easy_setopt(handle, CURLOPT_URL, "http://127.0.0.1:1/"), CURLE_OK);
  (*api)->easy_cleanup(handle);
  curl_slist* list = (*api)->slist_append(nullptr, "Accept: */*");
  ASSERT_NE(list, nullptr);
  EXPECT_STREQ(list->data, "Accept: */*");
  (*api)->slist_free_all(list);
}

struct BadLibrary {
  const char* library;
  const char* expected;  // in the error message
};

class CurlLibraryFailure : public testing::TestWithParam<BadLibrary> {};

TEST_P(CurlLibraryFailure, FailsNamingTheLibrary) {
  auto api = OpenCurlLibrary(GetParam().library);
  ASSERT_FALSE(api);
  EXPECT_EQ(api.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(api.error().message.find(GetParam().library), std::string::npos)
      << api.error().message;
  EXPECT_NE(api.error().message.find(GetParam().expected), std::string::npos)
      << api.error().message;
  EXPECT_NE(api.error().message.find("install libcurl4"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CurlLibraryFailure,
    testing::Values(
        // Not installed.
        BadLibrary{"libportcullis-no-such-curl.so.4", "cannot load the HTTP client library"},
        // A library that loads but is not libcurl (zlib is always there: libarchive needs it).
        BadLibrary{"libz.so.1", "has no function curl_global_init"}));

TEST(CurlLibrary, ExecutableDoesNotLinkLibcurl) {
  // The dynamic section of the portcullis binary lists what every run loads.
  const std::string command =
      std::string("LD_TRACE_LOADED_OBJECTS=1 ") + PORTCULLIS_BINARY + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string loaded;
  char buf[4096];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) loaded.append(buf, n);
  ASSERT_EQ(pclose(pipe), 0);
  ASSERT_NE(loaded.find("libc.so.6"), std::string::npos) << loaded;
  EXPECT_EQ(loaded.find("libcurl"), std::string::npos) << loaded;
}

}  // namespace
}  // namespace portcullis
