// Test support for the registry tests: FakeRegistry, an OCI Distribution API v2 server on
// 127.0.0.1 (cpp-httplib) that serves the OCI layout a test wrote (tags from index.json,
// manifests and blobs from blobs/sha256/), optionally behind Basic or Bearer-token auth, and
// lets a test put hostile handlers in front of the honest ones. Used from test threads only;
// the server runs on its own threads until the object goes away.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

namespace portcullis::testing {

class FakeRegistry {
 public:
  enum class Auth { kNone, kBasic, kBearer };

  // `layout` is an OCI layout directory ("" = nothing to serve but the custom handlers).
  explicit FakeRegistry(std::string layout = "", Auth auth = Auth::kNone)
      : layout_(std::move(layout)), auth_(auth) {
    port_ = server_.bind_to_any_port("127.0.0.1");
  }
  ~FakeRegistry() {
    stopping_ = true;
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Server& server() { return server_; }
  // "127.0.0.1:PORT"
  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  // Set when the fake is going away: endless handlers must return then.
  bool stopping() const { return stopping_; }

  std::atomic<int> requests{0};
  std::atomic<int> token_requests{0};
  std::string username = "alice", password = "s3cret";

  // Registers the honest handlers (after any hostile ones the test added) and starts serving.
  void Start() {
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      ++requests;
      if (req.path == "/token") return httplib::Server::HandlerResponse::Unhandled;
      if (!Authorized(req)) {
        if (auth_ == Auth::kBasic) {
          res.set_header("WWW-Authenticate", "Basic realm=\"fake\"");
        } else {
          res.set_header("WWW-Authenticate",
                         "Bearer realm=\"http://" + host() + "/token\",service=\"fake\"");
        }
        res.status = 401;
        res.set_content(
            R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})",
            "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server_.Get("/token", [this](const httplib::Request& req, httplib::Response& res) {
      ++token_requests;
      if (req.get_header_value("Authorization") != BasicHeader()) {
        res.status = 401;
        return;
      }
      std::string scope = req.get_param_value("scope");
      res.set_content(nlohmann::json{{"token", "tok:" + scope}, {"expires_in", 300}}.dump(),
                      "application/json");
    });
    server_.Get("/v2/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("{}", "application/json");
    });
    server_.Get(R"(/v2/(.+)/manifests/([^/]+))",
                [this](const httplib::Request& req, httplib::Response& res) {
                  ServeManifest(req.matches[2], res);
                });
    server_.Get(R"(/v2/(.+)/blobs/(sha256:[0-9a-f]+))",
                [this](const httplib::Request& req, httplib::Response& res) {
                  std::string body;
                  if (!ReadBlob(req.matches[2], body)) return NotFound(res, "BLOB_UNKNOWN");
                  res.set_content(body, "application/octet-stream");
                });
    server_.Get(R"(/v2/(.+)/tags/list)", [this](const httplib::Request&, httplib::Response& res) {
      nlohmann::json tags = nlohmann::json::array();
      const nlohmann::json index = Index();
      for (const auto& m : index["manifests"]) {
        tags.push_back(m["annotations"]["org.opencontainers.image.ref.name"]);
      }
      res.set_content(nlohmann::json{{"name", "x"}, {"tags", tags}}.dump(), "application/json");
    });
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 200 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  std::string BasicHeader() const {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string in = username + ":" + password, out;
    int val = 0, bits = -6;
    for (unsigned char c : in) {
      val = (val << 8) + c;
      bits += 8;
      while (bits >= 0) {
        out.push_back(k[(val >> bits) & 0x3F]);
        bits -= 6;
      }
    }
    if (bits > -6) out.push_back(k[((val << 8) >> (bits + 8)) & 0x3F]);
    while (out.size() % 4) out.push_back('=');
    return "Basic " + out;
  }

  nlohmann::json Index() const {
    std::ifstream in(layout_ + "/index.json");
    return nlohmann::json::parse(in);
  }

  bool ReadBlob(const std::string& digest, std::string& out) const {
    if (layout_.empty() || digest.size() < 8) return false;
    std::ifstream in(layout_ + "/blobs/sha256/" + digest.substr(7), std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    out = s.str();
    return true;
  }

 private:
  bool Authorized(const httplib::Request& req) const {
    std::string auth = req.get_header_value("Authorization");
    switch (auth_) {
      case Auth::kNone:
        return true;
      case Auth::kBasic:
        return auth == BasicHeader();
      case Auth::kBearer:
        return auth.starts_with("Bearer tok:repository:");
    }
    return false;
  }

  static void NotFound(httplib::Response& res, const char* code) {
    res.status = 404;
    res.set_content(std::string(R"({"errors":[{"code":")") + code + R"(","message":"unknown"}]})",
                    "application/json");
  }

  void ServeManifest(const std::string& reference, httplib::Response& res) {
    std::string digest = reference;
    if (!reference.starts_with("sha256:")) {
      digest.clear();
      const nlohmann::json index = Index();
      for (const auto& m : index["manifests"]) {
        if (m["annotations"]["org.opencontainers.image.ref.name"] == reference) {
          digest = m["digest"];
        }
      }
    }
    std::string body;
    if (digest.empty() || !ReadBlob(digest, body)) return NotFound(res, "MANIFEST_UNKNOWN");
    auto doc = nlohmann::json::parse(body);
    res.set_header("Docker-Content-Digest", digest);
    res.set_content(body, doc.value("mediaType", "application/vnd.oci.image.manifest.v1+json"));
  }

  std::string layout_;
  Auth auth_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
};

}  // namespace portcullis::testing
