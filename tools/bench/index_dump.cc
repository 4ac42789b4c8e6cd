// SPDX-License-Identifier: GPL-2.0-or-later
// archivist-index-dump: what an index holds, as text that two runs' indexes
// can be compared by (`cmp`): a change to the indexer that should leave the
// index as it was (issue 19's memory work) is checked with it.
//
// Built with the project by tools/build (it needs only Xapian):
//
//   build/tools/bench/archivist-index-dump INDEX > dump.txt
//
// Prints the document count; every term with its document frequency and
// collection frequency, and a checksum of its postings (document ids, wdf,
// positions); every spelling word with its frequency; and for each
// document, by id term, a checksum of its values and its stored record.
// Metadata is left out: it holds the time of the last commit.
#include <xapian.h>

#include <cstdint>
#include <iostream>
#include <map>
#include <string>
#include <string_view>

namespace {

std::uint64_t Mix(std::uint64_t h, std::string_view bytes) {
  for (const unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;  // FNV-1a
  }
  return h;
}

std::uint64_t Mix(std::uint64_t h, std::uint64_t number) {
  return Mix(h, std::string_view(reinterpret_cast<const char*>(&number), sizeof number));
}

constexpr std::uint64_t kSeed = 1469598103934665603ULL;

// Each document's values, hashed slot by slot.
std::uint64_t ValuesHash(const Xapian::Document& doc) {
  std::uint64_t h = kSeed;
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
    h = Mix(h, static_cast<std::uint64_t>(v.get_valueno()));
    h = Mix(h, *v);
  }
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: archivist-index-dump INDEX\n";
    return 2;
  }
  try {
    Xapian::Database db(argv[1]);
    std::cout << "documents " << db.get_doccount() << '\n';
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
      const std::string term = *t;
      std::uint64_t h = kSeed;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        h = Mix(h, static_cast<std::uint64_t>(*p));
        h = Mix(h, static_cast<std::uint64_t>(p.get_wdf()));
        for (auto pos = p.positionlist_begin(); pos != p.positionlist_end(); ++pos) {
          h = Mix(h, static_cast<std::uint64_t>(*pos));
        }
      }
      std::cout << "term " << term << ' ' << t.get_termfreq() << ' ' << db.get_collection_freq(term)
                << ' ' << std::hex << h << std::dec << '\n';
    }
    for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s) {
      std::cout << "spelling " << *s << ' ' << s.get_termfreq() << '\n';
    }
    // By id term (Q...), so the listing does not depend on document ids.
    std::map<std::string, std::string> documents;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
      const Xapian::Document doc = db.get_document(*p);
      auto t = doc.termlist_begin();
      t.skip_to("Q");
      const std::string id = (t != doc.termlist_end() && (*t)[0] == 'Q') ? *t : "?";
      documents[id] = std::to_string(ValuesHash(doc)) + ' ' + doc.get_data();
    }
    for (const auto& [id, rest] : documents) std::cout << "doc " << id << ' ' << rest << '\n';
  } catch (const Xapian::Error& e) {
    std::cerr << "archivist-index-dump: " << e.get_description() << '\n';
    return 1;
  }
  return 0;
}
