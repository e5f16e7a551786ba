// `portcullis registry ls REGISTRY/REPOSITORY`: the tags of a repository with the digest of the
// manifest each names, as a table or JSON, so a CI job or the server can scan a whole
// repository.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "common.h"
#include "registry_flags.h"
#include "portcullis/registry.h"

namespace portcullis::cli {

namespace {

struct LsFlags {
  std::string repository;
  std::string format = "table";
  bool no_digests = false;
  RegistryFlags registry;
};

int RunLs(const LsFlags& f) {
  auto options = RegistryOptionsFromFlags(f.registry);
  if (!options) return ReportError(options.error());
  auto listed = ListRepositoryTags(f.repository, *options, !f.no_digests);
  if (!listed) return ReportError(listed.error());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : listed->tags) rows.push_back({{"tag", row.tag}, {"digest", row.digest}});
  if (f.format == "json") {
    nlohmann::json doc = {
        {"registry", listed->registry}, {"repository", listed->repository}, {"tags", rows}};
    std::printf("%s\n", doc.dump(2).c_str());
    return kExitOk;
  }
  size_t width = 3;
  for (const auto& r : rows) width = std::max(width, r["tag"].get<std::string>().size());
  std::printf("%-*s  %s\n", static_cast<int>(width), "TAG", "DIGEST");
  for (const auto& r : rows) {
    std::printf("%-*s  %s\n", static_cast<int>(width), r["tag"].get<std::string>().c_str(),
                r["digest"].get<std::string>().c_str());
  }
  return kExitOk;
}

}  // namespace

void AddRegistryCommand(CLI::App& app, int* exit_code) {
  static LsFlags ls;
  CLI::App* reg = app.add_subcommand("registry", "talk to an image registry");
  reg->require_subcommand(1);
  CLI::App* cmd = reg->add_subcommand("ls", "list the tags of a repository with their digests");
  cmd->add_option("REPOSITORY", ls.repository,
                  "[registry/]repository, e.g. ghcr.io/org/app or 127.0.0.1:5000/test/app")
      ->required();
  cmd->add_option("-f,--format", ls.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->add_flag("--no-digests", ls.no_digests, "list tags only (no request per tag)");
  AddRegistryFlags(cmd, ls.registry);
  cmd->callback([exit_code] { *exit_code = RunLs(ls); });
}

}  // namespace portcullis::cli
