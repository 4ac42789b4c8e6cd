// SPDX-License-Identifier: GPL-2.0-or-later
// Scanned pages made from real text PDFs, for the OCR tests and benchmark:
// a page rendered to gray pixels by pdftoppm (as a scanner would give it),
// its true text from pdftotext, and how much of that text OCR found.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/text.h"

namespace archivist::testing {

// Runs a shell command; throws with the command when it fails.
inline void RunOrThrow(const std::string& command) {
  if (std::system(command.c_str()) != 0) throw std::runtime_error("command failed: " + command);
}

inline std::string Quoted(const std::filesystem::path& path) {
  std::string out = "'";
  for (const char c : path.string()) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

inline std::string ReadWhole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The true text of page `page` (1-based) of `pdf`: pdftotext's.
inline std::string TrueText(const std::filesystem::path& pdf, int page,
                            const std::filesystem::path& work) {
  const std::filesystem::path out = work / ("truth-" + std::to_string(page) + ".txt");
  RunOrThrow("pdftotext -q -enc UTF-8 -f " + std::to_string(page) + " -l " +
             std::to_string(page) + " " + Quoted(pdf) + " " + Quoted(out));
  return ReadWhole(out);
}

// A gray page as pdftoppm renders it: width, height and one byte a pixel.
struct GrayPage {
  int width = 0;
  int height = 0;
  std::string pixels;
};

// Page `page` of `pdf` rendered in gray at `dpi` (a PGM read back).
inline GrayPage RenderGray(const std::filesystem::path& pdf, int page, int dpi,
                           const std::filesystem::path& work) {
  const std::filesystem::path stem = work / ("page-" + std::to_string(page) + "-" +
                                             std::to_string(dpi));
  RunOrThrow("pdftoppm -q -gray -singlefile -r " + std::to_string(dpi) + " -f " +
             std::to_string(page) + " -l " + std::to_string(page) + " " + Quoted(pdf) + " " +
             Quoted(stem));
  const std::string pgm = ReadWhole(stem.string() + ".pgm");
  // "P5\n<width> <height>\n255\n" then the pixels.
  GrayPage out;
  int max = 0;
  int consumed = 0;
  if (std::sscanf(pgm.c_str(), "P5 %d %d %d%n", &out.width, &out.height, &max, &consumed) != 3 ||
      max != 255) {
    throw std::runtime_error("not a PGM from pdftoppm: " + stem.string());
  }
  out.pixels = pgm.substr(static_cast<std::size_t>(consumed) + 1);
  if (out.pixels.size() != static_cast<std::size_t>(out.width) * out.height) {
    throw std::runtime_error("short PGM from pdftoppm: " + stem.string());
  }
  return out;
}

// Page `page` of `pdf` scanned to a gray PNG at `dpi`, the resolution
// recorded in the file (as a scanner records it: img2pdf sizes the page by
// it); returns the PNG's path.
inline std::filesystem::path ScanToPng(const std::filesystem::path& pdf, int page, int dpi,
                                       const std::filesystem::path& work) {
  const std::filesystem::path stem = work / (pdf.stem().string() + "-" + std::to_string(page) +
                                             "-" + std::to_string(dpi));
  RunOrThrow("pdftoppm -q -gray -png -singlefile -r " + std::to_string(dpi) + " -f " +
             std::to_string(page) + " -l " + std::to_string(page) + " " + Quoted(pdf) + " " +
             Quoted(stem));
  return stem.string() + ".png";
}

// Mild scanner noise: about one pixel in `one_in` flipped to black or white
// (a fixed seed: the same page gets the same noise every run).
inline void AddSpeckles(GrayPage& page, int one_in) {
  std::uint32_t state = 12345;
  for (char& pixel : page.pixels) {
    state = state * 1664525u + 1013904223u;
    if ((state >> 8) % static_cast<std::uint32_t>(one_in) == 0) {
      pixel = static_cast<char>((state >> 4) & 1 ? 0 : 255);
    }
  }
}

// `page` turned `degrees` about its centre (positive: clockwise), as a sheet
// fed a little askew; corners brought in from outside the sheet are white.
// Each pixel takes the bilinear mean of the four it falls between.
inline GrayPage Skewed(const GrayPage& page, double degrees) {
  GrayPage out = page;
  const double radians = degrees * 3.14159265358979323846 / 180.0;
  const double c = std::cos(radians);
  const double s = std::sin(radians);
  const double cx = page.width / 2.0;
  const double cy = page.height / 2.0;
  auto at = [&](int x, int y) -> double {
    if (x < 0 || y < 0 || x >= page.width || y >= page.height) return 255;
    return static_cast<unsigned char>(page.pixels[static_cast<std::size_t>(y) * page.width + x]);
  };
  for (int y = 0; y < page.height; ++y) {
    for (int x = 0; x < page.width; ++x) {
      // Where this pixel of the turned page comes from on the original.
      const double sx = c * (x - cx) + s * (y - cy) + cx;
      const double sy = -s * (x - cx) + c * (y - cy) + cy;
      const int x0 = static_cast<int>(std::floor(sx));
      const int y0 = static_cast<int>(std::floor(sy));
      const double fx = sx - x0;
      const double fy = sy - y0;
      const double value = (1 - fx) * (1 - fy) * at(x0, y0) + fx * (1 - fy) * at(x0 + 1, y0) +
                           (1 - fx) * fy * at(x0, y0 + 1) + fx * fy * at(x0 + 1, y0 + 1);
      out.pixels[static_cast<std::size_t>(y) * page.width + x] =
          static_cast<char>(static_cast<unsigned char>(std::lround(value)));
    }
  }
  return out;
}

// Writes `page` as a PGM (the format img2pdf and Python's PIL read).
inline void WritePgm(const GrayPage& page, const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary);
  out << "P5\n" << page.width << ' ' << page.height << "\n255\n";
  out.write(page.pixels.data(), static_cast<std::streamsize>(page.pixels.size()));
}

// The words of 4+ letters in `text`, folded (accents, case) as the index
// folds them, counted; words hyphenated across lines joined first.
inline std::map<std::string, int> LongWords(std::string_view text) {
  std::string joined;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '-' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      continue;
    }
    joined += text[i];
  }
  const std::string folded = LowerFolded(FoldText(joined));
  std::map<std::string, int> words;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 4) ++words[word];
    word.clear();
  };
  for (const char c : folded) {
    if (c >= 'a' && c <= 'z') {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return words;
}

// The share of the true text's long words (with repeats) that OCR found.
inline double WordRecall(std::string_view truth, std::string_view ocr) {
  const std::map<std::string, int> want = LongWords(truth);
  const std::map<std::string, int> got = LongWords(ocr);
  long total = 0;
  long found = 0;
  for (const auto& [word, count] : want) {
    total += count;
    const auto it = got.find(word);
    if (it != got.end()) found += std::min(count, it->second);
  }
  return total == 0 ? 1.0 : static_cast<double>(found) / static_cast<double>(total);
}

}  // namespace archivist::testing
