// SPDX-License-Identifier: GPL-2.0-or-later
// What the linking of works (indexer/works/) reads of an index: through the
// writer, which sees its own queued changes, or through a reader of the
// last commit that a thread of its own may use while the writer goes on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace archivist::writer {

// Not thread-safe: one thread per reader. Every method throws
// archivist::Exception on an index-level failure (a damaged table, a file
// gone).
class IndexReader {
 public:
  virtual ~IndexReader() = default;

  virtual std::size_t DocumentCount() = 0;
  // Document `id`'s value in `slot`, "" when it has none or is not indexed.
  virtual std::string ValueOf(const std::string& id, unsigned slot) = 0;
  // How many documents hold each of `terms` (full terms, prefix included),
  // over every shard, in their order.
  virtual std::vector<std::size_t> TermFrequencies(const std::vector<std::string>& terms) = 0;
  // A document of this reader's index, good while the reader lives: its
  // shard and docid. Gathering thousands of them costs far less than their
  // ids, each read from the document's term list and copied.
  using DocKey = std::uint64_t;
  // The documents holding each of `terms`, at most `limit` for each term,
  // in their order.
  virtual std::vector<std::vector<DocKey>> DocumentsWithTerms(const std::vector<std::string>& terms,
                                                              std::size_t limit) = 0;
  // The id of each of `keys`, "" for a document without one.
  virtual std::vector<std::string> IdsOf(const std::vector<DocKey>& keys) = 0;

  // The ids of the documents holding each of `terms`, at most `limit` for
  // each term (a document without an id counts, and is left out), in
  // their order.
  std::vector<std::vector<std::string>> IdsWithTerms(const std::vector<std::string>& terms,
                                                     std::size_t limit);
};

// A reader of the index's last commit, shards at `shard_paths` (in the
// writer's order, so that a document is looked for in the shard its id
// picks). Throws kUnavailable when a shard cannot be opened.
std::unique_ptr<IndexReader> OpenCommittedReader(const std::vector<std::string>& shard_paths);

}  // namespace archivist::writer
