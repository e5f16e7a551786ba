#!/usr/bin/env python3
"""Generates N realistic Dockerfiles for bench/dockerfile.sh.

Templates: the 21 real-world Dockerfiles of tests/data/dockerfile/corpus plus the 12 below,
varied by version tags, package lists, ports, users and extra instructions, so every file is
different but each stays a plausible Dockerfile. Deterministic for a given seed.

usage: dockerfile_gen.py OUTDIR COUNT [SEED]
"""
import os
import random
import re
import sys

INLINE = [
    """FROM python:{py}-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER {uid}
EXPOSE {port}
CMD ["python", "app.py"]
""",
    """FROM node:{node}-alpine AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM nginx:{nginx}-alpine
COPY --from=build /app/dist /usr/share/nginx/html
EXPOSE {port}
""",
    """FROM ubuntu:{ubuntu}
RUN apt-get update && apt-get install -y {pkgs} && rm -rf /var/lib/apt/lists/*
COPY app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
""",
    """FROM alpine:{alpine}
RUN apk add --no-cache {apk}
RUN adduser -D -u {uid} app
USER app
WORKDIR /home/app
COPY --chown=app:app . .
CMD ["./run.sh"]
""",
    """FROM golang:{go} AS builder
WORKDIR /go/src/app
COPY . .
RUN go mod download && CGO_ENABLED=0 go build -o /bin/app ./cmd/app

FROM gcr.io/distroless/base-debian12
COPY --from=builder /bin/app /app
USER nonroot:nonroot
ENTRYPOINT ["/app"]
""",
    """FROM centos:7
RUN yum install -y {rpm} && yum clean all
RUN useradd -u {uid} svc
USER svc
CMD ["/opt/svc/bin/start"]
""",
    """FROM fedora:{fedora}
RUN dnf install -y {rpm} && dnf clean all
COPY entrypoint.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
""",
    """FROM openjdk:{java}-jdk-slim
ARG JAR_FILE=target/*.jar
COPY ${{JAR_FILE}} app.jar
ENTRYPOINT ["java","-jar","/app.jar"]
""",
    """FROM ruby:{ruby}
RUN apt-get update -qq && apt-get install -y nodejs postgresql-client
WORKDIR /myapp
COPY Gemfile /myapp/Gemfile
COPY Gemfile.lock /myapp/Gemfile.lock
RUN bundle install
COPY . /myapp
EXPOSE {port}
CMD ["rails", "server", "-b", "0.0.0.0"]
""",
    """FROM php:{php}-fpm
RUN docker-php-ext-install pdo pdo_mysql
RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer
WORKDIR /var/www
COPY . .
RUN composer install --no-dev
""",
    """FROM debian:{debian}
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \\
    && apt-get install -y --no-install-recommends {pkgs} \\
    # keep the image small
    && rm -rf /var/lib/apt/lists/*
HEALTHCHECK --interval=30s CMD curl -f http://localhost:{port}/ || exit 1
USER {uid}
""",
    """# syntax=docker/dockerfile:1.4
FROM ubuntu:{ubuntu}
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends {pkgs}
rm -rf /var/lib/apt/lists/*
EOF
COPY <<EOF /etc/motd
built by the benchmark
EOF
USER {uid}
""",
]

PKGS = ["curl", "ca-certificates", "git", "jq", "unzip", "gnupg", "tzdata", "locales",
        "libpq5", "libssl3", "python3", "wget", "netbase", "procps"]
APK = ["curl", "ca-certificates", "bash", "tini", "tzdata", "git", "openssl", "jq"]
RPM = ["httpd", "nginx", "java-17-openjdk", "python3", "git", "which", "tar"]


def fill(rng):
    return {
        "py": rng.choice(["3.10", "3.11", "3.12"]),
        "node": rng.choice(["18", "20", "21"]),
        "nginx": rng.choice(["1.24", "1.25", "1.26"]),
        "ubuntu": rng.choice(["20.04", "22.04", "24.04"]),
        "alpine": rng.choice(["3.18", "3.19", "3.20"]),
        "go": rng.choice(["1.21", "1.22", "1.23"]),
        "fedora": rng.choice(["39", "40"]),
        "java": rng.choice(["11", "17", "21"]),
        "ruby": rng.choice(["3.2", "3.3"]),
        "php": rng.choice(["8.2", "8.3"]),
        "debian": rng.choice(["11", "12", "bookworm-slim"]),
        "uid": rng.choice([1000, 1001, 10001, 65532]),
        "port": rng.choice([80, 443, 3000, 5000, 8000, 8080, 9090]),
        "pkgs": " ".join(rng.sample(PKGS, rng.randint(1, 6))),
        "apk": " ".join(rng.sample(APK, rng.randint(1, 4))),
        "rpm": " ".join(rng.sample(RPM, rng.randint(1, 3))),
    }


def vary_corpus(text, rng):
    # Other minor versions in image tags, so files differ.
    def bump(m):
        return f":{m.group(1)}.{rng.randint(0, 30)}"
    return re.sub(r":(\d+)\.(\d+)(?=[\s@-])", bump, text, count=2)


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    rng = random.Random(seed)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    corpus_dir = os.path.join(root, "tests", "data", "dockerfile", "corpus")
    corpus = [open(os.path.join(corpus_dir, f)).read() for f in sorted(os.listdir(corpus_dir))]
    templates = len(INLINE) + len(corpus)
    os.makedirs(out, exist_ok=True)
    for i in range(count):
        k = rng.randrange(templates)
        if k < len(INLINE):
            text = INLINE[k].format(**fill(rng))
        else:
            text = vary_corpus(corpus[k - len(INLINE)], rng)
        if rng.random() < 0.3 and not text.startswith("#"):  # keep parser directives first
            text = f"# service {i}\n" + text
        if rng.random() < 0.3:
            text += f'LABEL org.opencontainers.image.revision="{rng.getrandbits(64):016x}"\n'
        sub = os.path.join(out, f"d{i // 1000:02d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"svc{i:05d}.Dockerfile"), "w") as f:
            f.write(text)
    print(f"{count} Dockerfiles from {templates} templates in {out}")


if __name__ == "__main__":
    main()
