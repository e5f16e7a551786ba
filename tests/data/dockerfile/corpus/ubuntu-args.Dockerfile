ARG UBUNTU_RELEASE=22.04
FROM ubuntu:${UBUNTU_RELEASE}
ARG DEBIAN_FRONTEND=noninteractive
ARG APP_HOME=/opt/app
ENV APP_HOME=${APP_HOME} \
    APP_USER=app
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata=2024a-0ubuntu0.22.04 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --home-dir "${APP_HOME}" --uid 10001 "${APP_USER}"
WORKDIR ${APP_HOME}
USER 10001
CMD ["bash"]
