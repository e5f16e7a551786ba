# syntax=docker/dockerfile:1.4
FROM ubuntu:22.04
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN <<EOF
set -e
apt-get update
apt-get install -y --no-install-recommends python3=3.10.6-1~22.04
rm -rf /var/lib/apt/lists/*
EOF
COPY <<-"EOT" /etc/app/config.ini
	[server]
	port = 8080
	EOT
COPY <<index.html <<robots.txt /srv/www/
<h1>hello</h1>
index.html
User-agent: *
robots.txt
RUN <<PY python3
print("generated at build time")
PY
RUN useradd --uid 10001 --no-log-init app
USER 10001
CMD ["python3", "-m", "http.server", "--directory", "/srv/www", "8080"]
