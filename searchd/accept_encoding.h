// SPDX-License-Identifier: GPL-2.0-or-later
// Which compression searchd's answers get. httplib 0.11 picks brotli when a
// client accepts it and compresses at brotli's slowest quality (11), with no
// setting to lower it: about 12 ms of CPU for a 13 KB script where gzip takes
// 1 ms. A browser accepts brotli, so the page's twenty small files and its
// first search waited up to half a second for compression on two cores.
// searchd therefore answers with gzip (or nothing) only.
#pragma once

#include <cstddef>
#include <string>

namespace archivist::searchd {

// Hides the brotli coding ("br") from the Accept-Encoding headers of the
// request head at the front of `received` (its first `head_length` bytes), so
// that httplib's negotiation falls to gzip. The bytes are rewritten in place,
// "br" becoming "--", a coding nobody names: the head keeps its length, and
// the request scan's offsets stay true.
void DeclineBrotli(std::string& received, std::size_t head_length);

}  // namespace archivist::searchd
