// SPDX-License-Identifier: GPL-2.0-or-later
// What of a document can show that another document is an edition of the
// same work (issue 15): what survives translation (numbers in their order,
// identifiers such as "2014-c25", URLs, e-mail addresses, names, length and
// page count), a MinHash sketch of its word shingles for versions in the
// same language, and the work keys its curation declares. Computed once per
// document when it is analysed, stored with it (schema::kSlotWorkFeatures)
// and, as terms, used to find candidate editions without comparing all pairs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/record.h"

namespace archivist::works {

// How many hash functions the MinHash sketch has, and how they are banded
// into candidate terms (kSketchBands bands of kSketchSize / kSketchBands).
inline constexpr std::size_t kSketchSize = 60;
inline constexpr std::size_t kSketchBands = 20;
// A sketch bin no shingle fell into.
inline constexpr std::uint32_t kEmptyBin = 0xffffffffU;
// Bounds on what one document keeps, so a 400-page report costs no more
// to store and compare than a long article.
inline constexpr std::size_t kMaxNumbers = 400;
inline constexpr std::size_t kMaxAnchors = 400;

struct WorkFeatures {
  std::string language;  // the record's, "und" when unknown
  std::uint32_t pages = 0;
  std::uint32_t chars = 0;
  // Every number written in digits (of any script), in text order, "," and
  // "." between digits dropped ("1,000" and "1.000" are both "1000"):
  // articles, sections, dates, amounts keep their order through a
  // translation. Digits glued to letters ("c25") are an identifier's.
  std::vector<std::string> numbers;
  // Distinct tokens that read the same in any language, first occurrence
  // first, each with its kind: "n:" a number of 3 digits or more, "i:" an
  // identifier (letters with digits, or a path: "2012-c1", "debian/rules"),
  // "u:" a URL (no scheme, no "www."), "e:" an e-mail address, "w:" a
  // capitalised word inside a sentence (a name).
  std::vector<std::string> anchors;
  // MinHash of the text's folded word 4-shingles (one permutation, in
  // kSketchSize bins; kEmptyBin for a bin no shingle fell into); empty for
  // a text too short to have a meaningful one.
  std::vector<std::uint32_t> sketch;
  // What the file declares of its work: its curation's work key (a
  // sidecar's or folder manifest's "work"), as "work=" + key, and the
  // editions an HTML page names as its hreflang alternates, as
  // "hreflang=" + URL. Two documents declaring one same key are editions.
  std::vector<std::string> declared;
  // The meaningful words of the title the document declares (its
  // metadata's, its first heading's or its curation's; titles.h
  // TitleWords), empty when it declares none: two pages of one template
  // share their shingles, not their titles.
  std::vector<std::string> title_words;
  // The version or section numbers its title, its first heading and its
  // text's first line carry (titles.h TitleNumbers): release notes of 2.30
  // and of 2.31 are two works.
  std::vector<std::string> title_numbers;

  bool operator==(const WorkFeatures&) const = default;
};

// The features of a document with record `record` (language, pages, title
// and where its title came from) and text `pages`, one string per page;
// `declared_work` is its curation's work key, if any, `alternates` the
// hreflang alternates it names (see WorkFeatures::declared) and `heading`
// its own first heading, if any. A title made from the file's name is
// never read. Pure; runs on any thread.
WorkFeatures ComputeWorkFeatures(const DocumentRecord& record,
                                 const std::vector<std::string>& pages,
                                 const std::optional<std::string>& declared_work,
                                 const std::vector<std::string>& alternates = {},
                                 const std::string& heading = {});

// The features as candidate-finding terms, without the index's prefix:
// each anchor, each sketch band ("m:" + hex), each run of three
// consecutive numbers ("s:" + hex) and each declared key ("d:").
std::vector<std::string> FeatureTerms(const WorkFeatures& features);

// The stored form and back; kCorrupt for a value that is not one.
std::string PackWorkFeatures(const WorkFeatures& features);
Result<WorkFeatures> UnpackWorkFeatures(std::string_view packed);

}  // namespace archivist::works
