// Test support: runs the `portcullis` executable built with the tests (PORTCULLIS_BINARY) and
// captures its exit code, stdout and stderr. Used from test threads only.
#pragma once

#include <string>
#include <vector>

namespace portcullis::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `portcullis args...` with `input` on stdin and `env` ("NAME=value") added to the
// environment.
RunResult RunPortcullis(const std::vector<std::string>& args, const std::string& input = "",
                        const std::vector<std::string>& env = {});

}  // namespace portcullis::testing
