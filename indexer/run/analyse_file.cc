// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/analyse_file.h"

#include <chrono>
#include <optional>
#include <utility>

#include "indexer/enrich/record_builder.h"
#include "indexer/enrich/sidecar.h"
#include "indexer/works/features.h"

namespace archivist::run {

FileLocation LocationOf(const crawl::FoundFile& file) {
  return {file.root, file.relative_path, file.size, file.mtime, file.sidecar_mtime};
}

// Extracts (in a worker process of `pool`), enriches and analyses one file:
// everything that needs no index access, so it runs on the worker threads.
// Adds the time spent waiting for the worker process to `extraction_ns`.
Result<Analysed> Analyse(const crawl::FoundFile& file, const std::string& hash,
                         worker::ExtractPool& pool, std::atomic<std::int64_t>& extraction_ns,
                         const FurnitureJudge* judge, const BeforeAnalysis& before_analysis) {
  // The curation first: a folder may name the languages its scans are in.
  Result<std::optional<enrich::Sidecar>> sidecar = enrich::ReadCuration(file.root, file.absolute);
  // A broken sidecar must be fixed by a person; indexing the file without it
  // would silently publish wrong metadata.
  if (!sidecar.ok()) return Error{ErrorCode::kCorrupt, sidecar.error().message};
  const std::string ocr_languages =
      sidecar.value() ? sidecar.value()->ocr_languages.value_or("") : std::string();
  const auto asked = std::chrono::steady_clock::now();
  Result<extract::ExtractedDoc> doc = pool.Extract(file.absolute, ocr_languages);
  extraction_ns +=
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - asked)
          .count();
  if (!doc.ok()) return doc.error();
  if (before_analysis) {
    std::size_t text_bytes = 0;
    for (const std::string& page : doc.value().pages) text_bytes += page.size();
    before_analysis(text_bytes);
  }
  const PageTemplate page = LeaveOutFurniture(file, doc.value(), judge);
  DocumentRecord record = enrich::BuildRecord(LocationOf(file), doc.value(), sidecar.value(), hash);
  const writer::DescriptiveText described{doc.value().author, doc.value().description,
                                          doc.value().keywords};
  // Notes worth a look though the file was indexed: a scan, text the
  // extractor could not keep, a sidecar value cut to its limit.
  std::vector<std::string> notes;
  if (doc.value().no_text_layer) notes.push_back("no text layer");
  if (!doc.value().note.empty()) notes.push_back(doc.value().note);
  if (sidecar.value()) {
    notes.insert(notes.end(), sidecar.value()->notes.begin(), sidecar.value()->notes.end());
  }
  std::string note;
  for (const std::string& n : notes) note += (note.empty() ? "" : "; ") + n;
  // What may show this document's other editions (issue 15): computed here,
  // on the worker threads, and compared by the linking pass in Finish().
  const works::WorkFeatures features = works::ComputeWorkFeatures(
      record, doc.value().pages,
      sidecar.value() ? sidecar.value()->work : std::optional<std::string>(),
      doc.value().alternates, doc.value().heading);
  writer::PreparedDocument prepared =
      writer::PrepareDocument(std::move(record), doc.value().pages, described);
  prepared.SetWorkFeatures(works::FeatureTerms(features), works::PackWorkFeatures(features));
  if (!page.folder_key.empty()) {
    prepared.SetTemplateBlocks(page.folder_key, page.held, page.furniture);
  }
  return Analysed{std::move(prepared), std::move(note), doc.value().ocr_recognised,
                  doc.value().ocr_cache_hits, page.folder_key};
}

std::size_t TextBytesOf(const std::optional<Result<Analysed>>& analysed) {
  if (!analysed || !analysed->ok()) return 0;
  return static_cast<std::size_t>(analysed->value().document.record().chars);
}

}  // namespace archivist::run
