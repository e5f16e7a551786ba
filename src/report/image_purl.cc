#include "report/image_purl.h"

#include <algorithm>

#include "core/strings.h"
#include "report/uri.h"

namespace portcullis {

namespace {

bool IsPathComponent(std::string_view c) {
  if (c.empty() || c.size() > 128) return false;
  auto alnum = [](char x) { return (x >= 'a' && x <= 'z') || (x >= '0' && x <= '9'); };
  if (!alnum(c.front()) || !alnum(c.back())) return false;
  return std::ranges::all_of(c, [&](char x) { return alnum(x) || x == '.' || x == '_' || x == '-'; });
}

bool IsTag(std::string_view t) {
  if (t.empty() || t.size() > 128 || t.front() == '.' || t.front() == '-') return false;
  return std::ranges::all_of(t, [](char x) {
    return (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') || (x >= '0' && x <= '9') ||
           x == '_' || x == '.' || x == '-';
  });
}

bool IsRegistry(std::string_view r) {
  if (r.empty() || r.size() > 253) return false;
  return std::ranges::all_of(r, [](char x) {
    return (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') || (x >= '0' && x <= '9') ||
           x == '.' || x == '-' || x == ':';
  });
}

}  // namespace

std::optional<ImageReference> ParseImageReference(std::string_view text) {
  if (text.empty() || text.size() > 512) return std::nullopt;
  ImageReference ref;
  std::string_view rest = text;
  size_t slash = rest.find('/');
  if (slash != std::string_view::npos) {
    std::string_view first = rest.substr(0, slash);
    if (first.find_first_of(".:") != std::string_view::npos || first == "localhost") {
      if (!IsRegistry(first)) return std::nullopt;
      ref.registry = std::string(first);
      rest.remove_prefix(slash + 1);
    }
  }
  size_t last_slash = rest.rfind('/');
  size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos && (last_slash == std::string_view::npos || colon > last_slash)) {
    ref.tag = std::string(rest.substr(colon + 1));
    if (!IsTag(ref.tag)) return std::nullopt;
    rest = rest.substr(0, colon);
  }
  for (std::string_view component : Split(rest, '/')) {
    if (!IsPathComponent(component)) return std::nullopt;
  }
  ref.repository = std::string(rest);
  return ref;
}

std::string OciPurl(const Artifact& artifact) {
  if (artifact.type == "docker-archive" || artifact.digest.empty() ||
      artifact.digest == artifact.config_digest) {
    return "";
  }
  std::optional<ImageReference> ref;
  for (const auto& tag : artifact.repo_tags) {
    // An OCI layout's ref name is often a bare tag ("bookworm"): it names no repository.
    if (tag.find_first_of(":/") == std::string::npos) continue;
    ref = ParseImageReference(tag);
    if (ref) break;
  }
  if (!ref) return "";
  std::string_view repository = ref->repository;
  std::string_view name = repository.substr(repository.rfind('/') + 1);
  std::string purl = "pkg:oci/" + PercentEncode(name) + "@" + PercentEncode(artifact.digest);
  std::vector<std::string> qualifiers;
  size_t arch_slash = artifact.platform.find('/');
  if (arch_slash != std::string::npos) {
    std::string_view arch = std::string_view(artifact.platform).substr(arch_slash + 1);
    arch = arch.substr(0, arch.find('/'));
    if (!arch.empty()) qualifiers.push_back("arch=" + PercentEncode(arch));
  }
  if (!ref->registry.empty()) {
    qualifiers.push_back("repository_url=" + PercentEncode(ref->registry + "/" + ref->repository, "/"));
  }
  if (!ref->tag.empty()) qualifiers.push_back("tag=" + PercentEncode(ref->tag));
  if (!qualifiers.empty()) {
    // Appended piecewise: GCC 12 at -O3 misreports `"?" + string` (bug 105329, -Wrestrict).
    purl += '?';
    purl += Join(qualifiers, "&");
  }
  return purl;
}

}  // namespace portcullis
