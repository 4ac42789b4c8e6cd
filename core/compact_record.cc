// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/compact_record.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/record_keys.h"

namespace archivist {
namespace {

// The length of the well-formed UTF-8 sequence of two bytes or more at `p`
// (RFC 3629: no overlong form, no surrogate, nothing past U+10FFFF, as
// nlohmann's lexer checks), or 0 when it is not one.
std::size_t Utf8SequenceAt(const unsigned char* p, const unsigned char* end) {
  const auto cont = [&](std::ptrdiff_t i, unsigned char low = 0x80, unsigned char high = 0xBF) {
    return p + i < end && p[i] >= low && p[i] <= high;
  };
  const unsigned char c = *p;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (c >= 0xE1 && c <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

// A cursor over the record's bytes that reads only the compact shape; each
// read returns false at anything else.
class CompactReader {
 public:
  explicit CompactReader(std::string_view json)
      : p_(reinterpret_cast<const unsigned char*>(json.data())), end_(p_ + json.size()) {}

  bool AtEnd() const { return p_ == end_; }

  bool Take(char c) {
    if (p_ == end_ || *p_ != static_cast<unsigned char>(c)) return false;
    ++p_;
    return true;
  }

  // An object, `member(key)` reading each member's value.
  template <typename Member>
  bool Object(const Member& member) {
    if (!Take('{')) return false;
    if (Take('}')) return true;
    do {
      std::string_view key;
      if (!Key(key) || !Take(':') || !member(key)) return false;
    } while (Take(','));
    return Take('}');
  }

  // An array, `element()` reading each element.
  template <typename Element>
  bool Array(const Element& element) {
    if (!Take('[')) return false;
    if (Take(']')) return true;
    do {
      if (!element()) return false;
    } while (Take(','));
    return Take(']');
  }

  bool String(std::string& out) {
    if (!Take('"')) return false;
    const unsigned char* run = p_;  // the bytes not copied yet
    while (p_ != end_) {
      const unsigned char c = *p_;
      if (c == '"') {
        Append(out, run);
        ++p_;
        return true;
      }
      if (c == '\\') {
        Append(out, run);
        if (end_ - p_ < 2) return false;
        const char decoded = Unescaped(p_[1]);
        if (decoded == 0) return false;  // \u, or no escape at all
        out += decoded;
        p_ += 2;
        run = p_;
      } else if (c < 0x20) {
        return false;  // a control character must be escaped
      } else if (c < 0x80) {
        ++p_;
      } else {
        const std::size_t length = Utf8SequenceAt(p_, end_);
        if (length == 0) return false;
        p_ += length;
      }
    }
    return false;  // no closing quote
  }

  // An integer as nlohmann reads one (a negative one as int64, else as
  // uint64, one past either is a float), cast to N as the general reading
  // casts it.
  template <typename N>
  bool Integer(N& out) {
    const bool negative = Take('-');
    if (p_ == end_ || !IsDigit(*p_)) return false;
    if (*p_ == '0' && p_ + 1 != end_ && IsDigit(p_[1])) return false;  // not JSON
    std::uint64_t magnitude = 0;
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
    for (; p_ != end_ && IsDigit(*p_); ++p_) {
      const unsigned digit = *p_ - '0';
      if (magnitude > (kMax - digit) / 10) return false;
      magnitude = magnitude * 10 + digit;
    }
    if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
    if (!negative) {
      out = static_cast<N>(magnitude);
      return true;
    }
    constexpr std::uint64_t kMinMagnitude = std::uint64_t{1} << 63;  // of INT64_MIN
    if (magnitude > kMinMagnitude) return false;
    out = static_cast<N>(magnitude == kMinMagnitude ? std::numeric_limits<std::int64_t>::min()
                                                    : -static_cast<std::int64_t>(magnitude));
    return true;
  }

  bool Strings(std::vector<std::string>& out) {
    return Array([&] { return String(out.emplace_back()); });
  }

 private:
  static bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

  // The character a short escape stands for; 0 for \u and anything else.
  static char Unescaped(unsigned char c) {
    switch (c) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      default:
        return 0;
    }
  }

  void Append(std::string& out, const unsigned char* from) const {
    out.append(reinterpret_cast<const char*>(from), static_cast<std::size_t>(p_ - from));
  }

  // A key: the record's keys are plain ASCII, so any other is not its shape.
  bool Key(std::string_view& key) {
    if (!Take('"')) return false;
    const unsigned char* begin = p_;
    while (p_ != end_ && *p_ != '"') {
      if (*p_ < 0x20 || *p_ == '\\' || *p_ >= 0x80) return false;
      ++p_;
    }
    key = std::string_view(reinterpret_cast<const char*>(begin),
                           static_cast<std::size_t>(p_ - begin));
    return Take('"');
  }

  const unsigned char* p_;
  const unsigned char* end_;
};

// The position of `key` in `keys`, or -1; and whether it was seen before,
// which a record given the same key twice is not in the compact shape.
template <std::size_t N>
int FirstTime(const std::string_view (&keys)[N], std::string_view key, std::uint64_t& seen) {
  for (std::size_t i = 0; i < N; ++i) {
    if (keys[i] != key) continue;
    const std::uint64_t bit = std::uint64_t{1} << i;
    if (seen & bit) return -1;
    seen |= bit;
    return static_cast<int>(i);
  }
  return -1;
}

bool ReadCopy(CompactReader& in, FileLocation& copy) {
  constexpr auto& kKeys = record_keys::kCopy;
  std::uint64_t seen = 0;
  return in.Object([&](std::string_view key) {
    switch (FirstTime(kKeys, key, seen)) {
      case 0:
        return in.String(copy.root);
      case 1:
        return in.String(copy.path);
      case 2:
        return in.Integer(copy.size);
      case 3:
        return in.Integer(copy.mtime);
      case 4:
        return in.Integer(copy.sidecar_mtime);
      default:
        return false;
    }
  });
}

bool ReadEdition(CompactReader& in, RelatedEdition& edition) {
  constexpr auto& kKeys = record_keys::kEdition;
  std::uint64_t seen = 0;
  return in.Object([&](std::string_view key) {
    switch (FirstTime(kKeys, key, seen)) {
      case 0:
        return in.String(edition.id);
      case 1:
        return in.String(edition.language);
      case 2:
        return in.String(edition.title);
      default:
        return false;
    }
  });
}

bool ReadEditions(CompactReader& in, std::vector<RelatedEdition>& editions) {
  return in.Array([&] { return ReadEdition(in, editions.emplace_back()); });
}

}  // namespace

bool ReadCompactRecord(std::string_view json, DocumentRecord& r) {
  constexpr auto& kKeys = record_keys::kRecord;
  CompactReader in(json);
  std::uint64_t seen = 0;
  const bool read = in.Object([&](std::string_view key) {
    switch (FirstTime(kKeys, key, seen)) {
      case 0:
        return in.String(r.id);
      case 1:
        return in.String(r.root);
      case 2:
        return in.String(r.path);
      case 3:
        return in.String(r.title);
      case 4:
        return in.String(r.language);
      case 5:
        return in.Strings(r.page_languages);
      case 6:
        return in.Strings(r.countries);
      case 7:
        return in.String(r.jurisdiction);
      case 8:
        return in.Strings(r.topics);
      case 9:
        return in.String(r.date);
      case 10:
        return in.Integer(r.year);
      case 11:
        return in.String(r.type);
      case 12:
        return in.String(r.format);
      case 13:
        return in.Integer(r.pages);
      case 14:
        return in.Array([&] { return in.Integer(r.ocr_pages.emplace_back()); });
      case 15:
        return in.Integer(r.ocr_confidence);
      case 16:
        return in.Integer(r.chars);
      case 17:
        return in.String(r.language_source);
      case 18:
        return in.String(r.date_source);
      case 19:
        return in.String(r.title_source);
      case 20:
        return in.Integer(r.size);
      case 21:
        return in.Integer(r.mtime);
      case 22:
        return in.Integer(r.sidecar_mtime);
      case 23:
        return in.String(r.hash);
      case 24:
        return in.Array([&] { return ReadCopy(in, r.copies.emplace_back()); });
      case 25:
        return in.String(r.work);
      case 26:
        return ReadEditions(in, r.translations);
      case 27:
        return ReadEditions(in, r.versions);
      default:
        return false;  // a key the record does not keep, or one given twice
    }
  });
  return read && in.AtEnd();
}

}  // namespace archivist
