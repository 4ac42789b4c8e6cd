// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/template_furniture.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <string_view>
#include <utility>

#include "core/schema.h"
#include "core/template_blocks.h"

namespace archivist::run {
namespace {

// A template block is its folder's furniture when this many of the
// folder's web pages print it, and at least half of them: a manual's
// notice on every chapter, a site's footer, not a quotation two pages
// share.
constexpr std::size_t kMinFurniturePages = 3;

bool IsFurniture(std::size_t pages_holding, std::size_t folder_pages) {
  return pages_holding >= kMinFurniturePages && pages_holding * 2 >= folder_pages;
}

std::size_t WordBytes(std::string_view text) {
  std::size_t bytes = 0;
  for (const unsigned char c : text) bytes += std::isspace(c) ? 0 : 1;
  return bytes;
}

// Furniture frames a page's own text; it is never most of it. When the
// blocks its folder repeats are all of a page's blocks, or leave less than
// half of its words, the page is a copy of its neighbours (index.html,
// index.htm and a print copy of one page; a chapter saved twice) or is
// nothing but its template, and either way those words are the page: left
// out, they would leave it empty or a scrap, unfindable by what it says.
// The page is then kept whole rather than trimmed block by block, as no
// block of it is more the page's own than another.
bool LeavesThePage(std::size_t blocks_held, std::size_t blocks_left_out, std::string_view text,
                   std::string_view without) {
  return blocks_left_out < blocks_held && WordBytes(without) * 2 >= WordBytes(text);
}

// How many blocks PagesToAnalyseAgain judges with one read of their
// terms' frequencies and holders.
constexpr std::size_t kBlocksPerBatch = 4096;

// Adds to `again` the pages of `blocks` (folder key + block key) to be
// analysed again: those holding a block that is now furniture but was not
// left out of them, and those that left out one that no longer is.
void AddPagesToAnalyseAgain(writer::IndexWriter& writer, const std::vector<std::string>& blocks,
                            std::set<std::string>& again) {
  const std::size_t folder_key_size = TemplateFolderKey("").size();
  std::vector<std::string> held_terms;
  std::vector<std::string> left_out_terms;
  std::vector<std::string> folder_terms;
  for (const std::string& block : blocks) {
    held_terms.push_back(std::string(schema::kTemplateBlockPrefix) + block);
    left_out_terms.push_back(std::string(schema::kFurnitureBlockPrefix) + block);
    folder_terms.push_back(std::string(schema::kTemplateFolderPrefix) +
                           block.substr(0, folder_key_size));
  }
  const std::vector<std::size_t> held = writer.TermFrequencies(held_terms);
  const std::vector<std::size_t> pages = writer.TermFrequencies(folder_terms);
  // The holders of furniture only: most blocks are one page's own.
  std::vector<bool> is_furniture(held_terms.size());
  std::vector<std::string> furniture_terms;
  for (std::size_t i = 0; i < held_terms.size(); ++i) {
    is_furniture[i] = IsFurniture(held[i], pages[i]);
    if (is_furniture[i]) furniture_terms.push_back(held_terms[i]);
  }
  const std::size_t all = std::numeric_limits<std::size_t>::max();
  const auto holders = writer.IdsWithTerms(furniture_terms, all);
  const auto leaving_out = writer.IdsWithTerms(left_out_terms, all);
  std::size_t furniture = 0;
  for (std::size_t i = 0; i < held_terms.size(); ++i) {
    const std::set<std::string> without(leaving_out[i].begin(), leaving_out[i].end());
    if (is_furniture[i]) {
      for (const std::string& id : holders[furniture++]) {
        if (!without.count(id)) again.insert(id);
      }
    } else {
      again.insert(without.begin(), without.end());
    }
  }
}

}  // namespace

PageTemplate LeaveOutFurniture(const crawl::FoundFile& file, extract::ExtractedDoc& doc,
                               const FurnitureJudge* judge) {
  PageTemplate page;
  if (doc.format != "html" || doc.pages.empty()) return page;
  page.folder_key = FolderKeyOf(file.absolute);
  std::set<std::string> seen;
  for (const TemplateBlock& block : TemplateBlocksOf(doc.pages.front())) {
    if (seen.insert(block.key).second) page.held.push_back(block.key);
  }
  if (!judge || page.held.empty()) return page;
  const std::set<std::string> furniture = (*judge)(page.folder_key, page.held);
  if (furniture.empty()) return page;
  // Recorded even when the page is kept whole, so the pass after the next
  // run sees it judged with these counts and does not analyse it again.
  page.furniture.assign(furniture.begin(), furniture.end());
  std::string without = WithoutTemplateBlocks(doc.pages.front(), furniture);
  if (!LeavesThePage(page.held.size(), furniture.size(), doc.pages.front(), without)) return page;
  doc.pages.front() = std::move(without);
  if (!doc.prose.empty()) doc.prose = WithoutTemplateBlocks(doc.prose, furniture);
  if (doc.subject) *doc.subject = WithoutTemplateBlocks(*doc.subject, furniture);
  return page;
}

std::string FolderKeyOf(const std::filesystem::path& file) {
  return TemplateFolderKey(file.parent_path().string());
}

bool AnalysedInFolderOf(writer::IndexWriter& writer, const std::string& id,
                        const std::filesystem::path& file) {
  const std::string term = std::string(schema::kTemplateFolderPrefix) + FolderKeyOf(file);
  const std::vector<std::string> ids =
      writer.IdsWithTerms({term}, std::numeric_limits<std::size_t>::max()).front();
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::set<std::string> FurnitureOf(writer::IndexReader& reader, const std::string& folder_key,
                                  const std::vector<std::string>& keys) {
  std::vector<std::string> terms = {std::string(schema::kTemplateFolderPrefix) + folder_key};
  for (const std::string& key : keys) {
    terms.push_back(std::string(schema::kTemplateBlockPrefix) + folder_key + key);
  }
  const std::vector<std::size_t> counts = reader.TermFrequencies(terms);
  std::set<std::string> furniture;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (IsFurniture(counts[i + 1], counts[0])) furniture.insert(keys[i]);
  }
  return furniture;
}

std::set<std::string> PagesToAnalyseAgain(writer::IndexWriter& writer,
                                          const std::set<std::string>& folders) {
  std::set<std::string> again;
  // A batch of blocks at a time: a full run writes every block of every
  // page, and their terms and holders all at once took more memory than
  // the rest of the run (~220 MB for the generated 50,000's 14,876 pages).
  // A block of a folder written and left out somewhere is judged twice,
  // the same way each time.
  std::vector<std::string> batch;
  const auto judge_batch = [&] {
    AddPagesToAnalyseAgain(writer, batch, again);
    batch.clear();
  };
  const auto add = [&](std::string block) {
    batch.push_back(std::move(block));
    if (batch.size() == kBlocksPerBatch) judge_batch();
  };
  const std::string held_prefix(schema::kTemplateBlockPrefix);
  for (const std::string& folder : folders) {
    for (const std::string& term : writer.TermsWithPrefix(held_prefix + folder)) {
      add(term.substr(held_prefix.size()));
    }
  }
  for (const std::string& term :
       writer.TermsWithPrefix(std::string(schema::kFurnitureBlockPrefix))) {
    add(term.substr(schema::kFurnitureBlockPrefix.size()));
  }
  if (!batch.empty()) judge_batch();
  return again;
}

}  // namespace archivist::run
