#include "source/registry/credentials.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/files.h"
#include "core/json.h"
#include "core/strings.h"

extern char** environ;

namespace portcullis::registry {

namespace {

constexpr uint64_t kMaxConfigBytes = 4 << 20;
constexpr size_t kMaxHelperOutput = 64 << 10;
constexpr int kHelperTimeoutMs = 30'000;
constexpr std::string_view kDockerHubServer = "https://index.docker.io/v1/";

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

std::string ConfigDir(const RegistryOptions& options) {
  if (!options.docker_config.empty()) return options.docker_config;
  if (std::string d = Env("DOCKER_CONFIG"); !d.empty()) return d;
  if (std::string h = Env("HOME"); !h.empty()) return h + "/.docker";
  return "";
}

// "https://host:port/v1/" -> "host:port"; Docker Hub's aliases -> "docker.io".
std::string NormaliseServer(std::string_view key) {
  if (auto p = key.find("://"); p != std::string_view::npos) key.remove_prefix(p + 3);
  if (auto p = key.find('/'); p != std::string_view::npos) key = key.substr(0, p);
  std::string host = ToLower(key);
  if (host == "index.docker.io" || host == "registry-1.docker.io") return "docker.io";
  return host;
}

bool ValidHelperName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_' || c == '.')) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string Base64Encode(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

Result<std::string> Base64Decode(std::string_view text) {
  std::string in(Trim(text));
  while (in.size() % 4 != 0) in.push_back('=');
  size_t pad = 0;
  for (size_t i = in.size(); i > 0 && in[i - 1] == '='; --i) ++pad;
  std::string out(3 * in.size() / 4 + 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  if (n < 0 || static_cast<size_t>(n) < pad) {
    return Fail(ErrorCode::kCorrupt, "not valid base64");
  }
  out.resize(static_cast<size_t>(n) - std::min<size_t>(pad, 2));
  return out;
}

Result<Credentials> RunCredentialHelper(std::string_view helper, std::string_view server_url) {
  if (!ValidHelperName(helper)) {
    return Fail(ErrorCode::kInvalidArgument, "credential helper name '{}' is not valid",
                Excerpt(helper, 64));
  }
  std::string program = "docker-credential-" + std::string(helper);
  int in_pipe[2], out_pipe[2];
  // stdin is a socket pair, so that writing to a helper that already exited is EPIPE
  // (MSG_NOSIGNAL), not a SIGPIPE for the whole process.
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_pipe) != 0) {
    return Fail(ErrorCode::kIo, "socketpair failed");
  }
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    close(in_pipe[0]);
    close(in_pipe[1]);
    return Fail(ErrorCode::kIo, "pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  std::vector<char*> argv = {program.data(), const_cast<char*>("get"), nullptr};
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  if (rc != 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    return Fail(ErrorCode::kNotFound,
                "credential helper {} could not be run ({}); install it or "
                "remove it from the Docker config",
                program, std::strerror(rc));
  }
  // The server URL is tiny: it fits the socket buffer, so sending cannot block.
  [[maybe_unused]] ssize_t w = send(in_pipe[1], server_url.data(), server_url.size(), MSG_NOSIGNAL);
  close(in_pipe[1]);
  std::string out;
  bool too_big = false, timed_out = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kHelperTimeoutMs);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{out_pipe[0], POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    char buf[4096];
    ssize_t n = read(out_pipe[0], buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > kMaxHelperOutput) {
      too_big = true;
      break;
    }
  }
  close(out_pipe[0]);
  if (timed_out || too_big) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (timed_out) return Fail(ErrorCode::kNetwork, "{} did not answer within 30 s", program);
  if (too_big) return Fail(ErrorCode::kLimitExceeded, "{} wrote over 64 KiB", program);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    // The protocol's "credentials not found in native keychain": anonymous.
    if (out.find("not found") != std::string::npos) return Credentials{};
    return Fail(ErrorCode::kInvalidArgument, "{} get failed: {}", program, Excerpt(Trim(out), 200));
  }
  auto doc = PC_TRY(ParseJson(out, program, kMaxHelperOutput));
  Credentials c;
  c.username = JsonString(doc, "Username");
  c.password = JsonString(doc, "Secret");
  c.source = program;
  return c;
}

Result<Credentials> FindCredentials(std::string_view registry, const RegistryOptions& options) {
  if (!options.username.empty() || !options.password.empty()) {
    return Credentials{options.username, options.password, "flags"};
  }
  if (std::string u = Env("PORTCULLIS_USERNAME"), p = Env("PORTCULLIS_PASSWORD");
      !u.empty() || !p.empty()) {
    return Credentials{u, p, "environment"};
  }
  std::string dir = ConfigDir(options);
  if (dir.empty()) return Credentials{};
  std::string path = dir + "/config.json";
  auto text = ReadFileLimited(path, kMaxConfigBytes);
  if (!text) {
    if (text.error().code == ErrorCode::kNotFound) return Credentials{};
    return std::unexpected(text.error());
  }
  auto doc = PC_TRY(ParseJson(*text, path, kMaxConfigBytes));
  std::string host = NormaliseServer(registry);
  std::string server_url = host == "docker.io" ? std::string(kDockerHubServer) : host;
  for (const auto& [key, value] : JsonObject(doc, "credHelpers").items()) {
    if (NormaliseServer(key) == host && value.is_string()) {
      auto c = PC_TRY(RunCredentialHelper(value.get<std::string>(), server_url));
      if (!c.empty()) return c;
      return Credentials{};
    }
  }
  if (std::string store = JsonString(doc, "credsStore"); !store.empty()) {
    auto c = PC_TRY(RunCredentialHelper(store, server_url));
    if (!c.empty()) return c;
  }
  for (const auto& [key, value] : JsonObject(doc, "auths").items()) {
    if (NormaliseServer(key) != host || !value.is_object()) continue;
    Credentials c;
    c.source = path;
    if (std::string auth = JsonString(value, "auth"); !auth.empty()) {
      auto decoded = Base64Decode(auth);
      auto colon = decoded ? decoded->find(':') : std::string::npos;
      if (!decoded || colon == std::string::npos) {
        return Fail(ErrorCode::kCorrupt, "{}: auths[\"{}\"].auth is not base64 of user:password",
                    path, Excerpt(key, 60));
      }
      c.username = decoded->substr(0, colon);
      c.password = decoded->substr(colon + 1);
    } else {
      c.username = JsonString(value, "username");
      c.password = JsonString(value, "password");
    }
    if (!c.empty()) return c;
  }
  return Credentials{};
}

}  // namespace portcullis::registry
