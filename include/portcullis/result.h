// Result<T> and Error: how every fallible function in Portcullis reports failure.
//
// A Result<T> is std::expected<T, Error>. No exception crosses a module boundary: code that
// calls a throwing third-party library (yaml-cpp, nlohmann-json, CLI11) catches at the call
// site and returns an Error. Error is a value type; any thread may create, copy and read it.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace portcullis {

// What kind of failure an Error is. main() maps these to exit codes; callers branch on them.
enum class ErrorCode {
  kInvalidArgument,  // the user asked for something malformed (flag, reference, option)
  kNotFound,         // a file, blob, tag or platform that should exist does not
  kIo,               // the operating system refused a read or write
  kCorrupt,          // input exists but does not parse (truncated, malformed, wrong magic)
  kDigestMismatch,   // a blob's content does not hash to its declared digest
  kLimitExceeded,    // input is larger, deeper or longer than a configured limit
  kUnsupported,      // valid input in a form this version does not read
  kNetwork,          // a remote endpoint could not be reached or answered badly
  kInternal,         // a bug: an invariant of Portcullis itself did not hold
};

// Returns a stable lower-case name for `code` ("corrupt", "digest_mismatch", ...).
std::string_view ErrorCodeName(ErrorCode code);

// A failure: what happened, to which input, and where in it. `path` names the file or blob,
// `position` is a 1-based line or a byte offset as `position_kind` says (0 = unknown).
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string path;
  uint64_t position = 0;
  enum class PositionKind { kNone, kLine, kOffset } position_kind = PositionKind::kNone;

  // "path:line: message", "path (offset N): message" or just "message".
  [[nodiscard]] std::string ToString() const;

  // Returns a copy whose path is `p` when this error names none yet.
  [[nodiscard]] Error WithPath(std::string p) const;
};

template <typename T>
using Result = std::expected<T, Error>;

// Builds an unexpected Error from a format string: `return Fail(ErrorCode::kCorrupt, "...{}", x);`
template <typename... Args>
[[nodiscard]] std::unexpected<Error> Fail(ErrorCode code, fmt::format_string<Args...> format,
                                          Args&&... args) {
  return std::unexpected(Error{code, fmt::format(format, std::forward<Args>(args)...)});
}

// Same, naming the input and a position in it.
template <typename... Args>
[[nodiscard]] std::unexpected<Error> FailAt(ErrorCode code, std::string path, uint64_t line,
                                            fmt::format_string<Args...> format, Args&&... args) {
  return std::unexpected(Error{code, fmt::format(format, std::forward<Args>(args)...),
                               std::move(path), line, Error::PositionKind::kLine});
}

}  // namespace portcullis

// Evaluates `expr` (a Result); on error returns it from the enclosing function, otherwise
// yields the value. GCC statement expression: usable as `auto x = PC_TRY(Parse(s));`.
#define PC_TRY(expr)                                                             \
  __extension__({                                                                            \
    auto&& pc_try_result_ = (expr);                                              \
    if (!pc_try_result_) return std::unexpected(std::move(pc_try_result_).error()); \
    std::move(pc_try_result_).value();                                           \
  })

// Like PC_TRY for Result<void>.
#define PC_TRY_VOID(expr)                                                        \
  do {                                                                           \
    auto&& pc_try_result_ = (expr);                                              \
    if (!pc_try_result_) return std::unexpected(std::move(pc_try_result_).error()); \
  } while (0)
