// `portcullis sign --key KEY REF`: signs the image REF names in its registry, cosign-style
// (a simple-signing payload in the signature image "sha256-<hex>.sig"; docs/signatures.md).
#include <cstdio>

#include "commands.h"
#include "common.h"
#include "core/files.h"
#include "registry_flags.h"
#include "sign/keys.h"
#include "sign/password.h"
#include "sign/pem.h"
#include "sign/remote_signing.h"

namespace portcullis::cli {

namespace {

struct SignFlags {
  std::string key;
  std::string reference;
  std::vector<std::string> annotations;
  RegistryFlags registry;
};

int RunSign(const SignFlags& f) {
  std::map<std::string, std::string> annotations;
  for (const std::string& a : f.annotations) {
    size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      return ReportError(
          Error{ErrorCode::kInvalidArgument, "annotation \"" + a + "\" is not KEY=VALUE"});
    }
    annotations[a.substr(0, eq)] = a.substr(eq + 1);
  }
  auto options = RegistryOptionsFromFlags(f.registry);
  if (!options) return ReportError(options.error());
  auto text = ReadFileLimited(f.key, sign::kMaxKeyFileBytes);
  if (!text) return ReportError(text.error());
  auto key = sign::LoadPrivateKey(*text, [] { return sign::ReadKeyPassword(false); });
  if (!key) {
    std::fprintf(stderr, "portcullis: %s: %s\n", f.key.c_str(), key.error().ToString().c_str());
    return kExitError;
  }
  sign::ResolvedImage image;
  auto outcome = sign::SignRemoteImage(f.reference, *key, annotations, *options, &image);
  if (!outcome) return ReportError(outcome.error());
  if (outcome->already_signed) {
    std::fprintf(stderr, "%s/%s@%s is already signed with this key (%s:%s)\n",
                 image.registry.c_str(), image.repository.c_str(), image.digest.c_str(),
                 image.repository.c_str(), outcome->tag.c_str());
  } else {
    std::fprintf(stderr, "Pushed signature to %s/%s:%s (%zu signature%s)\n", image.registry.c_str(),
                 image.repository.c_str(), outcome->tag.c_str(), outcome->signatures,
                 outcome->signatures == 1 ? "" : "s");
  }
  return kExitOk;
}

}  // namespace

void AddSignCommand(CLI::App& app, int* exit_code) {
  static SignFlags flags;
  CLI::App* cmd = app.add_subcommand(
      "sign", "sign an image in a registry with a key (cosign-compatible signature)");
  cmd->add_option("--key", flags.key,
                  "private key: cosign.key (password from $PORTCULLIS_KEY_PASSWORD, "
                  "$COSIGN_PASSWORD or the terminal) or a PEM EC P-256 key")
      ->required();
  cmd->add_option("-a,--annotation", flags.annotations,
                  "KEY=VALUE claim added to the signed payload's \"optional\" section");
  cmd->add_option("REF", flags.reference, "[registry/]repository[:tag|@sha256:...]")->required();
  AddRegistryFlags(cmd, flags.registry);
  cmd->callback([exit_code] { *exit_code = RunSign(flags); });
}

}  // namespace portcullis::cli
