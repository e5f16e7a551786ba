// The measuring half of bench/report_writers.sh (not a timed test: DISABLED_, so normal runs
// skip it). Builds a large synthetic image report, runs every writer on it, and prints per
// format the output size, the best of five writer runs and, as the physical floor, the best of
// five copies of the same bytes out through write(2) to /dev/null. With PORTCULLIS_BENCH_OUT
// set, each output is saved there for the script's peer measurements.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "report/writer.h"
#include "report_fixture.h"

namespace portcullis::testing {
namespace {

size_t EnvSize(const char* name, size_t fallback) {
  const char* v = std::getenv(name);
  return v ? std::strtoull(v, nullptr, 10) : fallback;
}

// A Debian-like image: `packages` packages, `vulns` vulnerabilities spread over them,
// plus secrets, misconfigurations and diagnostics in realistic proportions.
Report LargeReport(size_t packages, size_t vulns) {
  Report r = BaseImageReport();
  std::vector<std::string> licenses = {"GPL-2+", "LGPL-2.1+", "MIT", "BSD-3-clause", "Expat",
                                       "public-domain", "Apache-2.0", "GPL-3+ with exception"};
  for (size_t i = 0; i < packages; ++i) {
    std::string name = "lib" + std::to_string(i) + "-common";
    std::string version = "1:" + std::to_string(i % 17) + "." + std::to_string(i % 5) +
                          ".2-3+deb12u" + std::to_string(i % 4);
    r.packages.push_back(Deb(name, version, "src" + std::to_string(i / 3),
                             {licenses[i % licenses.size()], licenses[(i * 7) % licenses.size()]},
                             i % 2 ? kLayer1 : kLayer2));
  }
  for (size_t i = 0; i < vulns; ++i) {
    const Package& p = r.packages[(i * 13) % r.packages.size()];
    Vulnerability v;
    v.id = "CVE-20" + std::to_string(10 + i % 15) + "-" + std::to_string(10000 + i);
    v.aliases = {"DSA-" + std::to_string(4000 + i % 900) + "-1"};
    v.package = p.name;
    v.source_package = p.source_name;
    v.installed_version = p.version;
    v.fixed_version = i % 3 ? p.version + "+1" : "";
    v.status = i % 3 ? "fixed" : "unfixed";
    v.severity = static_cast<Severity>(1 + i % 5);
    v.severity_source = "cvss_v3";
    v.cvss_score = static_cast<double>(i % 100) / 10.0;
    v.cvss_vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    v.title = p.name + ": heap buffer overflow in the parser of crafted input files";
    v.description = std::string(400, 'd');
    v.references = {"https://security-tracker.debian.org/tracker/" + v.id,
                    "https://nvd.nist.gov/vuln/detail/" + v.id};
    v.layer = p.layer;
    v.purl = p.purl;
    v.ecosystem = p.ecosystem;
    v.data_source = "Debian Security Tracker";
    v.published = "2024-01-26T09:15:07Z";
    r.vulnerabilities.push_back(std::move(v));
  }
  Report full = FullReport();
  for (size_t i = 0; i < 100; ++i) {
    for (auto s : full.secrets) {
      s.path += std::to_string(i);
      r.secrets.push_back(std::move(s));
    }
    for (auto m : full.misconfigurations) {
      m.path += std::to_string(i);
      r.misconfigurations.push_back(std::move(m));
    }
  }
  r.diagnostics = full.diagnostics;
  return r;
}

template <typename F>
double BestMs(F f) {
  double best = 1e300;
  for (int i = 0; i < 5; ++i) {
    auto start = std::chrono::steady_clock::now();
    f();
    std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
  }
  return best;
}

TEST(ReportWriterBench, DISABLED_Formats) {
  size_t packages = EnvSize("PORTCULLIS_BENCH_PACKAGES", 3000);
  size_t vulns = EnvSize("PORTCULLIS_BENCH_VULNS", 10000);
  Report report = LargeReport(packages, vulns);
  const char* out_dir = std::getenv("PORTCULLIS_BENCH_OUT");
  int null_fd = open("/dev/null", O_WRONLY);
  ASSERT_GE(null_fd, 0);
  std::printf("packages=%zu vulnerabilities=%zu secrets=%zu misconfigurations=%zu\n", packages,
              vulns, report.secrets.size(), report.misconfigurations.size());
  std::printf("%-10s %12s %10s %10s %8s %10s\n", "format", "bytes", "writer_ms", "floor_ms",
              "ratio", "MB/s");
  for (auto format : {ReportFormat::kTable, ReportFormat::kJson, ReportFormat::kSarif,
                      ReportFormat::kJunit, ReportFormat::kCycloneDx, ReportFormat::kSpdx}) {
    WriteOptions options;
    options.command = "image";
    std::string text;
    double writer = BestMs([&] { text = *WriteReport(report, format, options); });
    double floor = BestMs([&] {
      std::string copy = text;
      for (size_t off = 0; off < copy.size();) {
        ssize_t n = write(null_fd, copy.data() + off, copy.size() - off);
        if (n <= 0) break;
        off += static_cast<size_t>(n);
      }
    });
    std::printf("%-10s %12zu %10.2f %10.2f %8.1f %10.1f\n",
                std::string(ReportFormatName(format)).c_str(), text.size(), writer, floor,
                writer / floor, static_cast<double>(text.size()) / 1e3 / writer);
    if (out_dir) {
      std::ofstream(std::filesystem::path(out_dir) / std::string(ReportFormatName(format)),
                    std::ios::binary)
          << text;
    }
  }
  close(null_fd);
}

}  // namespace
}  // namespace portcullis::testing
