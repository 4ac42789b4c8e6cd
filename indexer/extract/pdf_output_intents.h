// SPDX-License-Identifier: GPL-2.0-or-later
// A PDF without its catalog's output intents, for reading its text. An
// output intent (/OutputIntents: PDF/A files, LaTeX's PDF management) names
// the ICC profile of the device the document was made for. Poppler loads
// that profile and builds four colour transforms to it for every page it
// reads, text extraction included, which uses none of them: on the bench
// corpus of issue 19, 11 PDFs with one (253 pages) took 3.4 times the CPU
// of the same files without it, the text read from them the same.
// Read and written with qpdf, as poppler-cpp cannot change a document.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace archivist::extract {

// A copy of the PDF in `bytes` whose catalog has no /OutputIntents, its
// objects and streams otherwise as they were (streams are not decoded
// again); nullopt when the catalog has none, when qpdf cannot read or
// write the file without repairing some of it (the caller reads the
// original: Poppler's reading of a damaged file is the one kept), or when
// the file is over 64 MiB (a second copy of it in memory). Thread-safe.
std::optional<std::string> WithoutOutputIntents(std::string_view bytes);

}  // namespace archivist::extract
