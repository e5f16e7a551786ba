// portcullis: the command-line front end. Parses flags, calls the library, maps exit codes.
#include <cstdio>

#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include "build_info.h"
#include "commands.h"
#include "common.h"
#include "vulndb/store.h"

namespace {

using AddCommand = void (*)(CLI::App&, int*);

// Every subcommand, in the order `--help` shows them.
constexpr AddCommand kCommands[] = {
    portcullis::cli::AddImageCommands,      // image, fs, sbom
    portcullis::cli::AddDockerfileCommand,  // dockerfile
    portcullis::cli::AddConfigCommand,      // config
    portcullis::cli::AddDbCommand,          // db
    portcullis::cli::AddRulesCommand,       // rules
    portcullis::cli::AddRegistryCommand,    // registry ls
    portcullis::cli::AddKeyCommand,         // key generate
    portcullis::cli::AddSignCommand,        // sign
    portcullis::cli::AddVerifyCommand,      // verify
};

// `portcullis --version` / `-v`: what a bug report needs to name the exact build.
std::string VersionText() {
  return fmt::format(
      "portcullis {}\ncommit: {}\nbuild type: {}\ncompiler: {}\n"
      "vulnerability database schema: {}",
      PORTCULLIS_VERSION, PORTCULLIS_GIT_COMMIT, PORTCULLIS_BUILD_TYPE, PORTCULLIS_COMPILER,
      portcullis::vulndb::VulnDb::kSchemaVersion);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Portcullis: container security scanner (images, SBOMs, vulnerabilities, secrets, "
               "Dockerfiles, runtime configuration)",
               "portcullis"};
  app.set_version_flag("-v,--version", VersionText());
  app.require_subcommand(1);
  int exit_code = portcullis::kExitOk;
  for (AddCommand add : kCommands) add(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return portcullis::kExitUsage;
  } catch (const std::exception& e) {
    // A bug: library code returns Result<T>. Say so and fail rather than abort.
    std::fprintf(stderr, "portcullis: error: internal: unexpected exception: %s\n", e.what());
    return portcullis::kExitError;
  }
  return exit_code;
}
