// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the archivist's metadata: a file's sidecar and the folder
// manifests above it (the same JSON), overlaid nearer-wins, then the record
// they make with a document's extraction. The input is a manifest and a
// sidecar separated by a NUL byte (a sidecar alone when there is none).
// Whatever they hold, the limits hold.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/log.h"
#include "core/record.h"
#include "indexer/enrich/record_builder.h"
#include "indexer/enrich/sidecar.h"
#include "tests/fuzz/extraction.h"

namespace {

using archivist::enrich::Sidecar;

void CheckLimits(const Sidecar& sidecar) {
  using namespace archivist::enrich;
  if (sidecar.title && sidecar.title->size() > kMaxSidecarTitleBytes) {
    archivist::fuzz::Fail("sidecar title over its limit");
  }
  for (const auto* value : {&sidecar.language, &sidecar.date, &sidecar.type}) {
    if (*value && (*value)->size() > kMaxSidecarValueBytes) {
      archivist::fuzz::Fail("sidecar value over its limit");
    }
  }
  for (const auto* list : {&sidecar.countries, &sidecar.topics}) {
    if (!*list) continue;
    if ((*list)->size() > kMaxSidecarListItems) archivist::fuzz::Fail("sidecar list too long");
    for (const std::string& item : **list) {
      if (item.size() > kMaxSidecarValueBytes) archivist::fuzz::Fail("sidecar item too long");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  archivist::SetLogLevel(archivist::LogLevel::kError);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view manifest = nul == std::string_view::npos ? "" : input.substr(0, nul);
  const std::string_view own = nul == std::string_view::npos ? input : input.substr(nul + 1);

  std::optional<Sidecar> curation;
  for (const std::string_view text : {manifest, own}) {
    if (text.empty()) continue;
    archivist::Result<Sidecar> sidecar = archivist::enrich::ParseSidecar(text);
    if (!sidecar.ok()) continue;
    CheckLimits(sidecar.value());
    curation = curation ? archivist::enrich::Overlay(*curation, sidecar.value()) : sidecar.value();
    CheckLimits(*curation);
  }

  archivist::extract::ExtractedDoc doc;
  doc.format = "html";
  doc.title = "Annual report";
  doc.pages = {"Child protection in Belgium and Brazil, 2014."};
  const archivist::FileLocation location{"/archive", "reports/annual.html", 64, 0, 0};
  const archivist::DocumentRecord record = archivist::enrich::BuildRecord(
      location, doc, curation, archivist::enrich::ContentHash(doc.pages[0]));
  const archivist::Result<archivist::DocumentRecord> stored =
      archivist::RecordFromJson(archivist::ToJson(record));
  if (!stored.ok() || !(stored.value() == record)) {
    archivist::fuzz::Fail("a curated record does not read back as it was");
  }
  return 0;
}
