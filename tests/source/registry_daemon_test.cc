// docker:IMAGE and podman:IMAGE against a test server speaking the Docker Engine API on a unix
// socket (/_ping, /images/{name}/json, /images/{name}/get), written here because cpp-httplib
// 0.11 has no unix sockets.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "source/daemon_source.h"
#include "source/source.h"
#include "support/image_builder.h"

namespace portcullis {
namespace {

using testing::TempDir;

// One request per connection: reads the head, answers, closes.
class FakeEngine {
 public:
  FakeEngine(std::string socket_path, std::string archive)
      : path_(std::move(socket_path)), archive_(std::move(archive)) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path_.c_str());
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::listen(fd_, 8), 0);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeEngine() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
    ::unlink(path_.c_str());
  }
  std::vector<std::string> paths;  // request paths, in order

 private:
  void Serve() {
    while (!stop_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string head;
      char buf[4096];
      while (head.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::read(c, buf, sizeof buf);
        if (n <= 0) break;
        head.append(buf, static_cast<size_t>(n));
      }
      auto sp1 = head.find(' ');
      auto sp2 = head.find(' ', sp1 + 1);
      std::string path = head.substr(sp1 + 1, sp2 - sp1 - 1);
      paths.push_back(path);
      std::string status = "200 OK", type = "application/json", body;
      if (path == "/_ping") {
        body = "OK";
      } else if (path == "/images/test/app:1/json") {
        body = R"({"Id":"sha256:abc","RepoTags":["test/app:1"]})";
      } else if (path == "/images/test/app:1/get") {
        type = "application/x-tar";
        body = testing::ReadFile(archive_);
      } else {
        status = "404 Not Found";
        body = R"({"message":"No such image: )" + path + "\"}";
      }
      std::string response = "HTTP/1.1 " + status + "\r\nContent-Type: " + type +
                             "\r\nContent-Length: " + std::to_string(body.size()) +
                             "\r\nConnection: close\r\n\r\n" + body;
      size_t off = 0;
      while (off < response.size()) {
        ssize_t n = ::write(c, response.data() + off, response.size() - off);
        if (n <= 0) break;
        off += static_cast<size_t>(n);
      }
      ::close(c);
    }
  }

  std::string path_, archive_;
  int fd_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

testing::TestImage Image() {
  testing::TestImage image;
  image.layers = {{testing::Dir("etc"), testing::File("etc/os-release", "ID=alpine\n")},
                  {testing::File("app/bin", "x", 0755)}};
  image.config = {{"User", "app"}};
  return image;
}

TEST(RegistryDaemonTest, DockerImageFromTheEngineSocket) {
  TempDir tmp;
  auto built = testing::WriteDockerArchive(Image(), tmp / "img.tar", "test/app:1");
  FakeEngine engine(tmp / "docker.sock", tmp / "img.tar");
  RegistryOptions o;
  o.docker_host = "unix://" + (tmp / "docker.sock");
  auto source = OpenSource("docker:test/app:1", "", {}, o);
  ASSERT_TRUE(source) << source.error().ToString();
  EXPECT_EQ((*source)->artifact().name, "docker:test/app:1");
  EXPECT_EQ((*source)->artifact().type, "docker-daemon");
  EXPECT_EQ((*source)->artifact().config_digest, built.config_digest);
  EXPECT_EQ((*source)->config().user, "app");
  EXPECT_EQ((*source)->layer_count(), 2u);
  size_t entries = 0;
  for (size_t i = 0; i < (*source)->layer_count(); ++i) {
    std::vector<Diagnostic> diags;
    auto stats = (*source)->WalkLayer(i, {},
                                      [&](const TarEntry&, EntryReader&) -> Result<void> {
                                        ++entries;
                                        return {};
                                      },
                                      diags, nullptr, {});
    ASSERT_TRUE(stats) << stats.error().ToString();
  }
  EXPECT_EQ(entries, 3u);
  EXPECT_EQ(engine.paths,
            (std::vector<std::string>{"/images/test/app:1/json", "/images/test/app:1/get"}));
  // No temporary file is left behind.
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
    EXPECT_EQ(e.path().filename().string().find("portcullis-image-"), std::string::npos);
  }
}

TEST(RegistryDaemonTest, PodmanSocketAndMissingImages) {
  TempDir tmp;
  testing::WriteDockerArchive(Image(), tmp / "img.tar", "test/app:1");
  std::filesystem::create_directories(tmp / "run/podman");
  FakeEngine engine(tmp / "run/podman/podman.sock", tmp / "img.tar");
  const char* old = std::getenv("XDG_RUNTIME_DIR");
  std::string saved = old ? old : "";
  setenv("XDG_RUNTIME_DIR", (tmp / "run").c_str(), 1);
  auto source = OpenSource("podman:test/app:1", "", {}, {});
  auto missing = OpenSource("podman:test/other:2", "", {}, {});
  if (old)
    setenv("XDG_RUNTIME_DIR", saved.c_str(), 1);
  else
    unsetenv("XDG_RUNTIME_DIR");
  ASSERT_TRUE(source) << source.error().ToString();
  EXPECT_EQ((*source)->artifact().name, "podman:test/app:1");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("no such image"), std::string::npos)
      << missing.error().message;

  RegistryOptions o;
  o.docker_host = tmp / "nothing-here.sock";
  auto no_daemon = OpenSource("docker:test/app:1", "", {}, o);
  ASSERT_FALSE(no_daemon);
  EXPECT_NE(no_daemon.error().message.find("no docker daemon socket"), std::string::npos)
      << no_daemon.error().message;
  o.docker_host = "tcp://127.0.0.1:2375";
  auto tcp = OpenSource("docker:test/app:1", "", {}, o);
  ASSERT_FALSE(tcp);
  EXPECT_EQ(tcp.error().code, ErrorCode::kUnsupported);
}

}  // namespace
}  // namespace portcullis
