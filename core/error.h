// SPDX-License-Identifier: GPL-2.0-or-later
// The project's one error vocabulary: expected per-item failures travel as
// Result<T>; failures the caller cannot recover from are thrown as Exception.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace archivist {

enum class ErrorCode { kInvalidArgument, kNotFound, kUnsupported, kCorrupt, kUnavailable, kInternal };

// Stable snake_case name of a code, as used in logs and JSON error bodies.
std::string_view ToString(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;  // for people and logs; never parsed by code
};

// A T or an Error. Swap for std::expected<T, Error> once we build as C++23.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const Error& error() const { return std::get<Error>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Thrown when the caller cannot go on (index unopenable, bad configuration).
// Caught in main() or at a thread's entry, never used for per-item failures.
class Exception : public std::runtime_error {
 public:
  Exception(ErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace archivist
