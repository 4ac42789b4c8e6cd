// SPDX-License-Identifier: GPL-2.0-or-later
// JSON written straight into the answer's string, value by value, without a
// tree to build and walk first: what searchd's answers with many hits are
// written with (issue 19: building and dumping nlohmann::json trees was a
// fifth of a search at ten hits per page). The bytes are those of
// nlohmann::json's dump(-1, ' ', false, error_handler_t::replace) for the
// same document, so a client cannot tell the two apart.
#pragma once

#include <charconv>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace archivist::searchd {

// Appends one JSON value to `out`. Objects' keys must be written in the
// order nlohmann::json keeps them (sorted bytewise): the caller writes them
// so, and debug builds assert it. Strings are escaped as nlohmann escapes
// them, invalid UTF-8 replaced by U+FFFD. Not thread-safe; `out` must
// outlive the writer.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // The next member's key, in an object: plain ASCII that needs no escape
  // in JSON (core/plain_json.h), as the API's names are; written as it is.
  void Key(std::string_view key);

  void String(std::string_view value);
  // Any integer, signed or not (bool is not one: Bool).
  template <typename Integer>
  requires(std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>) void Int(Integer value) {
    BeforeValue();
    char digits[24];  // the longest 64-bit integer and its sign
    out_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  }
  void Double(double value);
  void Bool(bool value);
  void Null();
  void Strings(const std::vector<std::string>& values);
  void Ints(const std::vector<int>& values);
  // A value built as a tree, dumped as SendJson dumps answers.
  void Tree(const nlohmann::json& value);

  // One member of an object, key and value in one call (the value as the
  // calls above write it), so that an object is written a line a member.
  void Member(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  template <typename Integer>
  requires(std::is_integral_v<Integer> &&
           !std::is_same_v<Integer, bool>) void Member(std::string_view key, Integer value) {
    Key(key);
    Int(value);
  }
  // A template, so that a string literal never converts to bool here.
  template <std::same_as<bool> Boolean>
  void Member(std::string_view key, Boolean value) {
    Key(key);
    Bool(value);
  }
  void Member(std::string_view key, double value) {
    Key(key);
    Double(value);
  }
  void Member(std::string_view key, const std::vector<std::string>& values) {
    Key(key);
    Strings(values);
  }
  void Member(std::string_view key, const std::vector<int>& values) {
    Key(key);
    Ints(values);
  }
  // The string, or null when there is none.
  void MemberOrNull(std::string_view key, std::optional<std::string_view> value) {
    Key(key);
    if (value) {
      String(*value);
    } else {
      Null();
    }
  }

 private:
  // A comma before any value but an object's or array's first, or one after a key.
  void BeforeValue();
  // `value` as a JSON string.
  void Quoted(std::string_view value);

  std::string& out_;
  struct Level {
    bool empty = true;
    std::string last_key;  // for the order check (debug builds)
  };
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace archivist::searchd
