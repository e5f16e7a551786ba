// Test fixtures of the image-hardening tests: a clean distroless-style image (static binary,
// passwd with a non-root user, no shell, health check) that no rule fires on, helpers to add a
// layer to it, and a scan through the real pipeline (OCI layout written to a temporary
// directory, Scanner::Scan with only the hardening scanner). Used from test threads only.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "portcullis/scanner.h"
#include "support/image_builder.h"

namespace portcullis::testing {

inline const std::string kPasswd =
    "root:x:0:0:root:/root:/sbin/nologin\n"
    "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
    "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n";
inline const std::string kGroup = "root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n";
inline const std::string kShadow =
    "root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\nnonroot:!:19000:0:99999:7:::\n";

// A distroless-style image: one layer, non-root user, health check, port 8080.
inline TestImage CleanImage() {
  TestImage img;
  TarItem shadow = File("etc/shadow", kShadow, 0640);
  TarItem home = Dir("home/nonroot", 0700);
  home.uid = home.gid = 65532;
  img.layers = {{Dir("etc"), File("etc/passwd", kPasswd), File("etc/group", kGroup), shadow,
                 Dir("tmp", 01777), Dir("home"), home, Dir("var/lib/dpkg/status.d"),
                 File("var/lib/dpkg/status.d/base-files",
                      "Package: base-files\nStatus: install ok installed\nVersion: 12.4\n"),
                 File("etc/app.conf", "mode=prod\n"),
                 File("app", "\x7f" "ELF static binary", 0755)}};
  img.history = {"/bin/sh -c #(nop) ADD file:5b2e0bb3c5e1 in / "};
  img.config = {{"User", "65532"},
                {"Healthcheck", {{"Test", {"CMD", "/app", "--health"}}}},
                {"ExposedPorts", {{"8080/tcp", nlohmann::json::object()}}},
                {"Env", {"PATH=/usr/local/bin:/usr/bin:/bin", "APP_MODE=prod"}}};
  return img;
}

// Appends a layer made by `created_by`.
inline void AddLayer(TestImage& img, std::vector<TarItem> items,
                     std::string created_by = "COPY . / # buildkit") {
  img.history.resize(img.layers.size(), "COPY . / # buildkit");
  img.layers.push_back(std::move(items));
  img.history.push_back(std::move(created_by));
}

inline TarItem Owned(TarItem item, int uid, int gid) {
  item.uid = uid;
  item.gid = gid;
  return item;
}

// Scans `img` (written as an OCI layout) with only the hardening scanner.
inline Report ScanHardening(const TestImage& img, ScanOptions options = {}) {
  TempDir tmp;
  WriteOciLayout(img, tmp / "oci");
  options.source = "oci:" + (tmp / "oci");
  options.scanners = {ScannerKind::kHardening};
  options.progress = false;
  auto report = Scanner().Scan(options);
  EXPECT_TRUE(report.has_value()) << report.error().ToString();
  return report ? *report : Report{};
}

}  // namespace portcullis::testing
