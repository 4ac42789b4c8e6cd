// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/analyse_file.h"

#include <chrono>
#include <optional>
#include <utility>

#include "indexer/enrich/record_builder.h"
#include "indexer/works/features.h"

namespace archivist::run {

FileLocation LocationOf(const crawl::FoundFile& file) {
  return {file.root, file.relative_path, file.size, file.mtime, file.sidecar_mtime};
}

Result<Curation> CurationOf(const crawl::FoundFile& file) {
  Result<Curation> curation = enrich::ReadCuration(file.root, file.absolute);
  if (!curation.ok()) return Error{ErrorCode::kCorrupt, curation.error().message};
  return curation;
}

namespace {

// Analyse's work once the curation is read: a failure here is of the content.
Result<Analysed> AnalyseContent(const crawl::FoundFile& file, const Curation& curation,
                                const std::string& hash, worker::ExtractPool& pool,
                                std::atomic<std::int64_t>& extraction_ns,
                                const FurnitureJudge* judge,
                                const BeforeAnalysis& before_analysis) {
  // A folder may name the languages its scans are in.
  const std::string ocr_languages = curation ? curation->ocr_languages.value_or("") : std::string();
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
  DocumentRecord record = enrich::BuildRecord(LocationOf(file), doc.value(), curation, hash);
  const writer::DescriptiveText described{doc.value().author, doc.value().description,
                                          doc.value().keywords};
  // Notes worth a look though the file was indexed: a scan, text the
  // extractor could not keep, a sidecar value cut to its limit.
  std::vector<std::string> notes;
  if (doc.value().no_text_layer) notes.push_back("no text layer");
  if (!doc.value().note.empty()) notes.push_back(doc.value().note);
  if (curation) notes.insert(notes.end(), curation->notes.begin(), curation->notes.end());
  std::string note;
  for (const std::string& n : notes) note += (note.empty() ? "" : "; ") + n;
  // What may show this document's other editions (issue 15): computed here,
  // on the worker threads, and compared by the linking pass in Finish().
  const works::WorkFeatures features = works::ComputeWorkFeatures(
      record, doc.value().pages, curation ? curation->work : std::optional<std::string>(),
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

}  // namespace

FileAnalysis Analyse(const crawl::FoundFile& file, const std::string& hash,
                     worker::ExtractPool& pool, std::atomic<std::int64_t>& extraction_ns,
                     const FurnitureJudge* judge, const BeforeAnalysis& before_analysis) {
  const Result<Curation> curation = CurationOf(file);
  if (!curation.ok()) return {curation.error(), /*curation_failed=*/true};
  return {
      AnalyseContent(file, curation.value(), hash, pool, extraction_ns, judge, before_analysis)};
}

std::size_t TextBytesOf(const std::optional<Result<Analysed>>& analysed) {
  if (!analysed || !analysed->ok()) return 0;
  return static_cast<std::size_t>(analysed->value().document.record().chars);
}

}  // namespace archivist::run
