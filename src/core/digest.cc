#include "core/digest.h"

#include <openssl/evp.h>

namespace portcullis {

struct Sha256::State {
  EVP_MD_CTX* ctx = nullptr;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr);
}

Sha256::~Sha256() { EVP_MD_CTX_free(state_->ctx); }

void Sha256::Update(const void* data, size_t size) {
  if (size > 0) EVP_DigestUpdate(state_->ctx, data, size);
}

std::string Sha256::Finish() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(state_->ctx, md, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "sha256:";
  out.reserve(7 + 2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 15]);
  }
  return out;
}

std::string Sha256Digest(std::string_view data) {
  Sha256 h;
  h.Update(data.data(), data.size());
  return h.Finish();
}

Result<Digest> ParseDigest(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    return Fail(ErrorCode::kCorrupt, "digest '{}' has no algorithm prefix", text.substr(0, 100));
  }
  Digest d{std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
  size_t want = 0;
  if (d.algorithm == "sha256") {
    want = 64;
  } else if (d.algorithm == "sha512") {
    want = 128;
  } else {
    return Fail(ErrorCode::kUnsupported, "digest algorithm '{}' is not supported",
                d.algorithm.substr(0, 20));
  }
  if (d.hex.size() != want) {
    return Fail(ErrorCode::kCorrupt, "digest '{}' must have {} hex characters",
                text.substr(0, 140), want);
  }
  for (char c : d.hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return Fail(ErrorCode::kCorrupt, "digest '{}' is not lower-case hex", text.substr(0, 140));
    }
  }
  return d;
}

}  // namespace portcullis
