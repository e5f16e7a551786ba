// The subcommands of `portcullis`. Each Add*Command registers one subcommand on `app`; when
// that subcommand is chosen, its callback stores the process exit code in `*exit_code`.
// main.cc lists them in an explicit table.
#pragma once

#include <CLI/CLI.hpp>

namespace portcullis::cli {

void AddImageCommands(CLI::App& app, int* exit_code);   // image, fs, sbom
void AddRulesCommand(CLI::App& app, int* exit_code);    // rules
void AddDbCommand(CLI::App& app, int* exit_code);       // db import|update|info
void AddDockerfileCommand(CLI::App& app, int* exit_code);  // dockerfile
void AddConfigCommand(CLI::App& app, int* exit_code);   // config
void AddRegistryCommand(CLI::App& app, int* exit_code);  // registry ls
void AddKeyCommand(CLI::App& app, int* exit_code);     // key generate
void AddSignCommand(CLI::App& app, int* exit_code);    // sign
void AddVerifyCommand(CLI::App& app, int* exit_code);  // verify

}  // namespace portcullis::cli
