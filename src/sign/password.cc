// Key passwords from the environment or the terminal.
#include "sign/password.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <optional>

namespace portcullis::sign {
namespace {

constexpr size_t kMaxPasswordBytes = 4096;

// Reads one line from the terminal `fd` with echo off, after writing `prompt` to it.
std::optional<std::string> Prompt(int fd, const char* prompt) {
  termios saved{};
  bool restore = tcgetattr(fd, &saved) == 0;
  if (restore) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  if (write(fd, prompt, std::strlen(prompt)) < 0) {
    if (restore) tcsetattr(fd, TCSAFLUSH, &saved);
    return std::nullopt;
  }
  std::string line;
  char c = 0;
  bool ok = false;
  while (line.size() <= kMaxPasswordBytes) {
    ssize_t n = read(fd, &c, 1);
    if (n <= 0) break;
    if (c == '\n') {
      ok = true;
      break;
    }
    line += c;
  }
  if (restore) tcsetattr(fd, TCSAFLUSH, &saved);
  if (!ok) {
    OPENSSL_cleanse(line.data(), line.size());
    return std::nullopt;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

Result<std::string> ReadKeyPassword(bool confirm) {
  for (const char* name : {"PORTCULLIS_KEY_PASSWORD", "COSIGN_PASSWORD"}) {
    if (const char* value = std::getenv(name)) return std::string(value);
  }
  int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0 || !isatty(fd)) {
    if (fd >= 0) close(fd);
    return Fail(ErrorCode::kInvalidArgument,
                "the key password is needed: set PORTCULLIS_KEY_PASSWORD (or COSIGN_PASSWORD), "
                "or run on a terminal");
  }
  auto first = Prompt(fd, "Enter password for private key: ");
  std::optional<std::string> second;
  if (first && confirm) second = Prompt(fd, "Enter password for private key again: ");
  close(fd);
  if (!first || (confirm && !second)) {
    return Fail(ErrorCode::kInvalidArgument, "no password read from the terminal");
  }
  if (confirm && *first != *second) {
    OPENSSL_cleanse(first->data(), first->size());
    OPENSSL_cleanse(second->data(), second->size());
    return Fail(ErrorCode::kInvalidArgument, "the passwords do not match");
  }
  if (second) OPENSSL_cleanse(second->data(), second->size());
  return *first;
}

}  // namespace portcullis::sign
