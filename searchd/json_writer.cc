// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/json_writer.h"

#include <cassert>

#include "core/plain_json.h"

namespace archivist::searchd {
namespace {

// Whether `text` can be written between quotes as it is: no byte nlohmann
// escapes (control characters, '"', '\\') and well-formed UTF-8 (no
// overlong form, surrogate or code point past U+10FFFF), which nlohmann's
// decoder accepts unchanged. Anything else takes nlohmann's own path.
bool WritableAsIs(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    p += PlainJsonRun(p, end);
    if (p == end) break;
    const unsigned char c = *p;
    if (c < 0x80) return false;  // a control character, '"' or '\\'
    const auto cont = [&](std::ptrdiff_t i) { return p + i < end && (p[i] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) {
      if (!cont(1)) return false;
      p += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (!cont(1) || !cont(2)) return false;
      if (c == 0xE0 && p[1] < 0xA0) return false;   // overlong
      if (c == 0xED && p[1] >= 0xA0) return false;  // surrogate
      p += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (!cont(1) || !cont(2) || !cont(3)) return false;
      if (c == 0xF0 && p[1] < 0x90) return false;   // overlong
      if (c == 0xF4 && p[1] >= 0x90) return false;  // past U+10FFFF
      p += 4;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!levels_.empty()) {
    if (!levels_.back().empty) out_ += ',';
    levels_.back().empty = false;
  }
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_ += '{';
  levels_.push_back({});
}

void JsonWriter::EndObject() {
  assert(!levels_.empty() && !after_key_);
  levels_.pop_back();
  out_ += '}';
}

void JsonWriter::BeginArray() {
  BeforeValue();
  out_ += '[';
  levels_.push_back({});
}

void JsonWriter::EndArray() {
  assert(!levels_.empty() && !after_key_);
  levels_.pop_back();
  out_ += ']';
}

void JsonWriter::Key(std::string_view key) {
  assert(!levels_.empty() && !after_key_);
  Level& level = levels_.back();
  // nlohmann::json keeps an object's members in a std::map.
  assert(level.empty || level.last_key < key);
#ifndef NDEBUG
  level.last_key = key;
#endif
  if (!level.empty) out_ += ',';
  level.empty = false;
  // Keys are the API's names, plain ASCII: written without the check
  // every value's string takes (a page of hits writes some 600 keys).
  assert(PlainJsonRun(reinterpret_cast<const unsigned char*>(key.data()),
                      reinterpret_cast<const unsigned char*>(key.data()) + key.size()) ==
         key.size());
  out_ += '"';
  out_ += key;
  out_.append("\":", 2);
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  Quoted(value);
}

void JsonWriter::Quoted(std::string_view value) {
  if (WritableAsIs(value)) {
    out_ += '"';
    out_ += value;
    out_ += '"';
    return;
  }
  out_ += nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void JsonWriter::Double(double value) {
  BeforeValue();
  out_ += nlohmann::json(value).dump();
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
}

void JsonWriter::Strings(const std::vector<std::string>& values) {
  BeginArray();
  for (const std::string& value : values) String(value);
  EndArray();
}

void JsonWriter::Ints(const std::vector<int>& values) {
  BeginArray();
  for (const int value : values) Int(value);
  EndArray();
}

void JsonWriter::Tree(const nlohmann::json& value) {
  BeforeValue();
  out_ += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace archivist::searchd
