#include "source/registry/reference.h"

#include "core/digest.h"
#include "core/strings.h"

namespace portcullis::registry {

namespace {

constexpr size_t kMaxReferenceLength = 4096;
constexpr size_t kMaxTagLength = 128;

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// One path component: lower-case alphanumerics separated by '.', '_', '__' or runs of '-'.
bool ValidComponent(std::string_view c) {
  if (c.empty() || !IsLowerAlnum(c.front()) || !IsLowerAlnum(c.back())) return false;
  for (size_t i = 0; i < c.size(); ++i) {
    char ch = c[i];
    if (IsLowerAlnum(ch) || ch == '-') continue;
    if (ch == '.' || ch == '_') {
      // No two separators in a row, except "__".
      if (!IsLowerAlnum(c[i - 1]) &&
          !(ch == '_' && c[i - 1] == '_' && i >= 2 && IsLowerAlnum(c[i - 2]))) {
        return false;
      }
      continue;
    }
    return false;
  }
  return true;
}

bool ValidTag(std::string_view t) {
  if (t.empty() || t.size() > kMaxTagLength) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    bool word =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!word && (i == 0 || (c != '.' && c != '-'))) return false;
  }
  return true;
}

bool ValidHost(std::string_view h) {
  if (h.empty() || h.size() > 255) return false;
  if (!(IsLowerAlnum(static_cast<char>(h[0] | 0x20)) || h[0] == '[')) return false;
  if (h.back() == '.' || h.back() == '-' || h.back() == ':') return false;
  for (char c : h) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

Result<Reference> Parse(std::string_view text, bool allow_tag) {
  std::string_view original = text;
  if (text.starts_with("registry:")) text.remove_prefix(9);
  auto bad = [&](std::string_view why) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' is not an image reference: {}",
                Excerpt(original, 100), why);
  };
  if (text.empty()) return bad("it is empty");
  if (text.size() > kMaxReferenceLength) return bad("it is too long");
  Reference ref;
  if (auto at = text.find('@'); at != std::string_view::npos) {
    if (!allow_tag) return bad("a repository takes no digest");
    auto digest = ParseDigest(text.substr(at + 1));
    if (!digest) return bad(digest.error().message);
    ref.digest = digest->ToString();
    text = text.substr(0, at);
  }
  auto slash = text.rfind('/');
  auto colon = text.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    if (!allow_tag) return bad("a repository takes no tag");
    std::string_view tag = text.substr(colon + 1);
    if (!ValidTag(tag)) return bad(fmt::format("bad tag '{}'", Excerpt(tag, 40)));
    ref.tag = std::string(tag);
    text = text.substr(0, colon);
  }
  std::string_view repo = text;
  auto first_slash = text.find('/');
  if (first_slash != std::string_view::npos) {
    std::string_view first = text.substr(0, first_slash);
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
        first == "localhost") {
      if (!ValidHost(first)) return bad(fmt::format("bad registry '{}'", Excerpt(first, 60)));
      ref.registry = ToLower(first);
      repo = text.substr(first_slash + 1);
    }
  }
  if (ref.registry.empty() || ref.registry == "index.docker.io" ||
      ref.registry == "registry-1.docker.io") {
    ref.registry = std::string(kDockerHub);
  }
  if (repo.empty()) return bad("the repository is empty");
  for (auto component : Split(repo, '/')) {
    if (!ValidComponent(component)) {
      return bad(
          fmt::format("bad repository component '{}' (lower-case letters, digits and "
                      "'.', '_', '-' separators only)",
                      Excerpt(component, 60)));
    }
  }
  ref.repository = std::string(repo);
  if (ref.registry == kDockerHub && repo.find('/') == std::string_view::npos) {
    ref.repository = "library/" + ref.repository;
  }
  if (allow_tag && ref.tag.empty() && ref.digest.empty()) ref.tag = "latest";
  return ref;
}

}  // namespace

std::string Reference::ToString() const {
  std::string out = registry + "/" + repository;
  if (!tag.empty()) out += ":" + tag;
  if (!digest.empty()) out += "@" + digest;
  return out;
}

std::string Reference::ApiHost() const {
  return registry == kDockerHub ? std::string("registry-1.docker.io") : registry;
}

Result<Reference> ParseReference(std::string_view text) { return Parse(text, true); }

Result<Reference> ParseRepository(std::string_view text) { return Parse(text, false); }

}  // namespace portcullis::registry
