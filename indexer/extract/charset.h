// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace archivist::extract {

bool IsValidUtf8(std::string_view bytes);

// `bytes` with every byte that starts no well-formed UTF-8 sequence
// replaced by U+FFFD, the rest as it is: for text that should be UTF-8 and
// is broken in places (ToUtf8, which may read the whole as another
// charset, is for bytes of unknown charset).
std::string WellFormedUtf8(std::string_view bytes);

// The charset uchardet guesses for `bytes` (e.g. "WINDOWS-1252", "UTF-8"),
// "" when it cannot tell.
std::string DetectCharset(std::string_view bytes);

// Returns `bytes` as UTF-8: unchanged when already valid UTF-8 (a BOM is
// dropped), otherwise decoded from the charset uchardet detects. ISO-8859-1
// is read as its superset Windows-1252 (as browsers do), and Windows-1252 is
// also the fallback when detection fails. Never fails: undecodable bytes
// become U+FFFD.
std::string ToUtf8(std::string_view bytes);

// `utf8` with the C1 control characters (U+0080 to U+009F) read as the
// Windows-1252 characters whose bytes they are: a page labelled ISO-8859-1
// but written in Windows-1252 comes out of libxml2 with U+0085 where its
// author typed "…", and browsers show "…" (WHATWG Encoding: the label
// "iso-8859-1" means windows-1252). The five bytes Windows-1252 leaves
// undefined become spaces.
std::string WithWindows1252Controls(std::string_view utf8);

}  // namespace archivist::extract
