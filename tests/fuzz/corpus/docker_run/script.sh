#!/bin/sh
CID=$(docker run -d \
  --cap-add SYS_ADMIN -v "$(pwd)":/src -p 127.0.0.1:80:80 builder:1)
sudo -E docker -H x run -itp 8080:80 --mount type=bind,src=/,dst=/h --privileged=false `echo img`
