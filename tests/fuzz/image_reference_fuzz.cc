// libFuzzer target: ParseImageReference on arbitrary repository tags (image archives are
// untrusted). A reference that parses must print back to one that parses the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "report/image_purl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto ref = portcullis::ParseImageReference(input);
  if (!ref) return 0;
  std::string printed = (ref->registry.empty() ? "" : ref->registry + "/") + ref->repository +
                        (ref->tag.empty() ? "" : ":" + ref->tag);
  auto again = portcullis::ParseImageReference(printed);
  if (!again || again->registry != ref->registry || again->repository != ref->repository ||
      again->tag != ref->tag) {
    std::abort();
  }
  portcullis::Artifact artifact;
  artifact.type = "oci-layout";
  artifact.digest = "sha256:00";
  artifact.repo_tags = {std::string(input)};
  artifact.platform = "linux/amd64";
  std::string purl = portcullis::OciPurl(artifact);
  for (char c : purl) {
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f) std::abort();
  }
  return 0;
}
