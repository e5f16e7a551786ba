// Package identity after OS detection: the OSV ecosystem and the purl of each OS package
// (deb, apk, rpm) depend on the distribution and release, which are known only once the
// layers are merged. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "portcullis/model/package.h"
#include "portcullis/model/report.h"

namespace portcullis {

// The OSV ecosystem of `os`'s packages, spelled as in the OSV schema's ecosystem list and the
// advisories: "Debian:12", "Ubuntu:22.04:LTS" (LTS releases) / "Ubuntu:24.10", "Alpine:v3.19",
// "Rocky Linux:9", "AlmaLinux:9", "Red Hat:enterprise_linux:9" (Red Hat's records add
// "::<repository>"; match on this prefix), "openSUSE:Leap 15.5", "Photon OS:5.0", "Wolfi",
// "Chainguard". "" for families OSV has no data for (centos, fedora, amazon, oracle, ...) and
// when the release is unknown.
std::string OsvEcosystem(const OsInfo& os);

// The purl namespace of `os`'s packages: the os-release ID ("debian", "ubuntu", "alpine",
// "wolfi", "rocky", "almalinux", "fedora", "centos", "amazon"), "redhat" for rhel, "opensuse"
// for openSUSE Leap, "suse" for SLES.
std::string PurlNamespace(const OsInfo& os);

// Sets `ecosystem` and `purl` of every package whose type is "deb", "apk" or "rpm":
//   pkg:deb/debian/NAME@VERSION?arch=amd64&distro=debian-12.5 (epoch kept in the version),
//   pkg:apk/alpine/NAME@VERSION?arch=x86_64&distro=3.19.1,
//   pkg:rpm/rocky/NAME@VERSION-RELEASE?arch=x86_64&distro=rocky-9.3&epoch=1.
// Without an OS (`os` empty) the namespace falls back to the package type's usual distribution
// (debian, alpine; rpm packages get none), no distro qualifier, and no ecosystem. Packages of
// other types are left as they are.
void AssignOsPackageIdentity(const std::optional<OsInfo>& os, std::vector<Package>& packages);

}  // namespace portcullis
