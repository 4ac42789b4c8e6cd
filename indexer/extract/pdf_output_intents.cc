// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/pdf_output_intents.h"

#include <cstddef>
#include <exception>
#include <memory>

// We use none of qpdf's old PointerHolder: 4 leaves it undefined and keeps
// its headers quiet (qpdf/PointerHolder.hh).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>

namespace archivist::extract {
namespace {

// Larger files are read as they are: the copy would be a second one of
// the file in memory, where the indexer keeps a run's peak below 300 MiB.
constexpr std::size_t kMaxCopiedBytes = 64u << 20;

}  // namespace

std::optional<std::string> WithoutOutputIntents(std::string_view bytes) {
  if (bytes.size() > kMaxCopiedBytes) return std::nullopt;
  // qpdf reports a file it cannot read or write by throwing.
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    // Reads the cross-reference table and, here, the catalog only: a file
    // without an output intent costs little more than that.
    pdf.processMemoryFile("pdf", bytes.data(), bytes.size());
    QPDFObjectHandle catalog = pdf.getRoot();
    if (!catalog.isDictionary() || !catalog.hasKey("/OutputIntents")) return std::nullopt;
    // A file qpdf had to repair is left to Poppler's own repair, whose
    // reading of it the indexer has always kept.
    if (pdf.anyWarnings()) return std::nullopt;
    catalog.removeKey("/OutputIntents");
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.setStreamDataMode(qpdf_s_preserve);
    writer.write();
    std::unique_ptr<Buffer> written(writer.getBuffer());
    // Objects are read as they are written: a damaged stream (a wrong
    // /Length) is found, and repaired, only now.
    if (pdf.anyWarnings()) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(written->getBuffer()), written->getSize());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace archivist::extract
