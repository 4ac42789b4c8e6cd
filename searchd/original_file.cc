// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/original_file.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

namespace archivist::searchd {
namespace {

std::string RealPath(const std::string& path) {
  char resolved[PATH_MAX];
  if (!realpath(path.c_str(), resolved)) return "";
  return resolved;
}

}  // namespace

OriginalFile::~OriginalFile() {
  if (fd >= 0) close(fd);
}

std::string ContentTypeFor(const std::string& format) {
  if (format == "pdf") return "application/pdf";
  if (format == "html") return "text/html";
  if (format == "xml") return "application/xml";
  if (format == "text") return "text/plain";
  return "application/octet-stream";
}

Result<std::shared_ptr<OriginalFile>> OpenOriginal(const DocumentRecord& record) {
  const Error missing{ErrorCode::kNotFound, "the original of " + record.id + " is not available"};
  if (record.root.empty() || record.path.empty() || record.path.front() == '/') return missing;
  const std::string root = RealPath(record.root);
  if (root.empty()) return missing;
  // realpath() resolves every symbolic link and "..": what it returns is
  // where the bytes really are, and that must be below the root.
  const std::string file = RealPath(record.root + "/" + record.path);
  if (file.empty() || file.size() <= root.size() + 1 || file.compare(0, root.size(), root) != 0 ||
      (root != "/" && file[root.size()] != '/')) {
    return missing;
  }
  auto original = std::make_shared<OriginalFile>();
  // O_NOFOLLOW: the resolved path must not have become a link since.
  original->fd = open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (original->fd < 0) return missing;
  struct stat st {};
  if (fstat(original->fd, &st) != 0 || !S_ISREG(st.st_mode)) return missing;
  original->size = static_cast<std::uint64_t>(st.st_size);
  original->content_type = ContentTypeFor(record.format);
  original->file_name = file.substr(file.rfind('/') + 1);
  return original;
}

}  // namespace archivist::searchd
