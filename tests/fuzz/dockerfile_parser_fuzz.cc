// libFuzzer target: the Dockerfile parser and every PC-DF rule on arbitrary input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/dockerfile/dockerfile.h"
#include "rules/dockerfile/linter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  portcullis::dockerfile::LintOptions options;
  options.policy.trusted_registries = {"docker.io"};
  portcullis::Report report;
  portcullis::dockerfile::LintDockerfile(text, "Dockerfile", options, report);
  portcullis::dockerfile::Env env{{"A", "x"}};
  (void)portcullis::dockerfile::ExpandWord(text.substr(0, 4096), env);
  (void)portcullis::dockerfile::ParseImageRef(text.substr(0, 512));
  return 0;
}
