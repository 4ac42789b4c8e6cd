// SPDX-License-Identifier: GPL-2.0-or-later
// Opening the original file of an indexed document for /api/documents/{id}/original.
// The file is named only by the stored record (its archive root and the path
// below it), never by anything in the request, and must resolve to a regular
// file inside that root: a symbolic link or a "../" that leads out is refused.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "core/record.h"

namespace archivist::searchd {

struct OriginalFile {
  int fd = -1;  // open for reading; owned (closed by the destructor)
  std::uint64_t size = 0;
  std::string content_type;
  std::string file_name;  // the last path component, for Content-Disposition
  OriginalFile() = default;
  OriginalFile(const OriginalFile&) = delete;
  OriginalFile& operator=(const OriginalFile&) = delete;
  ~OriginalFile();
};

// kNotFound when the file is gone, is not a regular file, or resolves
// (through symbolic links or "..") to somewhere outside record.root; the
// message says which, for the log, and names no path beyond the request's id.
Result<std::shared_ptr<OriginalFile>> OpenOriginal(const DocumentRecord& record);

// The Content-Type served for a document of this format ("pdf", "html", …).
std::string ContentTypeFor(const std::string& format);

}  // namespace archivist::searchd
