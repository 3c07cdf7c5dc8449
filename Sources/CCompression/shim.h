// The system's decompression libraries (Debian: zlib1g-dev, libzstd-dev, libbz2-dev) as one C
// module for Swift. zlib's init functions are macros (they pass the library version and the size of
// z_stream), which Swift cannot call: the inline functions below stand in for them.
#ifndef COAUTHOR_CCOMPRESSION_SHIM_H
#define COAUTHOR_CCOMPRESSION_SHIM_H

#include <zlib.h>
#include <zstd.h>
#include <bzlib.h>

/// inflateInit2 for gzip members only (window bits 15 + 16: a gzip header and trailer, CRC-32 checked).
static inline int coauthor_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 16);
}

#endif
