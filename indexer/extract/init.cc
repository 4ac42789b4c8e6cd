// SPDX-License-Identifier: GPL-2.0-or-later
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <poppler-global.h>

#include <cstdarg>
#include <cstdio>
#include <string>

#include "core/log.h"
#include "indexer/extract/extractor.h"
#include "indexer/extract/poppler_messages.h"

namespace archivist::extract {
namespace {

// Poppler reports every oddity of a damaged PDF on stderr unless told
// otherwise; those lines belong in the log, not on the user's terminal, and
// a missing language pack becomes the document's note (poppler_messages.h).
void PopplerMessage(const std::string& message, void*) { OnPopplerMessage(message); }

void LibxmlMessage(void*, const char* format, ...) {
  char buffer[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  std::string message(buffer);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  if (!message.empty()) Log(LogLevel::kDebug, "libxml2", message);
}

}  // namespace

void InitExtractors() {
  xmlInitParser();
  xmlSetGenericErrorFunc(nullptr, &LibxmlMessage);
  poppler::set_debug_error_function(&PopplerMessage, nullptr);
}

}  // namespace archivist::extract
