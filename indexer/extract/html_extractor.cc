// SPDX-License-Identifier: GPL-2.0-or-later
#include <cctype>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "indexer/extract/charset.h"
#include "indexer/extract/extractor.h"
#include "indexer/extract/hreflang.h"
#include "indexer/extract/iso_date.h"
#include "indexer/extract/main_text.h"
#include "indexer/extract/xml_util.h"

namespace archivist::extract {
namespace {

// NONET: never fetch anything over the network while indexing. NOERROR and
// NOWARNING: real-world HTML is full of both, and neither loses text.
constexpr int kHtmlOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED;

struct HtmlFacts {
  std::string title;
  std::string og_title;
  std::string language;
  std::string content_language;  // lang of the first element declaring one
  std::string date;
  std::string author;
  std::string description;
  std::string keywords;  // joined with ", " when several tags give them
  std::vector<std::string> alternates;  // hreflang.h
  std::string own_host;  // of the canonical link, og:url or base href
  std::map<std::string, int> link_hosts;  // host → absolute <a href> to it
};

// The host of an absolute http(s) address, lower case, without port or
// user; "" for a relative one.
std::string HostOf(std::string_view url) {
  std::string lower(url.substr(0, 8));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t start;
  if (lower.starts_with("https://")) {
    start = 8;
  } else if (lower.starts_with("http://")) {
    start = 7;
  } else if (url.starts_with("//")) {
    start = 2;
  } else {
    return "";
  }
  std::string_view rest = url.substr(start);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  rest = rest.substr(0, rest.find(':'));
  std::string host(rest);
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

// A page's links point home: the host that holds at least this many of
// its absolute links, and more than half of them, is its own site.
constexpr int kMinLinksToOwnSite = 10;

std::string DominantLinkHost(const std::map<std::string, int>& hosts) {
  int total = 0;
  const std::pair<const std::string, int>* top = nullptr;
  for (const auto& entry : hosts) {
    total += entry.second;
    if (!top || entry.second > top->second) top = &entry;
  }
  if (!top || top->second < kMinLinksToOwnSite || top->second * 2 <= total) return "";
  return top->first;
}

void ReadMeta(const xmlNode* node, HtmlFacts& facts) {
  std::string key = Attribute(node, "name");
  if (key.empty()) key = Attribute(node, "property");
  if (key.empty()) key = Attribute(node, "http-equiv");
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string content = CollapseSpace(Attribute(node, "content"));
  if (content.empty()) return;
  if (key == "description" || key == "og:description" || key == "dc.description") {
    if (facts.description.empty()) facts.description = content;
  } else if (key == "keywords" || key == "news_keywords" || key == "dc.subject" ||
             key == "article:tag") {
    // article:tag comes once per tag; keyword lists once per page.
    if (facts.keywords.find(content) == std::string::npos) {
      facts.keywords += facts.keywords.empty() ? content : ", " + content;
    }
  } else if (key == "author" || key == "dc.creator") {
    if (facts.author.empty()) facts.author = content;
  } else if (key == "og:title" || key == "dc.title") {
    if (facts.og_title.empty()) facts.og_title = content;
  } else if (key == "article:published_time" || key == "dc.date" || key == "dcterms.created" ||
             key == "date" || key == "dc.date.issued") {
    if (facts.date.empty()) facts.date = LeadingIsoDate(content);
  } else if (key == "og:url") {
    if (facts.own_host.empty()) facts.own_host = HostOf(content);
  } else if (key == "content-language" || key == "dc.language") {
    if (facts.language.empty()) facts.language = content;
  }
}

// What the page says of itself: <title>, <meta> and the languages it
// declares. Its text is read by ReadMainText.
void Walk(const xmlNode* node, HtmlFacts& facts) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string name = LowerName(node);
    if (name == "script" || name == "style") continue;
    if (name == "html" && facts.language.empty()) facts.language = Attribute(node, "lang");
    // Without one on <html>, the first element that declares a language is
    // the content's wrapper (DocBook's <div class="chapter" lang="nl-NL">).
    if (facts.language.empty() && facts.content_language.empty()) {
      facts.content_language = Attribute(node, "lang");
    }
    if (name == "title" && facts.title.empty()) facts.title = CollapsedText(node);
    if (name == "meta") ReadMeta(node, facts);
    if (name == "link") {
      ReadHreflang(node, facts.alternates);
      std::string rel = Attribute(node, "rel");
      for (char& c : rel) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (rel == "canonical" && facts.own_host.empty()) {
        facts.own_host = HostOf(Attribute(node, "href"));
      }
    }
    if (name == "base" && facts.own_host.empty()) facts.own_host = HostOf(Attribute(node, "href"));
    if (name == "a") {
      if (std::string host = HostOf(Attribute(node, "href")); !host.empty()) {
        ++facts.link_hosts[host];
      }
    }
    Walk(node->children, facts);
  }
}

struct HtmlParserCtxtDeleter {
  void operator()(htmlParserCtxt* context) const { htmlFreeParserCtxt(context); }
};
using HtmlParserCtxtPtr = std::unique_ptr<htmlParserCtxt, HtmlParserCtxtDeleter>;

// Whether libxml2 gave up at its nesting limit (xmlParserMaxDepth, 256, a
// defence against deep trees that we keep). With HTML_PARSE_RECOVER it
// still returns the tree it had, and HTML_PARSE_NOERROR silences the
// error, but the context keeps it (libxml2 2.9 HTMLparser.c: "Excessive
// depth in document", then xmlStopParser).
bool StoppedByDepth(htmlParserCtxt* context) {
  const xmlError* error = xmlCtxtGetLastError(context);
  return error && error->message &&
         std::string_view(error->message).find("Excessive depth") != std::string_view::npos;
}

// Whether the page names its charset where a browser looks for it: a BOM,
// or "charset" in the first 1024 bytes (HTML's prescan window).
bool DeclaresCharset(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF" || bytes.substr(0, 2) == "\xFF\xFE" ||
      bytes.substr(0, 2) == "\xFE\xFF") {
    return true;
  }
  std::string head(bytes.substr(0, 1024));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return head.find("charset") != std::string::npos;
}

// libxml2's HTML parser keeps the bytes of a page that declares UTF-8 and
// breaks it ("&\x80\x9d") in its text nodes as they are; every string of
// an extraction must be UTF-8 (the record's JSON, searchd's answers with
// their snippets), so what is broken becomes U+FFFD.
void MakeWellFormed(ExtractedDoc& doc) {
  for (std::string* field : {&doc.title, &doc.heading, &doc.language, &doc.date, &doc.author,
                             &doc.description, &doc.keywords, &doc.prose, &doc.frame, &doc.site}) {
    *field = WellFormedUtf8(*field);
  }
  if (doc.subject) *doc.subject = WellFormedUtf8(*doc.subject);
  for (std::string& page : doc.pages) page = WellFormedUtf8(page);
  for (std::string& alternate : doc.alternates) alternate = WellFormedUtf8(alternate);
}

class HtmlExtractor : public Extractor {
 public:
  Result<ExtractedDoc> Extract(const std::filesystem::path& file,
                               std::string_view bytes) const override {
    // libxml2 honours a BOM and a declared charset (<meta charset>, http-equiv).
    // Without either, it reads bytes that are not UTF-8 as Latin-1, which is
    // wrong for Windows-1252 quotes and for every other legacy charset:
    // those pages are decoded here with the charset uchardet detects.
    std::string decoded;
    const char* encoding = nullptr;
    if (!DeclaresCharset(bytes) && !IsValidUtf8(bytes)) {
      decoded = ToUtf8(bytes);
      bytes = decoded;
      encoding = "UTF-8";
    }
    // A context of our own, so that the error that stopped the parser can be
    // read after it (htmlReadMemory keeps it to itself).
    HtmlParserCtxtPtr context(htmlNewParserCtxt());
    if (!context) return Error{ErrorCode::kInternal, "cannot start the HTML parser"};
    XmlDocPtr doc(htmlCtxtReadMemory(context.get(), bytes.data(), static_cast<int>(bytes.size()),
                                     file.filename().c_str(), encoding, kHtmlOptions));
    if (!doc) return Error{ErrorCode::kCorrupt, "unparsable HTML"};
    HtmlFacts facts;
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    Walk(root, facts);
    MainText main = ReadMainText(root);

    ExtractedDoc out;
    out.format = "html";
    out.title = WithWindows1252Controls(facts.title.empty() ? facts.og_title : facts.title);
    out.heading = WithWindows1252Controls(main.heading);
    out.language = facts.language.empty() ? facts.content_language : facts.language;
    out.date = facts.date;
    out.author = facts.author;
    out.description = facts.description;
    out.keywords = facts.keywords;
    out.alternates = facts.alternates;
    out.site = facts.own_host.empty() ? DominantLinkHost(facts.link_hosts) : facts.own_host;
    out.pages.push_back(WithWindows1252Controls(main.text));
    out.prose = WithWindows1252Controls(main.prose);
    if (main.subject) out.subject = WithWindows1252Controls(*main.subject);
    out.frame = WithWindows1252Controls(main.frame);
    if (StoppedByDepth(context.get())) {
      out.note = "HTML nested deeper than " + std::to_string(xmlParserMaxDepth) +
                 " elements: the text from there on is not indexed";
    }
    MakeWellFormed(out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Extractor> NewHtmlExtractor() { return std::make_unique<HtmlExtractor>(); }

}  // namespace archivist::extract
