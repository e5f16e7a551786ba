FROM ubuntu:latest
MAINTAINER ops@example.com
ENV DB_PASSWORD=changeme123
RUN apt-get update
RUN apt-get install -y curl openssh-server
RUN curl -sL https://deb.nodesource.com/setup_20.x | bash -
ADD app /opt/app
RUN chmod -R 777 /opt/app
EXPOSE 22 3000
CMD node /opt/app/server.js
