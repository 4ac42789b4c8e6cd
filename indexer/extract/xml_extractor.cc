// SPDX-License-Identifier: GPL-2.0-or-later
#include <libxml/parser.h>

#include <memory>
#include <set>
#include <string>

#include "indexer/extract/extractor.h"
#include "indexer/extract/xml_util.h"

namespace archivist::extract {
namespace {

// No network, no DTD loading, no entity substitution (so an external entity
// pointing at a local file is never read), and no "huge" relaxation of
// libxml2's own limits on depth and entity amplification.
constexpr int kXmlOptions =
    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

struct ParserCtxtDeleter {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

// Elements whose text names the document, in order of preference.
const std::vector<std::string>& TitleElements() {
  static const std::vector<std::string> kNames = {"title", "longtitle", "shorttitle",
                                                  "heading", "head", "h1"};
  return kNames;
}

const xmlNode* FindFirst(const xmlNode* node, const std::string& name) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (LowerName(node) == name) return node;
    if (const xmlNode* found = FindFirst(node->children, name)) return found;
  }
  return nullptr;
}

void AppendBlocks(const xmlNode* node, std::string& out) {
  for (; node; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) out += reinterpret_cast<const char*>(node->content);
    } else if (node->type == XML_ELEMENT_NODE) {
      AppendBlocks(node->children, out);
      out += '\n';  // element boundaries are word boundaries in data-oriented XML
    }
  }
}

class XmlExtractor : public Extractor {
 public:
  Result<ExtractedDoc> Extract(const std::filesystem::path& file,
                               std::string_view bytes) const override {
    std::unique_ptr<xmlParserCtxt, ParserCtxtDeleter> ctxt(xmlNewParserCtxt());
    if (!ctxt) return Error{ErrorCode::kInternal, "cannot create an XML parser"};
    XmlDocPtr doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()),
                                    file.filename().c_str(), /*encoding=*/nullptr, kXmlOptions));
    if (!doc) {
      // libxml2's own words say which limit tripped ("Detected an entity
      // reference loop", "Excessive depth in document"...).
      const xmlError* error = xmlCtxtGetLastError(ctxt.get());
      std::string why = error && error->message ? error->message : "";
      while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
      return Error{ErrorCode::kCorrupt, why.empty() ? "unparsable XML" : "unparsable XML: " + why};
    }
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!root) return Error{ErrorCode::kCorrupt, "XML without a root element"};

    ExtractedDoc out;
    out.format = "xml";
    for (const std::string& name : TitleElements()) {
      if (const xmlNode* node = FindFirst(root, name)) {
        out.title = CollapsedText(node);
        if (!out.title.empty()) break;
      }
    }
    if (xmlChar* lang = xmlNodeGetLang(root)) {
      out.language = reinterpret_cast<const char*>(lang);
      xmlFree(lang);
    }
    std::string text;
    AppendBlocks(root, text);
    out.pages.push_back(std::move(text));
    return out;
  }
};

}  // namespace

std::unique_ptr<Extractor> NewXmlExtractor() { return std::make_unique<XmlExtractor>(); }

}  // namespace archivist::extract
