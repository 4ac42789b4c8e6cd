// SPDX-License-Identifier: GPL-2.0-or-later
// The Xapian side of text analysis that index and query must share: which
// stemmer and which stop words a language gets. Its own target
// (archivist_analysis), so that the parts that fold text without reaching
// the index (extraction, enrichment) link core without Xapian; the writer
// and the read engine link this.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace archivist {

class SharedStemMemo;

// The stemmer for an ISO 639-1 code; a stemmer that stems nothing for "und"
// and for languages we do not stem.
Xapian::Stem StemmerFor(std::string_view language);

// The stop words of an ISO 639-1 code, as a Xapian stopper; nullptr for
// "und" and languages without a list. The same lists serve the indexer
// (TermGenerator, STOP_STEMMED: a stop word keeps its unstemmed term for
// phrases but gets no stem) and searchd (QueryParser: dropped from that
// language's reading of a query). The stopper lives as long as the program;
// thread-safe (read-only once built).
const Xapian::Stopper* StopperFor(std::string_view language);

// The program's one remembering copy of StemmerFor(language), for any
// thread (core/analysis_stem_memo.h); nullptr for languages we do not
// stem. It lives as long as the program.
SharedStemMemo* SharedStemMemoFor(std::string_view language);

}  // namespace archivist
