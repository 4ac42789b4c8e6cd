// SPDX-License-Identifier: GPL-2.0-or-later
// The linking pass (issue 15): after a run has written its documents, the
// documents whose group of editions may have changed are linked again, and
// only they: the new and changed documents, the candidates their rare
// features find, and the members of the groups any of these belonged to or
// that lost a member. Links are symmetric and grouped transitively (a work
// in four languages is one group); every member's record gets the group's
// key (`work`, the smallest member id) and lists the other members as
// translations (another language) or versions (the same language).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "indexer/writer/index_writer.h"

namespace archivist::works {

struct LinkSummary {
  std::size_t examined = 0;   // documents whose group was recomputed
  std::size_t compared = 0;   // pairs judged
  std::size_t rewritten = 0;  // records whose links changed
};

// Relinks around `changed_ids` (documents written in this run; an id the
// index no longer holds is ignored) and `left_editions` (the editions
// listed by documents that left the index or were made again: their works
// lost a member). The caller commits what is queued first: the documents'
// features and candidates are read on several threads, each with a reader
// of the last commit (IndexWriter::ReaderOfLastCommit), the rest through
// `writer`. The caller commits the links. Throws what the writer throws (an index-level
// failure).
LinkSummary LinkWorks(writer::IndexWriter& writer, const std::vector<std::string>& changed_ids,
                      const std::vector<std::string>& left_editions);

}  // namespace archivist::works
