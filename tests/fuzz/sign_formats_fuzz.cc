// libFuzzer target: the parsers of signing input an attacker can supply: PEM key files (public,
// private, cosign's encrypted envelope up to key derivation), the envelope JSON, base64, the
// simple-signing payload and signature manifests. Checks round trips where they exist.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sign/base64.h"
#include "sign/key_envelope.h"
#include "sign/keys.h"
#include "sign/payload.h"
#include "sign/pem.h"
#include "sign/signature_image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis::sign;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  if (auto decoded = Base64Decode(input)) {
    if (Base64Encode(*decoded) != input) std::abort();  // strict: one encoding per byte string
  }
  if (auto block = ParsePem(input)) {
    auto again = ParsePem(EncodePem(block->label, block->body));
    if (!again || again->label != block->label || again->body != block->body) std::abort();
  }
  (void)ParseKeyEnvelope(input);
  (void)PublicKey::FromPem(input);
  (void)PublicKey::FromSpkiDer(input);
  (void)PrivateKey::FromPkcs8Der(input);
  (void)PrivateKey::FromSec1Der(input);
  // No password source: an encrypted key is parsed up to the point where scrypt would run.
  (void)LoadPrivateKey(input, nullptr);

  if (auto payload = ParseSimpleSigningPayload(input)) {
    if (payload->manifest_digest.size() != 71) std::abort();
    auto again = ParseSimpleSigningPayload(
        MakeSimpleSigningPayload(payload->docker_reference, payload->manifest_digest));
    if (!again || again->manifest_digest != payload->manifest_digest) std::abort();
  }
  if (auto layers = ParseSignatureManifest(input)) {
    SignatureImage image = BuildSignatureImage(*layers);
    auto again = ParseSignatureManifest(image.manifest);
    if (!again || again->size() != layers->size()) std::abort();
    for (size_t i = 0; i < layers->size(); ++i) {
      if ((*again)[i].digest != (*layers)[i].digest ||
          (*again)[i].annotations != (*layers)[i].annotations) {
        std::abort();
      }
    }
  }
  return 0;
}
