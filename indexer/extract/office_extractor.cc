// SPDX-License-Identifier: GPL-2.0-or-later
// DOCX (Office Open XML) and ODT (OpenDocument text): a zip of XML parts.
// The zip is hostile until proven otherwise: entry count, per-entry and
// total inflated size and compression ratio are capped before and while
// inflating, and the XML parts are parsed with the network and entity
// loading off, as in xml_extractor.cc.
#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include <libxml/parser.h>
#include <zip.h>

#include "indexer/extract/extractor.h"
#include "indexer/extract/iso_date.h"
#include "indexer/extract/xml_util.h"

namespace archivist::extract {
namespace {

// A real document has a few dozen entries; a word processing text part of
// 64 MiB is a long book. Deflate tops out near 1032:1, ordinary XML
// compresses 5-20:1, so a part inflating more than 200-fold is a bomb.
constexpr zip_int64_t kMaxEntries = 10000;
constexpr zip_uint64_t kMaxPartBytes = 64u << 20;
constexpr zip_uint64_t kMaxTotalBytes = 128u << 20;
constexpr zip_uint64_t kMaxRatio = 200;
constexpr zip_uint64_t kRatioExemptBytes = 1u << 20;  // tiny parts may compress well

constexpr int kXmlOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

struct ZipDeleter {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
struct ZipFileDeleter {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

class ZipReader {
 public:
  static Result<ZipReader> Open(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    // The source does not own the buffer (freep = 0): `bytes` outlives it.
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) return Error{ErrorCode::kCorrupt, "unreadable zip"};
    zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (!zip) {
      zip_source_free(source);
      return Error{ErrorCode::kCorrupt, "unreadable zip"};
    }
    ZipReader reader(zip);
    if (zip_get_num_entries(zip, 0) > kMaxEntries) {
      return Error{ErrorCode::kUnsupported, "zip with too many entries"};
    }
    return reader;
  }

  bool Has(const char* name) const { return zip_name_locate(zip_.get(), name, 0) >= 0; }

  // The inflated bytes of entry `name`. An entry asked for without asking
  // Has() first is one the format requires, so a zip without it is damaged:
  // the reason is the file's, as for any broken bytes (kNotFound would say
  // the file was not there, a failure of the moment, copy_claims.h).
  Result<std::string> Read(const char* name) {
    const zip_int64_t index = zip_name_locate(zip_.get(), name, 0);
    if (index < 0) return Error{ErrorCode::kCorrupt, "missing zip entry " + std::string(name)};
    zip_stat_t stat;
    if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
      return Error{ErrorCode::kCorrupt, "unreadable zip entry " + std::string(name)};
    }
    // The header's sizes can lie; they reject an honest bomb before any
    // work, and the read loop below enforces the same caps on what inflates.
    const zip_uint64_t cap = std::min(kMaxPartBytes, kMaxTotalBytes - total_);
    if ((stat.valid & ZIP_STAT_SIZE) && stat.size > cap) return TooBig(name);
    if ((stat.valid & ZIP_STAT_SIZE) && (stat.valid & ZIP_STAT_COMP_SIZE) &&
        stat.size > kRatioExemptBytes &&
        stat.size / std::max<zip_uint64_t>(stat.comp_size, 1) > kMaxRatio) {
      return TooBig(name);
    }
    std::unique_ptr<zip_file_t, ZipFileDeleter> file(
        zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) return Error{ErrorCode::kCorrupt, "unreadable zip entry " + std::string(name)};
    std::string out;
    char chunk[65536];
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), chunk, sizeof chunk);
      if (n < 0) return Error{ErrorCode::kCorrupt, "damaged zip entry " + std::string(name)};
      if (n == 0) break;
      // Checked before appending, so the buffer never grows past the cap
      // (a doubling string past it would need twice the memory limit).
      if (out.size() + static_cast<zip_uint64_t>(n) > cap) return TooBig(name);
      // An entry inflating past the size its header declares lies about
      // itself: stop at once rather than at the cap, which costs a second or
      // more of CPU on a busy machine (seen as a timeout under load).
      if ((stat.valid & ZIP_STAT_SIZE) && out.size() + static_cast<zip_uint64_t>(n) > stat.size) {
        return TooBig(name);
      }
      out.append(chunk, static_cast<std::size_t>(n));
    }
    total_ += out.size();
    return out;
  }

 private:
  explicit ZipReader(zip_t* zip) : zip_(zip) {}
  static Error TooBig(const char* name) {
    return Error{ErrorCode::kUnsupported,
                 std::string("zip bomb suspected (") + name + " inflates beyond the limits)"};
  }

  std::unique_ptr<zip_t, ZipDeleter> zip_;
  zip_uint64_t total_ = 0;
};

struct Part {
  XmlDocPtr doc;
  const xmlNode* root = nullptr;
};

Result<Part> ParsePart(ZipReader& zip, const char* name) {
  Result<std::string> bytes = zip.Read(name);
  if (!bytes.ok()) return bytes.error();
  XmlDocPtr doc(xmlReadMemory(bytes.value().data(), static_cast<int>(bytes.value().size()), name,
                              nullptr, kXmlOptions));
  if (!doc) return Error{ErrorCode::kCorrupt, std::string("unparsable ") + name};
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  return Part{std::move(doc), root};
}

// Word-processing text: text nodes, with the markup that means white space
// turned into white space. DOCX: w:p, w:t, w:tab, w:br. ODT: text:p,
// text:h, text:s, text:tab, text:line-break.
void AppendBody(const xmlNode* node, std::string& out) {
  // Field codes, deleted revisions and ODT's change log are not the text.
  static const std::unordered_set<std::string> kSkip = {"instrtext", "deltext", "tracked-changes",
                                                        "deltaxml"};
  for (; node; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) out += reinterpret_cast<const char*>(node->content);
      continue;
    }
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string name = LowerName(node);
    if (kSkip.count(name)) continue;
    if (name == "tab") out += '\t';
    if (name == "br" || name == "cr" || name == "line-break") out += '\n';
    if (name == "s") out += ' ';
    AppendBody(node->children, out);
    if (name == "p" || name == "h") out += '\n';
  }
}

// Core metadata: docProps/core.xml (DOCX) or meta.xml (ODT), both Dublin
// Core with a few extras, so one walk by local name reads either.
void ReadMeta(const xmlNode* node, ExtractedDoc& out) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string name = LowerName(node);
    const std::string value = CollapsedText(node);
    auto set = [&](std::string& field) {
      if (field.empty()) field = value;
    };
    if (name == "title") set(out.title);
    if (name == "creator" || name == "initial-creator") set(out.author);
    if (name == "description" || name == "subject") set(out.description);
    if (name == "language") set(out.language);
    if (name == "created" || name == "creation-date") set(out.date);
    if (name == "modified" || name == "date") set(out.modified);
    if (name == "keywords") set(out.keywords);
    if (name == "keyword" && !value.empty()) {  // ODT: one element per keyword
      out.keywords += out.keywords.empty() ? value : ", " + value;
    }
    ReadMeta(node->children, out);
  }
  out.date = LeadingIsoDate(out.date);  // "2014-03-04T10:00:00Z" → the day
  out.modified = LeadingIsoDate(out.modified);
}

// The first child element of `node` named `name` (local, lower case), or null.
const xmlNode* Child(const xmlNode* node, const std::string& name) {
  for (const xmlNode* child = node ? node->children : nullptr; child; child = child->next) {
    if (LowerName(child) == name) return child;
  }
  return nullptr;
}

// DOCX paragraph styles that make a heading, by style id: a style named
// "Title" or "heading N" (Word stores built-in style names in English
// whatever the interface language, while the ids are translated: "Titre1",
// "Kop1"), one with an outline level, or one based on such a style.
std::unordered_set<std::string> HeadingStyles(const xmlNode* styles_root) {
  std::unordered_map<std::string, std::string> based_on;
  std::unordered_set<std::string> headings;
  for (const xmlNode* style = styles_root ? styles_root->children : nullptr; style;
       style = style->next) {
    if (LowerName(style) != "style" || Attribute(style, "type") != "paragraph") continue;
    const std::string id = Attribute(style, "styleId");
    std::string name = Attribute(Child(style, "name"), "val");
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "title" || name.starts_with("heading") ||
        Child(Child(style, "ppr"), "outlinelvl") != nullptr) {
      headings.insert(id);
    } else if (const xmlNode* base = Child(style, "basedon")) {
      based_on[id] = Attribute(base, "val");
    }
  }
  // A chain of a few styles at most; the bound stops a cycle.
  for (int round = 0; round < 8; ++round) {
    for (const auto& [id, base] : based_on) {
      if (headings.count(base)) headings.insert(id);
    }
  }
  return headings;
}

// Whether the word-processing paragraph `p` is a heading: DOCX by its style
// (`heading_styles`) or its own outline level, ODT by being a text:h or in
// a style named as a title.
bool IsHeading(const xmlNode* p, const std::unordered_set<std::string>& heading_styles) {
  const std::string name = LowerName(p);
  if (name == "h") return true;  // ODT
  if (name != "p") return false;
  if (const xmlNode* properties = Child(p, "ppr")) {  // DOCX
    if (Child(properties, "outlinelvl")) return true;
    return heading_styles.count(Attribute(Child(properties, "pstyle"), "val")) > 0;
  }
  const std::string style = Attribute(p, "style-name");  // ODT
  return style == "Title" || style.starts_with("Heading");
}

// The text of the first heading paragraph under `node` that holds any.
std::string FirstHeading(const xmlNode* node, const std::unordered_set<std::string>& heading_styles) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (IsHeading(node, heading_styles)) {
      std::string text;
      AppendBody(node->children, text);
      text = CollapseSpace(text);
      if (!text.empty()) return text;
      continue;
    }
    const std::string name = LowerName(node);
    if (name == "p") continue;  // no headings inside a paragraph
    std::string found = FirstHeading(node->children, heading_styles);
    if (!found.empty()) return found;
  }
  return "";
}

class OfficeExtractor : public Extractor {
 public:
  Result<ExtractedDoc> Extract(const std::filesystem::path&,
                               std::string_view bytes) const override {
    Result<ZipReader> opened = ZipReader::Open(bytes);
    if (!opened.ok()) return opened.error();
    ZipReader& zip = opened.value();

    ExtractedDoc out;
    const char* body_part = nullptr;
    const char* meta_part = nullptr;
    if (zip.Has("word/document.xml")) {
      out.format = "docx";
      body_part = "word/document.xml";
      meta_part = "docProps/core.xml";
    } else if (Result<std::string> mimetype = zip.Read("mimetype");
               mimetype.ok() && mimetype.value() == "application/vnd.oasis.opendocument.text") {
      out.format = "odt";
      body_part = "content.xml";
      meta_part = "meta.xml";
    } else {
      return Error{ErrorCode::kUnsupported, "unsupported type"};  // some other zip
    }

    Result<Part> body = ParsePart(zip, body_part);
    if (!body.ok()) return body.error();
    std::string text;
    AppendBody(body.value().root, text);
    out.pages.push_back(std::move(text));
    // The title its author gave in the text: the first paragraph styled as
    // a heading (metadata titles are often a template's or a producer's).
    std::unordered_set<std::string> heading_styles;
    if (out.format == "docx" && zip.Has("word/styles.xml")) {
      Result<Part> styles = ParsePart(zip, "word/styles.xml");
      if (styles.ok()) heading_styles = HeadingStyles(styles.value().root);
    }
    out.heading = FirstHeading(body.value().root, heading_styles);
    if (zip.Has(meta_part)) {
      Result<Part> meta = ParsePart(zip, meta_part);
      if (!meta.ok()) return meta.error();
      ReadMeta(meta.value().root, out);
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Extractor> NewOfficeExtractor() { return std::make_unique<OfficeExtractor>(); }

}  // namespace archivist::extract
