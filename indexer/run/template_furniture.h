// SPDX-License-Identifier: GPL-2.0-or-later
// A folder's template blocks in a run (issue 18; core/template_blocks.h
// says what a block is): which blocks of a web page are its folder's
// furniture, counted through the index's XD, XR and XF terms, the page's
// text without them, and which pages a run must analyse again once its
// writes and removals changed the counts.
#pragma once

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "indexer/crawl/crawler.h"
#include "indexer/extract/extractor.h"
#include "indexer/writer/index_writer.h"

namespace archivist::run {

// Which of a web page's template blocks (keys) are its folder's furniture,
// from the folder's key and the blocks' keys.
using FurnitureJudge =
    std::function<std::set<std::string>(const std::string&, const std::vector<std::string>&)>;

// A web page's folder key, the template blocks it holds and those judged
// its folder's furniture when it was analysed (left out of its text unless
// the page was kept whole).
struct PageTemplate {
  std::string folder_key;
  std::vector<std::string> held;
  std::vector<std::string> furniture;
};

// The template blocks of `doc` (a web page; none for other formats), and
// its text, prose and subject without those `judge` calls furniture (none
// without a judge: the pass after the run judges, once the index counts
// every page of the run). A page is never left without its only block nor
// with less than half of its words (non-space bytes): then it is kept
// whole.
PageTemplate LeaveOutFurniture(const crawl::FoundFile& file, extract::ExtractedDoc& doc,
                               const FurnitureJudge* judge);

// The key of the folder of `file` (an absolute path), which a web page's
// template blocks are counted in.
std::string FolderKeyOf(const std::filesystem::path& file);

// Whether web page `id` was analysed in the folder of `file` (an absolute
// path): its template blocks are counted in that folder. False for a page
// since moved to another folder, which must be analysed again there.
bool AnalysedInFolderOf(writer::IndexWriter& writer, const std::string& id,
                        const std::filesystem::path& file);

// The blocks (keys) of one page that are its folder's furniture, as the
// index behind `reader` counts them now.
std::set<std::string> FurnitureOf(writer::IndexReader& reader, const std::string& folder_key,
                                  const std::vector<std::string>& keys);

// After a run's writes and removals: the ids of web pages whose template
// blocks became their folder's furniture (printed on enough of its pages
// now) and which still hold them, and of pages analysed without blocks
// that no longer are. Looks at the blocks of `folders` (folder keys: those
// this run wrote pages into) and the blocks left out anywhere, so that an
// unchanged archive costs one term list.
std::set<std::string> PagesToAnalyseAgain(writer::IndexWriter& writer,
                                          const std::set<std::string>& folders);

}  // namespace archivist::run
