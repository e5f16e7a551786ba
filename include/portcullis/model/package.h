// Package: one installed software package found in an artifact (OS or language package).
// Plain value type; safe from any thread.
#pragma once

#include <string>
#include <vector>

namespace portcullis {

struct Package {
  std::string name;            // binary package name as the package manager knows it
  std::string version;         // full version: epoch, upstream and release ("1:2.36-9+deb12u4")
  std::string arch;            // "amd64", "x86_64", "noarch", "" when the database has none
  std::string source_name;     // dpkg Source:, apk origin, rpm SOURCERPM name; = name if none
  std::string source_version;  // version of the source package; = version if none
  // OSV ecosystem name, with the release when known: "Debian:12", "Alpine:v3.19",
  // "Rocky Linux:9", "npm", "PyPI". This is what the vulnerability matcher keys on.
  std::string ecosystem;
  std::string type;            // purl type: "deb", "apk", "rpm", "npm", "pypi", "golang", ...
  std::string purl;            // package URL (https://github.com/package-url/purl-spec)
  std::vector<std::string> licenses;  // as the database states them (SPDX ids where it uses them)
  std::string layer;           // digest of the layer that installed this version ("" = unknown)
  std::string found_in;        // path of the database or manifest that lists it
  std::string maintainer;      // as the database states it, when it does
  // Language packages only: the OS package whose file list holds this package's files (e.g.
  // "python3-urllib3"). Such a package is not matched against its language ecosystem's
  // advisories: the distribution's advisories for `installed_by` are the ones that apply.
  std::string installed_by;
  // How name and version were found when it was not a package database or manifest:
  // "pom.properties", "manifest", "file-name" (Java archives); "" otherwise.
  std::string identified_by;
};

}  // namespace portcullis
