#!/usr/bin/env bash
# Regenerates rpmdb.sqlite.zst and rpmdb.expected in this folder with Debian's rpm (package `rpm`,
# in scripts/setup): builds three tiny noarch packages from specs (one with an epoch, licences
# with spaces, a source package named differently from its binary), installs them into a fresh
# database with --justdb, and records what `rpm -qa` says about them. The test
# tests/analyzer/rpm_test.cc reads the database and compares with rpmdb.expected.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{SPECS,RPMS,BUILD,SOURCES,SRPMS,db}

spec() {  # name version release epoch license vendor srcname
  local epoch_line="" pkg_header="" files_line="%files"
  [ -n "$4" ] && epoch_line="Epoch: $4"
  if [ "$1" != "$7" ]; then
    pkg_header="%package -n $1
Summary: Portcullis test binary package $1
%description -n $1
Binary package $1 of source $7."
    files_line="%files -n $1"
  fi
  cat >"$work/SPECS/$1.spec" <<SPEC
Name: $7
Version: $2
Release: $3
$epoch_line
Summary: Portcullis test package $1
License: $5
Vendor: $6
BuildArch: noarch
%description
A package that exists only to fill a test rpm database.
$pkg_header
$files_line
%changelog
SPEC
  rpmbuild --quiet -bb --define "_topdir $work" --define "_build_id_links none" \
    "$work/SPECS/$1.spec" >/dev/null
}

spec pc-alpha 1.2.3 4.el9 "" "MIT" "Portcullis Tests" pc-alpha
spec pc-beta 2.0 1.fc40 3 "GPL-2.0-or-later AND LGPL-2.1-only" "Portcullis Tests" pc-beta
spec pc-gamma-libs 0.9.1 7 "" "ASL 2.0" "Other Vendor" pc-gamma

rpm --dbpath "$work/db" --initdb
rpm --dbpath "$work/db" -i --nodeps --justdb --ignorearch --ignoreos "$work"/RPMS/noarch/*.rpm
# Make the file self-contained (no -wal/-shm beside it), as in a committed image layer.
rpm --dbpath "$work/db" --rebuilddb 2>/dev/null || true
rpm --dbpath "$work/db" -qa \
  --qf '%{NAME}\t%{EPOCHNUM}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{LICENSE}\t%{VENDOR}\t%{SOURCERPM}\n' \
  | sort >"$here/rpmdb.expected"
zstd -19 -q -f -o "$here/rpmdb.sqlite.zst" "$work/db/rpmdb.sqlite"
ls -l "$here/rpmdb.sqlite.zst" "$here/rpmdb.expected"
