// SPDX-License-Identifier: GPL-2.0-or-later
// A set of byte values, built at compile time and asked in one lookup: for
// the questions put to every byte of every text (is it a word byte, is it
// punctuation to trim), where a chain of comparisons per byte shows up in
// the indexer's profiles.
#pragma once

#include <array>
#include <string_view>

namespace archivist {

class ByteSet {
 public:
  // The bytes of `members`.
  static constexpr ByteSet Of(std::string_view members) {
    ByteSet set;
    for (const char c : members) set.held_[static_cast<unsigned char>(c)] = true;
    return set;
  }

  // The bytes `belongs(unsigned char)` says yes to.
  template <typename Predicate>
  static constexpr ByteSet Where(Predicate belongs) {
    ByteSet set;
    for (unsigned c = 0; c < set.held_.size(); ++c) {
      set.held_[c] = belongs(static_cast<unsigned char>(c));
    }
    return set;
  }

  constexpr bool Holds(char c) const { return held_[static_cast<unsigned char>(c)]; }

 private:
  std::array<bool, 256> held_{};
};

}  // namespace archivist
