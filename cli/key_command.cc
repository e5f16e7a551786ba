// `portcullis key generate`: writes a cosign-compatible key pair (cosign.key, encrypted with
// the key password; cosign.pub), as `cosign generate-key-pair` does. Format: docs/signatures.md.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "commands.h"
#include "common.h"
#include "sign/keys.h"
#include "sign/password.h"

namespace portcullis::cli {

namespace {

struct KeyFlags {
  std::string prefix = "cosign";
  bool force = false;
};

// Writes `data` to `path` with `mode`; refuses an existing file unless `force`.
Result<void> WriteKeyFile(const std::string& path, std::string_view data, mode_t mode, bool force) {
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL);
  int fd = open(path.c_str(), flags, mode);
  if (fd < 0) {
    if (errno == EEXIST) {
      return Fail(ErrorCode::kInvalidArgument, "{} exists; use --force to overwrite it", path);
    }
    return Fail(ErrorCode::kIo, "cannot create {}: {}", path, std::strerror(errno));
  }
  if (force) fchmod(fd, mode);
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      close(fd);
      return Fail(ErrorCode::kIo, "cannot write {}: {}", path, std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  if (close(fd) != 0) return Fail(ErrorCode::kIo, "cannot write {}", path);
  return {};
}

int RunGenerate(const KeyFlags& f) {
  std::string key_path = f.prefix + ".key";
  std::string pub_path = f.prefix + ".pub";
  if (!f.force) {
    for (const std::string& path : {key_path, pub_path}) {
      if (access(path.c_str(), F_OK) == 0) {
        return ReportError(
            Error{ErrorCode::kInvalidArgument, path + " exists; use --force to overwrite it"});
      }
    }
  }
  auto password = sign::ReadKeyPassword(/*confirm=*/true);
  if (!password) return ReportError(password.error());
  auto key = sign::PrivateKey::Generate();
  if (!key) return ReportError(key.error());
  auto pem = sign::EncryptedPrivateKeyPem(*key, *password);
  if (!pem) return ReportError(pem.error());
  if (auto written = WriteKeyFile(key_path, *pem, 0600, f.force); !written) {
    return ReportError(written.error());
  }
  if (auto written = WriteKeyFile(pub_path, key->Public().ToPem(), 0644, f.force); !written) {
    return ReportError(written.error());
  }
  std::fprintf(stderr, "Private key written to %s\nPublic key written to %s\n", key_path.c_str(),
               pub_path.c_str());
  return kExitOk;
}

}  // namespace

void AddKeyCommand(CLI::App& app, int* exit_code) {
  static KeyFlags flags;
  CLI::App* key = app.add_subcommand("key", "manage signing keys (cosign-compatible)");
  key->require_subcommand(1);
  CLI::App* gen = key->add_subcommand(
      "generate",
      "write an ECDSA P-256 key pair: PREFIX.key (encrypted with $PORTCULLIS_KEY_PASSWORD, "
      "$COSIGN_PASSWORD or a password read from the terminal) and PREFIX.pub");
  gen->add_option("--output-key-prefix", flags.prefix, "file name prefix of the key pair")
      ->capture_default_str();
  gen->add_flag("--force", flags.force, "overwrite existing key files");
  gen->callback([exit_code] { *exit_code = RunGenerate(flags); });
}

}  // namespace portcullis::cli
