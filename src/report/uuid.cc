#include "report/uuid.h"

#include <openssl/evp.h>

#include <fmt/format.h>

namespace portcullis {

std::string UuidV5(const UuidBytes& name_space, std::string_view name) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr);
  EVP_DigestUpdate(ctx, name_space.data(), name_space.size());
  EVP_DigestUpdate(ctx, name.data(), name.size());
  EVP_DigestFinal_ex(ctx, md, &len);
  EVP_MD_CTX_free(ctx);
  md[6] = static_cast<unsigned char>((md[6] & 0x0F) | 0x50);  // version 5
  md[8] = static_cast<unsigned char>((md[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::string hex;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) hex += '-';
    hex += fmt::format("{:02x}", md[i]);
  }
  return hex;
}

}  // namespace portcullis
