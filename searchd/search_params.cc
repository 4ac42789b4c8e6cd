// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/search_params.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "core/text.h"

namespace archivist::searchd {
namespace {

Error Invalid(std::string_view param, std::string_view want) {
  return Error{ErrorCode::kInvalidArgument, std::string(param) + ": " + std::string(want)};
}

std::optional<std::string> Single(const QueryParams& params, const std::string& key) {
  auto it = params.find(key);
  if (it == params.end()) return std::nullopt;
  return it->second;
}

std::optional<long> ParseInteger(const std::string& text) {
  long value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

// What a code or slug parameter may look like: its length and the bytes
// it may hold. Checked by a loop rather than std::regex, whose patterns
// were compiled by the first request to need them (1.7 M instructions of
// the first search after a start).
struct Shape {
  std::size_t min_length;
  std::size_t max_length;
  bool (*allowed)(char);

  bool Fits(std::string_view value) const {
    return value.size() >= min_length && value.size() <= max_length &&
           std::all_of(value.begin(), value.end(), allowed);
  }
};

constexpr bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsSlugByte(char c) { return IsLower(c) || IsDigit(c) || c == '_' || c == '-'; }

constexpr Shape kLanguageCode{2, 3, IsLower};  // ISO 639: "fr", or three letters such as "und"
constexpr Shape kSlug{1, 64, IsSlugByte};
constexpr Shape kCountryCode{2, 2, IsUpper};
constexpr Shape kYear{4, 4, IsDigit};

// A repeated filter parameter; every value must have `shape`.
Result<std::vector<std::string>> Values(const QueryParams& params, const std::string& key,
                                        const Shape& shape, std::string_view want) {
  std::vector<std::string> values;
  auto [begin, end] = params.equal_range(key);
  for (auto it = begin; it != end; ++it) {
    if (!shape.Fits(it->second)) return Invalid(key, want);
    if (std::find(values.begin(), values.end(), it->second) == values.end()) {
      values.push_back(it->second);
    }
  }
  return values;
}

// A name as it would be written in a URL: a parameter name is echoed in the
// error message, and the client may have sent any bytes (%ff decodes to a
// byte that is not UTF-8, which a JSON writer refuses).
std::string ShownName(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string shown;
  for (const unsigned char c : name) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      shown += static_cast<char>(c);
    } else {
      shown += '%';
      shown += kHex[c >> 4];
      shown += kHex[c & 15];
    }
  }
  return shown;
}

// RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF.
bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = [&text](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (text.size() - i < length) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned char next = byte(i + k);
      const unsigned char min = k == 1 ? low : 0x80;
      const unsigned char max = k == 1 ? high : 0xBF;
      if (next < min || next > max) return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

std::optional<Error> CheckDocumentId(std::string_view id) {
  if (!IsValidUtf8(id)) return Invalid("id", "not valid UTF-8");
  return std::nullopt;
}

std::optional<Error> CheckKnownParams(const QueryParams& params,
                                      const std::vector<std::string_view>& known,
                                      const std::vector<std::string_view>& more) {
  for (const auto& param : params) {
    // Not a structured binding: clang before 16 cannot capture one.
    const std::string& name = param.first;
    const auto is_name = [&name](std::string_view k) { return k == name; };
    if (std::none_of(known.begin(), known.end(), is_name) &&
        std::none_of(more.begin(), more.end(), is_name)) {
      return Invalid(ShownName(std::string_view(name).substr(0, 64)), "unknown parameter");
    }
    // Answers echo values (a search's and a suggestion's "query"), and a
    // JSON writer refuses bytes that are not UTF-8: that was a 500.
    if (!IsValidUtf8(param.second)) return Invalid(name, "not valid UTF-8");
  }
  return std::nullopt;
}

Result<std::string> ParseUiLanguage(const QueryParams& params) {
  auto value = Single(params, "ui_lang");
  if (!value) return std::string("en");
  if (!kLanguageCode.Fits(*value)) return Invalid("ui_lang", "an ISO 639-1 code such as fr");
  return *value;
}

Result<int> ParseCount(const QueryParams& params, const std::string& name, int fallback, int max) {
  auto text = Single(params, name);
  if (!text) return fallback;
  auto value = ParseInteger(*text);
  if (!value || *value < 1 || *value > max) {
    return Invalid(name, "want an integer in [1, " + std::to_string(max) + "]");
  }
  return static_cast<int>(*value);
}

Result<SearchRequest> ParseSearchParams(const QueryParams& params) {
  SearchRequest request;
  if (auto q = Single(params, "q")) {
    if (q->size() > kMaxQueryBytes) {
      return Invalid("q", "at most " + std::to_string(kMaxQueryBytes) + " bytes");
    }
    request.query = *q;
  }
  long page = 1;
  if (auto text = Single(params, "page")) {
    auto value = ParseInteger(*text);
    if (!value || *value < 1) return Invalid("page", "want an integer ≥ 1");
    page = *value;
  }
  long per_page = kDefaultPerPage;
  if (auto text = Single(params, "per_page")) {
    auto value = ParseInteger(*text);
    if (!value || *value < 1 || *value > kMaxPerPage) {
      return Invalid("per_page", "want an integer in [1, " + std::to_string(kMaxPerPage) + "]");
    }
    per_page = *value;
  }
  if (page > kMaxResultWindow || page * per_page > kMaxResultWindow) {
    return Invalid("page", "page × per_page may not exceed " + std::to_string(kMaxResultWindow));
  }
  request.offset = static_cast<Xapian::doccount>((page - 1) * per_page);
  request.limit = static_cast<Xapian::doccount>(per_page);

  const bool browsing = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
  request.sort = browsing ? SortOrder::kNewest : SortOrder::kRelevance;
  if (auto sort = Single(params, "sort")) {
    if (*sort == "relevance") request.sort = SortOrder::kRelevance;
    else if (*sort == "newest") request.sort = SortOrder::kNewest;
    else if (*sort == "oldest") request.sort = SortOrder::kOldest;
    else return Invalid("sort", "one of relevance, newest, oldest");
  }

  if (auto language = Single(params, "query_lang")) {
    const auto& stemmed = StemmedLanguages();
    if (std::find(stemmed.begin(), stemmed.end(), *language) == stemmed.end()) {
      return Invalid("query_lang", "one of en, fr, nl, pt, es, de");
    }
    request.query_language = *language;
  }

  struct Filter {
    const char* param;
    const Shape* shape;
    const char* want;
    std::vector<std::string>* out;
  };
  const Filter filters[] = {
      {"language", &kLanguageCode, "an ISO 639-1 code such as en", &request.languages},
      {"lang", &kLanguageCode, "an ISO 639-1 code such as en", &request.languages},
      {"type", &kSlug, "a type slug such as press_release", &request.types},
      {"topic", &kSlug, "a topic slug such as child-sex-tourism", &request.topics},
      {"country", &kCountryCode, "an ISO 3166 alpha-2 code such as BR", &request.countries},
      {"year", &kYear, "a four-digit year", &request.years},
  };
  for (const Filter& filter : filters) {
    Result<std::vector<std::string>> values = Values(params, filter.param, *filter.shape, filter.want);
    if (!values.ok()) return values.error();
    // Appended, not assigned: a name and its alias fill one filter.
    for (std::string& value : values.value()) {
      if (std::find(filter.out->begin(), filter.out->end(), value) == filter.out->end()) {
        filter.out->push_back(std::move(value));
      }
    }
  }
  for (const char* bound : {"year_from", "year_to"}) {
    auto text = Single(params, bound);
    if (!text) continue;
    auto value = ParseInteger(*text);
    if (!value || *value < 0 || *value > 9999) return Invalid(bound, "a year between 0 and 9999");
    (std::string_view(bound) == "year_from" ? request.year_from : request.year_to) =
        static_cast<int>(*value);
  }
  if (request.year_from && request.year_to && *request.year_from > *request.year_to) {
    return Invalid("year_from", "may not be after year_to");
  }
  if (auto include = Single(params, "include_undated")) {
    if (*include != "0" && *include != "1") return Invalid("include_undated", "0 or 1");
    request.include_undated = *include == "1";
  }
  if (auto collapse = Single(params, "collapse")) {
    if (*collapse != "work") return Invalid("collapse", "work (each work once), or leave it out");
    request.collapse_works = true;
  }
  // Checked whether or not it is used, so a bad link fails the same way always.
  std::string prefer_language;
  if (auto language = Single(params, "prefer_lang")) {
    if (!kLanguageCode.Fits(*language)) {
      return Invalid("prefer_lang", "an ISO 639-1 code such as fr");
    }
    prefer_language = *language;
  } else {
    Result<std::string> ui_language = ParseUiLanguage(params);
    if (!ui_language.ok()) return ui_language.error();
    prefer_language = ui_language.value();
  }
  if (request.collapse_works) request.prefer_language = prefer_language;
  return request;
}

}  // namespace archivist::searchd
