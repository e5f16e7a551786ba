// Where a key password comes from, as cosign does it: $PORTCULLIS_KEY_PASSWORD, else
// $COSIGN_PASSWORD (set but empty means the empty password), else the terminal (/dev/tty, echo
// off), else an error. Main thread only (it reads the terminal).
#pragma once

#include <string>

#include "portcullis/result.h"

namespace portcullis::sign {

// Returns the password. With `confirm` (new keys) a terminal password is asked twice and must
// match. kInvalidArgument when there is neither variable nor terminal, or the entries differ.
Result<std::string> ReadKeyPassword(bool confirm);

}  // namespace portcullis::sign
