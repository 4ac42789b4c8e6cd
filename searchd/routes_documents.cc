// SPDX-License-Identifier: GPL-2.0-or-later
// The document routes: /api/documents/{id}, its /original and /similar.
#include <algorithm>
#include <memory>

#include <unistd.h>

#include "core/log.h"
#include "searchd/http_error.h"
#include "searchd/original_file.h"
#include "searchd/routes_handlers.h"
#include "searchd/search_json.h"
#include "searchd/search_params.h"

namespace archivist::searchd {
namespace {

constexpr int kMaxSimilar = 50;
constexpr std::size_t kMaxDocumentQueryBytes = 2048;

}  // namespace

void HandleDocument(const Index& index, const httplib::Request& req,
                    httplib::Response& res) {
  if (auto bad_id = CheckDocumentId(req.matches[1].str())) return WriteError(res, *bad_id);
  if (auto unknown = CheckKnownParams(req.params, {"ui_lang", "q"})) return WriteError(res, *unknown);
  Result<std::string> ui_language = ParseUiLanguage(req.params);
  if (!ui_language.ok()) return WriteError(res, ui_language.error());
  // `q`: the search the document was opened from, whose matches it marks.
  const std::string query = req.has_param("q") ? req.get_param_value("q") : "";
  if (query.size() > kMaxDocumentQueryBytes) {
    return WriteError(res, Error{ErrorCode::kInvalidArgument,
                                 "q: at most " + std::to_string(kMaxDocumentQueryBytes) + " bytes"});
  }
  ReaderPool::Lease reader = index.readers->Borrow();
  Result<Searcher*> searcher = reader.Get();
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<StoredDocument> document = searcher.value()->Document(req.matches[1], query);
  if (!document.ok()) return WriteError(res, document.error());
  SendJson(res, DocumentJson(document.value(), ui_language.value(), !query.empty()));
}

void HandleOriginal(const Index& index, const httplib::Request& req,
                    httplib::Response& res) {
  if (auto bad_id = CheckDocumentId(req.matches[1].str())) return WriteError(res, *bad_id);
  if (auto unknown = CheckKnownParams(req.params, {})) return WriteError(res, *unknown);
  ReaderPool::Lease reader = index.readers->Borrow();
  Result<Searcher*> searcher = reader.Get();
  if (!searcher.ok()) return WriteError(res, searcher.error());
  // Only the id comes from the request; the file is named by the stored record.
  Result<StoredDocument> document = searcher.value()->Document(req.matches[1]);
  if (!document.ok()) return WriteError(res, document.error());
  Result<std::shared_ptr<OriginalFile>> opened = OpenOriginal(document.value().record);
  if (!opened.ok()) {
    LogWarning("searchd", "original refused", {{"id", document.value().record.id},
                                                {"reason", opened.error().message}});
    return WriteError(res, opened.error());
  }
  std::shared_ptr<OriginalFile> file = std::move(opened).value();
  // Archived HTML and XML may carry scripts: serve them in a sandbox, as an
  // origin of their own, so they cannot reach the API or the UI. (Browsers
  // refuse to show PDFs in a sandbox; their viewer runs no page scripts.)
  if (document.value().record.format != "pdf") {
    res.set_header("Content-Security-Policy",
                   "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
  }
  std::string encoded;
  for (unsigned char c : file->file_name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      static const char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  res.set_header("Content-Disposition", "inline; filename*=UTF-8''" + encoded);
  res.set_content_provider(
      file->size, file->content_type,
      [file](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        char buffer[64 * 1024];
        const std::size_t want = std::min(length, sizeof buffer);
        const ssize_t n = pread(file->fd, buffer, want, static_cast<off_t>(offset));
        if (n <= 0) return false;  // the file shrank under us: cut the response short
        return sink.write(buffer, static_cast<std::size_t>(n));
      });
}

void HandleSimilar(const Index& index, const httplib::Request& req,
                   httplib::Response& res) {
  if (auto bad_id = CheckDocumentId(req.matches[1].str())) return WriteError(res, *bad_id);
  if (auto unknown = CheckKnownParams(req.params, {"limit", "ui_lang"})) {
    return WriteError(res, *unknown);
  }
  Result<int> limit = ParseCount(req.params, "limit", kDefaultPerPage, kMaxSimilar);
  if (!limit.ok()) return WriteError(res, limit.error());
  Result<std::string> ui_language = ParseUiLanguage(req.params);
  if (!ui_language.ok()) return WriteError(res, ui_language.error());
  ReaderPool::Lease reader = index.readers->Borrow();
  Result<Searcher*> searcher = reader.Get();
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<std::vector<SearchHit>> hits =
      searcher.value()->Similar(req.matches[1], static_cast<Xapian::doccount>(limit.value()));
  if (!hits.ok()) return WriteError(res, hits.error());
  nlohmann::json out = nlohmann::json::array();
  NamesIn names(ui_language.value());
  for (const SearchHit& hit : hits.value()) out.push_back(HitJson(hit, names));
  SendJson(res, {{"id", req.matches[1]}, {"hits", std::move(out)}});
}

}  // namespace archivist::searchd
