// Reference resolution and the remote sign / verify operations.
#include "sign/remote_signing.h"

#include "sign/registry_store.h"
#include "source/registry/client.h"
#include "source/registry/reference.h"

namespace portcullis::sign {
namespace {

Result<ResolvedImage> Resolve(registry::RegistryClient& client, const registry::Reference& ref) {
  ResolvedImage image;
  image.registry = ref.registry;
  image.repository = ref.repository;
  // cosign names the repository as go-containerregistry does: Docker Hub is "index.docker.io".
  image.docker_reference =
      (ref.registry == registry::kDockerHub ? std::string("index.docker.io") : ref.registry) + "/" +
      ref.repository;
  if (!ref.digest.empty()) {
    // Make sure the manifest is there: signing or trusting a digest that names nothing helps
    // no one.
    auto manifest = client.GetManifest(ref.repository, ref.digest);
    if (!manifest) return std::unexpected(manifest.error());
    image.digest = manifest->digest;
  } else {
    image.digest = PC_TRY(client.ResolveDigest(ref.repository, ref.tag));
  }
  return image;
}

}  // namespace

Result<ResolvedImage> ResolveImage(std::string_view reference, const RegistryOptions& options) {
  registry::Reference ref = PC_TRY(registry::ParseReference(reference));
  registry::RegistryClient client(ref.registry, options);
  return Resolve(client, ref);
}

Result<SignOutcome> SignRemoteImage(std::string_view reference, const PrivateKey& key,
                                    const std::map<std::string, std::string>& annotations,
                                    const RegistryOptions& options, ResolvedImage* resolved) {
  registry::Reference ref = PC_TRY(registry::ParseReference(reference));
  registry::RegistryClient client(ref.registry, options);
  ResolvedImage image = PC_TRY(Resolve(client, ref));
  if (resolved) *resolved = image;
  RegistryStore store(client, image.repository);
  return SignImage(store, key, {image.docker_reference, image.digest, annotations});
}

Result<Verification> VerifyRemoteImage(std::string_view reference, const PublicKey& key,
                                       const RegistryOptions& options, ResolvedImage* resolved) {
  registry::Reference ref = PC_TRY(registry::ParseReference(reference));
  registry::RegistryClient client(ref.registry, options);
  ResolvedImage image = PC_TRY(Resolve(client, ref));
  if (resolved) *resolved = image;
  RegistryStore store(client, image.repository);
  return VerifyImage(store, key, image.digest);
}

}  // namespace portcullis::sign
