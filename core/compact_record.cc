// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/compact_record.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/plain_json.h"

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
      p_ += PlainJsonRun(p_, end_);
      if (p_ == end_) break;
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

// How one field's value is read into its owner (a DocumentRecord, a
// FileLocation, a RelatedEdition).
template <typename Owner>
using FieldReader = bool (*)(CompactReader&, Owner&);

// One key of an object of the record and how its value is read: the tables
// below are the whole shape, so a field added to the record is one line.
template <typename Owner>
struct Field {
  std::string_view key;
  FieldReader<Owner> read;
};

template <auto kMember, typename Owner>
bool AsString(CompactReader& in, Owner& owner) {
  return in.String(owner.*kMember);
}

template <auto kMember, typename Owner>
bool AsInteger(CompactReader& in, Owner& owner) {
  return in.Integer(owner.*kMember);
}

template <auto kMember, typename Owner>
bool AsStrings(CompactReader& in, Owner& owner) {
  return in.Array([&] { return in.String((owner.*kMember).emplace_back()); });
}

template <auto kMember, typename Owner>
bool AsIntegers(CompactReader& in, Owner& owner) {
  return in.Array([&] { return in.Integer((owner.*kMember).emplace_back()); });
}

// An object whose keys are each in `fields` and each there once (a key the
// record does not keep, or one given twice, is not the compact shape).
template <typename Owner, std::size_t N>
bool ReadObject(CompactReader& in, const Field<Owner> (&fields)[N], Owner& owner) {
  static_assert(N <= 64, "one bit a key");
  std::uint64_t seen = 0;
  return in.Object([&](std::string_view key) {
    for (std::size_t i = 0; i < N; ++i) {
      if (fields[i].key != key) continue;
      const std::uint64_t bit = std::uint64_t{1} << i;
      if (seen & bit) return false;
      seen |= bit;
      return fields[i].read(in, owner);
    }
    return false;
  });
}

// An array of objects, each read by `kFields`.
template <auto kMember, const auto& kFields, typename Owner>
bool AsObjects(CompactReader& in, Owner& owner) {
  return in.Array([&] { return ReadObject(in, kFields, (owner.*kMember).emplace_back()); });
}

using L = FileLocation;
constexpr Field<L> kCopyFields[] = {
    {"root", AsString<&L::root>},
    {"path", AsString<&L::path>},
    {"size", AsInteger<&L::size>},
    {"mtime", AsInteger<&L::mtime>},
    {"sidecar_mtime", AsInteger<&L::sidecar_mtime>},
};

using E = RelatedEdition;
constexpr Field<E> kEditionFields[] = {
    {"id", AsString<&E::id>},
    {"language", AsString<&E::language>},
    {"title", AsString<&E::title>},
};

using S = TextLanguageSection;
constexpr Field<S> kSectionFields[] = {
    {"start", AsInteger<&S::start>},
    {"end", AsInteger<&S::end>},
    {"language", AsString<&S::language>},
};

using R = DocumentRecord;
constexpr Field<R> kRecordFields[] = {
    {"id", AsString<&R::id>},
    {"root", AsString<&R::root>},
    {"path", AsString<&R::path>},
    {"title", AsString<&R::title>},
    {"language", AsString<&R::language>},
    {"page_languages", AsStrings<&R::page_languages>},
    {"section_languages", AsObjects<&R::section_languages, kSectionFields>},
    {"countries", AsStrings<&R::countries>},
    {"jurisdiction", AsString<&R::jurisdiction>},
    {"topics", AsStrings<&R::topics>},
    {"date", AsString<&R::date>},
    {"year", AsInteger<&R::year>},
    {"type", AsString<&R::type>},
    {"format", AsString<&R::format>},
    {"pages", AsInteger<&R::pages>},
    {"ocr_pages", AsIntegers<&R::ocr_pages>},
    {"ocr_confidence", AsInteger<&R::ocr_confidence>},
    {"chars", AsInteger<&R::chars>},
    {"language_source", AsString<&R::language_source>},
    {"date_source", AsString<&R::date_source>},
    {"title_source", AsString<&R::title_source>},
    {"size", AsInteger<&R::size>},
    {"mtime", AsInteger<&R::mtime>},
    {"sidecar_mtime", AsInteger<&R::sidecar_mtime>},
    {"hash", AsString<&R::hash>},
    {"copies", AsObjects<&R::copies, kCopyFields>},
    {"work", AsString<&R::work>},
    {"translations", AsObjects<&R::translations, kEditionFields>},
    {"versions", AsObjects<&R::versions, kEditionFields>},
};

}  // namespace

bool ReadCompactRecord(std::string_view json, DocumentRecord& r) {
  CompactReader in(json);
  return ReadObject(in, kRecordFields, r) && in.AtEnd();
}

}  // namespace archivist
