// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/reanalysis.h"

#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

#include "core/record.h"
#include "indexer/crawl/crawler.h"
#include "indexer/ordered_parallel_map.h"
#include "indexer/run/analyse_file.h"
#include "indexer/run/reading_threads.h"
#include "indexer/run/template_furniture.h"
#include "indexer/writer/index_reader.h"

namespace archivist::run {
namespace {

// Readers of the index's last commit for the threads that judge web
// pages' template furniture: an IndexReader is not thread-safe, so each
// thread borrows one for an item and gives it back. Opened up front, one
// for each thread, on the thread that owns the writer.
class CommitReaders {
 public:
  CommitReaders(writer::IndexWriter& writer, std::size_t threads) {
    for (std::size_t t = 0; t < threads; ++t) idle_.push_back(writer.ReaderOfLastCommit());
  }

  class Lease {
   public:
    Lease(CommitReaders& owner, std::unique_ptr<writer::IndexReader> reader)
        : owner_(owner), reader_(std::move(reader)) {}
    ~Lease() { owner_.GiveBack(std::move(reader_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    writer::IndexReader& operator*() const { return *reader_; }

   private:
    CommitReaders& owner_;
    std::unique_ptr<writer::IndexReader> reader_;
  };

  // Never waits: no more threads borrow at once than there are readers.
  Lease Borrow() {
    std::lock_guard lock(mutex_);
    std::unique_ptr<writer::IndexReader> reader = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(reader));
  }

 private:
  void GiveBack(std::unique_ptr<writer::IndexReader> reader) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(reader));
  }

  std::mutex mutex_;
  std::vector<std::unique_ptr<writer::IndexReader>> idle_;  // guarded by mutex_
};

// A document to analyse again: its first file, which must be as the
// index saw it (else the next run, seeing it changed, remakes it).
struct Reanalysis {
  crawl::FoundFile file;
  std::string hash;
  std::vector<FileLocation> locations;
};

std::optional<Reanalysis> ReanalysisOf(LocationBook& book, const std::string& id) {
  const std::optional<DocumentRecord> stored = book.FindById(id);
  if (!stored) return std::nullopt;
  Reanalysis again;
  again.locations = Locations(*stored);
  if (again.locations.empty()) return std::nullopt;
  const FileLocation& first = again.locations.front();
  crawl::FoundFile& file = again.file;
  file.root = first.root;
  file.relative_path = first.path;
  file.absolute = (std::filesystem::path(first.root) / first.path).string();
  file.size = first.size;
  file.mtime = first.mtime;
  file.sidecar_mtime = first.sidecar_mtime;
  std::error_code error;
  if (std::filesystem::file_size(file.absolute, error) != first.size || error) {
    return std::nullopt;
  }
  again.hash = stored->hash;
  return again;
}

// Analyses documents `ids` again, each from its first file, on the
// reading threads as in the run, and writes them in their order from
// this thread. A first run over a site whose pages share a footer
// analyses every one of them again once the footer is counted as its
// folder's furniture: done on this thread alone, that was a serial
// stretch at the end of the run with one core idle. With `judged`, the
// pages' template blocks are judged (FurnitureOf) by the counts of the
// last commit, which is made first: a judgment reads only the counts of
// pages held and of folders, which writing a page again in its own folder
// leaves as they were. Without, none is left out.
void AnalyseAgain(const ReanalysisRequest& request, const std::vector<std::string>& ids,
                  bool judged) {
  std::vector<Reanalysis> work;
  for (const std::string& id : ids) {
    if (std::optional<Reanalysis> again = ReanalysisOf(request.locations, id)) {
      work.push_back(std::move(*again));
    }
  }
  if (work.empty()) return;
  std::optional<CommitReaders> readers;
  if (judged) {
    if (request.commits.uncommitted()) request.writer.Commit();
    readers.emplace(request.writer, request.jobs);
  }
  struct Outcome {
    std::optional<Result<Analysed>> analysed;
    std::exception_ptr failure;  // of the index read by a judgment
  };
  OrderedParallelMap<Outcome> outcomes(
      work.size(), request.jobs, kAheadPerJob * request.jobs,
      [&](std::size_t i) {
        YieldToWriter();
        Outcome out;
        try {
          if (!readers) {
            out.analysed =
                Analyse(work[i].file, work[i].hash, request.pool, request.extraction_ns).analysed;
          } else {
            CommitReaders::Lease reader = readers->Borrow();
            const FurnitureJudge judge = [&reader](const std::string& folder_key,
                                                   const std::vector<std::string>& keys) {
              return FurnitureOf(*reader, folder_key, keys);
            };
            out.analysed =
                Analyse(work[i].file, work[i].hash, request.pool, request.extraction_ns, &judge)
                    .analysed;
          }
        } catch (...) {
          out.failure = std::current_exception();
        }
        return out;
      },
      [](const Outcome& out) { return TextBytesOf(out.analysed); }, kAheadTextBytes);
  for (Reanalysis& again : work) {
    Outcome next = outcomes.Next();
    if (next.failure) std::rethrow_exception(next.failure);
    // A file that no longer reads keeps its document as it was.
    if (!next.analysed->ok()) continue;
    Analysed& analysed = next.analysed->value();
    if (!analysed.template_folder.empty()) request.written_folders.insert(analysed.template_folder);
    analysed.document.SetLocations(again.locations);
    request.locations.Put(std::move(analysed.document));
    ++request.analysed_again;
  }
}

// Web pages moved to another folder (joined there, their old file swept)
// were analysed in the old one and their template blocks counted there:
// each is analysed again where it is now, so that its blocks count in
// its new folder and the furniture pass below judges them there. A copy
// left in the old folder keeps the page where it was.
void AnalyseMovedPages(const ReanalysisRequest& request) {
  std::vector<std::string> moved;
  for (const std::string& id : request.joined_pages) {
    const std::optional<DocumentRecord> stored = request.locations.FindById(id);
    if (!stored) continue;
    const std::vector<FileLocation> locations = Locations(*stored);
    if (locations.empty()) continue;
    const std::filesystem::path first =
        std::filesystem::path(locations.front().root) / locations.front().path;
    if (!AnalysedInFolderOf(request.writer, id, first)) moved.push_back(id);
  }
  AnalyseAgain(request, moved, /*judged=*/false);
}

// After the run's writes and removals: web pages whose template blocks
// became their folder's furniture (printed on enough of its pages now)
// are analysed again without them, and those whose left-out blocks no
// longer are, with them. Only the blocks of folders this run wrote pages
// into and blocks left out somewhere are looked at, so an unchanged
// archive costs one term list.
void LeaveOutTemplateFurniture(const ReanalysisRequest& request) {
  const std::set<std::string> again = PagesToAnalyseAgain(request.writer, request.written_folders);
  AnalyseAgain(request, {again.begin(), again.end()}, /*judged=*/true);
}

}  // namespace

void AnalysePagesAgain(const ReanalysisRequest& request) {
  AnalyseMovedPages(request);
  LeaveOutTemplateFurniture(request);
}

}  // namespace archivist::run
