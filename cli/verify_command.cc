// `portcullis verify --key PUB REF`: checks that the image REF names carries a cosign
// signature that verifies with PUB (docs/signatures.md). Prints the verified payloads as a
// JSON array on stdout (as cosign does); exits 1 with the reason when there is none.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "common.h"
#include "core/files.h"
#include "registry_flags.h"
#include "sign/keys.h"
#include "sign/pem.h"
#include "sign/remote_signing.h"

namespace portcullis::cli {

namespace {

struct VerifyFlags {
  std::string key;
  std::string reference;
  RegistryFlags registry;
};

int RunVerify(const VerifyFlags& f) {
  auto options = RegistryOptionsFromFlags(f.registry);
  if (!options) return ReportError(options.error());
  auto text = ReadFileLimited(f.key, sign::kMaxKeyFileBytes);
  if (!text) return ReportError(text.error());
  auto key = sign::PublicKey::FromPem(*text);
  if (!key) {
    std::fprintf(stderr, "portcullis: %s: %s\n", f.key.c_str(), key.error().ToString().c_str());
    return kExitError;
  }
  sign::ResolvedImage image;
  auto result = sign::VerifyRemoteImage(f.reference, *key, *options, &image);
  if (!result) return ReportError(result.error());
  std::string name = image.registry + "/" + image.repository + "@" + image.digest;
  if (!result->verified) {
    std::fprintf(stderr, "portcullis: verification failed for %s: %s\n", name.c_str(),
                 result->message.c_str());
    return kExitError;
  }
  nlohmann::json payloads = nlohmann::json::array();
  for (const std::string& payload : result->payloads) {
    // Verified bytes, parsed only for printing (they were checked as stored).
    payloads.push_back(nlohmann::json::parse(payload, nullptr, false));
  }
  std::printf("%s\n",
              payloads.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  std::fprintf(stderr, "Verification for %s: %s\n", name.c_str(), result->message.c_str());
  return kExitOk;
}

}  // namespace

void AddVerifyCommand(CLI::App& app, int* exit_code) {
  static VerifyFlags flags;
  CLI::App* cmd = app.add_subcommand(
      "verify", "verify an image's cosign signature with a public key (exit 1 when none verifies)");
  cmd->add_option("--key", flags.key, "public key: cosign.pub (PEM \"PUBLIC KEY\")")->required();
  cmd->add_option("REF", flags.reference, "[registry/]repository[:tag|@sha256:...]")->required();
  AddRegistryFlags(cmd, flags.registry);
  cmd->callback([exit_code] { *exit_code = RunVerify(flags); });
}

}  // namespace portcullis::cli
