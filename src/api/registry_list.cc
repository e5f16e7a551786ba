// ListRepositoryTags (portcullis/registry.h) on the registry client of src/source/registry.
#include "portcullis/registry.h"
#include "source/registry/client.h"
#include "source/registry/reference.h"

namespace portcullis {

Result<RepositoryTags> ListRepositoryTags(const std::string& repository,
                                          const RegistryOptions& options, bool with_digests) {
  auto repo = PC_TRY(registry::ParseRepository(repository));
  registry::RegistryClient client(repo.registry, options);
  auto tags = PC_TRY(client.ListTags(repo.repository));
  RepositoryTags out;
  out.registry = repo.registry;
  out.repository = repo.repository;
  for (auto& tag : tags) {
    RepositoryTag row{std::move(tag), ""};
    if (with_digests) row.digest = PC_TRY(client.ResolveDigest(out.repository, row.tag));
    out.tags.push_back(std::move(row));
  }
  return out;
}

}  // namespace portcullis
