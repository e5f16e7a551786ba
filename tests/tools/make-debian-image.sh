#!/usr/bin/env bash
# Builds (once) and caches the real Debian 12 test image used by integration tests, the demo and
# the benchmarks — no Docker engine needed:
#   $CACHE/bookworm-rootfs        debootstrap --variant=minbase + python3, curl, ca-certificates
#   $CACHE/bookworm-oci/          OCI layout (gzip layers): 1 the root, 2 an app file, 3 a whiteout
#                                 of /usr/bin/curl; config user 1000, env, port 8080
#   $CACHE/bookworm-oci.tar       the same layout packed as a tar
#   $CACHE/bookworm-docker.tar    the same image as a docker-archive (skopeo; plain layers)
# CACHE is $PORTCULLIS_TEST_CACHE, default /var/cache/portcullis-test. Idempotent; a finished
# image is marked by $CACHE/bookworm.done. Needs root (debootstrap) and the network to
# deb.debian.org the first time.
set -euo pipefail
CACHE=${PORTCULLIS_TEST_CACHE:-/var/cache/portcullis-test}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9
if [ -f "$CACHE/bookworm.done" ]; then exit 0; fi

if [ ! -x "$CACHE/bookworm-rootfs/usr/bin/python3" ]; then
  echo "make-debian-image: debootstrap bookworm into $CACHE/bookworm-rootfs (about a minute)" >&2
  rm -rf "$CACHE/bookworm-rootfs.tmp"
  debootstrap --variant=minbase --include=python3,curl,ca-certificates,openssl \
    bookworm "$CACHE/bookworm-rootfs.tmp" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 || {
      tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
  rm -rf "$CACHE/bookworm-rootfs"
  mv "$CACHE/bookworm-rootfs.tmp" "$CACHE/bookworm-rootfs"
fi

work=$(mktemp -d "$CACHE/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
umoci init --layout oci >/dev/null
umoci new --image oci:app >/dev/null
# Layers are written with GNU tar and appended verbatim (umoci compresses them with gzip).
tar --numeric-owner --xattrs -C "$CACHE/bookworm-rootfs" -cf layer1.tar .
mkdir -p l2 && echo 'hello from the app layer' > l2/app.txt
tar --numeric-owner --owner=0 --group=0 -C l2 -cf layer2.tar app.txt
mkdir -p l3/usr/bin && touch l3/usr/bin/.wh.curl
tar --numeric-owner --owner=0 --group=0 -C l3 -cf layer3.tar usr/bin/.wh.curl
for l in layer1 layer2 layer3; do
  umoci raw add-layer --image oci:app --history.created_by "portcullis test $l" "$l.tar" >/dev/null
  rm "$l.tar"
done
umoci config --image oci:app --config.user 1000 --config.env APP_MODE=demo \
  --config.exposedports 8080/tcp --config.cmd /bin/sh >/dev/null
umoci gc --layout oci >/dev/null
skopeo copy --quiet oci:oci:app docker-archive:docker.tar:portcullis/bookworm:test
tar -C oci -cf oci.tar .

rm -rf "$CACHE/bookworm-oci" "$CACHE/bookworm-oci.tar" "$CACHE/bookworm-docker.tar"
mv oci "$CACHE/bookworm-oci"
mv oci.tar "$CACHE/bookworm-oci.tar"
mv docker.tar "$CACHE/bookworm-docker.tar"
touch "$CACHE/bookworm.done"
echo "make-debian-image: images ready in $CACHE" >&2
