FROM alpine:3.19@sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b
RUN apk add --no-cache tini=0.19.0-r2
COPY --chmod=0755 app /usr/local/bin/app
USER 65534
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["app"]
