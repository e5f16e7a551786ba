#include "portcullis/result.h"

namespace portcullis {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kCorrupt: return "corrupt";
    case ErrorCode::kDigestMismatch: return "digest_mismatch";
    case ErrorCode::kLimitExceeded: return "limit_exceeded";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kNetwork: return "network";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Error::ToString() const {
  if (path.empty()) return message;
  switch (position_kind) {
    case PositionKind::kLine:
      if (position > 0) return fmt::format("{}:{}: {}", path, position, message);
      break;
    case PositionKind::kOffset:
      return fmt::format("{} (offset {}): {}", path, position, message);
    case PositionKind::kNone:
      break;
  }
  return fmt::format("{}: {}", path, message);
}

Error Error::WithPath(std::string p) const {
  Error e = *this;
  if (e.path.empty()) e.path = std::move(p);
  return e;
}

}  // namespace portcullis
