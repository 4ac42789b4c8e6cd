// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/poppler_messages.h"

#include <algorithm>
#include <string_view>

#include "core/log.h"

namespace archivist::extract {
namespace {

thread_local PopplerMessageCapture* current_capture = nullptr;

// The n-th (0-based) single-quoted word after `from`, or "".
std::string_view Quoted(std::string_view message, std::size_t from, int n) {
  std::size_t pos = from;
  while (true) {
    const std::size_t open = message.find('\'', pos);
    if (open == std::string_view::npos) return {};
    const std::size_t close = message.find('\'', open + 1);
    if (close == std::string_view::npos) return {};
    if (n-- == 0) return message.substr(open + 1, close - open - 1);
    pos = close + 1;
  }
}

// The character collection whose CMaps Poppler lacks, as its messages name
// it (Poppler 22.12, GfxFont.cc and GlobalParams.cc), or "".
std::string_view MissingCollection(std::string_view message) {
  if (std::size_t at = message.find("Missing language pack for "); at != std::string_view::npos) {
    return Quoted(message, at, 0);
  }
  if (std::size_t at = message.find("Unknown CMap "); at != std::string_view::npos) {
    return Quoted(message, at, 1);  // 'UniJIS-UCS2-H' for character collection 'Adobe-Japan1'
  }
  if (std::size_t at = message.find("CMap file for "); at != std::string_view::npos) {
    // Couldn't find 'UniJIS-UCS2-H' CMap file for 'Adobe-Japan1' collection
    return Quoted(message, at, 0);
  }
  return {};
}

// The script a character collection's fonts write (Adobe's registry).
std::string ScriptOf(const std::string& collection) {
  if (collection == "Adobe-Japan1" || collection == "Adobe-Japan2") return "Japanese";
  if (collection == "Adobe-GB1") return "Simplified Chinese";
  if (collection == "Adobe-CNS1") return "Traditional Chinese";
  if (collection == "Adobe-Korea1" || collection == "Adobe-KR") return "Korean";
  return "";
}

}  // namespace

PopplerMessageCapture::PopplerMessageCapture() : previous_(current_capture) {
  current_capture = this;
}

PopplerMessageCapture::~PopplerMessageCapture() { current_capture = previous_; }

std::string PopplerMessageCapture::Note() const {
  if (missing_collections_.empty()) return "";
  std::string scripts, collections;
  for (const std::string& c : missing_collections_) {
    std::string script = ScriptOf(c);
    if (script.empty()) script = "CJK";
    if (scripts.find(script) == std::string::npos) scripts += (scripts.empty() ? "" : ", ") + script;
    collections += (collections.empty() ? "" : ", ") + c;
  }
  return scripts + " text may be missing: Poppler lacks the CMaps for " + collections +
         " fonts (install poppler-data)";
}

void OnPopplerMessage(const std::string& message) {
  Log(LogLevel::kDebug, "poppler", message);
  if (current_capture == nullptr) return;
  const std::string_view collection = MissingCollection(message);
  if (collection.empty()) return;
  auto& seen = current_capture->missing_collections_;
  if (std::find(seen.begin(), seen.end(), collection) == seen.end()) seen.emplace_back(collection);
}

}  // namespace archivist::extract
