// Decompression of layer blobs: gzip (ISA-L), zstd (libzstd) or none, detected from the
// stream's first bytes (media types can lie). Streams belong to one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "layer/byte_stream.h"

namespace portcullis {

enum class Compression { kNone, kGzip, kZstd };

std::string_view CompressionName(Compression c);

// Detects the compression of `inner` from its magic bytes and returns a stream of the
// decompressed bytes. Corrupt or truncated compressed data fails the read with kCorrupt,
// naming `name`. `detected`, when given, receives what was found.
Result<std::unique_ptr<ByteStream>> OpenDecompressed(std::unique_ptr<ByteStream> inner,
                                                     std::string name,
                                                     Compression* detected = nullptr);

}  // namespace portcullis
