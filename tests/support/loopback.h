// Test support: loopback ports for the real services the tests start (docker-registry, HTTP
// test servers). Used from test threads only.
#pragma once

namespace portcullis::testing {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
int FreePort();

// True when something accepts TCP connections on 127.0.0.1:`port`.
bool Listening(int port);

}  // namespace portcullis::testing
