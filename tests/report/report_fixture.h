// Report fixtures for the writer tests: a Debian image report with every finding kind
// (vulnerabilities, secrets, misconfigurations, diagnostics) and hostile strings in every
// kind of field, an empty one, a Dockerfile one. Built in code so each test gets its own copy.
#pragma once

#include <string>

#include "portcullis/model/report.h"

namespace portcullis::testing {

inline const std::string kLayer1 =
    "sha256:6a2b6c4f3e1d0b9a8c7f6e5d4c3b2a190817263544536271809fedcba9876543";
inline const std::string kLayer2 =
    "sha256:1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
inline const std::string kLayer3 =
    "sha256:c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";

// Text a scanner may copy from a hostile image: quotes, markup, an ANSI escape, a bidi
// override, control characters (including CR), invalid UTF-8 and U+FFFF.
inline const std::string kHostile =
    "x\"y'<b>&amp;\x1b[31mred\x1b[0m \xe2\x80\xae" "evil\x01\x7f\r\ntab\there \xff\xc3\x28 "
    "caf\xc3\xa9 \xef\xbf\xbf end";

inline std::string LongTitle() {
  std::string s = "Heap overflow in the decoder when a crafted stream ";
  while (s.size() < 2000) s += "repeats a very long and detailed description ";
  return s;
}

inline Package Deb(std::string name, std::string version, std::string source,
                   std::vector<std::string> licenses, std::string layer) {
  Package p;
  p.name = std::move(name);
  p.version = std::move(version);
  p.arch = "amd64";
  p.source_name = source.empty() ? p.name : source;
  p.source_version = p.version;
  p.ecosystem = "Debian:12";
  p.type = "deb";
  p.purl = "pkg:deb/debian/" + p.name + "@" + p.version + "?arch=amd64&distro=debian-12";
  p.licenses = std::move(licenses);
  p.layer = std::move(layer);
  p.found_in = "/var/lib/dpkg/status";
  p.maintainer = "Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>";
  return p;
}

inline Report BaseImageReport() {
  Report r;
  r.tool_version = "0.1.0-test";
  r.created_at = "2024-05-01T12:30:45Z";
  r.artifact.name = "registry.example.com/shop/web:1.4";
  r.artifact.type = "oci-layout";
  r.artifact.digest = "sha256:3e1f6b9c0a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f";
  r.artifact.config_digest =
      "sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b";
  r.artifact.repo_tags = {"registry.example.com/shop/web:1.4"};
  r.artifact.platform = "linux/amd64";
  for (const auto& d : {kLayer1, kLayer2, kLayer3}) {
    Layer l;
    l.digest = d;
    l.diff_id = d;
    l.size = 1024;
    l.media_type = "application/vnd.oci.image.layer.v1.tar+gzip";
    r.artifact.layers.push_back(l);
  }
  r.artifact.size = 3072;
  OsInfo os;
  os.family = "debian";
  os.version = "12.5";
  os.name = "Debian GNU/Linux 12 (bookworm)";
  os.codename = "bookworm";
  os.eol = false;
  os.eol_date = "2028-06-30";
  r.os = os;
  r.scanners = {"vuln", "secret", "hardening"};
  return r;
}

// The image report with one of everything.
inline Report FullReport() {
  Report r = BaseImageReport();
  r.packages.push_back(Deb("libssl3", "3.0.11-1~deb12u2", "openssl", {"Apache-2.0"}, kLayer1));
  r.packages.push_back(Deb("openssl", "3.0.11-1~deb12u2", "", {"Apache-2.0"}, kLayer1));
  r.packages.push_back(
      Deb("zlib1g", "1:1.2.13.dfsg-1", "zlib", {"Zlib", "public-domain"}, kLayer1));
  r.packages.push_back(
      Deb("bash", "5.2.15-2+b2", "", {"GPL-3+", "BSD-4-clause-UC", "GPL-2+"}, kLayer1));
  r.packages.push_back(Deb("tzdata", "2024a-0+deb12u1", "", {"public-domain"}, kLayer2));
  Package rpm_style = Deb("libfoo", "2.1-3", "", {"MIT and (BSD or GPLv2+)"}, kLayer2);
  rpm_style.maintainer = "";
  r.packages.push_back(rpm_style);
  Package pypi;
  pypi.name = "requests";
  pypi.version = "2.31.0";
  pypi.ecosystem = "PyPI";
  pypi.type = "pypi";
  pypi.purl = "pkg:pypi/requests@2.31.0";
  pypi.licenses = {"Apache 2.0"};
  pypi.layer = kLayer3;
  pypi.found_in = "/usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA";
  r.packages.push_back(pypi);
  Package hostile = Deb(kHostile, "1.0" + kHostile, kHostile, {kHostile}, kLayer3);
  hostile.purl = "";
  hostile.maintainer = kHostile;
  r.packages.push_back(hostile);

  Vulnerability v;
  v.id = "CVE-2024-0727";
  v.aliases = {"DSA-5678-1"};
  v.package = "libssl3";
  v.source_package = "openssl";
  v.installed_version = "3.0.11-1~deb12u2";
  v.fixed_version = "3.0.13-1~deb12u1";
  v.status = "fixed";
  v.severity = Severity::kMedium;
  v.severity_source = "cvss_v3";
  v.cvss_score = 5.5;
  v.cvss_vector = "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H";
  v.title = "openssl: denial of service via null dereference in PKCS12 parsing";
  v.description = "Processing a maliciously formatted PKCS12 file may lead OpenSSL to crash.";
  v.references = {"https://security-tracker.debian.org/tracker/CVE-2024-0727",
                  "https://www.openssl.org/news/secadv/20240125.txt"};
  v.package_path = "/var/lib/dpkg/status";
  v.layer = kLayer1;
  v.purl = "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12";
  v.ecosystem = "Debian:12";
  v.data_source = "Debian Security Tracker";
  v.published = "2024-01-26T09:15:07Z";
  v.modified = "2024-02-08T10:15:13.000Z";
  r.vulnerabilities.push_back(v);
  v.package = "openssl";
  v.purl = "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12";
  r.vulnerabilities.push_back(v);

  Vulnerability z;
  z.id = "CVE-2023-45853";
  z.package = "zlib1g";
  z.source_package = "zlib";
  z.installed_version = "1:1.2.13.dfsg-1";
  z.status = "will_not_fix";
  z.severity = Severity::kCritical;
  z.severity_source = "cvss_v3";
  z.cvss_score = 9.8;
  z.cvss_vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  z.title = "zlib: integer overflow and heap-based buffer overflow in zipOpenNewFileInZip4_6";
  z.references = {"https://nvd.nist.gov/vuln/detail/CVE-2023-45853", "not a url", ""};
  z.package_path = "/var/lib/dpkg/status";
  z.layer = kLayer1;
  z.purl = "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12";
  z.ecosystem = "Debian:12";
  z.data_source = "Debian Security Tracker";
  z.published = "2023-10-14";  // not a date-time: left out where one is required
  r.vulnerabilities.push_back(z);

  Vulnerability g;
  g.id = "GHSA-j8r2-6x86-q33q";
  g.aliases = {"CVE-2023-32681", "PYSEC-2023-74"};
  g.package = "requests";
  g.installed_version = "2.31.0";
  g.fixed_version = "2.32.0";
  g.status = "fixed";
  g.severity = Severity::kLow;
  g.severity_source = "ghsa";
  g.cvss_vector = "CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N";
  g.title = LongTitle();
  g.references = {"https://github.com/psf/requests/security/advisories/GHSA-j8r2-6x86-q33q "
                  "spaces and \"quotes\" and a second # fragment#here"};
  g.package_path = "/usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA";
  g.layer = kLayer3;
  g.purl = "pkg:pypi/requests@2.31.0";
  g.ecosystem = "PyPI";
  g.data_source = "GitHub Advisory Database";
  r.vulnerabilities.push_back(g);

  Vulnerability h;
  h.id = "CVE-2099-0001";
  h.package = kHostile;
  h.installed_version = "1.0" + kHostile;
  h.severity = Severity::kUnknown;
  h.title = kHostile;
  h.description = kHostile;
  h.references = {"https://example.com/a b<c>\x01" + kHostile};
  h.cvss_vector = "AV:N/AC:L/Au:N/C:P/I:P/A:P";
  h.package_path = "/var/lib/dpkg/status";
  r.vulnerabilities.push_back(h);

  SecretFinding s;
  s.rule_id = "aws-access-key-id";
  s.title = "AWS Access Key ID";
  s.severity = Severity::kCritical;
  s.category = "AWS";
  s.path = "/root/.aws/credentials";
  s.line = 2;
  s.layer = kLayer2;
  s.deleted_in_later_layer = true;
  s.deleted_in_layer = kLayer3;
  s.match = "AKIA*****";
  r.secrets.push_back(s);
  s.rule_id = "github-pat";
  s.title = "GitHub Personal Access Token";
  s.severity = Severity::kHigh;
  s.category = "GitHub";
  s.path = "/app/my config#1.env";
  s.line = 7;
  s.layer = kLayer3;
  s.deleted_in_later_layer = false;
  s.deleted_in_layer = "";
  s.match = "ghp_*****";
  r.secrets.push_back(s);
  s.rule_id = "generic-password";
  s.title = kHostile;
  s.severity = Severity::kMedium;
  s.category = "";
  s.path = "config:Env";
  s.line = 0;
  s.layer = "";
  s.match = "hunt*****";
  r.secrets.push_back(s);

  Misconfiguration m;
  m.id = "PC-IMG-001";
  m.aliases = {"CIS-DI-0001", "DS002"};
  m.severity = Severity::kHigh;
  m.title = "Image runs as root";
  m.kind = "image";
  m.target = r.artifact.name;
  m.path = "config.User";
  m.message = "config.User is empty, so containers run as root (uid 0)";
  m.remediation = "Add a USER instruction with a non-root user to the Dockerfile.";
  m.references = {"https://docs.docker.com/develop/develop-images/instructions/#user"};
  r.misconfigurations.push_back(m);
  Misconfiguration w;
  w.id = "PC-IMG-004";
  w.severity = Severity::kLow;
  w.title = "setuid file";
  w.kind = "image";
  w.target = r.artifact.name;
  w.path = "/usr/bin/chsh";
  w.message = "/usr/bin/chsh has the setuid bit (mode 4755)";
  w.remediation = "Remove the setuid bit: chmod u-s /usr/bin/chsh";
  r.misconfigurations.push_back(w);
  Misconfiguration k;
  k.id = "PC-RT-007";
  k.severity = Severity::kMedium;
  k.title = kHostile;
  k.kind = "runtime";
  k.target = "deploy/web.yaml";
  k.resource = "Deployment/default/web";
  k.path = "deploy/web.yaml";
  k.line = 12;
  k.end_line = 18;
  k.message = kHostile;
  k.remediation = kHostile;
  r.misconfigurations.push_back(k);

  r.diagnostics.push_back({"dpkg.bad_stanza", "/var/lib/dpkg/status", 120, 1,
                           "stanza without Package: field; skipped", Severity::kMedium});
  r.diagnostics.push_back({"rpm.bdb_unsupported", "/var/lib/rpm/Packages", 0, 0,
                           "BerkeleyDB rpm database not read", Severity::kHigh});
  r.diagnostics.push_back({"tar.path_escape", kHostile, 0, 0, kHostile, Severity::kLow});
  return r;
}

// An image of an end-of-life release in which nothing was found: no packages, no findings.
inline Report EmptyReport() {
  Report r = BaseImageReport();
  r.artifact.name = "scratch-app.tar";
  r.artifact.type = "docker-archive";
  r.artifact.digest = r.artifact.config_digest;
  r.artifact.repo_tags = {"scratch-app:latest"};
  r.os->version = "10.13";
  r.os->name = "Debian GNU/Linux 10 (buster)";
  r.os->codename = "buster";
  r.os->eol = true;
  r.os->eol_date = "2024-06-30";
  return r;
}

// A Dockerfile lint report.
inline Report DockerfileReport() {
  Report r;
  r.tool_version = "0.1.0-test";
  r.created_at = "2024-05-01T12:30:45Z";
  r.artifact.name = "build/Dockerfile";
  r.artifact.type = "dockerfile";
  r.scanners = {"dockerfile"};
  Misconfiguration m;
  m.id = "PC-DF-002";
  m.aliases = {"DL3002"};
  m.severity = Severity::kHigh;
  m.title = "Last USER should not be root";
  m.kind = "dockerfile";
  m.target = "build/Dockerfile";
  m.path = "build/Dockerfile";
  m.line = 9;
  m.end_line = 9;
  m.message = "USER root is the last USER instruction (stage \"final\")";
  m.remediation = "Switch to a non-root user after the steps that need root.";
  m.references = {"https://github.com/hadolint/hadolint/wiki/DL3002"};
  r.misconfigurations.push_back(m);
  return r;
}

}  // namespace portcullis::testing
