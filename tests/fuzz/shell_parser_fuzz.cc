// libFuzzer target: the shell-command parser of RUN instructions.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/shell/shell.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  portcullis::shell::Script script = portcullis::shell::ParseScript(text);
  for (const auto& cmd : script.commands) {
    auto argv = portcullis::shell::UnwrappedArgv(cmd);
    if (argv.size() > cmd.argv.size()) __builtin_trap();
  }
  (void)portcullis::shell::SplitWords(text);
  return 0;
}
