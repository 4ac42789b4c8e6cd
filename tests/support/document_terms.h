// SPDX-License-Identifier: GPL-2.0-or-later
// What a built Xapian document holds, for tests that check the terms the
// writer makes.
#pragma once

#include <string>

#include <xapian.h>

namespace archivist::test {

inline bool HasTerm(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

// The term's within-document frequency, 0 when the document lacks it.
inline Xapian::termcount WdfOf(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
}

}  // namespace archivist::test
