#!/usr/bin/env bash
# Builds (once) and caches the image of issue 15 (finding identity) from real Debian packages
# and npm, with umoci — no Docker engine needed:
#   layer 1  the debootstrap Debian 12 root of make-debian-image.sh
#   layer 2  `apt-get install python3-urllib3 python3-cryptography` run in a copy of that root
#            (Debian's files, dpkg status and file lists, as apt leaves them)
#   layer 3  an application: six Go binaries from Debian packages (age, age-keygen, fzf, shfmt,
#            direnv, docker-registry) copied to /usr/local/bin, where no OS package owns them;
#            lodash 4.17.20 from npm twice (app1/, app2/); srv/app.war holding Debian's
#            commons-logging jars (no pom.properties: named from MANIFEST.MF); and urllib3
#            1.26.12's metadata in /usr/local/lib/python3.11/dist-packages as pip would leave
#            it (Debian's PKG-INFO as METADATA): the same version as Debian's, owned by nobody
# into $CACHE/identity-oci (tag "app"). CACHE is $PORTCULLIS_TEST_CACHE, default
# /var/cache/portcullis-test; a finished image is marked by $CACHE/identity.done. Needs root
# (chroot) and the network to deb.debian.org and registry.npmjs.org the first time.
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE=${PORTCULLIS_TEST_CACHE:-/var/cache/portcullis-test}
tests/tools/make-debian-image.sh
exec 8>"$CACHE/.identity-lock"
flock 8
if [ -f "$CACHE/identity.done" ]; then exit 0; fi
echo "make-identity-image: building $CACHE/identity-oci (apt, npm; a minute or two)" >&2

work=$(mktemp -d "$CACHE/identity.XXXXXX")
cleanup() {
  umount "$work/root/proc" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

# Layer 2: Debian's python3-urllib3 and python3-cryptography installed by apt in a copy of the
# root; the layer holds what apt created or changed (ctime after the marker: dpkg keeps the
# packages' mtimes).
cp -a "$CACHE/bookworm-rootfs" root
cp /etc/resolv.conf root/etc/resolv.conf
touch marker
sleep 1
mount -t proc proc root/proc
export DEBIAN_FRONTEND=noninteractive
chroot root apt-get update -qq >/dev/null
chroot root apt-get install -y -qq --no-install-recommends python3-urllib3 python3-cryptography \
  >/dev/null
chroot root apt-get clean
umount root/proc
rm -rf root/var/lib/apt/lists/* root/var/cache/debconf/*-old root/var/log/*
(cd root && find . -cnewer ../marker ! -path ./proc ! -path './proc/*' ! -path ./etc/resolv.conf \
  ! -path ./var/lib/apt/lists ! -path ./var/log | sort) > layer2.list
tar --numeric-owner --xattrs --no-recursion -C root -cf layer2.tar -T layer2.list

# Layer 3: the application.
mkdir -p debs app/usr/local/bin app/srv
(cd debs && apt-get download age fzf shfmt direnv docker-registry libcommons-logging-java \
  >/dev/null 2>&1)
for deb in debs/*.deb; do dpkg-deb -x "$deb" debs/x; done
for bin in age age-keygen fzf shfmt direnv docker-registry; do
  cp "debs/x/usr/bin/$bin" app/usr/local/bin/
done
for dir in app1 app2; do
  mkdir -p "app/$dir"
  npm install --prefix "app/$dir" --no-audit --no-fund --no-save --loglevel=error \
    lodash@4.17.20 >/dev/null
  rm -f "app/$dir/package.json" "app/$dir/package-lock.json" \
    "app/$dir/node_modules/.package-lock.json"
done
python3 - "$work" <<'PY'
import sys, zipfile
work = sys.argv[1]
with zipfile.ZipFile(f"{work}/app/srv/app.war", "w", zipfile.ZIP_DEFLATED) as war:
    war.writestr("WEB-INF/web.xml", "<web-app/>\n")
    for jar in ("commons-logging-1.2.jar", "commons-logging-api-1.2.jar"):
        war.write(f"{work}/debs/x/usr/share/java/{jar}", f"WEB-INF/lib/{jar}")
PY
pip_dir=app/usr/local/lib/python3.11/dist-packages/urllib3-1.26.12.dist-info
mkdir -p "$pip_dir"
cp root/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO "$pip_dir/METADATA"
echo pip > "$pip_dir/INSTALLER"
tar --numeric-owner --owner=0 --group=0 -C app -cf layer3.tar .

umoci init --layout oci >/dev/null
umoci new --image oci:app >/dev/null
tar --numeric-owner --xattrs -C "$CACHE/bookworm-rootfs" -cf layer1.tar .
umoci raw add-layer --image oci:app --history.created_by "debootstrap bookworm" layer1.tar \
  >/dev/null
umoci raw add-layer --image oci:app \
  --history.created_by "apt-get install python3-urllib3 python3-cryptography" layer2.tar >/dev/null
umoci raw add-layer --image oci:app --history.created_by "COPY app /" layer3.tar >/dev/null
umoci config --image oci:app --config.user 1000 --config.cmd /usr/local/bin/fzf >/dev/null
umoci gc --layout oci >/dev/null

rm -rf "$CACHE/identity-oci"
mv oci "$CACHE/identity-oci"
touch "$CACHE/identity.done"
echo "make-identity-image: $CACHE/identity-oci ready" >&2
