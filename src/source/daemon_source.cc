// docker:IMAGE and podman:IMAGE: an image read from a local Docker Engine (or Podman, through
// its Docker-compatible API) over its unix socket. GET /images/{name}/json checks that the
// image exists; GET /images/{name}/get streams a docker-archive tar. A docker-archive names its
// config and layers in manifest.json, which comes last in the stream, so the archive is
// spooled to an unlinked temporary file ($TMPDIR, bounded by --max-image-bytes) and read as a
// docker-archive from there; the file is gone when the scan ends, even if it crashes.
#include "source/daemon_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "core/json.h"
#include "core/strings.h"
#include "source/registry/http_client.h"

namespace portcullis::source_internal {

namespace {

constexpr uint64_t kMaxInspectBytes = 4 << 20;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// A Source that is another under a different name and type.
class RenamedSource : public Source {
 public:
  RenamedSource(std::unique_ptr<Source> inner, std::string name, std::string type)
      : inner_(std::move(inner)) {
    artifact_ = inner_->artifact();
    artifact_.name = std::move(name);
    artifact_.type = std::move(type);
    config_ = inner_->config();
  }
  Result<WalkStats> WalkLayer(size_t index, const Limits& limits, const EntryCallback& callback,
                              std::vector<Diagnostic>& diagnostics, ByteBudget* budget,
                              const std::function<void(uint64_t)>& on_bytes) const override {
    return inner_->WalkLayer(index, limits, callback, diagnostics, budget, on_bytes);
  }

 private:
  std::unique_ptr<Source> inner_;
};

// Image names go into the URL path: '/' and ':' stay (the Engine API routes {name:.*}).
std::string EncodeName(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        std::string_view("-._~/:@").find(static_cast<char>(c)) != std::string_view::npos) {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

registry::HttpRequest SocketRequest(const std::string& socket, const std::string& path,
                                    const RegistryOptions& options) {
  registry::HttpRequest r;
  r.url = "http://localhost" + path;
  r.unix_socket = socket;
  r.max_redirects = 0;
  r.connect_timeout_seconds = options.connect_timeout_seconds;
  r.idle_timeout_seconds = options.idle_timeout_seconds;
  return r;
}

std::string DaemonError(registry::HttpTransfer& t) {
  auto body = registry::ReadBody(t, 64 << 10, "daemon error");
  if (!body) return "";
  auto doc = ParseJson(*body, "daemon error", 64 << 10);
  if (doc) return Excerpt(JsonString(*doc, "message"), 200);
  return Excerpt(Trim(*body), 200);
}

}  // namespace

Result<std::string> DaemonSocket(std::string_view kind, const RegistryOptions& options) {
  std::string socket;
  if (kind == "docker") {
    socket = options.docker_host.empty() ? Env("DOCKER_HOST") : options.docker_host;
    if (socket.empty()) socket = "/var/run/docker.sock";
  } else {
    socket = options.podman_socket;
    if (socket.empty()) {
      std::string runtime = Env("XDG_RUNTIME_DIR");
      std::string user_socket = runtime.empty() ? "" : runtime + "/podman/podman.sock";
      socket =
          !user_socket.empty() && Exists(user_socket) ? user_socket : "/run/podman/podman.sock";
    }
  }
  if (socket.starts_with("unix://")) socket = socket.substr(7);
  if (socket.find("://") != std::string::npos) {
    return Fail(ErrorCode::kUnsupported,
                "{} endpoint '{}' is not a unix socket (only unix:// is supported)", kind,
                Excerpt(socket, 100));
  }
  return socket;
}

Result<std::unique_ptr<Source>> OpenDaemonImage(std::string_view kind, const std::string& name,
                                                const Limits& limits,
                                                const RegistryOptions& options) {
  std::string socket = PC_TRY(DaemonSocket(kind, options));
  std::string label = fmt::format("{}:{}", kind, name);
  if (name.empty()) return Fail(ErrorCode::kInvalidArgument, "{}: no image name", label);
  if (!Exists(socket)) {
    return Fail(ErrorCode::kNotFound, "{}: no {} daemon socket at {}", label, kind, socket);
  }
  std::string encoded = EncodeName(name);
  auto inspect = PC_TRY(
      registry::HttpTransfer::Send(SocketRequest(socket, "/images/" + encoded + "/json", options)));
  if (inspect->status() == 404) {
    return Fail(ErrorCode::kNotFound, "{}: the {} daemon at {} has no such image", label, kind,
                socket);
  }
  if (inspect->status() != 200) {
    return Fail(ErrorCode::kNetwork, "{}: the {} daemon at {} answered HTTP {} {}", label, kind,
                socket, inspect->status(), DaemonError(*inspect));
  }
  PC_TRY(registry::ReadBody(*inspect, kMaxInspectBytes, label + " (inspect)"));

  auto archive = PC_TRY(
      registry::HttpTransfer::Send(SocketRequest(socket, "/images/" + encoded + "/get", options)));
  if (archive->status() != 200) {
    return Fail(ErrorCode::kNetwork, "{}: export from the {} daemon failed: HTTP {} {}", label,
                kind, archive->status(), DaemonError(*archive));
  }
  std::string dir = Env("TMPDIR");
  if (dir.empty()) dir = "/tmp";
  std::string path = dir + "/portcullis-image-XXXXXX";
  int fd = ::mkstemp(path.data());
  if (fd < 0) return Fail(ErrorCode::kIo, "cannot create a temporary file in {}", dir);
  struct Cleanup {
    int fd;
    std::string path;
    ~Cleanup() {
      ::close(fd);
      ::unlink(path.c_str());
    }
  } cleanup{fd, path};
  uint64_t total = 0;
  for (;;) {
    auto chunk = PC_TRY(archive->ReadChunk());
    if (chunk.empty()) break;
    total += chunk.size();
    if (total > limits.max_image_bytes) {
      return Fail(ErrorCode::kLimitExceeded, "{}: the exported archive is over {} bytes", label,
                  limits.max_image_bytes);
    }
    size_t off = 0;
    while (off < chunk.size()) {
      ssize_t w = ::write(fd, chunk.data() + off, chunk.size() - off);
      if (w <= 0) return Fail(ErrorCode::kIo, "{}: cannot write {}", label, path);
      off += static_cast<size_t>(w);
    }
  }
  // The archive's open descriptor keeps the data after the file is unlinked (Cleanup).
  auto source = PC_TRY(OpenDockerArchive(path, "", limits));
  return std::make_unique<RenamedSource>(std::move(source), label,
                                         kind == "docker" ? "docker-daemon" : "podman-daemon");
}

}  // namespace portcullis::source_internal
