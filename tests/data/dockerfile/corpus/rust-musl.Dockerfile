FROM rust:1.76-alpine3.19 AS build
RUN apk add --no-cache musl-dev=1.2.4_git20230717-r4
WORKDIR /usr/src/app
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release --locked

FROM alpine:3.19
RUN apk add --no-cache ca-certificates=20240226-r0 tini=0.19.0-r2 \
 && adduser -D -H -u 10001 app
COPY --from=build /usr/src/app/target/release/app /usr/local/bin/app
USER 10001
ENTRYPOINT ["/sbin/tini", "--", "/usr/local/bin/app"]
