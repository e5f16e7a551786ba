#include "analyzer/os/eol.h"

#include "core/strings.h"

namespace portcullis {

namespace {

// The end of support that matters to a container: the last day the distribution still
// publishes security fixes for the release for free.
constexpr EolEntry kEolTable[] = {
    // Debian: end of Debian LTS (security fixes continue there, and the Debian security
    // tracker and OSV "Debian:N" data cover LTS). https://wiki.debian.org/LTS,
    // https://endoflife.date/debian ("Debian LTS" column).
    {"debian", "7", "2018-05-31", "wheezy"},
    {"debian", "8", "2020-06-30", "jessie"},
    {"debian", "9", "2022-06-30", "stretch"},
    {"debian", "10", "2024-06-30", "buster"},
    {"debian", "11", "2026-08-31", "bullseye"},
    {"debian", "12", "2028-06-30", "bookworm"},
    {"debian", "13", "2030-06-30", "trixie"},
    // Ubuntu: end of standard support ("Maintenance & Security Support"; ESM needs Ubuntu
    // Pro). https://wiki.ubuntu.com/Releases, https://endoflife.date/ubuntu.
    {"ubuntu", "14.04", "2019-04-02", "trusty"},
    {"ubuntu", "16.04", "2021-04-02", "xenial"},
    {"ubuntu", "18.04", "2023-05-31", "bionic"},
    {"ubuntu", "20.04", "2025-05-31", "focal"},
    {"ubuntu", "22.04", "2027-04-01", "jammy"},
    {"ubuntu", "22.10", "2023-07-20", "kinetic"},
    {"ubuntu", "23.04", "2024-01-20", "lunar"},
    {"ubuntu", "23.10", "2024-07-12", "mantic"},
    {"ubuntu", "24.04", "2029-05-31", "noble"},
    {"ubuntu", "24.10", "2025-07-10", "oracular"},
    {"ubuntu", "25.04", "2026-01-17", "plucky"},
    {"ubuntu", "25.10", "2026-07-01", "questing"},
    {"ubuntu", "26.04", "2031-04-30", "resolute"},
    // Alpine: "End of support" column of the release branches table,
    // https://alpinelinux.org/releases/ (as mirrored by https://endoflife.date/alpine).
    {"alpine", "3.5", "2018-11-01", ""},
    {"alpine", "3.6", "2019-05-01", ""},
    {"alpine", "3.7", "2019-11-01", ""},
    {"alpine", "3.8", "2020-05-01", ""},
    {"alpine", "3.9", "2020-11-01", ""},
    {"alpine", "3.10", "2021-05-01", ""},
    {"alpine", "3.11", "2021-11-01", ""},
    {"alpine", "3.12", "2022-05-01", ""},
    {"alpine", "3.13", "2022-11-01", ""},
    {"alpine", "3.14", "2023-05-01", ""},
    {"alpine", "3.15", "2023-11-01", ""},
    {"alpine", "3.16", "2024-05-23", ""},
    {"alpine", "3.17", "2024-11-22", ""},
    {"alpine", "3.18", "2025-05-09", ""},
    {"alpine", "3.19", "2025-11-01", ""},
    {"alpine", "3.20", "2026-04-01", ""},
    {"alpine", "3.21", "2026-11-01", ""},
    {"alpine", "3.22", "2027-05-01", ""},
    {"alpine", "3.23", "2027-11-01", ""},
    // RHEL: end of Maintenance Support (ELS is a paid add-on).
    // https://access.redhat.com/support/policy/updates/errata, https://endoflife.date/rhel.
    {"rhel", "6", "2020-11-30", ""},
    {"rhel", "7", "2024-06-30", ""},
    {"rhel", "8", "2029-05-31", ""},
    {"rhel", "9", "2032-05-31", ""},
    {"rhel", "10", "2035-05-31", ""},
    // CentOS Linux and CentOS Stream: https://wiki.centos.org/About/Product,
    // https://endoflife.date/centos, https://endoflife.date/centos-stream.
    {"centos", "6", "2020-11-30", ""},
    {"centos", "7", "2024-06-30", ""},
    {"centos", "8", "2021-12-31", ""},
    {"centos", "stream8", "2024-05-31", ""},
    {"centos", "stream9", "2027-05-31", ""},
    {"centos", "stream10", "2030-01-01", ""},
    // Rocky Linux: "End of Life" column, https://wiki.rockylinux.org/rocky/version/.
    {"rocky", "8", "2029-05-31", ""},
    {"rocky", "9", "2032-05-31", ""},
    {"rocky", "10", "2035-05-31", ""},
    // AlmaLinux: https://wiki.almalinux.org/release-notes/, https://endoflife.date/almalinux.
    {"almalinux", "8", "2029-03-01", ""},
    {"almalinux", "9", "2032-05-31", ""},
    {"almalinux", "10", "2035-05-31", ""},
    // Fedora: https://docs.fedoraproject.org/en-US/releases/eol/, https://endoflife.date/fedora.
    {"fedora", "37", "2023-12-05", ""},
    {"fedora", "38", "2024-05-21", ""},
    {"fedora", "39", "2024-11-26", ""},
    {"fedora", "40", "2025-05-13", ""},
    {"fedora", "41", "2025-12-15", ""},
    {"fedora", "42", "2026-05-13", ""},
    {"fedora", "43", "2026-12-09", ""},
    // Amazon Linux: https://aws.amazon.com/amazon-linux-2/faqs/ (AL2 extended to 2026-06-30),
    // https://docs.aws.amazon.com/linux/al2023/ug/release-cadence.html,
    // https://endoflife.date/amazon-linux.
    {"amazon", "2018.03", "2023-12-31", ""},
    {"amazon", "2", "2026-06-30", ""},
    {"amazon", "2023", "2028-03-15", ""},
    // openSUSE Leap: https://en.opensuse.org/Lifetime, https://endoflife.date/opensuse.
    {"opensuse-leap", "15.0", "2019-12-03", ""},
    {"opensuse-leap", "15.1", "2021-02-02", ""},
    {"opensuse-leap", "15.2", "2022-01-04", ""},
    {"opensuse-leap", "15.3", "2022-12-31", ""},
    {"opensuse-leap", "15.4", "2023-12-07", ""},
    {"opensuse-leap", "15.5", "2024-12-31", ""},
    {"opensuse-leap", "15.6", "2026-04-30", ""},
    {"opensuse-leap", "16.0", "2027-10-31", ""},
    // VMware Photon OS: https://endoflife.date/photon (upstream announces 3.0 and 4.0 as
    // "early 2024" and "mid 2025"; 5.0 has no published date and is not listed).
    {"photon", "1.0", "2022-02-28", ""},
    {"photon", "2.0", "2022-12-01", ""},
    {"photon", "3.0", "2024-02-01", ""},
    {"photon", "4.0", "2025-07-01", ""},
    // Wolfi and Chainguard are rolling distributions: no release ever reaches end of life, so
    // they have no entry.
};

// The first `n` dot-separated numeric components of `version` ("3.19.1", 2 -> "3.19").
std::string LeadingComponents(std::string_view version, size_t n) {
  std::string out;
  size_t taken = 0;
  size_t i = 0;
  while (i < version.size() && taken < n) {
    size_t start = i;
    while (i < version.size() && version[i] >= '0' && version[i] <= '9') ++i;
    if (i == start) break;
    if (taken > 0) out += '.';
    out.append(version.substr(start, i - start));
    ++taken;
    if (i < version.size() && version[i] == '.') {
      ++i;
    } else {
      break;
    }
  }
  return taken == n ? out : "";
}

}  // namespace

std::span<const EolEntry> EolTable() { return kEolTable; }

std::string ReleaseKey(std::string_view family, std::string_view version, bool centos_stream) {
  if (family == "ubuntu" || family == "alpine" || family == "opensuse-leap" ||
      family == "photon") {
    return LeadingComponents(version, 2);
  }
  if (family == "amazon") {
    std::string two = LeadingComponents(version, 2);
    if (two == "2018.03") return two;
    return LeadingComponents(version, 1);
  }
  std::string major = LeadingComponents(version, 1);
  if (family == "centos" && centos_stream && !major.empty()) return "stream" + major;
  return major;
}

const EolEntry* FindEol(std::string_view family, std::string_view version, bool centos_stream) {
  std::string key = ReleaseKey(family, version, centos_stream);
  if (key.empty()) return nullptr;
  for (const EolEntry& entry : kEolTable) {
    if (entry.family == family && entry.release == key) return &entry;
  }
  return nullptr;
}

bool IsPastDate(std::string_view today, std::string_view date) {
  if (date.empty()) return false;
  return today.substr(0, 10) > date;
}

}  // namespace portcullis
