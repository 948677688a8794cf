#!/bin/sh
# fetch.sh DIR - fetch the held-out bounce corpora (the test messages of other
# public bounce parsers) into DIR, outside the project, for heldout.py:
#   - flufl.bounce's test data: Debian's binary package python3-flufl.bounce;
#   - Mail::DeliveryStatus::BounceParser's t/corpus: Debian's source package
#     libmail-deliverystatus-bounceparser-perl (fetched through a deb-src list
#     of DIR's own: the machine's apt sources are left as they are);
#   - baunsu's tests/emails: the npm package baunsu.
# Nothing is installed; the files stay in DIR. Needs apt-get, dpkg-deb, npm.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
mkdir -p "$1"
DIR=$(cd "$1" && pwd)
cd "$DIR"

# flufl.bounce: the binary package ships its tests/data
apt-get download python3-flufl.bounce
dpkg-deb -x python3-flufl.bounce_*.deb python3-flufl.bounce

# BounceParser: only its source package has t/corpus
mkdir -p apt/lists/partial apt/cache/archives/partial src
echo "deb-src http://deb.debian.org/debian bookworm main" > apt/sources.list
APTO="-o Dir::Etc::SourceList=$DIR/apt/sources.list -o Dir::Etc::SourceParts=/nonexistent
 -o Dir::State::Lists=$DIR/apt/lists -o Dir::Cache=$DIR/apt/cache -o APT::Sandbox::User=root"
# shellcheck disable=SC2086
apt-get -q $APTO update
# only the upstream tarball is needed: a missing Debian diff is no error here
# shellcheck disable=SC2086
(cd src && apt-get -q $APTO source --download-only libmail-deliverystatus-bounceparser-perl) || true
tar -C src -xf src/libmail-deliverystatus-bounceparser-perl_*.orig.tar.*

# baunsu: the npm package ships tests/emails
npm pack --silent baunsu >/dev/null
mkdir -p baunsu
tar -C baunsu -xzf baunsu-*.tgz

echo "fetched into $DIR: HELDOUT_DIR=$DIR meson test -C build --suite heldout --verbose"
